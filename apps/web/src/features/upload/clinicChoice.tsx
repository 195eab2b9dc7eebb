import { Select } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClinics } from '../admin/clinics/api';
import { useSession } from '../auth/session';

/**
 * Which clinic the images come from. A user of one clinic never chooses (the server takes
 * their only one); a user of several (their clinics come with the session) must choose one
 * before sending, or the server refuses the upload (UPLOAD_CLINIC_REQUIRED).
 */
export function useClinicChoice() {
  const mine = useSession().data?.user.clinicIds ?? [];
  const several = mine.length > 1;
  const clinics = useClinics(several);
  const [clinic, setClinic] = useState<string | null>(null);
  const choices = (clinics.data ?? [])
    .filter((c) => mine.includes(c.id))
    .map((c) => ({ value: c.id, label: `${c.name} (${c.code})` }));
  return {
    several,
    choices,
    /** The chosen clinic's id to send with each upload (null: the server's default). */
    clinic: several ? clinic : null,
    setClinic,
    /** Sending must wait for a choice. */
    missing: several && !clinic,
  };
}

/** The chooser, shown only to a user of several clinics. */
export function ClinicChoice({ choice }: { choice: ReturnType<typeof useClinicChoice> }) {
  const { t } = useTranslation('upload');
  if (!choice.several) return null;
  return (
    <Select
      label={t('clinic.label')}
      description={t('clinic.description')}
      placeholder={t('clinic.placeholder')}
      data={choice.choices}
      value={choice.clinic}
      onChange={choice.setClinic}
      searchable
      maw={420}
      data-testid="clinic-choice"
    />
  );
}
