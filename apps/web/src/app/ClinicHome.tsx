import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TodaysApplicants } from '../features/portal/TodaysApplicants';

/**
 * A clinic user's home: today's applicants, where each reading stands and its report once
 * released, with sending from the browser one click away.
 */
export function ClinicHome() {
  const { t } = useTranslation('clinic');
  return (
    <Stack gap="lg">
      <Card withBorder padding="lg">
        <TodaysApplicants />
      </Card>
      <Card withBorder padding="md">
        <Group justify="space-between" wrap="wrap">
          <Stack gap={2}>
            <Title order={4}>{t('home.sendTitle')}</Title>
            <Text size="sm" c="dimmed">
              {t('home.sendText')}
            </Text>
          </Stack>
          <Button component={Link} to="/send" leftSection={<IconUpload size={16} />}>
            {t('home.sendButton')}
          </Button>
        </Group>
      </Card>
    </Stack>
  );
}
