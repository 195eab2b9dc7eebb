import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Kbd,
  Paper,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { IconCircleCheck, IconExternalLink, IconUserQuestion } from '@tabler/icons-react';
import type { SecondOpinionTaskAnswer } from '@telerad/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import { QueryState } from '../../app/components/QueryState';
import { formatDateTime } from '../../app/format';
import { SignDialog } from '../reports/SignDialog';
import { NextTaskButton } from '../reports/SignOutcome';
import { StudyReports } from '../reports/StudyReports';
import { useSecondOpinionTask, useSignConsultNote } from './api';

/** The question: who asked, when it is due, and its words. */
function QuestionBrief({ data }: { data: SecondOpinionTaskAnswer }) {
  const o = data.request;
  return (
    <Paper withBorder p={8} radius="sm" component="section" aria-label="Second opinion">
      <Group gap={6}>
        <IconUserQuestion size={16} />
        <Text size="sm" fw={700}>
          Second opinion
        </Text>
        {o.urgent && (
          <Badge size="xs" color="orange" variant="light">
            Urgent
          </Badge>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        Asked by {o.requesterName} ({o.askedBy === 'clinic' ? data.clinicName : 'centre staff'}) ·{' '}
        {formatDateTime(o.askedAt)} · due {formatDateTime(o.dueAt)}
      </Text>
      <Group gap={6} justify="space-between">
        <Text size="xs" c="dimmed">
          {data.patientName ?? data.patientId} · {data.patientId} · {data.clinicName}
        </Text>
        <Anchor
          size="xs"
          component={Link}
          to={`/studies/${encodeURIComponent(o.studyUid)}`}
          target="_blank"
          rel="noopener"
        >
          <Group gap={2} component="span">
            Study page
            <IconExternalLink size={12} />
          </Group>
        </Anchor>
      </Group>
      <Text
        size="sm"
        mt={6}
        style={{ whiteSpace: 'pre-wrap' }}
        data-testid="second-opinion-question"
      >
        {o.question}
      </Text>
    </Paper>
  );
}

/** The consult note being written; Ctrl+Enter opens the signature. */
function NoteForm({ taskId, onDone }: { taskId: string; onDone?: () => void }) {
  const sign = useSignConsultNote(taskId);
  const [text, setText] = useState('');
  const [confirming, setConfirming] = useState(false);
  const ready = text.trim().length > 0;
  return (
    <Stack gap="xs">
      <Textarea
        label="Consult note"
        description="Your answer to the question. Once signed it is sent to whoever asked and cannot be changed."
        autosize
        minRows={6}
        maxLength={8000}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && ready) {
            e.preventDefault();
            setConfirming(true);
          }
        }}
      />
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          <Kbd size="xs">Ctrl</Kbd>+<Kbd size="xs">Enter</Kbd> signs
        </Text>
        <Button onClick={() => setConfirming(true)} disabled={!ready}>
          Sign note
        </Button>
      </Group>
      <SignDialog
        opened={confirming}
        title="Sign the consult note"
        confirmLabel="Sign and send"
        onClose={() => setConfirming(false)}
        onConfirm={async (mfaCode) => {
          await sign.mutateAsync({ text: text.trim(), ...(mfaCode ? { mfaCode } : {}) });
          setConfirming(false);
          onDone?.();
        }}
      >
        <Text size="sm">
          The note is sent to whoever asked, shown on the study page and cannot be changed after
          signing.
        </Text>
      </SignDialog>
    </Stack>
  );
}

/**
 * The reading screen's panel for a second-opinion task: the question beside the viewer, the
 * consultant's note and its signature (once signed, the note as sent), then the study's
 * released reports the question may be about.
 */
export function SecondOpinionPanel({ taskId, onDone }: { taskId: string; onDone?: () => void }) {
  const q = useSecondOpinionTask(taskId);
  return (
    <QueryState query={q}>
      {(data) => (
        <Stack gap="xs" data-testid="second-opinion-panel">
          <QuestionBrief data={data} />
          {data.request.note ? (
            <>
              <Alert color="teal" icon={<IconCircleCheck size={16} />} py={6}>
                Note signed and sent to {data.request.requesterName}.
              </Alert>
              <Paper
                withBorder
                p={8}
                radius="sm"
                aria-label="Signed consult note"
                component="section"
              >
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {data.request.note.text}
                </Text>
                <Text size="xs" c="dimmed" mt={4}>
                  Signed by {data.request.note.signedByName},{' '}
                  {formatDateTime(data.request.note.signedAt)}
                </Text>
              </Paper>
              <Group>
                <NextTaskButton />
              </Group>
            </>
          ) : (
            <NoteForm taskId={taskId} onDone={onDone} />
          )}
          <StudyReports studyUid={data.request.studyUid} />
        </Stack>
      )}
    </QueryState>
  );
}
