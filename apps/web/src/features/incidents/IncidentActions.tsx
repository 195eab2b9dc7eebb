import {
  Badge,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IncidentActionKind, type Incident } from '@telerad/contracts';
import { useState } from 'react';
import { formatDate } from '../../app/format';
import { notifyError } from '../../app/notify';
import { useAddIncidentAction, useCompleteIncidentAction, useOwnerChoices } from './api';

const KIND_WORDS: Record<IncidentActionKind, string> = {
  corrective: 'Corrective',
  preventive: 'Preventive',
};

/** Corrective and preventive actions with owners and due dates; QA adds them and marks them done. */
export function IncidentActions({ incident, manage }: { incident: Incident; manage: boolean }) {
  const open = manage && incident.state !== 'closed';
  const owners = useOwnerChoices(open);
  const add = useAddIncidentAction(incident.id);
  const done = useCompleteIncidentAction(incident.id);
  const [kind, setKind] = useState<IncidentActionKind>('corrective');
  const [description, setDescription] = useState('');
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [dueOn, setDueOn] = useState('');
  const today = new Date().toISOString().slice(0, 10);

  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="sm">
        <Title order={5}>Corrective and preventive actions</Title>
        {incident.actions.length === 0 ? (
          <Text size="sm" c="dimmed">
            No actions yet.
            {open
              ? ' Add what must be fixed now (corrective) and what stops it happening again (preventive).'
              : ''}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={520}>
            <Table verticalSpacing="xs">
              <Table.Tbody>
                {incident.actions.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>
                      <Badge variant="light" color={a.kind === 'corrective' ? 'orange' : 'blue'}>
                        {KIND_WORDS[a.kind]}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{a.description}</Text>
                      <Text size="xs" c="dimmed">
                        {a.ownerName} · due {formatDate(a.dueOn)}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      {a.doneAt ? (
                        <Badge color="teal" variant="light">
                          Done
                        </Badge>
                      ) : a.dueOn < today ? (
                        <Badge color="red" variant="light">
                          Overdue
                        </Badge>
                      ) : null}
                      {open && !a.doneAt && (
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          ml="xs"
                          onClick={() =>
                            done.mutate(a.id, { onError: (e) => notifyError(e, 'Not marked done') })
                          }
                        >
                          Mark done
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {open && (
          <Group align="flex-end" gap="xs" wrap="wrap">
            <Select
              w={140}
              label="Kind"
              data={IncidentActionKind.options.map((k) => ({ value: k, label: KIND_WORDS[k] }))}
              value={kind}
              allowDeselect={false}
              onChange={(v) => v && setKind(v as IncidentActionKind)}
            />
            <TextInput
              style={{ flex: 1, minWidth: 200 }}
              label="Action"
              value={description}
              onChange={(e) => setDescription(e.currentTarget.value)}
            />
            <Select
              w={180}
              label="Owner"
              searchable
              data={(owners.data?.people ?? []).map((p) => ({ value: p.id, label: p.name }))}
              value={ownerId}
              onChange={setOwnerId}
            />
            <TextInput
              w={150}
              type="date"
              label="Due"
              value={dueOn}
              onChange={(e) => setDueOn(e.currentTarget.value)}
            />
            <Button
              size="sm"
              disabled={!description.trim() || !ownerId || !dueOn}
              loading={add.isPending}
              onClick={() =>
                add.mutate(
                  { kind, description, ownerId: ownerId!, dueOn },
                  {
                    onSuccess: () => {
                      setDescription('');
                      setDueOn('');
                    },
                    onError: (e) => notifyError(e, 'The action was not added'),
                  },
                )
              }
            >
              Add
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
