import { Anchor, type AnchorProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useCan } from '../../app/useCan';

/** The path of a clinic's page (Support → Clinics → one clinic). */
export const clinicPath = (id: string) => `/support/clinics/${encodeURIComponent(id)}`;

/**
 * A clinic's name or code that opens the clinic's page, for those who may see it; plain text
 * for everyone else (a clinic user never reaches the page).
 */
export function ClinicLink({
  clinicId,
  children,
  ...rest
}: { clinicId: string; children: ReactNode } & AnchorProps) {
  const canOpen = useCan('clinics:overview');
  if (!canOpen) return <>{children}</>;
  return (
    <Anchor component={Link} to={clinicPath(clinicId)} size="sm" {...rest}>
      {children}
    </Anchor>
  );
}
