import { Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { GatewayEnrolmentCode, GatewaySummary } from '@telerad/contracts';
import { useState } from 'react';
import { errorMessage } from '../../app/apiError';
import { ConfirmButton } from '../../app/components/ConfirmButton';
import { QueryState } from '../../app/components/QueryState';
import { useCan } from '../../app/useCan';
import { formatBytes } from '../upload/fileChecks';
import { useAddGateway, useClinicGateways, useRevokeGateway, useRotateGateway } from './api';
import { EnrolmentCode } from './EnrolmentCode';
import { GatewayStatus } from './status';

function Actions({
  g,
  onRotate,
  onRevoke,
  busy,
}: {
  g: GatewaySummary;
  onRotate: () => void;
  onRevoke: () => void;
  busy: boolean;
}) {
  if (g.status === 'revoked') return null;
  return (
    <Group gap="xs" wrap="nowrap">
      <ConfirmButton
        size="compact-xs"
        variant="light"
        question="A new one-time code is made. The gateway keeps working with its current token until it enrols again with the new code (enrol --force)."
        confirmLabel="New code"
        onConfirm={onRotate}
        loading={busy}
      >
        Rotate
      </ConfirmButton>
      <ConfirmButton
        size="compact-xs"
        variant="light"
        color="red"
        question={`Revoke ${g.name}? Its token stops working at once: images waiting on it stay queued at the clinic until a new gateway is enrolled.`}
        confirmLabel="Revoke"
        onConfirm={onRevoke}
        loading={busy}
      >
        Revoke
      </ConfirmButton>
    </Group>
  );
}

/**
 * A clinic's edge gateways for support (a section of the clinic's page, under its own heading): status (online, silent since…, revoked, awaiting
 * enrolment), version, last heartbeat and queue; adding one shows its one-time code and the
 * enrol command once; rotate and revoke ask first. Clinic staff see the list read-only.
 */
export function GatewaysPanel({ clinicId }: { clinicId: string }) {
  const gateways = useClinicGateways(clinicId);
  const canManage = useCan('gateways:manage');
  const add = useAddGateway(clinicId);
  const rotate = useRotateGateway(clinicId);
  const revoke = useRevokeGateway(clinicId);
  const [name, setName] = useState('');
  const [issued, setIssued] = useState<{ code: GatewayEnrolmentCode; rotated: boolean } | null>(
    null,
  );
  const error = add.error ?? rotate.error ?? revoke.error;
  const submit = () =>
    add.mutate(name.trim(), {
      onSuccess: (code) => {
        setIssued({ code, rotated: false });
        setName('');
      },
    });

  return (
    <Stack gap="xs">
      <Text size="xs" c="dimmed">
        A gateway is the clinic computer that receives images from the X-ray unit and sends them
        here, queueing them while the link is down.
      </Text>
      {issued && (
        <EnrolmentCode
          issued={issued.code}
          rotated={issued.rotated}
          onDone={() => setIssued(null)}
        />
      )}
      <QueryState query={gateways}>
        {({ gateways: list }) =>
          list.length === 0 ? (
            <Text size="sm" c="dimmed">
              {canManage
                ? 'No gateway yet. Add one below, then run the enrol command on the clinic computer.'
                : 'No gateway yet. The reading centre adds one when your clinic sends through a gateway.'}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={560}>
              <Table verticalSpacing="xs" aria-label="Gateways">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Gateway</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th>Queue</Table.Th>
                    {canManage && <Table.Th />}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((g) => (
                    <Table.Tr key={g.id} data-testid={`gateway-${g.id}`}>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {g.name}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {[g.hostName, g.version && `v${g.version}`].filter(Boolean).join(' · ') ||
                            'Not enrolled yet'}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <GatewayStatus g={g} />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                          {g.queueDepth === null
                            ? '—'
                            : `${g.queueDepth} waiting · ${formatBytes(g.queueBytes ?? 0)}`}
                        </Text>
                      </Table.Td>
                      {canManage && (
                        <Table.Td>
                          <Actions
                            g={g}
                            busy={
                              (rotate.isPending && rotate.variables === g.id) ||
                              (revoke.isPending && revoke.variables === g.id)
                            }
                            onRotate={() =>
                              rotate.mutate(g.id, {
                                onSuccess: (code) => setIssued({ code, rotated: true }),
                              })
                            }
                            onRevoke={() => revoke.mutate(g.id)}
                          />
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
      {canManage && (
        <Group align="flex-end" gap="xs">
          <TextInput
            label="New gateway"
            description="A name support will recognise, e.g. the room or computer"
            placeholder="Reception PC"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && name.trim()) {
                e.preventDefault();
                submit();
              }
            }}
            style={{ flex: 1 }}
            maxLength={120}
          />
          <Button
            leftSection={<IconPlus size={16} />}
            variant="light"
            disabled={!name.trim()}
            loading={add.isPending}
            onClick={submit}
          >
            Add gateway
          </Button>
        </Group>
      )}
      {error && (
        <Text size="xs" c="red" role="alert">
          {errorMessage(error)}
        </Text>
      )}
    </Stack>
  );
}
