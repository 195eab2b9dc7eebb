import { Alert, Button, Drawer, NumberInput, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { MonitorSettings } from '@telerad/contracts';
import { useState, type FormEvent } from 'react';
import { api } from '../../app/api';
import { QueryState } from '../../app/components/QueryState';
import { useFieldErrors } from '../../app/formErrors';
import { notifyError, notifySuccess } from '../../app/notify';

const KEY = ['settings', 'monitor'] as const;

function RulesForm({ initial, onDone }: { initial: MonitorSettings; onDone: () => void }) {
  const qc = useQueryClient();
  const [draft, setDraft] = useState(initial);
  const { errors, validate, fromServer } = useFieldErrors();
  const save = useMutation({
    mutationFn: (body: MonitorSettings) => api.put<MonitorSettings>('/api/settings/monitor', body),
    onSuccess: (saved) => {
      qc.setQueryData(KEY, saved);
      notifySuccess('Alert rules saved. The next check uses them.', 'Saved');
      onDone();
    },
    onError: (error) => {
      if (!fromServer(error)) notifyError(error);
    },
  });
  const field = (key: keyof MonitorSettings, suffix: string) => ({
    value: draft[key],
    onChange: (v: string | number) => setDraft((d) => ({ ...d, [key]: Number(v) || 0 })),
    error: errors[key],
    min: 0,
    suffix,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = validate(MonitorSettings, draft);
    if (body) save.mutate(body);
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Network alert rules">
      <Stack gap="md">
        <NumberInput
          label="A clinic is silent after"
          description="No image and no gateway heartbeat for this many minutes of its working hours."
          {...field('silentAfterMinutes', ' min')}
        />
        <NumberInput
          label="Gateway queue alert above"
          description="Images waiting at the clinic's gateway."
          {...field('queueDepthAbove', ' images')}
        />
        <NumberInput
          label="…or when its oldest image has waited"
          {...field('queueOldestMinutes', ' min')}
        />
        <NumberInput label="Keep refusals for" {...field('retentionDays', ' days')} />
        <Alert variant="light" color="blue">
          <Text size="sm">
            Each clinic's working hours (default Monday–Saturday 07:00–19:00 in its time zone) are
            set on the clinic; silence outside them never alerts.
          </Text>
        </Alert>
        <Button type="submit" loading={save.isPending}>
          Save alert rules
        </Button>
      </Stack>
    </form>
  );
}

/** The network alert rules, in a drawer of the monitor page (support and admin). */
export function AlertRulesDrawer({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const query = useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => api.get<MonitorSettings>('/api/settings/monitor', undefined, signal),
    enabled: opened,
  });
  return (
    <Drawer opened={opened} onClose={onClose} position="right" title="Alert rules" padding="lg">
      <QueryState query={query}>
        {(data) => <RulesForm initial={data} onDone={onClose} />}
      </QueryState>
    </Drawer>
  );
}
