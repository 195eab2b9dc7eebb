import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconEyeOff, IconSignature } from '@tabler/icons-react';
import {
  QC_CATEGORY_LABELS,
  buildReportView,
  findForm,
  hasBlockingIssues,
  validateReport,
  type QcTaskAnswer,
  type ReportContent,
} from '@telerad/contracts';
import { useEffect, useMemo, useState } from 'react';
import { errorMessage } from '../../app/apiError';
import { emptyContent, markNormal } from '../reports/formState';
import { IssueSummary } from '../reports/IssueSummary';
import { KeysPopover } from '../reports/KeysPopover';
import { PanelSkeleton } from '../reports/ReportPanel';
import { ReportEditor } from '../reports/ReportEditor';
import { ReportViewCard } from '../reports/ReportViewCard';
import { useReportKeys } from '../reports/useReportKeys';
import { AgreementBadge } from './AgreementBadge';
import { useQcTask, useSignQc } from './api';

const focusById = (id: string) =>
  document
    .getElementById(id)
    ?.querySelector<HTMLElement>('input:not([type=hidden]), textarea')
    ?.focus();

/**
 * The reading screen's panel for a QC re-read: the clinic's form, blank, for the reader's own
 * read (the clinic's read is not sent until this one is signed); once signed, both reads side
 * by side with the agreement. Keys as on a report: Alt+N normal, Alt+Q quality, Alt+I
 * impression, Ctrl+Enter sign.
 */
export function QcReadPanel({ taskId, onDone }: { taskId: string; onDone?: () => void }) {
  const answer = useQcTask(taskId);
  const done = answer.data?.own != null;
  useEffect(() => {
    if (done) onDone?.();
  }, [done, onDone]);
  if (answer.isPending) return <PanelSkeleton />;
  if (answer.error || !answer.data)
    return (
      <Alert
        color="red"
        icon={<IconAlertTriangle />}
        title="Could not load the QC read"
        role="alert"
      >
        {errorMessage(answer.error)}
      </Alert>
    );
  return answer.data.own ? (
    <QcOutcome answer={answer.data} />
  ) : (
    <QcDraft taskId={taskId} answer={answer.data} />
  );
}

function QcDraft({ taskId, answer }: { taskId: string; answer: QcTaskAnswer }) {
  const form = findForm(answer.formId, answer.formVersion);
  const [content, setContent] = useState<ReportContent | null>(form ? emptyContent(form) : null);
  const [checked, setChecked] = useState(false);
  const sign = useSignQc(taskId);
  const finalIssues = useMemo(
    () => (form && content ? validateReport(form, content, 'final') : []),
    [form, content],
  );
  const draftIssues = useMemo(
    () => (form && content ? validateReport(form, content, 'draft') : []),
    [form, content],
  );
  const blocked = hasBlockingIssues(finalIssues);
  const submit = () => {
    setChecked(true);
    if (!blocked && content) sign.mutate({ content });
  };
  const onKeyDown = useReportKeys({
    sign: submit,
    normal: () => form && setContent((c) => c && markNormal(c, form)),
    quality: () => focusById('report-quality'),
    impression: () => document.getElementById('report-impression-text')?.focus(),
  });
  if (!form || !content)
    return (
      <Alert color="red" title="Unknown form" role="alert">
        This clinic read uses form {answer.formId} {answer.formVersion}, which this app cannot show.
      </Alert>
    );
  return (
    <Stack gap={6} onKeyDown={onKeyDown} role="form" aria-label="QC read" data-testid="qc-panel">
      <Group justify="space-between" wrap="nowrap">
        <Title order={5}>Quality-control read</Title>
        <KeysPopover />
      </Group>
      <Alert color="blue" variant="light" icon={<IconEyeOff />} p="xs">
        <Text size="xs">
          Blind re-read of a clinic’s own read. Read the images on {form.title}; the clinic’s read
          is shown once you sign yours.
        </Text>
      </Alert>
      <ReportEditor
        askConsultant={false}
        form={form}
        content={content}
        issues={checked ? finalIssues : draftIssues}
        onChange={(update) => setContent((c) => c && update(c))}
      />
      {checked && <IssueSummary issues={finalIssues} content={content} />}
      {sign.error && (
        <Alert color="red" role="alert" title="Not signed">
          {errorMessage(sign.error)}
        </Alert>
      )}
      <Button
        leftSection={<IconSignature size={16} />}
        onClick={submit}
        loading={sign.isPending}
        disabled={checked && blocked}
      >
        Sign my QC read (Ctrl+Enter)
      </Button>
    </Stack>
  );
}

function QcOutcome({ answer }: { answer: QcTaskAnswer }) {
  const own = answer.own!;
  const clinic = answer.clinicRead;
  const view = (c: ReportContent) => {
    const f = findForm(c.formId, c.formVersion);
    return f ? buildReportView(f, c) : null;
  };
  const ownView = view(own.content);
  const clinicView = clinic && view(clinic.content);
  return (
    <Stack gap="sm" data-testid="qc-outcome">
      <Group justify="space-between">
        <Title order={5}>QC read signed</Title>
        {answer.agreement && <AgreementBadge agreement={answer.agreement} />}
      </Group>
      {answer.agreement === 'major' && (
        <Text size="xs" c="dimmed">
          The clinic has been told: a major discordance is sent to them at once.
        </Text>
      )}
      <Text fw={600} size="sm">
        Your read — {QC_CATEGORY_LABELS[own.category]}
      </Text>
      {ownView && <ReportViewCard view={ownView} />}
      {clinic && (
        <>
          <Text fw={600} size="sm">
            The clinic’s read ({clinic.readerName}) — {QC_CATEGORY_LABELS[clinic.category]}
          </Text>
          {clinicView && <ReportViewCard view={clinicView} />}
        </>
      )}
    </Stack>
  );
}
