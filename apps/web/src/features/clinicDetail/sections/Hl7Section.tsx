import {
  Button,
  Code,
  Group,
  Loader,
  NumberInput,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { errorMessage } from '../../../app/apiError';
import { ConfirmButton } from '../../../app/components/ConfirmButton';
import { notifyError } from '../../../app/notify';
import { useCan } from '../../../app/useCan';
import { useHl7DestinationActions, useHl7Destinations } from '../hl7Api';

/**
 * Where the clinic's system takes results as HL7 v2 ORU^R01 over MLLP: each released report is
 * sent to every enabled destination, tracked and retried under Deliveries. Support reads the
 * list; administrators add, switch off and remove destinations.
 */
export function Hl7Section({ clinicId }: { clinicId: string }) {
  const list = useHl7Destinations(clinicId);
  const actions = useHl7DestinationActions(clinicId);
  const canEdit = useCan('clinics:write');
  if (!list.data) return <Loader size="sm" aria-label="Loading HL7 destinations" />;
  return (
    <Stack gap="xs">
      {list.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          No HL7 destination: results reach this clinic on the portal and the other channels only.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table aria-label="HL7 result destinations">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Receiving application</Table.Th>
                <Table.Th>Facility</Table.Th>
                <Table.Th>MLLP address</Table.Th>
                <Table.Th>Sends results</Table.Th>
                {canEdit && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>
                    <Code fw={700}>{d.receivingApplication}</Code>
                  </Table.Td>
                  <Table.Td>{d.receivingFacility || '—'}</Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {d.host}:{d.port}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {canEdit ? (
                      <Switch
                        checked={d.enabled}
                        aria-label={`Send results to ${d.receivingApplication}`}
                        onChange={(e) =>
                          actions.update.mutate(
                            { id: d.id, patch: { enabled: e.currentTarget.checked } },
                            { onError: (err) => notifyError(err) },
                          )
                        }
                      />
                    ) : (
                      <Text size="sm" c={d.enabled ? undefined : 'dimmed'}>
                        {d.enabled ? 'Yes' : 'Switched off'}
                      </Text>
                    )}
                  </Table.Td>
                  {canEdit && (
                    <Table.Td>
                      <ConfirmButton
                        size="compact-xs"
                        variant="subtle"
                        color="red"
                        question="Results stop going to this destination; its past deliveries stay listed."
                        confirmLabel="Remove"
                        onConfirm={() =>
                          actions.remove.mutate(d.id, { onError: (err) => notifyError(err) })
                        }
                      >
                        Remove
                      </ConfirmButton>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {canEdit && <AddDestination clinicId={clinicId} />}
    </Stack>
  );
}

/** The admin's form to register a destination. */
function AddDestination({ clinicId }: { clinicId: string }) {
  const { create } = useHl7DestinationActions(clinicId);
  const [host, setHost] = useState('');
  const [port, setPort] = useState<number | string>(2575);
  const [app, setApp] = useState('');
  const [facility, setFacility] = useState('');
  const ready = host.trim() && app.trim() && typeof port === 'number';
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!ready) return;
        create.mutate(
          {
            host: host.trim(),
            port: Number(port),
            receivingApplication: app.trim(),
            receivingFacility: facility.trim(),
          },
          {
            onSuccess: () => {
              setHost('');
              setPort(2575);
              setApp('');
              setFacility('');
            },
          },
        );
      }}
    >
      <Group align="flex-end" gap="xs" wrap="wrap">
        <TextInput
          label="Receiving application (MSH-5)"
          placeholder="RIS"
          value={app}
          onChange={(e) => setApp(e.currentTarget.value)}
          w={200}
        />
        <TextInput
          label="Facility (MSH-6)"
          placeholder="optional"
          value={facility}
          onChange={(e) => setFacility(e.currentTarget.value)}
          w={160}
        />
        <TextInput
          label="Host"
          placeholder="ris.clinic.example"
          value={host}
          onChange={(e) => setHost(e.currentTarget.value)}
          w={200}
        />
        <NumberInput label="Port" value={port} onChange={setPort} min={1} max={65535} w={100} />
        <Button type="submit" variant="light" disabled={!ready} loading={create.isPending}>
          Add HL7 destination
        </Button>
      </Group>
      {create.error && (
        <Text size="xs" c="red" role="alert" mt={4}>
          {errorMessage(create.error)}
        </Text>
      )}
    </form>
  );
}
