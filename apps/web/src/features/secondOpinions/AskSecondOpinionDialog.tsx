import { Alert, Button, Checkbox, Group, Modal, Stack, Textarea } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/apiError';
import { useAskSecondOpinion } from './api';

/** The question for a consultant about one study; Ctrl+Enter sends it. */
export function AskSecondOpinionDialog({
  studyUid,
  opened,
  onClose,
  onSent,
}: {
  studyUid: string;
  opened: boolean;
  onClose: () => void;
  onSent: () => void;
}) {
  const { t } = useTranslation('reports');
  const ask = useAskSecondOpinion(studyUid);
  const [question, setQuestion] = useState('');
  const [urgent, setUrgent] = useState(false);
  const ready = question.trim().length > 0;
  const send = () => {
    if (!ready || ask.isPending) return;
    ask.mutate(
      { question: question.trim(), urgent },
      {
        onSuccess: () => {
          setQuestion('');
          setUrgent(false);
          onSent();
        },
      },
    );
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('secondOpinion.dialogTitle')} size="lg">
      <Stack gap="sm">
        <Textarea
          label={t('secondOpinion.question')}
          description={t('secondOpinion.questionHint')}
          autosize
          minRows={4}
          maxLength={4000}
          data-autofocus
          value={question}
          onChange={(e) => setQuestion(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) send();
          }}
        />
        <Checkbox
          label={t('secondOpinion.urgent')}
          checked={urgent}
          onChange={(e) => setUrgent(e.currentTarget.checked)}
        />
        {ask.error && (
          <Alert color="red" icon={<IconAlertTriangle size={16} />}>
            {errorMessage(ask.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('secondOpinion.cancel')}
          </Button>
          <Button onClick={send} disabled={!ready} loading={ask.isPending}>
            {t('secondOpinion.send')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
