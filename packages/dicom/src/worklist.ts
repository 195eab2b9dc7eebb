/**
 * The DICOM Modality Worklist (PS3.4 Annex K) as both the centre's SCP and the clinic gateway's
 * local SCP serve it: one scheduled procedure step per order. The query matching and the
 * response identifiers (built from these entries) live beside this type, so the two answer alike.
 */

/** One scheduled CXR as the worklist serves it; the centre builds it from an order row. */
export interface WorklistEntry {
  /** Accession Number (0008,0050), SH. Also the Requested Procedure ID and the step's ID. */
  accessionNumber: string;
  /** Patient ID (0010,0020) and Issuer of Patient ID (0010,0021). */
  patientId: string;
  issuer: string;
  /** Patient's Name (0010,0010), PN `FAMILY^Given`. */
  patientName: string;
  /** Patient's Birth Date (0010,0030), `YYYY-MM-DD`. */
  birthDate: string;
  /** Patient's Sex (0010,0040): M, F or O. */
  sex: string;
  /** Modality (0008,0060) of the step: DX or CR. */
  modality: string;
  /** Scheduled Station AE Title (0040,0001); null: any of the clinic's units. */
  stationAeTitle: string | null;
  /** Scheduled Procedure Step Start Date (0040,0002), the clinic's local `YYYY-MM-DD`. */
  scheduledDate: string;
  /** Scheduled Procedure Step Start Time (0040,0003), `HH:MM`; null: any time that day. */
  scheduledTime: string | null;
  /** Study Instance UID (0020,000D) the unit should use. */
  studyInstanceUid: string;
  /** The requested views (PA, AP, LAT), for the step's description. */
  views: string[];
  /** routine, urgent or stat: Requested Procedure Priority (0040,1003) is HIGH for stat/urgent. */
  priority: string;
  /** The clinic's note to the technician and reader (Requested Procedure Comments). */
  note: string;
}
