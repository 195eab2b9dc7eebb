import { Button, Group, NumberInput, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CriticalSettings } from '@telerad/contracts';
import { useState, type FormEvent } from 'react';
import { api } from '../../app/api';
import { QueryState } from '../../app/components/QueryState';
import { useFieldErrors } from '../../app/formErrors';
import { notifyError, notifySuccess } from '../../app/notify';
import { useCan } from '../../app/useCan';

const KEY = ['settings', 'critical'] as const;

/** The card's words, in one place for translation. */
const STRINGS = {
  title: 'Critical results',
  intro:
    'A critical result stays on the clinic’s pages until one clinic user acknowledges it. If nobody has after these times, the clinic’s assistants are told, then the supervisors (consultants and administrators) of the centre that read it.',
  assistants: 'Tell the clinic’s assistants after',
  supervisors: 'Tell the centre’s supervisors after',
  save: 'Save critical result times',
  saved: 'Critical result times saved.',
  note: 'Open alerts follow the new times at once.',
};

function EscalationForm({ initial }: { initial: CriticalSettings }) {
  const qc = useQueryClient();
  const canWrite = useCan('settings:write');
  const [draft, setDraft] = useState(initial);
  const { errors, validate, fromServer } = useFieldErrors();
  const save = useMutation({
    mutationFn: (body: CriticalSettings) =>
      api.put<CriticalSettings>('/api/settings/critical', body),
    onSuccess: (saved) => {
      qc.setQueryData(KEY, saved);
      notifySuccess(STRINGS.saved, 'Saved');
    },
    onError: (error) => {
      if (!fromServer(error)) notifyError(error);
    },
  });
  const minutes = (key: keyof CriticalSettings) => ({
    value: draft[key],
    onChange: (v: string | number) => setDraft((d) => ({ ...d, [key]: Number(v) || 0 })),
    error: errors[key],
    min: 0,
    suffix: ' min',
    maw: 360,
    disabled: !canWrite,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = validate(CriticalSettings, draft);
    if (body) save.mutate(body);
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Critical result escalation">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {STRINGS.intro}
        </Text>
        <NumberInput label={STRINGS.assistants} {...minutes('assistantsAfterMinutes')} />
        <NumberInput label={STRINGS.supervisors} {...minutes('supervisorsAfterMinutes')} />
        {canWrite && (
          <Group>
            <Button type="submit" loading={save.isPending}>
              {STRINGS.save}
            </Button>
            <Text size="xs" c="dimmed">
              {STRINGS.note}
            </Text>
          </Group>
        )}
      </Stack>
    </form>
  );
}

/** Admin → Routing & SLA: when unacknowledged critical results escalate (settings as data). */
export function CriticalEscalationSettings() {
  const query = useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => api.get<CriticalSettings>('/api/settings/critical', undefined, signal),
  });
  return (
    <Paper withBorder p="lg" radius="md" maw={900} mt="lg">
      <Stack gap="sm">
        <Title order={4}>{STRINGS.title}</Title>
        <QueryState query={query}>{(data) => <EscalationForm initial={data} />}</QueryState>
      </Stack>
    </Paper>
  );
}
