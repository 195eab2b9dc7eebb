import { ActionIcon, Button, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/**
 * An editable list of rule rows (a pin, an override, a clinic's SLA): each row's fields, its
 * error, a remove button; and an add button. Empty: says what adding a row does.
 */
export function RuleRows<T>({
  rows,
  render,
  onAdd,
  onRemove,
  addLabel,
  empty,
  errors,
  name,
  rowLabel,
}: {
  rows: T[];
  render: (row: T, index: number) => ReactNode;
  onAdd: () => void;
  onRemove: (index: number) => void;
  addLabel: string;
  empty: string;
  errors: Record<string, string>;
  /** The form field prefix of the rows' errors (`pins` → `pins.0`). */
  name: string;
  rowLabel: (row: T, index: number) => string;
}) {
  return (
    <Stack gap="xs">
      {rows.length === 0 && (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      )}
      {rows.map((row, i) => (
        <Stack key={i} gap={2}>
          <Group gap="sm" align="flex-end" wrap="nowrap">
            {render(row, i)}
            <Tooltip label="Remove">
              <ActionIcon
                variant="subtle"
                color="red"
                mb={4}
                aria-label={`Remove ${rowLabel(row, i)}`}
                onClick={() => onRemove(i)}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Tooltip>
          </Group>
          {errors[`${name}.${i}`] && (
            <Text size="xs" c="red" role="alert">
              {errors[`${name}.${i}`]}
            </Text>
          )}
        </Stack>
      ))}
      {errors[name] && (
        <Text size="xs" c="red" role="alert">
          {errors[name]}
        </Text>
      )}
      <Group>
        <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} onClick={onAdd}>
          {addLabel}
        </Button>
      </Group>
    </Stack>
  );
}
