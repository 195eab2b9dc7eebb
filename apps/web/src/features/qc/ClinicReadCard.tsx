import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import {
  buildReportView,
  findForm,
  hasBlockingIssues,
  validateReport,
  type ClinicRead,
  type ClinicReadAnswer,
  type ReportContent,
} from '@telerad/contracts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/apiError';
import { formatDateTime } from '../../app/format';
import { useCan } from '../../app/useCan';
import { emptyContent, switchForm } from '../reports/formState';
import { IssueSummary } from '../reports/IssueSummary';
import { ReportEditor } from '../reports/ReportEditor';
import { ReportViewCard } from '../reports/ReportViewCard';
import { AgreementBadge } from './AgreementBadge';
import { useClinicRead, useSubmitClinicRead } from './api';

/**
 * A study's "our clinic's read": for a clinic with its own radiologists, the form to send their
 * read (on the programme's form), then what was sent and, once the centre checked it, how the
 * two compare. QA sees the same, read-only. Nothing for the centre's readers: QC reads are blind.
 */
export function ClinicReadCard({ studyUid }: { studyUid: string }) {
  const canSee = useCan('qc:clinicRead');
  const answer = useClinicRead(studyUid, canSee);
  if (!canSee || !answer.data) return null;
  return (
    <Paper withBorder p="md" radius="sm" mb="md" component="section" aria-label="Our clinic’s read">
      {answer.data.read ? (
        <SentRead read={answer.data.read} />
      ) : (
        <SendRead studyUid={studyUid} answer={answer.data} />
      )}
    </Paper>
  );
}

function SentRead({ read }: { read: ClinicRead }) {
  const { t } = useTranslation('qc');
  const form = findForm(read.content.formId, read.content.formVersion);
  const centreForm =
    read.centre && findForm(read.centre.content.formId, read.centre.content.formVersion);
  return (
    <Stack gap="xs" data-testid="clinic-read">
      <Group justify="space-between">
        <Title order={4}>{t('study.title')}</Title>
        {read.centre ? (
          <AgreementBadge
            agreement={read.centre.agreement}
            label={t(`agreement.${read.centre.agreement}`)}
          />
        ) : (
          <Badge variant="light" color="gray" tt="none">
            {read.sampled ? t('study.waitingBadge') : t('study.notChosenBadge')}
          </Badge>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {t('study.sent', { date: formatDateTime(read.submittedAt), name: read.readerName })}
        {!read.centre && ` · ${read.sampled ? t('study.waiting') : t('study.notChosen')}`}
      </Text>
      <Text size="sm" fw={600}>
        {t('study.yourRead', { category: t(`categories.${read.category}`) })}
      </Text>
      {form && <ReportViewCard view={buildReportView(form, read.content)} />}
      {read.centre && (
        <>
          <Text size="sm" fw={600}>
            {t('study.checked', { outcome: t(`agreement.${read.centre.agreement}`) })} —{' '}
            {t('study.centreRead', { category: t(`categories.${read.centre.category}`) })}
          </Text>
          {centreForm && <ReportViewCard view={buildReportView(centreForm, read.centre.content)} />}
        </>
      )}
    </Stack>
  );
}

function SendRead({ studyUid, answer }: { studyUid: string; answer: ClinicReadAnswer }) {
  const { t } = useTranslation('qc');
  const canSend = useCan('qc:submit');
  const [open, setOpen] = useState(false);
  const first = answer.forms[0];
  const [content, setContent] = useState<ReportContent | null>(() => {
    const f = first && findForm(first.id, first.version);
    return f ? emptyContent(f) : null;
  });
  const [readerName, setReaderName] = useState('');
  const [checked, setChecked] = useState(false);
  const submit = useSubmitClinicRead(studyUid);
  const form = content && findForm(content.formId, content.formVersion);
  const issues = useMemo(
    () => (form && content ? validateReport(form, content, checked ? 'final' : 'draft') : []),
    [form, content, checked],
  );
  if (!canSend) return null;
  if (!open || !form || !content)
    return (
      <Group justify="space-between" wrap="wrap">
        <Stack gap={2} maw={640}>
          <Title order={4}>{t('study.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('study.intro')}
          </Text>
        </Stack>
        <Button
          leftSection={<IconSend size={16} />}
          variant="light"
          onClick={() => setOpen(true)}
          disabled={!form}
        >
          {t('study.send')}
        </Button>
      </Group>
    );
  const send = () => {
    setChecked(true);
    const final = validateReport(form, content, 'final');
    if (hasBlockingIssues(final) || !readerName.trim()) return;
    submit.mutate({ content, readerName: readerName.trim() });
  };
  return (
    <Stack
      gap="xs"
      role="form"
      aria-label={t('study.title')}
      data-testid="clinic-read-form"
      maw={720}
    >
      <Title order={4}>{t('study.title')}</Title>
      <Text size="xs" c="dimmed">
        {t('study.formNote')}
      </Text>
      {answer.forms.length > 1 && (
        <Select
          aria-label="Form"
          data={answer.forms.map((f) => ({ value: `${f.id}@${f.version}`, label: f.title }))}
          value={`${form.id}@${form.version}`}
          allowDeselect={false}
          onChange={(v) => {
            const [id, version] = (v ?? '').split('@');
            const to = id && findForm(id, version);
            if (to) setContent((c) => c && switchForm(c, to).content);
          }}
        />
      )}
      <ReportEditor
        askConsultant={false}
        form={form}
        content={content}
        issues={issues}
        onChange={(u) => setContent((c) => c && u(c))}
      />
      <TextInput
        label={t('study.readBy')}
        description={t('study.readByHint')}
        value={readerName}
        onChange={(e) => setReaderName(e.currentTarget.value)}
        error={checked && !readerName.trim() ? t('study.readByHint') : undefined}
        required
        maw={360}
      />
      {checked && (
        <IssueSummary issues={validateReport(form, content, 'final')} content={content} />
      )}
      {submit.error && (
        <Alert color="red" role="alert">
          {errorMessage(submit.error)}
        </Alert>
      )}
      <Group>
        <Button leftSection={<IconSend size={16} />} onClick={send} loading={submit.isPending}>
          {t('study.submit')}
        </Button>
        <Button variant="subtle" onClick={() => setOpen(false)}>
          {t('study.cancel')}
        </Button>
      </Group>
    </Stack>
  );
}
