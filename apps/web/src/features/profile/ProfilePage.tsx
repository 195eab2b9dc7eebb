import { Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/components/PageHeader';
import { useMe, useSession } from '../auth/session';
import { useDateFormat } from '../../i18n/useDateFormat';
import { NotificationPreferencesCard } from '../notifications/NotificationPreferencesCard';
import { ApiTokensCard } from './ApiTokensCard';
import { ChangePasswordCard } from './ChangePasswordCard';
import { LanguageCard } from './LanguageCard';
import { MfaCard } from './MfaCard';

/** The signed-in user's own page: who they are, password, MFA, notifications and API tokens. */
export function ProfilePage() {
  const me = useMe();
  const { data: session } = useSession();
  const { t } = useTranslation('profile');
  const format = useDateFormat();
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
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
                  {t(`common:roles.${r}`)}
                </Badge>
              ))}
            </Group>
          </Group>
          {session && (
            <Text size="xs" c="dimmed" mt="sm">
              {t('sessionEnds', { date: format.dateTime(session.expiresAt) })}
            </Text>
          )}
        </Paper>
        {/* Centre pages are in English; the choice is for clinic staff's pages and e-mails. */}
        {me.roles.includes('clinic') && <LanguageCard />}
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
