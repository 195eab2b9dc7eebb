import { Loader } from '@mantine/core';
import { ContactList } from '../../desk/ClinicContacts';
import { useClinicOverview } from '../api';

/** Whom to call at the clinic: the desk's contact list (telephone and e-mail links, hours). */
export function ContactsSection({ clinicId }: { clinicId: string }) {
  const overview = useClinicOverview(clinicId);
  if (!overview.data) return <Loader size="sm" aria-label="Loading contacts" />;
  return <ContactList clinic={overview.data} />;
}
