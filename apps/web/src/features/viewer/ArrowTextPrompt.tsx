import { Button, Group, Modal, TextInput } from '@mantine/core';
import { useState } from 'react';

/** Asks for an arrow's text; answers it through `onDone` (empty: cancelled, the arrow goes). */
export function ArrowTextPrompt({
  opened,
  onDone,
}: {
  opened: boolean;
  onDone: (text: string) => void;
}) {
  const [text, setText] = useState('');
  const finish = (value: string) => {
    onDone(value);
    setText('');
  };
  return (
    <Modal opened={opened} onClose={() => finish('')} title="Arrow label" size="sm">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          finish(text.trim());
        }}
      >
        <TextInput
          label="Arrow text"
          placeholder="e.g. right upper zone opacity"
          value={text}
          maxLength={200}
          data-autofocus
          onChange={(e) => setText(e.currentTarget.value)}
        />
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => finish('')}>
            Cancel
          </Button>
          <Button type="submit">Place</Button>
        </Group>
      </form>
    </Modal>
  );
}
