import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  Paper,
  Progress,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconFolder, IconPhoto, IconUpload } from '@tabler/icons-react';
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ClinicChoice, useClinicChoice } from './clinicChoice';
import { filesFromDrop, filesFromInput } from './collectFiles';
import { formatBytes } from './fileChecks';
import { resultWords } from './resultWords';
import { useUploadQueue, type Item } from './uploadQueue';

/** Seconds as "2 min 10 s". */
function duration(s: number, t: TFunction<'upload'>): string {
  if (!Number.isFinite(s)) return '—';
  const m = Math.floor(s / 60);
  return m
    ? t('minutes', { m, s: Math.round(s % 60) })
    : t('seconds', { s: Math.max(1, Math.round(s)) });
}

function blocked(i: Item) {
  return i.warnings.some((w) => !w.overridable) || (i.warnings.length > 0 && !i.override);
}

function StateCell({ item }: { item: Item }) {
  const { t } = useTranslation('upload');
  if (item.state === 'checking') return <Text size="sm">{t('checking')}</Text>;
  if (item.state === 'done') {
    const r = resultWords(item.result, t);
    return (
      <Text size="sm" fw={600} c={r.color}>
        {r.text}
      </Text>
    );
  }
  if (item.state === 'failed')
    return (
      <Text size="sm" c="red">
        {t('failed', { reason: item.error ?? t('connectionFailed') })}
      </Text>
    );
  const pct = item.size ? (item.sent / item.size) * 100 : 0;
  return (
    <Stack gap={2}>
      <Progress value={pct} aria-label={t('fileSent', { name: item.name })} />
      <Text size="xs" c="dimmed">
        {item.state === 'sending'
          ? t('sentOf', { sent: formatBytes(item.sent), size: formatBytes(item.size) })
          : item.warnings.some((w) => !w.overridable)
            ? t('willNotSend')
            : blocked(item)
              ? t('waitsForYou')
              : t('ready')}
      </Text>
    </Stack>
  );
}

/**
 * Send images: for clinics without a sending box. Drop files or whole folders (a DICOMDIR is
 * read to find its images), or choose them; each is checked here before it is sent, then sent
 * resumably, and each row ends with the centre's answer.
 */
export function SendImagesPage() {
  const { t } = useTranslation('upload');
  const choice = useClinicChoice();
  const q = useUploadQueue(choice.clinic);
  const [over, setOver] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const sending = q.items.some((i) => i.state === 'sending');
  useEffect(() => {
    if (!sending) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [sending]);
  useEffect(() => {
    folderInput.current?.setAttribute('webkitdirectory', '');
  }, []);

  const onDrop = async (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    await q.add(await filesFromDrop(e.dataTransfer));
  };
  const sendable = q.items.filter(
    (i) => i.state !== 'done' && i.state !== 'checking' && !blocked(i),
  );
  const total = q.items
    .filter((i) => i.state !== 'done' || i.result)
    .reduce((n, i) => n + i.size, 0);
  const sent = q.items.reduce((n, i) => n + i.sent, 0);
  const start = q.started.current;
  const elapsed = start ? (now - start.at) / 1000 : 0;
  const rate = start && elapsed > 1 ? (sent - start.bytes) / elapsed : 0;
  const left = rate > 0 ? (total - sent) / rate : Infinity;
  const done = q.items.filter((i) => i.state === 'done');

  return (
    <Stack>
      <Title order={2}>{t('title')}</Title>
      <Text c="dimmed">{t('intro')}</Text>
      <ClinicChoice choice={choice} />
      <Paper
        withBorder
        p="xl"
        radius="md"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => void onDrop(e)}
        style={{
          borderStyle: 'dashed',
          borderWidth: 2,
          background: over ? 'var(--mantine-color-blue-light)' : undefined,
        }}
        data-testid="drop-zone"
      >
        <Stack align="center" gap="sm">
          <IconUpload size={40} stroke={1.5} />
          <Text fw={500}>{t('drop')}</Text>
          <Group>
            <Button
              leftSection={<IconPhoto size={16} />}
              onClick={() => filesInput.current?.click()}
            >
              {t('chooseFiles')}
            </Button>
            <Button
              variant="default"
              leftSection={<IconFolder size={16} />}
              onClick={() => folderInput.current?.click()}
            >
              {t('chooseFolder')}
            </Button>
          </Group>
          <input
            ref={filesInput}
            type="file"
            multiple
            hidden
            data-testid="choose-files"
            onChange={(e) => e.target.files && void q.add(filesFromInput(e.target.files))}
          />
          <input
            ref={folderInput}
            type="file"
            multiple
            hidden
            data-testid="choose-folder"
            onChange={(e) => e.target.files && void q.add(filesFromInput(e.target.files))}
          />
        </Stack>
      </Paper>

      {q.missing.length > 0 && (
        <Alert color="orange" icon={<IconAlertTriangle />} title={t('missingTitle')}>
          {t('missing', { count: q.missing.length })}
        </Alert>
      )}

      {q.items.length === 0 ? (
        <Card withBorder>
          <Text c="dimmed">{t('empty')}</Text>
        </Card>
      ) : (
        <Card withBorder>
          <Stack>
            <Group justify="space-between" wrap="wrap">
              <Text fw={500}>{t('summary', { count: q.items.length, answered: done.length })}</Text>
              <Group>
                {sending && rate > 0 && (
                  <Text size="sm" c="dimmed" data-testid="rate">
                    {t('rate', { rate: formatBytes(rate), left: duration(left, t) })}
                  </Text>
                )}
                {sendable.length > 0 && choice.missing && (
                  <Text size="sm" c="orange">
                    {t('chooseClinicFirst')}
                  </Text>
                )}
                {sendable.length > 0 ? (
                  <Button onClick={() => void q.sendAll()} disabled={sending || choice.missing}>
                    {t('send', { count: sendable.length })}
                  </Button>
                ) : (
                  <Text size="sm" c="dimmed">
                    {t('nothingLeft')}
                  </Text>
                )}
              </Group>
            </Group>
            <Progress value={total ? (sent / total) * 100 : 0} aria-label={t('allSent')} />
            <Table.ScrollContainer minWidth={480}>
              <Table verticalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('columns.file')}</Table.Th>
                    <Table.Th>{t('columns.applicant')}</Table.Th>
                    <Table.Th>{t('columns.checks')}</Table.Th>
                    <Table.Th w="30%">{t('columns.sending')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {q.items.map((i) => (
                    <Table.Tr key={i.key} data-testid="upload-row">
                      <Table.Td>
                        <Text size="sm">{i.name}</Text>
                        <Text size="xs" c="dimmed">
                          {formatBytes(i.size)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{i.facts?.patientName?.replace(/\^/g, ' ') ?? '—'}</Text>
                        <Text size="xs" c="dimmed">
                          {i.facts?.patientId ? t('applicantId', { id: i.facts.patientId }) : ''}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {i.state === 'checking' ? null : i.warnings.length === 0 ? (
                          <Text size="sm" c="green">
                            {t('looksRight')}
                          </Text>
                        ) : (
                          <Stack gap={4}>
                            {i.warnings.map((w) => (
                              <Text key={w.kind} size="sm" c={w.overridable ? 'orange' : 'red'}>
                                {t(`warnings.${w.message}`, {
                                  modality: t('warnings.unknown'),
                                  ...w.params,
                                })}
                              </Text>
                            ))}
                            {i.warnings.every((w) => w.overridable) && i.state !== 'done' && (
                              <Checkbox
                                size="xs"
                                label={t('sendAnyway')}
                                checked={i.override}
                                onChange={(e) => q.setOverride(i.key, e.currentTarget.checked)}
                              />
                            )}
                          </Stack>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <StateCell item={i} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
