import type { AttentionCode, AttentionFlag } from '@telerad/contracts';

/** How each reason reads to an assistant, and its colour. */
export const REASONS: Record<AttentionCode, { label: string; color: string; help: string }> = {
  patient_id_missing: {
    label: 'No Patient ID',
    color: 'red',
    help: 'Not in the reading worklist until you enter the applicant’s ID and name.',
  },
  patient_name_missing: {
    label: 'No patient name',
    color: 'orange',
    help: 'The clinic sent no name; enter it with the ID.',
  },
  iod_deviation: {
    label: 'Incomplete header',
    color: 'yellow',
    help: 'Stored as sent; the viewer may lack some geometry or display values.',
  },
  no_pixel_data: {
    label: 'No image',
    color: 'grape',
    help: 'The object has no pixel data: ask the clinic to resend the image.',
  },
  clinic_sr_unread: {
    label: 'Clinic report not read',
    color: 'orange',
    help: 'The clinic sent its own report as a DICOM SR that could not be taken as its read; it is kept. Ask the clinic to enter its read in the portal.',
  },
  new_version: {
    label: 'New version',
    color: 'blue',
    help: 'Different bytes arrived under a known SOP Instance UID; the earlier copy is kept.',
  },
};

/** Display order: what blocks the read first. */
const ORDER: AttentionCode[] = [
  'patient_id_missing',
  'patient_name_missing',
  'no_pixel_data',
  'iod_deviation',
  'clinic_sr_unread',
  'new_version',
];

/** The reasons in display order. */
export function sortedReasons(flags: readonly AttentionFlag[]): AttentionFlag[] {
  return [...flags].sort((a, b) => ORDER.indexOf(a.code) - ORDER.indexOf(b.code));
}

/**
 * What exactly, beside the reason's badge: the IOD and what it lacks, or the tail of a new
 * version's SOP Instance UID (the full one is in the tooltip); with the count when several.
 */
export function reasonDetail(f: AttentionFlag): string {
  const what =
    f.code === 'new_version'
      ? `instance …${f.detail.slice(-8)}`
      : f.code === 'no_pixel_data'
        ? ''
        : f.code === 'clinic_sr_unread'
          ? f.detail
          : f.detail.replace(/^[^:]*: /, '');
  const times = f.count > 1 ? `${f.count} instances` : '';
  return [what, times].filter(Boolean).join(' · ');
}
