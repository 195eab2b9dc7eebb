import { Badge, Code, Drawer, Stack, Table, Text } from '@mantine/core';
import type { AuditEvent, AuditOutcome } from '@telerad/contracts';
import { Fragment, useState } from 'react';
import { formatPersonName } from '@telerad/dicom';
import { columnPriority, DenseTable, whenHidden } from '../../app/components/DenseTable';
import { formatDateTime } from '../../app/format';

const OUTCOME_COLOR: Record<AuditOutcome, string> = {
  success: 'teal',
  denied: 'orange',
  failure: 'red',
};

function Field({ label, value }: { label: string; value: string | null }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" ff={value ? 'monospace' : undefined} style={{ wordBreak: 'break-all' }}>
        {value ?? '—'}
      </Text>
    </Stack>
  );
}

/** What an event touched, as a person reads it: the patient when there is one, else the record. */
function ResourceCell({ e }: { e: AuditEvent }) {
  if (e.patient)
    return (
      <Stack gap={0}>
        <Text size="sm" lineClamp={1}>
          {formatPersonName(e.patient.name) || 'Unnamed patient'}
        </Text>
        <Text size="xs" c="dimmed" lineClamp={1}>
          ID {e.patient.id || '—'} · {e.resourceType}
        </Text>
        {e.clinic && (
          // Without the clinic column, the clinic goes under the patient.
          <Text size="xs" c="dimmed" lineClamp={1} {...whenHidden('clinic')}>
            {e.clinic.name}
          </Text>
        )}
      </Stack>
    );
  if (!e.resourceType && !e.resourceId) return <>—</>;
  if (e.resourceName)
    return (
      <Text size="sm" lineClamp={1} title={e.resourceId ?? undefined}>
        {e.resourceType} · {e.resourceName}
      </Text>
    );
  return (
    <Text size="sm" lineClamp={1}>
      {e.resourceType}{' '}
      <Text span ff="monospace" size="xs" c="dimmed">
        {e.resourceId}
      </Text>
    </Text>
  );
}

/** A cell that may wrap inside the dense (one-line) table. */
const WRAPPING = { whiteSpace: 'normal', overflowWrap: 'anywhere' } as const;

/** An action name that may wrap after its dots only (`archive.` / `study.read`). */
function ActionName({ action }: { action: string }) {
  const parts = action.split('.');
  return parts.map((p, i) => (
    <Fragment key={i}>
      {p}
      {i < parts.length - 1 && (
        <>
          .<wbr />
        </>
      )}
    </Fragment>
  ));
}

/** The audit events table; a row opens the full event with its details. */
export function AuditTable({ events }: { events: AuditEvent[] }) {
  const [open, setOpen] = useState<AuditEvent | null>(null);
  return (
    <>
      <DenseTable label="Audit events">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Time</Table.Th>
            <Table.Th {...columnPriority(3, 'actor')}>Actor</Table.Th>
            <Table.Th>Action</Table.Th>
            <Table.Th>Patient / resource</Table.Th>
            <Table.Th {...columnPriority(2, 'clinic')}>Clinic</Table.Th>
            <Table.Th>Outcome</Table.Th>
            <Table.Th {...columnPriority(4)}>IP address</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((e) => (
            <Table.Tr
              key={e.id}
              onClick={() => setOpen(e)}
              style={{ cursor: 'pointer' }}
              tabIndex={0}
              onKeyDown={(k) => k.key === 'Enter' && setOpen(e)}
              aria-label={`${e.action} by ${e.actorName ?? 'system'} at ${formatDateTime(e.at)}`}
            >
              <Table.Td>
                {formatDateTime(e.at)}
                {/* Without the actor column, the actor goes under the time. */}
                <Text size="xs" c="dimmed" {...whenHidden('actor')}>
                  {e.actorName ?? 'system'}
                </Text>
              </Table.Td>
              <Table.Td>
                {e.actorName ?? (
                  <Text c="dimmed" size="sm">
                    system
                  </Text>
                )}
              </Table.Td>
              {/* Long action names (messaging.attachment.thumbnail) and resources wrap, at a dot
                  or anywhere, rather than push the table past a tablet's width: the dense table
                  keeps its cells on one line, so these two opt out. */}
              <Table.Td ff="monospace" fz="sm" style={WRAPPING}>
                <ActionName action={e.action} />
              </Table.Td>
              <Table.Td style={WRAPPING}>
                <ResourceCell e={e} />
              </Table.Td>
              <Table.Td>
                {e.clinic ? (
                  <Text size="sm" lineClamp={1} title={e.clinic.name}>
                    {e.clinic.name}
                  </Text>
                ) : (
                  '—'
                )}
              </Table.Td>
              <Table.Td>
                <Badge color={OUTCOME_COLOR[e.outcome]} variant="light" size="sm">
                  {e.outcome}
                </Badge>
              </Table.Td>
              <Table.Td ff="monospace" fz="sm">
                {e.ip ?? '—'}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </DenseTable>
      <Drawer
        opened={open !== null}
        onClose={() => setOpen(null)}
        title="Audit event"
        position="right"
        size="md"
      >
        {open && (
          <Stack gap="sm">
            <Field label="Time" value={formatDateTime(open.at)} />
            <Field label="Actor" value={open.actorName} />
            <Field label="Actor ID" value={open.actorId} />
            <Field label="Action" value={open.action} />
            <Field label="Outcome" value={open.outcome} />
            <Field
              label="Resource"
              value={
                [open.resourceType, open.resourceName, open.resourceId]
                  .filter(Boolean)
                  .join(' · ') || null
              }
            />
            <Field
              label="Patient"
              value={
                open.patient
                  ? `${formatPersonName(open.patient.name) || 'Unnamed'} · ID ${open.patient.id}`
                  : null
              }
            />
            <Field label="Study Instance UID" value={open.patient?.studyUid ?? null} />
            <Field
              label="Clinic"
              value={open.clinic ? `${open.clinic.name} (${open.clinic.code})` : null}
            />
            <Field label="Clinic ID" value={open.clinicId} />
            <Field label="IP address" value={open.ip} />
            <Field label="Request ID" value={open.requestId} />
            <Field label="Event ID" value={open.id} />
            <Text size="xs" c="dimmed">
              Details
            </Text>
            <Code block>{JSON.stringify(open.details, null, 2)}</Code>
          </Stack>
        )}
      </Drawer>
    </>
  );
}
