import {
  Badge,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import {
  GOLIVE_SIGNOFF_STEP,
  type OnboardingChecklist,
  type OnboardingStep,
  type OnboardingStepStatus,
  type OnboardingStepUpdate,
} from '@telerad/contracts';
import { useState } from 'react';
import { notifyError } from '../../app/notify';
import { useUpdateStep } from './api';

const STATUS_WORDS: Record<OnboardingStepStatus, string> = {
  todo: 'To do',
  done: 'Done',
  not_applicable: 'Not applicable',
};

/**
 * One step: what "done" means, what the system found, and (for support) its tick, owner, due
 * date and note. A found piece of evidence counts as done without a tick; the pilot step is
 * done by its criteria only, and the go-live sign-off cannot be skipped.
 */
export function StepCard({
  checklist,
  step,
}: {
  checklist: OnboardingChecklist;
  step: OnboardingStep;
}) {
  const update = useUpdateStep(checklist.clinicId);
  const [note, setNote] = useState(step.note);
  const save = (change: Omit<OnboardingStepUpdate, 'key'>) =>
    update.mutate(
      { key: step.key, ...change },
      { onError: (e) => notifyError(e, `${step.title} was not saved`) },
    );
  const byCriteria = step.key === 'pilot-reads';
  const statuses = (Object.keys(STATUS_WORDS) as OnboardingStepStatus[]).filter(
    (s) => !(step.key === GOLIVE_SIGNOFF_STEP && s === 'not_applicable'),
  );
  return (
    <Paper withBorder radius="sm" p="sm" data-step={step.key} data-complete={step.complete}>
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Group gap="xs">
            {step.complete && (
              <IconCircleCheck size={18} color="var(--mantine-color-teal-6)" aria-label="Done" />
            )}
            <Text fw={600} size="sm">
              {step.title}
            </Text>
            {step.evidence && (
              <Badge color="teal" variant="light" size="sm" data-testid="evidence">
                Found: {step.evidence}
              </Badge>
            )}
          </Group>
          {checklist.editable && !byCriteria && !(step.evidence && step.status === 'todo') ? (
            <SegmentedControl
              size="xs"
              value={step.status}
              disabled={update.isPending}
              onChange={(v) => save({ status: v as OnboardingStepStatus })}
              data={statuses.map((s) => ({ value: s, label: STATUS_WORDS[s] }))}
              aria-label={`${step.title}: status`}
            />
          ) : (
            <Badge variant="outline" color={step.complete ? 'teal' : 'gray'}>
              {step.evidence && step.status === 'todo' && !byCriteria
                ? 'Done: found by the system'
                : step.complete
                  ? 'Done'
                  : byCriteria
                    ? 'Waiting for second reads'
                    : STATUS_WORDS[step.status]}
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          Done means: {step.done}
        </Text>
        {step.tickedBy && step.status !== 'todo' && (
          <Text size="xs" data-testid="ticked-by">
            {step.key === GOLIVE_SIGNOFF_STEP ? 'Signed off' : STATUS_WORDS[step.status]} by{' '}
            {step.tickedBy.name} on {step.doneOn}
          </Text>
        )}
        {checklist.editable ? (
          <Group gap="sm" align="flex-end" wrap="wrap">
            <Select
              size="xs"
              label="Owner"
              placeholder="Nobody yet"
              clearable
              w={200}
              data={checklist.owners.map((o) => ({ value: o.id, label: o.name }))}
              value={step.owner?.id ?? null}
              onChange={(v) => save({ ownerId: v })}
            />
            <TextInput
              size="xs"
              type="date"
              label="Due"
              w={150}
              value={step.dueOn ?? ''}
              onChange={(e) => save({ dueOn: e.currentTarget.value || null })}
            />
            <Textarea
              size="xs"
              label="Note"
              placeholder="What was done, what is waiting"
              autosize
              minRows={1}
              style={{ flex: 1, minWidth: 220 }}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              onBlur={() => note !== step.note && save({ note })}
            />
          </Group>
        ) : (
          (step.owner || step.dueOn || step.note) && (
            <Text size="xs">
              {step.owner ? `Owner: ${step.owner.name}. ` : ''}
              {step.dueOn ? `Due ${step.dueOn}. ` : ''}
              {step.note}
            </Text>
          )
        )}
      </Stack>
    </Paper>
  );
}
