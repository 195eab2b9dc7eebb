import { Alert, Button, Group, Stack, Text, Tooltip } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { IconMessageQuestion, IconSignature } from '@tabler/icons-react';
import {
  GENERIC_GRADED,
  buildReportView,
  findForm,
  hasBlockingIssues,
  validateReport,
  type CriticalFlag,
  type ViewerAnnotation,
  type SignReportAnswer,
  type TaskReportAnswer,
} from '@telerad/contracts';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useMe } from '../auth/session';
import { REPORTS_KEY, useRequestConsultation, useSignReport } from './api';
import { ConflictBanner } from './ConflictBanner';
import { ConsultationRequestDialog } from './ConsultationRequestDialog';
import { emptyContent, markNormal, switchForm, toggleIn } from './formState';
import { IssueSummary } from './IssueSummary';
import { KeysPopover } from './KeysPopover';
import { ReportEditor } from './ReportEditor';
import { ReportPanelHeader } from './ReportPanelHeader';
import { ReportViewCard } from './ReportViewCard';
import { SaveStatusLine } from './SaveStatusLine';
import { SignDialog } from './SignDialog';
import { CriticalFlagFields } from '../critical/CriticalFlagFields';
import { useReportDraft } from './useReportDraft';
import { useReportKeys } from './useReportKeys';

const focusById = (id: string) => {
  const el = document.getElementById(id);
  el?.scrollIntoView({ block: 'center' });
  (el?.matches('input, textarea')
    ? el
    : el?.querySelector<HTMLElement>('input:not([type=hidden]), textarea')
  )?.focus();
};

/**
 * The reader's draft: the programme form with live validation, autosave, the sign dialog and
 * "ask a consultant". Hands the sign answer up once the report leaves the draft state.
 */
export function DraftReport({
  taskId,
  answer,
  annotations,
  loadAnnotations,
  onSigned,
}: {
  taskId: string;
  answer: TaskReportAnswer;
  annotations: ViewerAnnotation[] | undefined;
  loadAnnotations?: (list: readonly ViewerAnnotation[]) => number;
  onSigned: (outcome: SignReportAnswer) => void;
}) {
  const me = useMe();
  const initialForm = useMemo(() => {
    const r = answer.report;
    const choice = answer.forms[0];
    return (
      (r && findForm(r.formId, r.formVersion)) ??
      (choice && findForm(choice.id, choice.version)) ??
      GENERIC_GRADED
    );
  }, [answer]);
  const draft = useReportDraft(
    taskId,
    {
      content: answer.report?.content ?? emptyContent(initialForm),
      revision: answer.report?.revision ?? 0,
      annotations: answer.report?.annotations ?? [],
    },
    annotations,
    answer.report !== null,
  );
  // Reopening a draft puts its saved marks back on the images, once; the viewer's answer to
  // that equals the draft's own and is not saved again (useReportDraft).
  const restored = useRef(false);
  useEffect(() => {
    const saved = answer.report?.annotations;
    if (restored.current || !loadAnnotations || !saved?.length) return;
    restored.current = true;
    loadAnnotations(saved);
  }, [answer.report, loadAnnotations]);
  const { content, setContent } = draft;
  const form = findForm(content.formId, content.formVersion) ?? initialForm;
  const draftIssues = useMemo(() => validateReport(form, content, 'draft'), [form, content]);
  const finalIssues = useMemo(() => validateReport(form, content, 'final'), [form, content]);
  const blocked = hasBlockingIssues(finalIssues);
  const [checked, setChecked] = useState(false);
  const [signing, setSigning] = useState(false);
  const [asking, setAsking] = useState(false);
  const [critical, setCritical] = useState<CriticalFlag | null>(null);
  const sign = useSignReport(taskId);
  const qc = useQueryClient();
  /** After a refusal (signed elsewhere, claim lost): show what the server now has. */
  const reload = () => qc.resetQueries({ queryKey: [...REPORTS_KEY, 'task', taskId] });
  const consult = useRequestConsultation(taskId);
  const forms = answer.forms.length
    ? answer.forms
    : [
        {
          id: form.id,
          version: form.version,
          title: form.title,
          programme: form.programmes[0] ?? '',
        },
      ];

  const pickForm = (key: string) => {
    const [id, version] = key.split('@');
    const to = id && findForm(id, version);
    if (!to || to === form) return;
    const moved = switchForm(content, to);
    setContent(() => moved.content);
    if (moved.dropped.length)
      notifications.show({
        color: 'yellow',
        title: `Moved to ${to.title}`,
        message: `Not on this form, removed: ${moved.dropped.join('; ')}.`,
        autoClose: 10_000,
      });
  };

  const openSign = () => {
    setChecked(true);
    if (!blocked) setSigning(true);
  };

  /**
   * Saves first and holds autosave while the call runs, so what is signed is exactly what is
   * on screen; autosave resumes if the call fails.
   */
  const withSavedRevision = async <T,>(act: (revision: number) => Promise<T>): Promise<T> => {
    const revision = await draft.hold();
    if (revision === null)
      throw new Error(
        'The draft could not be saved, so it cannot be signed yet. See the save status.',
      );
    try {
      return await act(revision);
    } catch (e) {
      draft.release();
      throw e;
    }
  };

  const onKeyDown = useReportKeys({
    save: () => void draft.flush(),
    sign: openSign,
    normal: () => setContent((c) => markNormal(c, form)),
    quality: () => focusById('report-quality'),
    impression: () => focusById('report-impression-text'),
    uncertain: () =>
      setContent((c) => ({
        ...c,
        readerFlags: toggleIn(c.readerFlags, 'uncertain', !c.readerFlags.includes('uncertain')),
      })),
    consult: () => setAsking(true),
  });

  const issues = checked ? finalIssues : draftIssues;
  const errorCount = finalIssues.filter((i) => i.severity === 'error').length;
  const signReason = blocked
    ? `${errorCount} thing${errorCount > 1 ? 's' : ''} to fix before signing (listed above)`
    : 'Review and sign (Ctrl+Enter)';

  return (
    <Stack
      gap={6}
      onKeyDown={onKeyDown}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) void draft.flush();
      }}
      aria-label="Report"
      role="form"
      data-testid="report-panel"
    >
      <ReportPanelHeader
        forms={forms}
        formKey={`${form.id}@${form.version}`}
        onPickForm={pickForm}
        readOnly={false}
        right={
          <>
            <SaveStatusLine status={draft.status} onRetry={() => void draft.flush()} />
            <KeysPopover />
          </>
        }
      />
      {draft.status.kind === 'refused' && (
        <Alert color="red" variant="light" role="alert" title="The draft is not being saved">
          <Text size="xs">{draft.status.message}</Text>
          <Button size="compact-xs" variant="light" mt={6} onClick={() => void reload()}>
            Reload the report
          </Button>
        </Alert>
      )}
      {draft.status.kind === 'conflict' && (
        <ConflictBanner server={draft.status.server} onChoose={draft.resolveConflict} />
      )}
      <ReportEditor form={form} content={content} issues={issues} onChange={setContent} />
      <IssueSummary issues={finalIssues} content={content} />
      <Group
        justify="space-between"
        gap="xs"
        wrap="nowrap"
        py={6}
        style={{
          position: 'sticky',
          bottom: 0,
          zIndex: 2,
          background: 'var(--mantine-color-dark-7)',
          borderTop: '1px solid var(--mantine-color-dark-4)',
        }}
      >
        <Button
          size="xs"
          variant="default"
          leftSection={<IconMessageQuestion size={14} />}
          onClick={() => setAsking(true)}
        >
          Ask a consultant
        </Button>
        <Group gap={6} wrap="nowrap">
          {blocked && (
            <Text size="xs" c="red.4" aria-live="polite" truncate>
              {errorCount} to fix
            </Text>
          )}
          <Tooltip label={signReason}>
            <Button
              size="xs"
              leftSection={<IconSignature size={14} />}
              disabled={blocked}
              onClick={openSign}
            >
              Sign
            </Button>
          </Tooltip>
        </Group>
      </Group>
      <SignDialog
        opened={signing}
        title="Sign report"
        confirmLabel="Sign"
        onClose={() => setSigning(false)}
        onConfirm={async (mfaCode) => {
          const outcome = await withSavedRevision((revision) =>
            sign.mutateAsync({ revision, mfaCode, ...(critical ? { critical } : {}) }),
          );
          setSigning(false);
          onSigned(outcome);
        }}
      >
        <Stack gap="xs">
          <ReportViewCard view={buildReportView(form, content)} />
          <IssueSummary
            issues={finalIssues.filter((i) => i.severity === 'warning')}
            content={content}
          />
          <CriticalFlagFields value={critical} onChange={setCritical} />
          <Text size="xs" c="dimmed">
            Signed as {me.displayName}
            {me.credentials ? `, ${me.credentials}` : ''}, now.
          </Text>
        </Stack>
      </SignDialog>
      <ConsultationRequestDialog
        opened={asking}
        onClose={() => setAsking(false)}
        onSubmit={async (question) => {
          const outcome = await withSavedRevision((revision) =>
            consult.mutateAsync({ question, revision }),
          );
          setAsking(false);
          onSigned(outcome);
        }}
      />
    </Stack>
  );
}
