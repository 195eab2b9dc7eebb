import { Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { ROLE_LABELS } from '@telerad/contracts';
import { PageHeader } from '../../app/components/PageHeader';
import { useMe, useSession } from '../auth/session';
import { formatDateTime } from '../../app/format';
import { NotificationPreferencesCard } from '../notifications/NotificationPreferencesCard';
import { ApiTokensCard } from './ApiTokensCard';
import { ChangePasswordCard } from './ChangePasswordCard';
import { MfaCard } from './MfaCard';

/** The signed-in user's own page: who they are, password, MFA, notifications and API tokens. */
export function ProfilePage() {
  const me = useMe();
  const { data: session } = useSession();
  return (
    <>
      <PageHeader
        title="Profile"
        description="Your account, sign-in security, notifications and API tokens."
      />
      <Stack gap="lg" maw={1100}>
        <Paper withBorder p="lg" radius="md">
          <Group justify="space-between" align="flex-start">
            <Stack gap={2}>
              <Title order={4}>
                {me.displayName}
                {me.credentials && (
                  <Text span c="dimmed" fw={400}>
                    {' '}
                    {me.credentials}
                  </Text>
                )}
              </Title>
              <Text size="sm" c="dimmed" ff="monospace">
                {me.username}
              </Text>
            </Stack>
            <Group gap={4}>
              {me.roles.map((r) => (
                <Badge key={r} variant="light">
                  {ROLE_LABELS[r]}
                </Badge>
              ))}
            </Group>
          </Group>
          {session && (
            <Text size="xs" c="dimmed" mt="sm">
              This session ends at {formatDateTime(session.expiresAt)} at the latest.
            </Text>
          )}
        </Paper>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <ChangePasswordCard />
          <MfaCard />
        </SimpleGrid>
        <NotificationPreferencesCard />
        <ApiTokensCard />
      </Stack>
    </>
  );
}
