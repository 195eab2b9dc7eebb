import { ActionIcon, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { WeeklyInterval } from '@telerad/contracts';
import type { FieldErrors } from '../../../app/formErrors';
import { WEEKDAYS } from './schedule';

const DAY_OPTIONS = WEEKDAYS.map((d) => ({ value: String(d.value), label: d.long }));

/** Sorts by day then opening time, so the list reads like a timetable. */
function sorted(rows: WeeklyInterval[]): WeeklyInterval[] {
  return [...rows].sort((a, b) => a.day - b.day || a.open.localeCompare(b.open));
}

/** Editor of a centre's weekly opening intervals: one row per day/open/close. */
export function WeeklyHoursEditor({
  value,
  onChange,
  errors,
}: {
  value: WeeklyInterval[];
  onChange: (next: WeeklyInterval[]) => void;
  errors: FieldErrors;
}) {
  const update = (index: number, patch: Partial<WeeklyInterval>) =>
    onChange(value.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const remove = (index: number) => onChange(value.filter((_, i) => i !== index));
  const addRow = () => {
    const last = value[value.length - 1];
    const day = last ? (last.day % 7) + 1 : 1;
    onChange([...value, { day, open: last?.open ?? '08:00', close: last?.close ?? '17:00' }]);
  };
  const addWeekdays = () =>
    onChange(
      sorted([
        ...value.filter((r) => r.day > 5),
        ...[1, 2, 3, 4, 5].map((day) => ({ day, open: '08:00', close: '17:00' })),
      ]),
    );

  return (
    <Stack gap="xs">
      {value.length === 0 && (
        <Text size="sm" c="dimmed">
          No service hours yet: the centre counts as closed. Add hours per day, or start from a
          Monday–Friday template.
        </Text>
      )}
      {value.map((row, index) => {
        const n = index + 1;
        const rowError = errors[`weeklyHours.${index}`];
        return (
          <Stack key={index} gap={2}>
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <Select
                aria-label={`Day (row ${n})`}
                data={DAY_OPTIONS}
                value={String(row.day)}
                allowDeselect={false}
                onChange={(v) => v && update(index, { day: Number(v) })}
                w={150}
              />
              <TextInput
                aria-label={`Opens (row ${n})`}
                placeholder="08:00"
                value={row.open}
                onChange={(e) => update(index, { open: e.currentTarget.value })}
                error={errors[`weeklyHours.${index}.open`]}
                w={90}
              />
              <Text pt={6}>–</Text>
              <TextInput
                aria-label={`Closes (row ${n})`}
                placeholder="17:00"
                value={row.close}
                onChange={(e) => update(index, { close: e.currentTarget.value })}
                error={errors[`weeklyHours.${index}.close`]}
                w={90}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                mt={4}
                onClick={() => remove(index)}
                aria-label={`Remove hours row ${n}`}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
            {rowError && (
              <Text size="xs" c="red">
                {rowError}
              </Text>
            )}
          </Stack>
        );
      })}
      <Group gap="xs">
        <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} onClick={addRow}>
          Add hours
        </Button>
        <Button variant="subtle" size="xs" onClick={addWeekdays}>
          Mon–Fri 08:00–17:00
        </Button>
        <Button variant="subtle" size="xs" onClick={() => onChange(sorted(value))}>
          Sort
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        Times are HH:MM on a 24-hour clock in the centre&apos;s time zone; 24:00 closes at midnight.
      </Text>
    </Stack>
  );
}
