import type { ReactNode } from 'react';
import { Anchor, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryState } from './components/QueryState';
import { useStudies } from '../features/archive/api';
import { NO_FILTERS } from '../features/archive/filters';
import { formatPersonName } from '../features/archive/studyFormat';
import { studyPath } from '../features/archive/studyLinks';
import { StudyStatusBadge } from '../features/archive/StudyStatusBadge';
import { useReports } from '../features/reports/api';
import { useDateFormat } from '../i18n/useDateFormat';

/** Rows per list: enough to see what is new without a second page on a slow link. */
const SHOWN = 5;

/** One study of a list on the clinic's home: the patient, linking to the study, and its state. */
function StudyRow({
  study,
  children,
}: {
  study: { studyUid: string; patientName: string | null; patientId: string | null };
  children: ReactNode;
}) {
  return (
    <Group justify="space-between" wrap="nowrap">
      <Anchor component={Link} to={studyPath(study.studyUid)} size="sm">
        {formatPersonName(study.patientName)} · {study.patientId}
      </Anchor>
      {children}
    </Group>
  );
}

/**
 * A clinic user's home: the newest released reports (what waits for them) and the newest
 * studies with whether each is still arriving, so the next step is one click away.
 */
export function ClinicHome() {
  const { t } = useTranslation('clinic');
  const format = useDateFormat();
  const reports = useReports({ limit: SHOWN });
  const studies = useStudies(NO_FILTERS);

  return (
    <Stack>
      <Card withBorder padding="lg">
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
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder padding="lg">
          <Stack gap="sm">
            <Group justify="space-between">
              <Title order={4}>{t('home.newReports')}</Title>
              <Anchor component={Link} to="/reports" size="sm">
                {t('home.allReports')}
              </Anchor>
            </Group>
            <QueryState query={reports}>
              {(data) =>
                data.reports.length === 0 ? (
                  <Text c="dimmed" size="sm">
                    {t('home.noReports')}
                  </Text>
                ) : (
                  <Stack gap={6}>
                    {data.reports.map((r) => (
                      <StudyRow key={r.id} study={r}>
                        <Text size="sm" c="dimmed">
                          {t('home.released', { date: format.date(r.releasedAt) })}
                        </Text>
                      </StudyRow>
                    ))}
                  </Stack>
                )
              }
            </QueryState>
          </Stack>
        </Card>
        <Card withBorder padding="lg">
          <Stack gap="sm">
            <Group justify="space-between">
              <Title order={4}>{t('home.recentStudies')}</Title>
              <Anchor component={Link} to="/studies" size="sm">
                {t('home.allStudies')}
              </Anchor>
            </Group>
            <QueryState query={studies}>
              {(data) => {
                const list = data.pages.flatMap((p) => p.studies).slice(0, SHOWN);
                return list.length === 0 ? (
                  <Text c="dimmed" size="sm">
                    {t('home.noStudies')}
                  </Text>
                ) : (
                  <Stack gap={6}>
                    {list.map((s) => (
                      <StudyRow key={s.studyUid} study={s}>
                        <Group gap="xs" wrap="nowrap">
                          <StudyStatusBadge study={s} />
                          <Text size="sm" c="dimmed" visibleFrom="sm">
                            {t('home.received', { date: format.dateTime(s.lastReceivedAt) })}
                          </Text>
                        </Group>
                      </StudyRow>
                    ))}
                  </Stack>
                );
              }}
            </QueryState>
          </Stack>
        </Card>
      </SimpleGrid>
    </Stack>
  );
}
