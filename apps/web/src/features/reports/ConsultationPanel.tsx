import { Alert, Badge, Button, Group, List, Paper, Stack, Text, Textarea } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconEdit, IconMessageQuestion } from '@tabler/icons-react';
import {
  GENERIC_GRADED,
  buildReportView,
  findForm,
  hasBlockingIssues,
  validateReport,
  type ConsultationAnswer,
  type ReportContent,
  type SignReportAnswer,
  type ViewerAnnotation,
} from '@telerad/contracts';
import { useEffect, useMemo, useState } from 'react';
import { errorMessage } from '../../app/apiError';
import { formatDateTime } from '../../app/format';
import { useAmend, useConcur, useConsultation } from './api';
import { IssueSummary } from './IssueSummary';
import { PanelSkeleton } from './ReportPanel';
import { ReportEditor } from './ReportEditor';
import { ReportViewCard, viewOf } from './ReportViewCard';
import { SignDialog } from './SignDialog';
import { SignedReport } from './SignedReport';

/** The question, the rules that held the report, and who signed it. */
function ConsultationBrief({ data }: { data: ConsultationAnswer }) {
  return (
    <Paper withBorder p={8} radius="sm" aria-label="Consultation request" component="section">
      <Group gap={6} mb={4}>
        <IconMessageQuestion size={16} />
        <Text size="sm" fw={700}>
          Consultation
        </Text>
        <Badge size="xs" color="yellow" variant="light">
          Held
        </Badge>
      </Group>
      <Text size="xs" c="dimmed">
        Signed by {data.reader.name}
        {data.reader.credentials ? `, ${data.reader.credentials}` : ''} ·{' '}
        {formatDateTime(data.report.signedAt)}
      </Text>
      {data.question && (
        <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
          “{data.question}”
        </Text>
      )}
      {data.matchedRules.length > 0 && (
        <>
          <Text size="xs" fw={600} mt={4}>
            Held by rule{data.matchedRules.length > 1 ? 's' : ''}:
          </Text>
          <List size="xs">
            {data.matchedRules.map((r) => (
              <List.Item key={r.id}>{r.name}</List.Item>
            ))}
          </List>
        </>
      )}
    </Paper>
  );
}

/** Amend: the held report pre-filled in its form, editable, validated as for signing. */
function AmendForm({
  data,
  annotations,
  onCancel,
  onDone,
}: {
  data: ConsultationAnswer;
  annotations: ViewerAnnotation[] | undefined;
  onCancel: () => void;
  onDone: (a: SignReportAnswer) => void;
}) {
  const amend = useAmend(data.task.id);
  const [content, setContent] = useState<ReportContent>(data.report.content);
  const [comment, setComment] = useState('');
  const [confirming, setConfirming] = useState(false);
  const form = findForm(content.formId, content.formVersion) ?? GENERIC_GRADED;
  const issues = useMemo(() => validateReport(form, content, 'final'), [form, content]);
  const blocked = hasBlockingIssues(issues);
  return (
    <Stack gap={6}>
      <ReportEditor form={form} content={content} issues={issues} onChange={setContent} />
      <IssueSummary issues={issues} content={content} />
      <Textarea
        size="xs"
        label="Comment for the reader (optional)"
        autosize
        minRows={1}
        maxLength={4000}
        value={comment}
        onChange={(e) => setComment(e.currentTarget.value)}
      />
      <Group justify="flex-end" gap="xs">
        <Button size="xs" variant="default" onClick={onCancel}>
          Back
        </Button>
        <Button size="xs" disabled={blocked} onClick={() => setConfirming(true)}>
          Release amended report
        </Button>
      </Group>
      <SignDialog
        opened={confirming}
        title="Release the amended report"
        confirmLabel="Sign and release"
        onClose={() => setConfirming(false)}
        onConfirm={async (mfaCode) => {
          const answer = await amend.mutateAsync({
            content,
            annotations: annotations ?? data.report.annotations,
            comment: comment.trim() || undefined,
            mfaCode,
          });
          setConfirming(false);
          onDone(answer);
        }}
      >
        <ReportViewCard view={buildReportView(form, content)} />
      </SignDialog>
    </Stack>
  );
}

/**
 * The consultant's panel for a consultation task: the held report read-only with the question
 * and the rules that held it; Concur (with an optional comment) or Amend (the form pre-filled).
 * Either releases the report to the clinic.
 */
export function ConsultationPanel({
  taskId,
  annotations,
  onDone,
}: {
  taskId: string;
  annotations?: ViewerAnnotation[];
  /** Called once the consultation is settled (the claim needs no more heartbeats). */
  onDone?: () => void;
}) {
  const consultation = useConsultation(taskId);
  const concur = useConcur(taskId);
  const [mode, setMode] = useState<'review' | 'amend'>('review');
  const [concurring, setConcurring] = useState(false);
  const [comment, setComment] = useState('');
  const [settled, setSettled] = useState<SignReportAnswer | null>(null);
  const heldState = consultation.data?.report.state;
  const finished =
    settled !== null || (heldState !== undefined && heldState !== 'pending_consultation');
  useEffect(() => {
    if (finished) onDone?.();
  }, [finished, onDone]);

  if (settled) return <SignedReport report={settled.report} matchedRules={[]} />;
  if (consultation.isPending) return <PanelSkeleton />;
  if (consultation.error || !consultation.data)
    return (
      <Alert color="red" icon={<IconAlertTriangle />} title="Could not load the consultation">
        {errorMessage(consultation.error)}
      </Alert>
    );
  const data = consultation.data;
  const view = viewOf(data.report.content);
  const pending = data.report.state === 'pending_consultation';

  return (
    <Stack gap={6} data-testid="consultation-panel">
      <ConsultationBrief data={data} />
      {!pending && (
        <Alert color="gray" variant="light">
          This consultation is settled; the report is {data.report.state.replace(/_/g, ' ')}.
        </Alert>
      )}
      {mode === 'amend' && pending ? (
        <AmendForm
          data={data}
          annotations={annotations}
          onCancel={() => setMode('review')}
          onDone={setSettled}
        />
      ) : (
        <>
          {view && (
            <Paper withBorder p={8} radius="sm">
              <ReportViewCard view={view} />
            </Paper>
          )}
          {pending && (
            <Group justify="flex-end" gap="xs">
              <Button
                size="xs"
                variant="default"
                leftSection={<IconEdit size={14} />}
                onClick={() => setMode('amend')}
              >
                Amend
              </Button>
              <Button
                size="xs"
                color="teal"
                leftSection={<IconCheck size={14} />}
                onClick={() => setConcurring(true)}
              >
                Concur
              </Button>
            </Group>
          )}
        </>
      )}
      <SignDialog
        opened={concurring}
        title="Concur and release"
        confirmLabel="Concur and release"
        onClose={() => setConcurring(false)}
        onConfirm={async (mfaCode) => {
          const answer = await concur.mutateAsync({
            comment: comment.trim() || undefined,
            mfaCode,
          });
          setConcurring(false);
          setSettled(answer);
        }}
      >
        <Stack gap="xs">
          <Text size="xs" c="dimmed">
            The report is released to the clinic as the reader signed it, with your concurrence.
          </Text>
          <Textarea
            size="xs"
            label="Comment (optional)"
            autosize
            minRows={2}
            maxLength={4000}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
          />
        </Stack>
      </SignDialog>
    </Stack>
  );
}
