import type { UploadResult } from '@telerad/contracts';
import type { TFunction } from 'i18next';

/** Refusal codes the `upload` catalogue explains in a clinic's words (`refusals.<code>`). */
const EXPLAINED = new Set([
  'DICOM_UNREADABLE',
  'DICOM_REQUIRED_MISSING',
  'DICOM_INVALID_UID',
  'DICOM_SOP_CLASS_MISMATCH',
  'DICOM_UID_CONFLICT',
  'DICOM_TOO_LARGE',
  'STUDY_OTHER_CLINIC',
  'CLINIC_SUSPENDED',
]);

/**
 * The result of one file as the page says it, in the user's language (`t` of the `upload`
 * namespace), and its colour. Why the archive turned a file away is said by its catalogue code.
 */
export function resultWords(
  r: UploadResult | null,
  t: TFunction<'upload'>,
): { text: string; color: string } {
  switch (r?.outcome) {
    case 'stored':
      return { text: t('results.stored'), color: 'green' };
    case 'duplicate':
      return { text: t('results.duplicate'), color: 'teal' };
    case 'new_version':
      return { text: t('results.new_version'), color: 'green' };
    case 'refused': {
      const reason =
        r.code && EXPLAINED.has(r.code)
          ? t(`refusals.${r.code}`)
          : r.message || t('results.noReason');
      return { text: t('results.refused', { reason }), color: 'red' };
    }
    case 'expired':
      return { text: t('results.expired'), color: 'orange' };
    default:
      return { text: t('results.pending'), color: 'gray' };
  }
}
