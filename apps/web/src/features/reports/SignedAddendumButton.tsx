import { Button, Stack, Text, Textarea } from '@mantine/core';
import { IconTextPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { notifySuccess } from '../../app/notify';
import { SignDialog } from './SignDialog';

/**
 * "Add addendum" on anything signed (a released report, a consult note): the signed text never
 * changes; the addendum is written in a dialog and signed there, with the second factor when
 * signing asks for it. `sign` stores it and answers what the signer is told.
 */
export function SignedAddendumButton(props: {
  title: string;
  /** What happens to the signed text and the addendum, in a line. */
  explanation: string;
  sign: (text: string, mfaCode: string | undefined) => Promise<string>;
}) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
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
        title={props.title}
        confirmLabel="Sign addendum"
        onClose={() => setOpen(false)}
        onConfirm={async (mfaCode) => {
          if (!text.trim()) throw new Error('Write the addendum first.');
          const told = await props.sign(text.trim(), mfaCode);
          setOpen(false);
          setText('');
          notifySuccess(told, 'Addendum added');
        }}
      >
        <Stack gap="xs">
          <Text size="xs" c="dimmed">
            {props.explanation}
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
