import { Button, Stack, Text, Textarea } from '@mantine/core';
import { IconTextPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { notifySuccess } from '../../app/notify';
import { SignDialog } from '../reports/SignDialog';
import { useAddConsultNoteAddendum } from './api';

/**
 * "Add addendum" on a signed consult note (consultants): the note stays as signed; the signed
 * addendum is shown beside it and the asker is told (a code is asked when signing asks one).
 */
export function ConsultNoteAddendumButton({ id, studyUid }: { id: string; studyUid: string }) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const add = useAddConsultNoteAddendum(studyUid);
  return (
    <>
      <Button
        size="xs"
        variant="default"
        leftSection={<IconTextPlus size={14} />}
        onClick={() => setOpen(true)}
      >
        Add addendum
      </Button>
      <SignDialog
        opened={open}
        title="Add an addendum to the consult note"
        confirmLabel="Sign addendum"
        onClose={() => setOpen(false)}
        onConfirm={async (mfaCode) => {
          if (!text.trim()) throw new Error('Write the addendum first.');
          await add.mutateAsync({ id, body: { text: text.trim(), mfaCode } });
          setOpen(false);
          setText('');
          notifySuccess('The asker is told and reads it under the note.', 'Addendum added');
        }}
      >
        <Stack gap="xs">
          <Text size="xs" c="dimmed">
            The note stays as signed; the addendum is shown under it and sent to whoever asked.
          </Text>
          <Textarea
            label="Addendum"
            autosize
            minRows={3}
            maxLength={4000}
            data-autofocus
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
          />
        </Stack>
      </SignDialog>
    </>
  );
}
