import type { CatalogueEntry } from './entry';

/** Receiving and storing images: DICOM objects, uploads, studies and their identity (PS3.7 Annex C statuses where DIMSE answers). */
export const ARCHIVE_ERRORS = {
  DICOM_UNREADABLE: {
    status: 400,
    message: 'The object is not a readable DICOM Part 10 file.',
    dimseStatus: 0xc000,
  },
  DICOM_REQUIRED_MISSING: {
    status: 400,
    message: 'The object lacks an attribute the archive requires.',
    dimseStatus: 0xc001,
  },
  DICOM_INVALID_UID: {
    status: 400,
    message: 'The object carries an invalid UID.',
    dimseStatus: 0xc002,
  },
  DICOM_SOP_CLASS_MISMATCH: {
    status: 400,
    message: 'The dataset does not match its SOP class.',
    dimseStatus: 0xa900,
  },
  DICOM_UID_CONFLICT: {
    status: 409,
    message:
      'This SOP Instance UID is already stored in another study or series. The sender must give this object its own UID; the stored one is kept.',
    // Duplicate SOP Instance (PS3.7 §C.4.2.1.x, 0111H): the UID names another object here.
    dimseStatus: 0x0111,
  },
  DICOM_TOO_LARGE: {
    status: 413,
    message: 'The object is larger than the archive accepts.',
    dimseStatus: 0xa701,
  },
  CHECKSUM_MISMATCH: {
    status: 400,
    message:
      'The object arrived changed: its SHA-256 does not match the checksum the sender declared. It was not stored; send it again.',
    // Processing failure (PS3.7 §C.4.2.1.x, 0110H): the sender may retry; nothing was kept.
    dimseStatus: 0x0110,
  },
  STORAGE_FULL: {
    status: 507,
    message:
      'The archive is refusing new objects: its disk is nearly full. Send again later; support has been alerted.',
    dimseStatus: 0xa700,
  },
  DICOM_TRANSCODE_FAILED: {
    status: 500,
    message:
      'The stored object could not be converted to the transfer syntax asked for. Ask for it as stored (transfer-syntax=*).',
    // Unable to perform sub-operations (PS3.4 §C.4.2.1.4) for the C-MOVE/C-GET that needed it.
    dimseStatus: 0xa702,
  },
  MULTIPART_MALFORMED: {
    status: 400,
    message:
      'The request body is not valid multipart/related (RFC 2387): check the boundary parameter and the part delimiters.',
  },
  STOW_CLINIC_REQUIRED: {
    status: 400,
    message:
      'Name the clinic these objects come from with the ?clinic=<code> query parameter (you may send for more than one clinic).',
  },
  UPLOAD_CLINIC_REQUIRED: {
    status: 400,
    message:
      'You send images for more than one clinic: choose the clinic these images come from (upload metadata "clinic").',
  },
  UPLOAD_NOT_FINISHED: {
    status: 409,
    message:
      'This file is not finished yet: it is still arriving or being filed by the centre. Keep the page open: sending resumes where it stopped and the answer follows.',
  },
  STUDY_UID_MISMATCH: {
    status: 409,
    message:
      'The object belongs to another study than the one in the request URL (/studies/{StudyInstanceUID}); it was refused.',
    dimseStatus: 0xa900,
  },
  STUDY_OTHER_CLINIC: {
    status: 409,
    message: 'This Study Instance UID already belongs to another clinic; the object was refused.',
    dimseStatus: 0x0124,
  },
  DIMSE_CALLED_AE_UNKNOWN: {
    status: 403,
    message:
      "The association named another called AE title than the centre's. Set the modality's destination AE title to the one on the clinic's connection sheet.",
  },
  DIMSE_CALLING_AE_UNKNOWN: {
    status: 403,
    message:
      "The calling AE title is not registered to any clinic. Register it on the clinic's page, or correct the AE title set on the modality.",
  },
  DIMSE_ADDRESS_NOT_ALLOWED: {
    status: 403,
    message:
      "The sender's address is outside the networks allowed for its AE title. Add the clinic's network on its page, or send from the clinic's own network.",
  },
  DIMSE_BUSY: {
    status: 503,
    message:
      'The archive could not take the association now (at its association limit, or its database unreachable). The modality should retry in a few minutes.',
  },
  STUDY_IDENTITY_REQUIRED: {
    status: 409,
    message: "Enter the applicant's ID first: a study without one cannot be read.",
  },
} as const satisfies Record<string, CatalogueEntry>;
