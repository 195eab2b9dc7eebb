import { Button, Stack, Text, Textarea } from '@mantine/core';
import { IconTextPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { notifySuccess } from '../../app/notify';
import { useAddAddendum } from './api';
import { SignDialog } from './SignDialog';

/**
 * "Add addendum" on a released report: the signed text never changes; the addendum becomes a
 * new version, released to the clinic like the first (MFA asked when configured).
 */
export function AddendumButton({ reportId }: { reportId: string }) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const add = useAddAddendum(reportId);
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
        title="Add addendum"
        confirmLabel="Sign addendum"
        onClose={() => setOpen(false)}
        onConfirm={async (mfaCode) => {
          if (!text.trim()) throw new Error('Write the addendum first.');
          const answer = await add.mutateAsync({ text: text.trim(), mfaCode });
          setOpen(false);
          setText('');
          notifySuccess(
            `Version ${answer.report.currentVersion} released to the clinic.`,
            'Addendum added',
          );
        }}
      >
        <Stack gap="xs">
          <Text size="xs" c="dimmed">
            The report stays as signed; the addendum is added as a new version and sent to the
            clinic.
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
