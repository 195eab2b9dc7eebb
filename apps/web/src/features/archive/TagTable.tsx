import { ActionIcon, Code, Group, Table, Text } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { formatTag } from './dicomKeywords';
import type { TagRow } from './dicomJson';

const INDENT = 18;
/** Mantine's `xs` horizontal table spacing, which nested rows add their indent to. */
const CELL_PADDING = 10;

/**
 * A DICOM attribute table: tag, keyword, VR and value. Sequences are rows that expand into their
 * items' attributes, indented; while a filter is active every sequence left in is expanded.
 */
export function TagTable({ rows, expandAll }: { rows: TagRow[]; expandAll: boolean }) {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const render = (list: TagRow[], depth: number): ReactNode[] =>
    list.flatMap((row) => {
      const open = row.items !== null && (expandAll || expanded.has(row.id));
      const name = row.keyword ?? formatTag(row.tag);
      const own = (
        <Table.Tr key={row.id}>
          <Table.Td style={{ paddingLeft: CELL_PADDING + depth * INDENT }}>
            <Group gap={4} wrap="nowrap">
              {row.items !== null ? (
                <ActionIcon
                  size="xs"
                  variant="subtle"
                  color="gray"
                  onClick={() => toggle(row.id)}
                  aria-expanded={open}
                  aria-label={`${open ? 'Collapse' : 'Expand'} ${name}`}
                  disabled={expandAll}
                >
                  {open ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
                </ActionIcon>
              ) : (
                <span style={{ width: 18, flex: 'none' }} />
              )}
              <Text span ff="monospace" size="xs">
                {formatTag(row.tag)}
              </Text>
            </Group>
          </Table.Td>
          <Table.Td>
            <Text span size="xs" c={row.keyword ? undefined : 'dimmed'}>
              {row.keyword ?? '—'}
            </Text>
          </Table.Td>
          <Table.Td>
            <Code>{row.vr}</Code>
          </Table.Td>
          <Table.Td>
            <Text
              size="xs"
              ff={row.muted ? undefined : 'monospace'}
              c={row.muted ? 'dimmed' : undefined}
              fs={row.muted ? 'italic' : undefined}
              lineClamp={4}
              style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}
            >
              {row.value}
            </Text>
          </Table.Td>
        </Table.Tr>
      );
      if (!open || !row.items) return [own];
      const items = row.items.flatMap((item, i) =>
        item.length === 0 && expandAll
          ? []
          : [
              <Table.Tr key={`${row.id}.${i}`}>
                <Table.Td
                  colSpan={4}
                  py={2}
                  style={{ paddingLeft: CELL_PADDING + (depth + 1) * INDENT + 22 }}
                >
                  <Text size="xs" c="dimmed" fw={600}>
                    Item {i + 1}
                    {item.length === 0 ? ' (empty)' : ''}
                  </Text>
                </Table.Td>
              </Table.Tr>,
              ...render(item, depth + 1),
            ],
      );
      return [own, ...items];
    });

  return (
    <Table.ScrollContainer minWidth={640}>
      <Table aria-label="DICOM tags" verticalSpacing={4} fz="xs" stickyHeader>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={150}>Tag</Table.Th>
            <Table.Th w={240}>Keyword</Table.Th>
            <Table.Th w={50}>VR</Table.Th>
            <Table.Th>Value</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{render(rows, 0)}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
