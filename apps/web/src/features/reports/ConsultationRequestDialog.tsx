import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { errorMessage } from '../../app/apiError';

/** "Ask a consultant": a question, then the report is held until a consultant settles it. */
export function ConsultationRequestDialog({
  opened,
  onClose,
  onSubmit,
}: {
  opened: boolean;
  onClose: () => void;
  onSubmit: (question: string) => Promise<unknown>;
}) {
  const [question, setQuestion] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const submit = async () => {
    if (!question.trim()) return;
    setPending(true);
    setError(null);
    try {
      await onSubmit(question.trim());
      setQuestion('');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPending(false);
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Ask a consultant" centered>
      <Stack gap="sm">
        <Text size="xs" c="dimmed">
          Your report is signed as it stands and held; a consultant concurs or amends it, and only
          then does the clinic see it.
        </Text>
        <Textarea
          label="Question for the consultant"
          autosize
          minRows={3}
          maxLength={2000}
          data-autofocus
          value={question}
          onChange={(e) => setQuestion(e.currentTarget.value)}
        />
        {error && (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button loading={pending} disabled={!question.trim()} onClick={() => void submit()}>
            Send to consultant
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
