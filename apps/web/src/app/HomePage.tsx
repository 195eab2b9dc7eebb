import { Alert, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconArrowRight, IconInfoCircle, IconShieldCheck } from '@tabler/icons-react';
import { ROLE_LABELS, type Role } from '@telerad/contracts';
import { Link } from 'react-router';
import { useMe } from '../features/auth/session';
import { navFor } from './nav';

/** What each role does here today, and what is coming, so no one lands on a blank page. */
const ROLE_NOTES: Record<Role, string> = {
  radiologist:
    'The reading worklist and viewer arrive in a coming release. Until then, make sure two-factor authentication is on in your profile.',
  consultant:
    'Consultations, second opinions and peer review arrive in a coming release. Until then, check your profile and two-factor authentication.',
  assistant:
    'Clinic chat and retake follow-up arrive in a coming release. Your assigned clinics are set by an administrator.',
  qa: 'Peer review, QC programmes and KPIs arrive in a coming release.',
  support:
    'You can look up clinics (AE titles, allowed networks, lifecycle) and reading centres to help with connectivity and onboarding.',
  admin:
    'Start with a reading centre and its service hours, then add clinics and invite users with the roles they need.',
  auditor: 'Search the audit trail by person, action, resource, clinic, outcome and time.',
  clinic:
    'Uploads, study status and reports arrive in a coming release. Your clinic membership is set by an administrator.',
};

/** The signed-in home page: a welcome and the next things this user can do. */
export function HomePage() {
  const me = useMe();
  const shortcuts = navFor(me.roles).filter((i) => i.path !== '/');

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
                    {item.description}
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
