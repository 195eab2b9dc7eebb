import { Alert, Button, Chip, Group, Kbd, Modal, Stack, Text, Textarea } from '@mantine/core';
import type { WorklistTask } from '@telerad/contracts';
import { useEffect, useState } from 'react';
import { ApiError, errorMessage } from '../../app/apiError';
import { formatPersonName } from '../archive/studyFormat';
import { useReadNow } from './api';
import { formatMinutes } from './slaClock';
import { readerTimeZone, waitingLine } from './waitingWords';

/** Reasons readers give most; one click fills the field, which stays editable. */
const COMMON_REASONS = [
  'Clinic asked for it urgently',
  'Applicant travels soon',
  'Reading ahead on a quiet shift',
];

/**
 * "Read now…": asks why a reader takes a task that waits for its centre to open, then takes and
 * claims it (`POST /api/tasks/:id/read-now`). The reason is required and recorded with the
 * routing decision and in the audit trail. Enter sends, Shift+Enter starts a new line.
 */
export function ReadNowDialog({
  task,
  onClose,
  onTaken,
  onNoLongerWaiting,
}: {
  /** The waiting task; null keeps the dialog closed. */
  task: WorklistTask | null;
  onClose: () => void;
  onTaken: (task: WorklistTask) => void;
  /** Its centre opened meanwhile (TASK_NOT_WAITING): the page claims it the usual way. */
  onNoLongerWaiting: (task: WorklistTask) => void;
}) {
  const readNow = useReadNow();
  const [reason, setReason] = useState('');
  const { reset } = readNow;
  useEffect(() => {
    setReason('');
    reset();
  }, [task?.id, reset]);
  const ok = reason.trim().length >= 3;
  const send = () => {
    if (!task || !ok || readNow.isPending) return;
    readNow.mutate(
      { id: task.id, reason: reason.trim() },
      {
        onSuccess: onTaken,
        onError: (error) => {
          if (error instanceof ApiError && error.code === 'TASK_NOT_WAITING')
            onNoLongerWaiting(task);
        },
      },
    );
  };
  const line = task ? waitingLine(task, Date.now(), readerTimeZone()) : null;
  const sla = task?.slaMinutes ? formatMinutes(task.slaMinutes) : null;

  return (
    <Modal opened={task !== null} onClose={onClose} title="Read this study now?" size="md">
      {task && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            send();
          }}
        >
          <Stack gap="sm">
            <Text size="sm">
              <b>{formatPersonName(task.patientName)}</b> ({task.clinicCode}) waits for{' '}
              {task.centreName ?? 'a reading centre'}. {line ? `${line}.` : ''}
            </Text>
            <Text size="sm" c="dimmed">
              Reading it now moves it to your centre, claims it for you and starts its
              {sla ? ` ${sla}` : ''} clock now. Your reason is recorded with the study.
            </Text>
            <Textarea
              label="Why read it now?"
              placeholder="e.g. the clinic called: the applicant flies tonight"
              required
              autosize
              minRows={2}
              maxLength={500}
              data-autofocus
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && !e.shiftKey) {
                  e.preventDefault();
                  send();
                }
              }}
            />
            <Group gap={6}>
              {COMMON_REASONS.map((r) => (
                <Chip key={r} size="xs" checked={reason === r} onChange={() => setReason(r)}>
                  {r}
                </Chip>
              ))}
            </Group>
            {readNow.error && (
              <Alert color="red" variant="light" role="alert">
                {errorMessage(readNow.error)}
              </Alert>
            )}
            <Group justify="space-between">
              <Text size="xs" c="dimmed">
                <Kbd size="xs">Enter</Kbd> read now · <Kbd size="xs">Esc</Kbd> cancel
              </Text>
              <Group gap="xs">
                <Button variant="default" onClick={onClose}>
                  Cancel
                </Button>
                <Button type="submit" disabled={!ok} loading={readNow.isPending}>
                  Read now
                </Button>
              </Group>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
