import {
  ActionIcon,
  Badge,
  Button,
  Collapse,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import {
  IconChevronDown,
  IconChevronRight,
  IconPencil,
  IconPlus,
  IconWorld,
} from '@tabler/icons-react';
import type { Centre } from '@telerad/contracts';
import { Fragment, useState } from 'react';
import { EmptyTableState } from '../../../app/components/EmptyTableState';
import { PageHeader } from '../../../app/components/PageHeader';
import { QueryState } from '../../../app/components/QueryState';
import { formatDate } from '../../../app/format';
import { useCan } from '../../../app/useCan';
import { useCentres } from './api';
import { ASSIGNMENT_MODE_HELP, CentreForm } from './CentreForm';
import { WeekView } from './WeekView';
import { localTimeIn, scheduleSummary } from './schedule';

function CentreDetails({ centre }: { centre: Centre }) {
  const upcoming = [...centre.exceptions].sort((a, b) => a.date.localeCompare(b.date));
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} p="md">
      <WeekView intervals={centre.weeklyHours} />
      <Stack gap={4}>
        <Text size="sm" fw={600}>
          Holidays and exceptions
        </Text>
        {upcoming.length === 0 && (
          <Text size="sm" c="dimmed">
            None.
          </Text>
        )}
        {upcoming.map((x) => (
          <Group key={`${x.date}-${x.label}`} gap="xs">
            <Text size="sm" w={110}>
              {formatDate(x.date)}
            </Text>
            <Text size="sm">{x.label}</Text>
            <Badge size="xs" color={x.closed ? 'red' : 'yellow'} variant="light">
              {x.closed ? 'closed' : x.intervals.map((i) => `${i.open}–${i.close}`).join(', ')}
            </Badge>
          </Group>
        ))}
      </Stack>
    </SimpleGrid>
  );
}

/** Admin → Centres: the reading centres, their hours and holidays. */
export function CentresPage() {
  const centres = useCentres();
  const canEdit = useCan('centres:write');
  const [editing, setEditing] = useState<{ centre: Centre | null; key: number } | null>(null);
  const [expanded, setExpanded] = useState<string | null>(null);
  const openNew = () => setEditing({ centre: null, key: Date.now() });

  return (
    <>
      <PageHeader
        title="Centres"
        description="Reading centres, their time zones, weekly service hours and holidays. Routing follows these hours."
        actions={
          canEdit && (
            <Button leftSection={<IconPlus size={16} />} onClick={openNew}>
              New centre
            </Button>
          )
        }
      />
      <QueryState query={centres}>
        {(list) =>
          list.length === 0 ? (
            <EmptyTableState
              icon={<IconWorld size={32} />}
              title="No reading centres yet"
              description={
                canEdit
                  ? 'Create the first centre with its time zone and service hours; clinics are then attached to a home centre.'
                  : 'An administrator has not set up any reading centre yet.'
              }
              action={canEdit && <Button onClick={openNew}>New centre</Button>}
            />
          ) : (
            <Paper withBorder radius="md">
              <Table.ScrollContainer minWidth={720}>
                <Table aria-label="Centres">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w={40} />
                      <Table.Th>Name</Table.Th>
                      <Table.Th>Time zone</Table.Th>
                      <Table.Th>Local time</Table.Th>
                      <Table.Th>Service hours</Table.Th>
                      <Table.Th>Exceptions</Table.Th>
                      <Table.Th>Assignment</Table.Th>
                      {canEdit && <Table.Th w={60} />}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {list.map((c) => {
                      const open = expanded === c.id;
                      return (
                        <Fragment key={c.id}>
                          <Table.Tr>
                            <Table.Td>
                              <ActionIcon
                                variant="subtle"
                                aria-label={`${open ? 'Hide' : 'Show'} week of ${c.name}`}
                                aria-expanded={open}
                                onClick={() => setExpanded(open ? null : c.id)}
                              >
                                {open ? (
                                  <IconChevronDown size={16} />
                                ) : (
                                  <IconChevronRight size={16} />
                                )}
                              </ActionIcon>
                            </Table.Td>
                            <Table.Td fw={600}>{c.name}</Table.Td>
                            <Table.Td>{c.timeZone}</Table.Td>
                            <Table.Td>{localTimeIn(c.timeZone)}</Table.Td>
                            <Table.Td>{scheduleSummary(c.weeklyHours)}</Table.Td>
                            <Table.Td>{c.exceptions.length}</Table.Td>
                            <Table.Td>
                              <Tooltip label={ASSIGNMENT_MODE_HELP[c.assignmentMode]}>
                                <Badge
                                  size="sm"
                                  variant="light"
                                  color={c.assignmentMode === 'push' ? 'grape' : 'gray'}
                                >
                                  {c.assignmentMode}
                                </Badge>
                              </Tooltip>
                            </Table.Td>
                            {canEdit && (
                              <Table.Td>
                                <Tooltip label="Edit">
                                  <ActionIcon
                                    variant="subtle"
                                    aria-label={`Edit ${c.name}`}
                                    onClick={() => setEditing({ centre: c, key: Date.now() })}
                                  >
                                    <IconPencil size={16} />
                                  </ActionIcon>
                                </Tooltip>
                              </Table.Td>
                            )}
                          </Table.Tr>
                          {open && (
                            <Table.Tr>
                              <Table.Td colSpan={canEdit ? 8 : 7} p={0}>
                                <Collapse expanded={open}>
                                  <CentreDetails centre={c} />
                                </Collapse>
                              </Table.Td>
                            </Table.Tr>
                          )}
                        </Fragment>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Paper>
          )
        }
      </QueryState>
      {editing && (
        <CentreForm
          key={editing.key}
          centre={editing.centre}
          opened
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
