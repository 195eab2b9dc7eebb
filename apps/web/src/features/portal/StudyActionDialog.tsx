import { Alert, Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { PROGRAMME_LABELS, type ApplicantRow, type Programme } from '@telerad/contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/apiError';
import { notifySuccess } from '../../app/notify';
import { formatPersonName } from '../archive/studyFormat';
import { useChooseProgramme, useMarkUrgent, useSaveClinicalNote } from './api';

/** What a clinic user can do to one applicant's study. */
export type StudyAction = 'urgent' | 'note' | 'programme';

/**
 * One dialog for the three things a clinic asks of the reader: mark the study urgent (with the
 * reason the reader sees), write a clinical note, or choose the receiving programme. Enter in
 * the one-line fields submits; the server's refusal (the read has started) is shown in place.
 */
export function StudyActionDialog({
  row,
  action,
  onClose,
}: {
  row: ApplicantRow | null;
  action: StudyAction | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('portal');
  const urgent = useMarkUrgent();
  const note = useSaveClinicalNote();
  const programme = useChooseProgramme();
  const [text, setText] = useState('');
  const [choice, setChoice] = useState<Programme | null>(null);
  const open = row !== null && action !== null;

  useEffect(() => {
    setText(action === 'note' ? (row?.clinicalNote ?? '') : '');
    setChoice(row?.programme ?? null);
    urgent.reset();
    note.reset();
    programme.reset();
    // Reset when another row or action opens, not on every render of the mutations.
  }, [row?.studyUid, action]);

  if (!open) return <Modal opened={false} onClose={onClose} title="" />;
  const pending = urgent.isPending || note.isPending || programme.isPending;
  const error = urgent.error ?? note.error ?? programme.error;
  const done = (message: string) => () => {
    notifySuccess(message);
    onClose();
  };
  const submit = () => {
    if (pending) return;
    if (action === 'urgent' && row.taskId && text.trim().length >= 3)
      urgent.mutate(
        { taskId: row.taskId, reason: text.trim() },
        { onSuccess: done(t('urgentDialog.done')) },
      );
    if (action === 'note' && text.trim())
      note.mutate(
        { studyUid: row.studyUid, note: text.trim() },
        { onSuccess: done(t('noteDialog.done')) },
      );
    if (action === 'programme' && choice)
      programme.mutate(
        { studyUid: row.studyUid, programme: choice },
        { onSuccess: done(t('programmeDialog.done')) },
      );
  };
  const title =
    action === 'urgent'
      ? t('urgentDialog.title')
      : action === 'note'
        ? t('noteDialog.title')
        : t('programmeDialog.title');
  const ready =
    action === 'urgent'
      ? text.trim().length >= 3
      : action === 'note'
        ? text.trim().length > 0
        : choice !== null && !row.readStarted;

  return (
    <Modal opened onClose={onClose} title={title} size="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Text size="sm">
            <b>{formatPersonName(row.patientName)}</b> · {row.patientId}
          </Text>
          {action === 'urgent' && (
            <Textarea
              label={t('urgentDialog.reasonLabel')}
              description={t('urgentDialog.reasonHint')}
              required
              autosize
              minRows={2}
              maxLength={500}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              data-autofocus
            />
          )}
          {action === 'note' && (
            <Textarea
              label={t('noteDialog.label')}
              description={t('noteDialog.hint')}
              required
              autosize
              minRows={4}
              maxLength={2000}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              data-autofocus
            />
          )}
          {action === 'programme' && (
            <>
              <Select
                label={t('programmeDialog.label')}
                description={t('programmeDialog.hint')}
                data={row.clinicProgrammes.map((p) => ({ value: p, label: PROGRAMME_LABELS[p] }))}
                value={choice}
                onChange={(v) => setChoice(v as Programme | null)}
                disabled={row.readStarted}
                allowDeselect={false}
                comboboxProps={{ withinPortal: true }}
              />
              {row.readStarted && (
                <Text size="sm" c="dimmed">
                  {t('programmeDialog.locked')}
                </Text>
              )}
            </>
          )}
          {error && (
            <Alert color="red" role="alert">
              {errorMessage(error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('cancel')}
            </Button>
            <Button type="submit" loading={pending} disabled={!ready}>
              {action === 'urgent'
                ? t('urgentDialog.submit')
                : action === 'note'
                  ? t('noteDialog.submit')
                  : t('programmeDialog.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
