import {
  Alert,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  Kbd,
  Paper,
  Stack,
  Text,
  Timeline,
  Title,
  Typography,
} from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconArrowLeft, IconCircleCheck, IconExternalLink, IconHistory } from '@tabler/icons-react';
import type { SopDocument } from '@telerad/contracts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { QueryState } from '../../app/components/QueryState';
import { notifyError, notifySuccess } from '../../app/notify';
import { useCan } from '../../app/useCan';
import { useDateFormat } from '../../i18n/useDateFormat';
import { AcknowledgementList } from './AcknowledgementList';
import { sopFileUrl, useAcknowledgeSop, useSop } from './api';
import { SopEditorButton } from './SopEditor';
import { renderSopMarkdown } from './sopHtml';
import { SopStatusBadge } from './SopStatusBadge';

const sizeOf = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;

/** The version's text, or its PDF to open. */
function VersionContent({ doc }: { doc: SopDocument }) {
  const { t } = useTranslation('sops');
  const v = doc.shown;
  const html = useMemo(() => (v.format === 'markdown' ? renderSopMarkdown(v.markdown) : ''), [v]);
  if (v.format === 'pdf')
    return (
      <Stack gap="sm">
        <Text size="sm">{t('doc.pdfNote', { size: sizeOf(v.fileSize ?? 0) })}</Text>
        <Button
          component="a"
          href={sopFileUrl(doc.id, v.version)}
          target="_blank"
          rel="noopener"
          leftSection={<IconExternalLink size={16} />}
          w="fit-content"
        >
          {t('doc.pdf')}
        </Button>
      </Stack>
    );
  return (
    <Typography>
      <div data-testid="sop-text" dangerouslySetInnerHTML={{ __html: html }} />
    </Typography>
  );
}

/** Asks the reader to confirm the version once read (one click, or A), or says they did. */
function Acknowledge({ doc }: { doc: SopDocument }) {
  const { t } = useTranslation('sops');
  const format = useDateFormat();
  const ack = useAcknowledgeSop(doc.id);
  const v = doc.shown;
  const waiting = v.mustAcknowledge && !v.acknowledgedAt;
  const confirm = () =>
    ack.mutate(v.version, {
      onSuccess: () => notifySuccess(t('doc.thanks')),
      onError: (e) => notifyError(e),
    });
  useHotkeys(waiting && !ack.isPending ? [['a', confirm]] : []);
  if (v.acknowledgedAt)
    return (
      <Alert color="teal" icon={<IconCircleCheck size={18} />} data-testid="sop-acknowledged">
        {t('doc.acknowledged', { date: format.dateTime(v.acknowledgedAt) })}
      </Alert>
    );
  if (!waiting) return null;
  return (
    <Alert color="orange" title={t('doc.mustAcknowledge')}>
      <Group gap="sm">
        <Button
          onClick={confirm}
          loading={ack.isPending}
          leftSection={<IconCircleCheck size={16} />}
        >
          {t('doc.acknowledge')}
        </Button>
        <Text size="sm" c="dimmed">
          {t('doc.acknowledgeKey')} <Kbd>A</Kbd>
        </Text>
      </Group>
    </Alert>
  );
}

/** The versions, newest first: each one readable, with what changed and who published it. */
function History({ doc }: { doc: SopDocument }) {
  const { t } = useTranslation('sops');
  const format = useDateFormat();
  const newest = doc.versions[0]?.version;
  return (
    <Paper withBorder radius="md" p="md">
      <Group gap={6} mb="sm">
        <IconHistory size={18} />
        <Title order={4}>{t('doc.history')}</Title>
      </Group>
      <Timeline active={-1} bulletSize={14} lineWidth={2}>
        {doc.versions.map((v) => (
          <Timeline.Item
            key={v.version}
            title={
              <Group gap={6}>
                {v.version === doc.shown.version ? (
                  <Text size="sm" fw={700}>
                    {t('doc.version', { version: v.version })}
                  </Text>
                ) : (
                  <Anchor
                    component={Link}
                    to={
                      v.version === newest
                        ? `/sops/${doc.id}`
                        : `/sops/${doc.id}?version=${v.version}`
                    }
                    size="sm"
                    fw={600}
                  >
                    {t('doc.version', { version: v.version })}
                  </Anchor>
                )}
                {v.version === newest && (
                  <Badge size="xs" variant="light">
                    {t('doc.current')}
                  </Badge>
                )}
              </Group>
            }
          >
            <Text size="xs" c="dimmed">
              {t('doc.published', { name: v.publishedBy, date: format.date(v.publishedAt) })}
            </Text>
            <Text size="xs" c="dimmed">
              {t('doc.effective', { date: format.calendarDate(v.effectiveOn) })}
            </Text>
            <Text size="sm" c={v.changeNote ? undefined : 'dimmed'}>
              {v.changeNote || t('doc.noChangeNote')}
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
    </Paper>
  );
}

/**
 * One procedure or guideline: the version asked for (the current one by default) with the
 * request to confirm it has been read, its versions, and, for QA, who confirmed which version
 * and the editor of the next one.
 */
export function SopPage() {
  const { sopId = '' } = useParams();
  const [params] = useSearchParams();
  const asked = Number(params.get('version')) || undefined;
  const sop = useSop(sopId, asked);
  const manage = useCan('sops:manage');
  const { t } = useTranslation('sops');
  const format = useDateFormat();
  return (
    <QueryState query={sop}>
      {(doc) => {
        const newest = doc.versions[0]!;
        const old = doc.shown.version !== newest.version;
        return (
          <Stack gap="md">
            <Anchor component={Link} to="/sops" size="sm">
              <Group gap={4}>
                <IconArrowLeft size={14} /> {t('doc.back')}
              </Group>
            </Anchor>
            <Group justify="space-between" align="flex-end">
              <Stack gap={2}>
                <Title order={2}>
                  {doc.ref} · {doc.title}
                </Title>
                <Text c="dimmed" size="sm">
                  {t('doc.version', { version: doc.shown.version })} ·{' '}
                  {t('doc.effective', { date: format.calendarDate(doc.shown.effectiveOn) })} ·{' '}
                  {t('doc.reviewDue', { date: format.calendarDate(doc.shown.reviewDueOn) })} ·{' '}
                  {t('doc.owner', { name: doc.ownerName })}
                </Text>
              </Stack>
              <Group gap="xs">
                {!old && <SopStatusBadge status={doc.status} />}
                {manage && !old && <SopEditorButton doc={doc} />}
              </Group>
            </Group>
            {old && (
              <Alert color="gray">
                {t('doc.oldVersion', {
                  version: doc.shown.version,
                  date: format.date(doc.shown.supersededAt),
                })}{' '}
                <Anchor component={Link} to={`/sops/${doc.id}`} inherit>
                  {t('doc.readNewest')}
                </Anchor>
              </Alert>
            )}
            <Grid gap="md">
              <Grid.Col span={{ base: 12, lg: 8 }}>
                <Stack gap="md">
                  <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }}>
                    <VersionContent doc={doc} />
                  </Paper>
                  <Acknowledge doc={doc} />
                </Stack>
              </Grid.Col>
              <Grid.Col span={{ base: 12, lg: 4 }}>
                <History doc={doc} />
              </Grid.Col>
            </Grid>
            {manage && <AcknowledgementList id={doc.id} />}
          </Stack>
        );
      }}
    </QueryState>
  );
}
