import { ActionIcon, Button, Code, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { Hl7Sender } from '@telerad/contracts';
import { useState } from 'react';
import { errorMessage } from '../../app/apiError';
import { QueryState } from '../../app/components/QueryState';
import { useCan } from '../../app/useCan';
import { useHl7Senders, useSaveHl7Senders } from './api';

/** A sender row as typed: the networks as one comma-separated line. */
interface Draft {
  sendingApplication: string;
  sendingFacility: string;
  networks: string;
}

const toDraft = (s: Hl7Sender): Draft => ({
  sendingApplication: s.sendingApplication,
  sendingFacility: s.sendingFacility,
  networks: s.allowedNetworks.join(', '),
});

const fromDraft = (d: Draft) => ({
  sendingApplication: d.sendingApplication.trim(),
  sendingFacility: d.sendingFacility.trim(),
  allowedNetworks: d.networks
    .split(/[\s,]+/)
    .map((n) => n.trim())
    .filter(Boolean),
});

function SenderTable({ senders }: { senders: Hl7Sender[] }) {
  if (senders.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No HL7 sender is registered, so the clinic cannot send orders by HL7 v2; the portal form,
        CSV lists and FHIR still work.
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table aria-label="HL7 senders">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Sending application (MSH-3)</Table.Th>
            <Table.Th>Sending facility (MSH-4)</Table.Th>
            <Table.Th>Allowed networks</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {senders.map((s) => (
            <Table.Tr key={`${s.sendingApplication}^${s.sendingFacility}`}>
              <Table.Td>
                <Code fw={700}>{s.sendingApplication}</Code>
              </Table.Td>
              <Table.Td>
                {s.sendingFacility ? (
                  <Code>{s.sendingFacility}</Code>
                ) : (
                  <Text size="sm" c="dimmed">
                    Empty
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text
                  size="sm"
                  ff={s.allowedNetworks.length ? 'monospace' : undefined}
                  c={s.allowedNetworks.length ? undefined : 'dimmed'}
                >
                  {s.allowedNetworks.length ? s.allowedNetworks.join(', ') : 'Any address'}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function SenderEditor({
  clinicId,
  senders,
  onDone,
}: {
  clinicId: string;
  senders: Hl7Sender[];
  onDone: () => void;
}) {
  const save = useSaveHl7Senders(clinicId);
  const [rows, setRows] = useState<Draft[]>(() => senders.map(toDraft));
  const set = (i: number, patch: Partial<Draft>) =>
    setRows((r) => r.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  return (
    <Stack gap="xs">
      {rows.map((d, i) => (
        <Group key={i} gap="xs" align="flex-end" wrap="wrap">
          <TextInput
            label="Sending application (MSH-3)"
            value={d.sendingApplication}
            onChange={(e) => set(i, { sendingApplication: e.currentTarget.value })}
            required
            w={230}
          />
          <TextInput
            label="Sending facility (MSH-4)"
            value={d.sendingFacility}
            onChange={(e) => set(i, { sendingFacility: e.currentTarget.value })}
            w={210}
          />
          <TextInput
            label="Allowed networks"
            description="Empty: any address"
            placeholder="203.0.113.0/24"
            value={d.networks}
            onChange={(e) => set(i, { networks: e.currentTarget.value })}
            w={220}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={`Remove sender ${d.sendingApplication || i + 1}`}
            onClick={() => setRows((r) => r.filter((_, j) => j !== i))}
            mb={4}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <Group gap="xs">
        <Button
          size="compact-sm"
          variant="light"
          leftSection={<IconPlus size={14} />}
          onClick={() =>
            setRows((r) => [...r, { sendingApplication: '', sendingFacility: '', networks: '' }])
          }
        >
          Add sender
        </Button>
        <Button
          size="compact-sm"
          loading={save.isPending}
          onClick={() => save.mutate({ senders: rows.map(fromDraft) }, { onSuccess: onDone })}
        >
          Save senders
        </Button>
        <Button size="compact-sm" variant="subtle" onClick={onDone}>
          Cancel
        </Button>
      </Group>
      {save.error && (
        <Text size="xs" c="red" role="alert">
          {errorMessage(save.error)}
        </Text>
      )}
    </Stack>
  );
}

/**
 * The HL7 v2 systems that send the clinic's orders to the MLLP door (ORM^O01, OMI^O23), named as
 * their messages name themselves (MSH-3, MSH-4), with the networks each may connect from. A
 * message from any other sender is refused. Administrators change the list here.
 */
export function Hl7SendersSection({ clinicId }: { clinicId: string }) {
  const senders = useHl7Senders(clinicId);
  const canEdit = useCan('clinics:write');
  const [editing, setEditing] = useState(false);
  return (
    <QueryState query={senders}>
      {({ senders: list }) =>
        editing ? (
          <SenderEditor clinicId={clinicId} senders={list} onDone={() => setEditing(false)} />
        ) : (
          <Stack gap="xs">
            <SenderTable senders={list} />
            {canEdit && (
              <Group>
                <Button size="compact-sm" variant="light" onClick={() => setEditing(true)}>
                  Change HL7 senders
                </Button>
              </Group>
            )}
          </Stack>
        )
      }
    </QueryState>
  );
}
