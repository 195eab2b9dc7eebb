import { Button, Drawer, Group, Paper, Stack, Text } from '@mantine/core';
import { IconClock } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { WorkingHours } from '@telerad/contracts';
import { useState, type FormEvent } from 'react';
import { api } from '../../app/api';
import { QueryState } from '../../app/components/QueryState';
import { useFieldErrors } from '../../app/formErrors';
import { notifyError, notifySuccess } from '../../app/notify';
import { useCan } from '../../app/useCan';
import { weekText } from './words';
import { scheduleSummary } from '../admin/centres/schedule';
import { WeeklyHoursEditor } from '../admin/centres/WeeklyHoursEditor';

function HoursForm({
  clinicId,
  initial,
  onDone,
}: {
  clinicId: string;
  initial: WorkingHours;
  onDone: () => void;
}) {
  const qc = useQueryClient();
  const [draft, setDraft] = useState(initial.weeklyHours);
  const { errors, validate, fromServer } = useFieldErrors();
  const save = useMutation({
    mutationFn: (body: WorkingHours) =>
      api.put<WorkingHours>(`/api/monitor/clinics/${clinicId}/working-hours`, body),
    onSuccess: (saved) => {
      qc.setQueryData(['monitor', 'hours', clinicId], saved);
      notifySuccess('Working hours saved. The silent alert follows them from the next check.');
      onDone();
    },
    onError: (e) => {
      if (!fromServer(e)) notifyError(e);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = validate(WorkingHours, { weeklyHours: draft });
    if (body) save.mutate(body);
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Clinic working hours">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          In the clinic's own time zone. The silent alert only counts minutes inside these hours.
        </Text>
        <WeeklyHoursEditor value={draft} onChange={setDraft} errors={errors} />
        <Button type="submit" loading={save.isPending}>
          Save working hours
        </Button>
      </Stack>
    </form>
  );
}

/** A clinic's working hours, with an editor for support and admin. */
export function WorkingHoursCard({ clinicId }: { clinicId: string }) {
  const canEdit = useCan('monitor:write');
  const [editing, setEditing] = useState(false);
  const hours = useQuery({
    queryKey: ['monitor', 'hours', clinicId],
    queryFn: ({ signal }) =>
      api.get<WorkingHours>(`/api/monitor/clinics/${clinicId}/working-hours`, undefined, signal),
  });
  return (
    <Paper withBorder p="sm">
      <QueryState query={hours}>
        {(h) => (
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <IconClock size={18} aria-hidden />
              <Stack gap={0}>
                <Text size="sm" fw={600}>
                  Working hours · {scheduleSummary(h.weeklyHours)}
                </Text>
                <Text size="xs" c="dimmed">
                  {h.weeklyHours.length
                    ? weekText(h)
                    : 'None: the clinic never counts as silent. Add its hours so a silent day alerts.'}
                </Text>
              </Stack>
            </Group>
            {canEdit && (
              <Button
                size="xs"
                variant="default"
                style={{ flexShrink: 0 }}
                onClick={() => setEditing(true)}
              >
                Edit hours
              </Button>
            )}
            <Drawer
              opened={editing}
              onClose={() => setEditing(false)}
              position="right"
              title="Working hours"
              padding="lg"
              size="lg"
            >
              <HoursForm clinicId={clinicId} initial={h} onDone={() => setEditing(false)} />
            </Drawer>
          </Group>
        )}
      </QueryState>
    </Paper>
  );
}
