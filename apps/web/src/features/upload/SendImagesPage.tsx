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
import { ClinicChoice, useClinicChoice } from './clinicChoice';
import { filesFromDrop, filesFromInput } from './collectFiles';
import { formatBytes } from './fileChecks';
import { resultWords } from './resultWords';
import { useUploadQueue, type Item } from './uploadQueue';

/** Seconds as "2 min 10 s". */
function duration(s: number): string {
  if (!Number.isFinite(s)) return '—';
  const m = Math.floor(s / 60);
  return m ? `${m} min ${Math.round(s % 60)} s` : `${Math.max(1, Math.round(s))} s`;
}

function blocked(i: Item) {
  return i.warnings.some((w) => !w.overridable) || (i.warnings.length > 0 && !i.override);
}

function StateCell({ item }: { item: Item }) {
  if (item.state === 'checking') return <Text size="sm">Checking…</Text>;
  if (item.state === 'done') {
    const r = resultWords(item.result);
    return (
      <Text size="sm" fw={600} c={r.color}>
        {r.text}
      </Text>
    );
  }
  if (item.state === 'failed')
    return (
      <Text size="sm" c="red">
        Not sent: {item.error ?? 'the connection failed'}. Press Send again to resume.
      </Text>
    );
  const pct = item.size ? (item.sent / item.size) * 100 : 0;
  return (
    <Stack gap={2}>
      <Progress value={pct} aria-label={`${item.name} sent`} />
      <Text size="xs" c="dimmed">
        {item.state === 'sending'
          ? `${formatBytes(item.sent)} of ${formatBytes(item.size)}`
          : item.warnings.some((w) => !w.overridable)
            ? 'Will not be sent'
            : blocked(item)
              ? 'Not sent until you decide'
              : 'Ready to send'}
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
      <Title order={2}>Send images</Title>
      <Text c="dimmed">
        For clinics without a sending box: send the X-ray images saved by your X-ray unit. If the
        connection drops, sending carries on where it stopped, even after you close this page and
        open it again.
      </Text>
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
          <Text fw={500}>
            Drop image files or a whole folder here (a CD folder with DICOMDIR works too)
          </Text>
          <Group>
            <Button
              leftSection={<IconPhoto size={16} />}
              onClick={() => filesInput.current?.click()}
            >
              Choose files
            </Button>
            <Button
              variant="default"
              leftSection={<IconFolder size={16} />}
              onClick={() => folderInput.current?.click()}
            >
              Choose a folder
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
        <Alert
          color="orange"
          icon={<IconAlertTriangle />}
          title="Some images of the CD are missing"
        >
          The folder's index lists {q.missing.length} image(s) that were not in what you dropped.
          Drop the whole folder of the CD.
        </Alert>
      )}

      {q.items.length === 0 ? (
        <Card withBorder>
          <Text c="dimmed">
            No images chosen yet. Drop the images of today's applicants above, or press Choose
            files. Each image is checked before anything is sent.
          </Text>
        </Card>
      ) : (
        <Card withBorder>
          <Stack>
            <Group justify="space-between" wrap="wrap">
              <Text fw={500}>
                {q.items.length} image(s) · {done.length} answered by the centre
              </Text>
              <Group>
                {sending && rate > 0 && (
                  <Text size="sm" c="dimmed" data-testid="rate">
                    {formatBytes(rate)}/s · {duration(left)} left
                  </Text>
                )}
                {sendable.length > 0 && choice.missing && (
                  <Text size="sm" c="orange">
                    Choose the clinic above first
                  </Text>
                )}
                {sendable.length > 0 ? (
                  <Button onClick={() => void q.sendAll()} disabled={sending || choice.missing}>
                    Send {sendable.length} image(s)
                  </Button>
                ) : (
                  <Text size="sm" c="dimmed">
                    Nothing left to send
                  </Text>
                )}
              </Group>
            </Group>
            <Progress value={total ? (sent / total) * 100 : 0} aria-label="All images sent" />
            <Table.ScrollContainer minWidth={480}>
              <Table verticalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>File</Table.Th>
                    <Table.Th>Applicant</Table.Th>
                    <Table.Th>Checks</Table.Th>
                    <Table.Th w="30%">Sending</Table.Th>
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
                          {i.facts?.patientId ? `ID ${i.facts.patientId}` : ''}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {i.state === 'checking' ? null : i.warnings.length === 0 ? (
                          <Text size="sm" c="green">
                            Looks right
                          </Text>
                        ) : (
                          <Stack gap={4}>
                            {i.warnings.map((w) => (
                              <Text key={w.kind} size="sm" c={w.overridable ? 'orange' : 'red'}>
                                {w.text}
                              </Text>
                            ))}
                            {i.warnings.every((w) => w.overridable) && i.state !== 'done' && (
                              <Checkbox
                                size="xs"
                                label="Send anyway"
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
