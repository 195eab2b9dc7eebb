import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconSchool } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../app/apiError';
import { notifySuccess } from '../../app/notify';
import { useCan } from '../../app/useCan';
import { useFlagCase, useMyFlag } from './api';

/**
 * "Teaching case": a reader flags the study on screen for the teaching file, with a short note
 * on what makes it worth showing. Alt+T opens it where `hotkey` is set (the reading screen).
 * Flagged already: the button says so, and opening it changes the note.
 */
export function FlagTeachingButton({
  studyUid,
  hotkey = false,
}: {
  studyUid: string;
  hotkey?: boolean;
}) {
  const allowed = useCan('teaching:flag');
  const [opened, setOpened] = useState(false);
  const mine = useMyFlag(studyUid, allowed);
  useHotkeys(hotkey && allowed ? [['alt+T', () => setOpened(true)]] : []);
  if (!allowed) return null;
  const flagged = mine.data?.flagged ?? false;
  return (
    <>
      <Button
        size="xs"
        variant={flagged ? 'filled' : 'light'}
        color="grape"
        leftSection={<IconSchool size={14} />}
        onClick={() => setOpened(true)}
        title={hotkey ? 'Flag for the teaching file (Alt+T)' : undefined}
      >
        {flagged ? 'Teaching case ✓' : 'Teaching case'}
      </Button>
      {opened && (
        <FlagDialog
          studyUid={studyUid}
          initialNote={mine.data?.note ?? ''}
          flagged={flagged}
          onClose={() => setOpened(false)}
        />
      )}
    </>
  );
}

function FlagDialog({
  studyUid,
  initialNote,
  flagged,
  onClose,
}: {
  studyUid: string;
  initialNote: string;
  flagged: boolean;
  onClose: () => void;
}) {
  const [note, setNote] = useState(initialNote);
  const [error, setError] = useState<string | null>(null);
  const flag = useFlagCase();
  const submit = () =>
    flag.mutate(
      { studyUid, note },
      {
        onSuccess: () => {
          notifySuccess('QA can now add it to a teaching session.', 'Flagged for teaching');
          onClose();
        },
        onError: (e) => setError(errorMessage(e)),
      },
    );
  return (
    <Modal opened onClose={onClose} title="Flag for the teaching file">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          QA builds teaching sessions from flagged cases. Attendees see the images with the patient
          and clinic removed.
        </Text>
        <Textarea
          label="What makes it worth showing"
          placeholder="e.g. Miliary pattern, easy to miss at normal window"
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit();
          }}
          autosize
          minRows={2}
          maxLength={1000}
          data-autofocus
        />
        {error && (
          <Alert color="red" variant="light">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="grape" onClick={submit} loading={flag.isPending}>
            {flagged ? 'Save note' : 'Flag case'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
