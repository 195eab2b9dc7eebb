import { PERMISSIONS, rolesCan, type Role } from '@telerad/contracts';
import type { JSX } from 'react';
import { ContactsSection } from './sections/ContactsSection';
import { DeliveriesSection } from './sections/DeliveriesSection';
import { DoorsSection } from './sections/DoorsSection';
import { Hl7Section } from './sections/Hl7Section';
import { IncidentsSection } from './sections/IncidentsSection';
import { MessagesSection } from './sections/MessagesSection';
import { TrafficSection } from './sections/TrafficSection';
import { OnboardingSection } from '../onboarding/OnboardingSection';
import { GatewaysPanel } from '../gateways/GatewaysPanel';
import { ClinicInboundSection } from '../monitor/ClinicInboundSection';
import { Hl7SendersSection } from '../hl7/Hl7SendersSection';

/**
 * One section of a clinic's page: its anchor id, heading, the roles that see it (those the
 * permission behind its calls gives, from the contracts table) and what it shows. A feature adds
 * its section to {@link CLINIC_SECTIONS} with one line; the page lays it out and lists it in the
 * jump bar.
 */
export interface ClinicSection {
  id: string;
  title: string;
  roles: readonly Role[];
  Component: (p: { clinicId: string }) => JSX.Element;
}

/** The sections of a clinic's page, in page order. */
export const CLINIC_SECTIONS: readonly ClinicSection[] = [
  {
    id: 'contacts',
    title: 'Contacts',
    roles: PERMISSIONS['clinics:overview'],
    Component: ContactsSection,
  },
  {
    id: 'doors',
    title: 'DICOM doors',
    roles: PERMISSIONS['clinics:overview'],
    Component: DoorsSection,
  },
  {
    id: 'hl7',
    title: 'HL7 order senders',
    roles: PERMISSIONS['clinics:overview'],
    Component: Hl7SendersSection,
  },
  {
    id: 'hl7-results',
    title: 'HL7 result destinations',
    roles: PERMISSIONS['deliveries:read'],
    Component: Hl7Section,
  },
  {
    id: 'gateways',
    title: 'Gateways',
    roles: PERMISSIONS['gateways:read'],
    Component: GatewaysPanel,
  },
  {
    id: 'traffic',
    title: 'Recent traffic',
    roles: PERMISSIONS['clinics:overview'],
    Component: TrafficSection,
  },
  {
    id: 'inbound',
    title: 'Inbound: last study per door, refusals, working hours',
    roles: PERMISSIONS['monitor:read'],
    Component: ClinicInboundSection,
  },
  {
    id: 'deliveries',
    title: 'Deliveries',
    roles: PERMISSIONS['deliveries:read'],
    Component: DeliveriesSection,
  },
  {
    id: 'messages',
    title: 'Messages',
    roles: PERMISSIONS['messages:channels'],
    Component: MessagesSection,
  },
  {
    id: 'incidents',
    title: 'Open incidents',
    roles: PERMISSIONS['incidents:read'],
    Component: IncidentsSection,
  },
  {
    id: 'onboarding',
    title: 'Onboarding',
    roles: PERMISSIONS['onboarding:read'],
    Component: OnboardingSection,
  },
];

/** The sections a user with `roles` sees, in page order (none without the page itself). */
export function sectionsFor(roles: readonly Role[]): ClinicSection[] {
  if (!rolesCan(roles, 'clinics:overview')) return [];
  return CLINIC_SECTIONS.filter((s) => s.roles.some((r) => roles.includes(r)));
}
