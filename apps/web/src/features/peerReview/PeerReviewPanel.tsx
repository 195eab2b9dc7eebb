import {
  Alert,
  Badge,
  Button,
  Group,
  Kbd,
  Paper,
  Radio,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconEyeOff, IconScale } from '@tabler/icons-react';
import {
  opensDiscrepancy,
  RADPEER_LABELS,
  RADPEER_SCORES,
  type PeerReviewTaskAnswer,
  type RadpeerScore,
} from '@telerad/contracts';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../app/apiError';
import { QueryState } from '../../app/components/QueryState';
import { formatDateTime } from '../../app/format';
import { ReleasedReport } from '../reports/ReleasedReport';
import { NextTaskButton } from '../reports/SignOutcome';
import { useBlindRead, usePeerReviewTask, useScore } from './api';
import { REASON_WORDS, ScoreBadge } from './radpeer';

/** The number key that picks each score (1–5, in the scale's order). */
const SCORE_KEYS: Record<string, RadpeerScore> = Object.fromEntries(
  RADPEER_SCORES.map((s, i) => [String(i + 1), s]),
);

/** What the review is: its programme, why the read was chosen, blind or not. */
function ReviewBrief({ data }: { data: PeerReviewTaskAnswer }) {
  return (
    <Paper withBorder p={8} radius="sm" component="section" aria-label="Peer review">
      <Group gap={6}>
        <IconScale size={16} />
        <Text size="sm" fw={700}>
          Peer review
        </Text>
        {data.blind && (
          <Badge size="xs" color="grape" variant="light" leftSection={<IconEyeOff size={10} />}>
            Blind
          </Badge>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {data.programmeName} · {REASON_WORDS[data.reason]}. Score the read, not the reader: the
        original reader is not named.
      </Text>
    </Paper>
  );
}

/** Step one of a blind review: the reviewer's own read, before the original is shown. */
function BlindReadForm({ taskId }: { taskId: string }) {
  const read = useBlindRead(taskId);
  const [abnormal, setAbnormal] = useState<'normal' | 'abnormal' | ''>('');
  const [impression, setImpression] = useState('');
  const ready = abnormal !== '' && impression.trim().length > 0;
  const submit = () => {
    if (ready) read.mutate({ impression: impression.trim(), abnormal: abnormal === 'abnormal' });
  };
  return (
    <Stack gap="xs" data-testid="blind-read">
      <Text size="sm">
        Read the images first. The original report is shown once your own read is recorded.
      </Text>
      <SegmentedControl
        aria-label="Your result"
        value={abnormal}
        onChange={(v) => setAbnormal(v as 'normal' | 'abnormal')}
        data={[
          { value: 'normal', label: 'Normal' },
          { value: 'abnormal', label: 'Abnormal' },
        ]}
      />
      <Textarea
        label="Your impression"
        autosize
        minRows={3}
        maxLength={4000}
        value={impression}
        onChange={(e) => setImpression(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit();
        }}
      />
      {read.error && (
        <Alert color="red" icon={<IconAlertTriangle size={16} />}>
          {errorMessage(read.error)}
        </Alert>
      )}
      <Button onClick={submit} disabled={!ready} loading={read.isPending}>
        Record my read and show the original
      </Button>
    </Stack>
  );
}

/** Step two: the RADPEER score with its comment; keys 1–5 pick, Ctrl+Enter submits. */
function ScoreForm({ taskId, onDone }: { taskId: string; onDone?: () => void }) {
  const score = useScore(taskId);
  const [value, setValue] = useState<RadpeerScore | null>(null);
  const [comment, setComment] = useState('');
  const needsComment = value !== null && value !== '1';
  const ready = value !== null && (!needsComment || comment.trim().length > 0);
  const submit = () => {
    if (!value || !ready) return;
    score.mutate({ score: value, comment: comment.trim() }, { onSuccess: () => onDone?.() });
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target?.closest('textarea, input, [contenteditable="true"]')) return;
      const picked = SCORE_KEYS[e.key];
      if (picked && !e.ctrlKey && !e.metaKey && !e.altKey) setValue(picked);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <Stack gap="xs" data-testid="peer-score">
      <Radio.Group
        label="RADPEER score"
        value={value ?? ''}
        onChange={(v) => setValue(v as RadpeerScore)}
      >
        <Stack gap={6} mt={4}>
          {RADPEER_SCORES.map((s, i) => (
            <Radio
              key={s}
              value={s}
              label={
                <Group gap={6} wrap="nowrap" align="flex-start">
                  <Kbd size="xs">{i + 1}</Kbd>
                  <Text size="sm" span>
                    <b>{s}</b> — {RADPEER_LABELS[s]}
                  </Text>
                </Group>
              }
            />
          ))}
        </Stack>
      </Radio.Group>
      {value && opensDiscrepancy(value) && (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={16} />} py={6}>
          This score opens a discrepancy case: a consultant reviews it, gives the reader feedback
          and adds an addendum for the clinic if the report must change.
        </Alert>
      )}
      <Textarea
        label="Comment"
        description={needsComment ? 'Say what was missed or misread.' : 'Optional for a concur.'}
        autosize
        minRows={3}
        maxLength={4000}
        value={comment}
        onChange={(e) => setComment(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit();
        }}
        error={
          needsComment && comment.trim() === '' ? 'A comment is required for this score.' : null
        }
      />
      {score.error && (
        <Alert color="red" icon={<IconAlertTriangle size={16} />}>
          {errorMessage(score.error)}
        </Alert>
      )}
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          <Kbd size="xs">1</Kbd>–<Kbd size="xs">5</Kbd> pick a score · <Kbd size="xs">Ctrl</Kbd>+
          <Kbd size="xs">Enter</Kbd> submits
        </Text>
        <Button onClick={submit} disabled={!ready} loading={score.isPending}>
          Submit score
        </Button>
      </Group>
    </Stack>
  );
}

/**
 * The reading screen's panel for a peer-review task: in a blind review, the reviewer's own read
 * first; then the original report (its reader not named) and the RADPEER score with a comment.
 */
export function PeerReviewPanel({ taskId, onDone }: { taskId: string; onDone?: () => void }) {
  const review = usePeerReviewTask(taskId);
  return (
    <QueryState query={review}>
      {(data) => (
        <Stack gap="xs" data-testid="peer-review-panel">
          <ReviewBrief data={data} />
          {data.ownRead && (
            <Paper withBorder p={8} radius="sm" aria-label="Your read">
              <Text size="xs" c="dimmed">
                Your read, recorded {formatDateTime(data.ownRead.at)}
              </Text>
              <Text size="sm">
                <b>{data.ownRead.abnormal ? 'Abnormal' : 'Normal'}</b> — {data.ownRead.impression}
              </Text>
            </Paper>
          )}
          {data.score ? (
            <Alert color="teal" icon={<IconCircleCheck size={16} />} title="Review scored">
              <Stack gap={6}>
                <Group gap="xs">
                  <ScoreBadge score={data.score} />
                  {opensDiscrepancy(data.score) && (
                    <Text size="sm">A discrepancy case is open for a consultant.</Text>
                  )}
                </Group>
                <Group>
                  <NextTaskButton />
                </Group>
              </Stack>
            </Alert>
          ) : data.original ? null : (
            <BlindReadForm taskId={taskId} />
          )}
          {data.original && (
            <Paper withBorder p={8} radius="sm" aria-label="Original report">
              <Text size="sm" fw={700} mb={4}>
                Original report
              </Text>
              <ReleasedReport report={data.original} pdf={false} />
            </Paper>
          )}
          {data.original && !data.score && <ScoreForm taskId={taskId} onDone={onDone} />}
        </Stack>
      )}
    </QueryState>
  );
}
