import { Divider, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import {
  CentreCreate,
  type AssignmentMode,
  type Centre,
  type ServiceException,
  type WeeklyInterval,
} from '@telerad/contracts';
import { useState } from 'react';
import { errorMessage } from '../../../app/apiError';
import { FormDrawer } from '../../../app/components/FormDrawer';
import { TimeZoneSelect } from '../../../app/components/TimeZoneSelect';
import { useFieldErrors } from '../../../app/formErrors';
import { notifySuccess } from '../../../app/notify';
import { useSaveCentre } from './api';
import { ExceptionsEditor } from './ExceptionsEditor';
import { WeekView } from './WeekView';
import { WeeklyHoursEditor } from './WeeklyHoursEditor';

interface Draft {
  name: string;
  timeZone: string;
  weeklyHours: WeeklyInterval[];
  exceptions: ServiceException[];
  assignmentMode: AssignmentMode;
}

/** What each assignment mode does, in the editor's words. */
export const ASSIGNMENT_MODE_HELP: Record<AssignmentMode, string> = {
  pull: 'Readers pick tasks from the worklist (or press Next).',
  push: 'Each queued task is assigned at once to an on-shift reader of this centre, least busy first, taking turns.',
};

function draftOf(centre: Centre | null): Draft {
  return centre
    ? {
        name: centre.name,
        timeZone: centre.timeZone,
        weeklyHours: centre.weeklyHours,
        exceptions: centre.exceptions,
        assignmentMode: centre.assignmentMode,
      }
    : {
        name: '',
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        weeklyHours: [],
        exceptions: [],
        assignmentMode: 'pull',
      };
}

/** Create or edit a reading centre in a drawer. `centre` null means a new one. */
export function CentreForm({
  centre,
  opened,
  onClose,
}: {
  centre: Centre | null;
  opened: boolean;
  onClose: () => void;
}) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(centre));
  const { errors, validate, fromServer, clear } = useFieldErrors();
  const save = useSaveCentre();
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    clear(key);
  };

  const submit = () => {
    const body = validate(CentreCreate, draft);
    if (!body) return;
    save.mutate(
      { id: centre?.id ?? null, body },
      {
        onSuccess: (saved) => {
          notifySuccess(
            `Centre “${saved.name}” saved.`,
            centre ? 'Centre updated' : 'Centre created',
          );
          onClose();
        },
        onError: fromServer,
      },
    );
  };

  return (
    <FormDrawer
      opened={opened}
      onClose={onClose}
      title={centre ? `Edit ${centre.name}` : 'New centre'}
      onSubmit={submit}
      saving={save.isPending}
      error={save.error ? errorMessage(save.error) : null}
      size="xl"
    >
      <TextInput
        label="Name"
        required
        value={draft.name}
        onChange={(e) => set('name', e.currentTarget.value)}
        error={errors.name}
      />
      <TimeZoneSelect
        value={draft.timeZone}
        onChange={(tz) => set('timeZone', tz)}
        error={errors.timeZone}
      />
      <Stack gap={4}>
        <Text size="sm" fw={500} id="assignment-mode-label">
          Assignment
        </Text>
        <SegmentedControl
          aria-labelledby="assignment-mode-label"
          value={draft.assignmentMode}
          onChange={(v) => set('assignmentMode', v === 'push' ? 'push' : 'pull')}
          data={[
            { value: 'pull', label: 'Pull: readers pick' },
            { value: 'push', label: 'Push: auto-assign' },
          ]}
        />
        <Text size="xs" c="dimmed">
          {ASSIGNMENT_MODE_HELP[draft.assignmentMode]}
        </Text>
      </Stack>
      <Divider />
      <Title order={5}>Weekly service hours</Title>
      <WeeklyHoursEditor
        value={draft.weeklyHours}
        onChange={(v) => set('weeklyHours', v)}
        errors={errors}
      />
      <Text size="sm" fw={600}>
        Preview
      </Text>
      <WeekView intervals={draft.weeklyHours} />
      <Divider />
      <Title order={5}>Holidays and exceptions</Title>
      <ExceptionsEditor
        value={draft.exceptions}
        onChange={(v) => set('exceptions', v)}
        errors={errors}
      />
    </FormDrawer>
  );
}
