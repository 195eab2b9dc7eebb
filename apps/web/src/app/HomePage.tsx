import { Alert, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconArrowRight, IconInfoCircle, IconShieldCheck } from '@tabler/icons-react';
import type { Role } from '@telerad/contracts';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { ClinicHome } from './ClinicHome';
import { useMe } from '../features/auth/session';
import { describeNavItemKey, navFor } from './nav';
import { useCan } from './useCan';

/**
 * What each role does here, in a line, so no one lands on a blank page. The clinic's note is in
 * the catalogue (`home.clinicNote`): clinic staff read their own language.
 */
const ROLE_NOTES: Record<Exclude<Role, 'clinic'>, string> = {
  radiologist:
    "Claim the next study on the Worklist: the viewer and the programme's form open side by side.",
  consultant:
    'Consultations and held reports wait for you on the Worklist; concur or amend from there.',
  assistant:
    'Your Desk gathers what waits on your clinics, longest waiting first: studies without an ID, readings near their due time, reports nobody opened.',
  assistant_lead:
    'Keep the message templates under Messages current: clinics get the same clear wording from every assistant.',
  qa: 'Set what is sampled for review under Peer-review programmes, and follow turnaround, findings and peer-review scores on the KPI dashboard. Incidents wait for you under Incidents: take one on, find its root cause, set corrective and preventive actions, and close it with a lesson for the knowledge base. Report cards give each reader’s figures for the periodic review, as PDF.',
  support:
    'You can look up clinics (AE titles, allowed networks, lifecycle) and reading centres to help with connectivity and onboarding.',
  admin:
    'Start with a reading centre and its service hours, then add clinics and invite users with the roles they need.',
  auditor: 'Search the audit trail by person, action, resource, clinic, outcome and time.',
};

/** Roles whose work is the worklist: they land on it, not on this page. */
const WORKLIST_FIRST: readonly Role[] = ['radiologist', 'consultant'];

/** Roles whose work is the desk: they land on it. */
const DESK_FIRST: readonly Role[] = ['assistant'];

/** The signed-in home page: a welcome and the next things this user can do. */
export function HomePage() {
  const me = useMe();
  const { t } = useTranslation();
  const shortcuts = navFor(me.roles).filter((i) => i.path !== '/');
  const technical = useCan('archive:technical');
  if (me.roles.some((r) => WORKLIST_FIRST.includes(r))) return <Navigate to="/worklist" replace />;
  if (me.roles.some((r) => DESK_FIRST.includes(r))) return <Navigate to="/desk" replace />;

  return (
    <Stack gap="lg" maw={1100}>
      <Stack gap={4}>
        <Title order={2}>{t('home.welcome', { name: me.displayName })}</Title>
        <Text c="dimmed">
          {t('home.signedInAs', { roles: me.roles.map((r) => t(`roles.${r}`)).join(', ') })}
        </Text>
      </Stack>

      {me.roles.includes('clinic') && <ClinicHome />}

      {!me.mfaEnabled && (
        <Alert color="yellow" variant="light" icon={<IconShieldCheck />} title={t('home.mfaTitle')}>
          <Text size="sm">
            {t('home.mfaBefore')}{' '}
            <Text component={Link} to="/profile" c="blue" inherit td="underline">
              {t('home.mfaLink')}
            </Text>{' '}
            {t('home.mfaAfter')}
          </Text>
        </Alert>
      )}

      <Stack gap="xs">
        {me.roles.map((role) => (
          <Alert
            key={role}
            variant="outline"
            color="gray"
            icon={<IconInfoCircle />}
            title={t(`roles.${role}`)}
          >
            <Text size="sm">{role === 'clinic' ? t('home.clinicNote') : ROLE_NOTES[role]}</Text>
          </Alert>
        ))}
      </Stack>

      <Title order={4}>{t('home.nextSteps')}</Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {shortcuts.map((item) => (
          <Card key={item.path} component={Link} to={item.path} withBorder padding="lg">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Group gap="sm" wrap="nowrap" align="flex-start">
                <ThemeIcon variant="light" size="lg">
                  <item.icon size={20} />
                </ThemeIcon>
                <Stack gap={2}>
                  <Text fw={600}>{t(`nav.${item.key}.label`)}</Text>
                  <Text size="sm" c="dimmed">
                    {t(describeNavItemKey(item, technical))}
                  </Text>
                </Stack>
              </Group>
              <IconArrowRight size={16} />
            </Group>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
