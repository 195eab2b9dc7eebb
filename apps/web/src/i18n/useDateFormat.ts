import { useTranslation } from 'react-i18next';
import { dateFormat, type DateFormat } from '../app/format';
import { useSession } from '../features/auth/session';

/**
 * Timestamps as a clinic reads them: in the user's language and their clinic's time zone (the
 * browser's zone for centre staff, who have no clinic). Re-renders when the language changes.
 */
export function useDateFormat(): DateFormat {
  const { i18n } = useTranslation();
  const timeZone = useSession().data?.user.timeZone ?? undefined;
  return dateFormat({ locale: i18n.language, timeZone });
}
