import type { UploadResult } from '@telerad/contracts';

/** Why the archive turned a file away, in a clinic's words (by the catalogue code). */
const REFUSALS: Record<string, string> = {
  DICOM_UNREADABLE: 'the file is damaged or is not an X-ray image file',
  DICOM_REQUIRED_MISSING:
    'the image lacks details the centre needs; save it again from the X-ray unit',
  DICOM_INVALID_UID: 'the image is labelled wrongly by the X-ray unit; ask support',
  DICOM_SOP_CLASS_MISMATCH: 'the image is labelled wrongly by the X-ray unit; ask support',
  DICOM_UID_CONFLICT: 'another image already carries the same label; ask support',
  DICOM_TOO_LARGE: 'the file is larger than the centre accepts',
  STUDY_OTHER_CLINIC: 'this examination was already sent by another clinic',
  CLINIC_SUSPENDED: 'your clinic is suspended; contact the reading centre',
};

/** The result of one file as the page says it, and its colour. */
export function resultWords(r: UploadResult | null): { text: string; color: string } {
  switch (r?.outcome) {
    case 'stored':
      return { text: 'Received by the centre', color: 'green' };
    case 'duplicate':
      return { text: 'Already at the centre (nothing changed)', color: 'teal' };
    case 'new_version':
      return { text: 'Received (the earlier copy is kept too)', color: 'green' };
    case 'refused':
      return {
        text: `Not accepted: ${(r.code && REFUSALS[r.code]) || r.message || 'no reason given'}`,
        color: 'red',
      };
    case 'expired':
      return { text: 'Sending stopped for too long; send it again', color: 'orange' };
    default:
      return { text: 'Waiting for the centre to confirm', color: 'gray' };
  }
}
