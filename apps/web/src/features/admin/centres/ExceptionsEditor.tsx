import { ActionIcon, Button, Group, Paper, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { ServiceException } from '@telerad/contracts';
import type { FieldErrors } from '../../../app/formErrors';

/** Editor of dated exceptions: holidays (closed) or special hours replacing the week. */
export function ExceptionsEditor({
  value,
  onChange,
  errors,
}: {
  value: ServiceException[];
  onChange: (next: ServiceException[]) => void;
  errors: FieldErrors;
}) {
  const update = (index: number, patch: Partial<ServiceException>) =>
    onChange(value.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const add = () =>
    onChange([
      ...value,
      { date: new Date().toISOString().slice(0, 10), label: '', closed: true, intervals: [] },
    ]);

  return (
    <Stack gap="xs">
      {value.length === 0 && (
        <Text size="sm" c="dimmed">
          No exceptions. Add public holidays or days with special hours.
        </Text>
      )}
      {value.map((row, index) => {
        const n = index + 1;
        const at = (f: string) => errors[`exceptions.${index}.${f}`];
        return (
          <Paper key={index} withBorder p="xs" radius="md">
            <Stack gap="xs">
              <Group gap="xs" wrap="wrap" align="flex-start">
                <TextInput
                  type="date"
                  aria-label={`Exception date (row ${n})`}
                  value={row.date}
                  onChange={(e) => update(index, { date: e.currentTarget.value })}
                  error={at('date')}
                  w={160}
                />
                <TextInput
                  aria-label={`Exception label (row ${n})`}
                  placeholder="e.g. New Year's Day"
                  value={row.label}
                  onChange={(e) => update(index, { label: e.currentTarget.value })}
                  error={at('label')}
                  style={{ flex: 1, minWidth: 160 }}
                />
                <Switch
                  label="Closed all day"
                  mt={8}
                  checked={row.closed}
                  onChange={(e) =>
                    update(index, {
                      closed: e.currentTarget.checked,
                      intervals: e.currentTarget.checked ? [] : [{ open: '09:00', close: '13:00' }],
                    })
                  }
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  mt={4}
                  onClick={() => onChange(value.filter((_, i) => i !== index))}
                  aria-label={`Remove exception row ${n}`}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
              {!row.closed && (
                <Stack gap={4} pl="sm">
                  <Text size="xs" c="dimmed">
                    Open on this day only during:
                  </Text>
                  {row.intervals.map((iv, j) => (
                    <Group key={j} gap="xs" wrap="nowrap">
                      <TextInput
                        aria-label={`Exception ${n} opens (interval ${j + 1})`}
                        value={iv.open}
                        onChange={(e) =>
                          update(index, {
                            intervals: row.intervals.map((x, k) =>
                              k === j ? { ...x, open: e.currentTarget.value } : x,
                            ),
                          })
                        }
                        error={at(`intervals.${j}.open`)}
                        w={90}
                      />
                      <Text>–</Text>
                      <TextInput
                        aria-label={`Exception ${n} closes (interval ${j + 1})`}
                        value={iv.close}
                        onChange={(e) =>
                          update(index, {
                            intervals: row.intervals.map((x, k) =>
                              k === j ? { ...x, close: e.currentTarget.value } : x,
                            ),
                          })
                        }
                        error={at(`intervals.${j}.close`)}
                        w={90}
                      />
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        onClick={() =>
                          update(index, { intervals: row.intervals.filter((_, k) => k !== j) })
                        }
                        aria-label={`Remove interval ${j + 1} of exception ${n}`}
                      >
                        <IconTrash size={14} />
                      </ActionIcon>
                    </Group>
                  ))}
                  <Button
                    variant="subtle"
                    size="compact-xs"
                    w="fit-content"
                    leftSection={<IconPlus size={12} />}
                    onClick={() =>
                      update(index, {
                        intervals: [...row.intervals, { open: '14:00', close: '18:00' }],
                      })
                    }
                  >
                    Add interval
                  </Button>
                </Stack>
              )}
            </Stack>
          </Paper>
        );
      })}
      <Button
        variant="light"
        size="xs"
        w="fit-content"
        leftSection={<IconPlus size={14} />}
        onClick={add}
      >
        Add exception
      </Button>
    </Stack>
  );
}
