import { Button, Group, NumberInput, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { SecondOpinionSla } from '@telerad/contracts';
import { useState, type FormEvent } from 'react';
import { api } from '../../app/api';
import { QueryState } from '../../app/components/QueryState';
import { useFieldErrors } from '../../app/formErrors';
import { notifyError, notifySuccess } from '../../app/notify';
import { useCan } from '../../app/useCan';

const KEY = ['settings', 'second-opinion'] as const;

function SlaForm({ initial }: { initial: SecondOpinionSla }) {
  const qc = useQueryClient();
  const canWrite = useCan('settings:write');
  const [draft, setDraft] = useState(initial);
  const { errors, validate, fromServer } = useFieldErrors();
  const save = useMutation({
    mutationFn: (body: SecondOpinionSla) =>
      api.put<SecondOpinionSla>('/api/settings/second-opinion', body),
    onSuccess: (saved) => {
      qc.setQueryData(KEY, saved);
      notifySuccess('Second-opinion answer times saved.', 'Saved');
    },
    onError: (error) => {
      if (!fromServer(error)) notifyError(error);
    },
  });
  const minutes = (key: keyof SecondOpinionSla) => ({
    value: draft[key],
    onChange: (v: string | number) => setDraft((d) => ({ ...d, [key]: Number(v) || 0 })),
    error: errors[key],
    min: 15,
    max: 14 * 24 * 60,
    allowDecimal: false,
    suffix: ' min',
    maw: 360,
    disabled: !canWrite,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = validate(SecondOpinionSla, draft);
    if (body) save.mutate(body);
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Second-opinion answer times">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          Minutes from the question to the consultant&apos;s signed note. The task is due then and
          shows as overdue on the worklist after it.
        </Text>
        <NumberInput label="Routine question answered within" {...minutes('routineMinutes')} />
        <NumberInput label="Urgent question answered within" {...minutes('urgentMinutes')} />
        {canWrite && (
          <Group>
            <Button type="submit" loading={save.isPending}>
              Save second-opinion times
            </Button>
            <Text size="xs" c="dimmed">
              Questions asked from now on are due by the new times.
            </Text>
          </Group>
        )}
      </Stack>
    </form>
  );
}

/** Admin → Routing & SLA: how long consultants have to answer a second opinion (settings as data). */
export function SecondOpinionSlaSettings() {
  const query = useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) =>
      api.get<SecondOpinionSla>('/api/settings/second-opinion', undefined, signal),
  });
  return (
    <Paper withBorder p="lg" radius="md" maw={900} mt="lg">
      <Stack gap="sm">
        <Title order={4}>Second opinions</Title>
        <QueryState query={query}>{(data) => <SlaForm initial={data} />}</QueryState>
      </Stack>
    </Paper>
  );
}
