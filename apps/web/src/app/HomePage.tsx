import { Alert, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconArrowRight, IconInfoCircle, IconShieldCheck } from '@tabler/icons-react';
import { ROLE_LABELS, type Role } from '@telerad/contracts';
import { Link, Navigate } from 'react-router';
import { ClinicHome } from './ClinicHome';
import { useMe } from '../features/auth/session';
import { describeNavItem, navFor } from './nav';
import { useCan } from './useCan';

/** What each role does here, in a line, so no one lands on a blank page. */
const ROLE_NOTES: Record<Role, string> = {
  radiologist:
    "Claim the next study on the Worklist: the viewer and the programme's form open side by side.",
  consultant:
    'Consultations and held reports wait for you on the Worklist; concur or amend from there.',
  assistant:
    "Follow your clinics' studies on the Worklist and Studies: due-time alerts come to the bell.",
  qa: 'Consultation rules decide which signed reports a consultant sees first; reports are under Reports.',
  support:
    'You can look up clinics (AE titles, allowed networks, lifecycle) and reading centres to help with connectivity and onboarding.',
  admin:
    'Start with a reading centre and its service hours, then add clinics and invite users with the roles they need.',
  auditor: 'Search the audit trail by person, action, resource, clinic, outcome and time.',
  clinic:
    'Your released reports and the studies you sent are below; open one to see its images and report.',
};

/** Roles whose work is the worklist: they land on it, not on this page. */
const WORKLIST_FIRST: readonly Role[] = ['radiologist', 'consultant'];

/** The signed-in home page: a welcome and the next things this user can do. */
export function HomePage() {
  const me = useMe();
  const shortcuts = navFor(me.roles).filter((i) => i.path !== '/');
  const technical = useCan('archive:technical');
  if (me.roles.some((r) => WORKLIST_FIRST.includes(r))) return <Navigate to="/worklist" replace />;

  return (
    <Stack gap="lg" maw={1100}>
      <Stack gap={4}>
        <Title order={2}>Welcome, {me.displayName}</Title>
        <Text c="dimmed">Signed in as {me.roles.map((r) => ROLE_LABELS[r]).join(', ')}.</Text>
      </Stack>

      {!me.mfaEnabled && (
        <Alert
          color="yellow"
          variant="light"
          icon={<IconShieldCheck />}
          title="Protect your account with two-factor authentication"
        >
          <Text size="sm">
            Patient images and reports deserve more than a password.{' '}
            <Text component={Link} to="/profile" c="blue" inherit td="underline">
              Set it up in your profile
            </Text>{' '}
            in two minutes with any authenticator app.
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
            title={ROLE_LABELS[role]}
          >
            <Text size="sm">{ROLE_NOTES[role]}</Text>
          </Alert>
        ))}
      </Stack>

      {me.roles.includes('clinic') && <ClinicHome />}

      <Title order={4}>Next steps</Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {shortcuts.map((item) => (
          <Card key={item.path} component={Link} to={item.path} withBorder padding="lg">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Group gap="sm" wrap="nowrap" align="flex-start">
                <ThemeIcon variant="light" size="lg">
                  <item.icon size={20} />
                </ThemeIcon>
                <Stack gap={2}>
                  <Text fw={600}>{item.label}</Text>
                  <Text size="sm" c="dimmed">
                    {describeNavItem(item, technical)}
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
