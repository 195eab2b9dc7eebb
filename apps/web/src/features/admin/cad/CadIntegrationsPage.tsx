import {
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  PasswordInput,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import type { CadForwardTargetSet, CadIntegrationSummary } from '@telerad/contracts';
import { useState } from 'react';
import { ConfirmButton } from '../../../app/components/ConfirmButton';
import { PageHeader } from '../../../app/components/PageHeader';
import { QueryState } from '../../../app/components/QueryState';
import { notifyError, notifySuccess } from '../../../app/notify';
import { useCan } from '../../../app/useCan';
import { useCadForwardActions, useCadIntegrations, useFailedForwards } from './api';
import { CadAeTitles } from './CadAeTitles';

/**
 * CAD integrations (docs/adr/0040): where each CAD takes the stable chest X-rays of its clinics
 * (C-STORE to its AE or STOW-RS to its URL), a connection test, what was sent or failed, and the
 * AE titles its results come back from (docs/adr/0041).
 * Administrators set targets; support sees the counts and retries failed forwards.
 */
export function CadIntegrationsPage() {
  const list = useCadIntegrations();
  return (
    <>
      <PageHeader
        title="CAD integrations"
        description="Each stable chest X-ray (CR or DX, PA or AP) of an integration's clinics is sent to its CAD once. CAD orders and checks the work; it never finalises a report."
      />
      <QueryState query={list}>
        {(items) =>
          items.length === 0 ? (
            <Text c="dimmed">No CAD integration yet.</Text>
          ) : (
            <Stack gap="md">
              {items.map((i) => (
                <IntegrationCard key={i.id} integration={i} />
              ))}
            </Stack>
          )
        }
      </QueryState>
    </>
  );
}

/** One integration: its target in words, its counts, and the admin's form. */
function IntegrationCard({ integration: i }: { integration: CadIntegrationSummary }) {
  const canManage = useCan('cad:manage');
  const canRetry = useCan('deliveries:retry');
  const actions = useCadForwardActions();
  const [editing, setEditing] = useState(false);
  const f = i.forward;
  const where = !f
    ? 'Not forwarding: no target set'
    : f.protocol === 'dimse'
      ? `C-STORE to ${f.aeTitle} at ${f.host}:${f.port}`
      : `STOW-RS to ${f.url}${f.auth !== 'none' ? ` (${f.auth})` : ''}`;
  return (
    <Card withBorder padding="md" aria-label={`CAD integration ${i.name}`}>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4}>
          <Text fw={700}>{i.name}</Text>
          <Text size="sm" c="dimmed">
            {i.clinicCodes.slice(0, 12).join(', ')}
            {i.clinicCodes.length > 12 && ` and ${i.clinicCodes.length - 12} more`}
          </Text>
          <Text size="sm">
            {where}
            {f && !f.enabled && (
              <Badge ml="xs" color="gray">
                switched off
              </Badge>
            )}
          </Text>
        </Stack>
        <Group gap="xs" aria-label="Forwarded images">
          <Badge color="green" variant="light">
            {i.forwards.sent} sent
          </Badge>
          <Badge color="blue" variant="light">
            {i.forwards.pending} waiting
          </Badge>
          <Badge color={i.forwards.failed ? 'red' : 'gray'} variant="light">
            {i.forwards.failed} failed
          </Badge>
        </Group>
      </Group>
      <Group gap="xs" mt="sm">
        {canManage && f && (
          <Button
            size="compact-sm"
            variant="default"
            loading={actions.test.isPending}
            onClick={() =>
              actions.test.mutate(i.id, {
                onSuccess: (r) =>
                  r.ok
                    ? notifySuccess(r.detail, 'CAD answers')
                    : notifyError(r.detail, 'No answer'),
                onError: (e) => notifyError(e),
              })
            }
          >
            Test connection
          </Button>
        )}
        {canRetry && f && i.forwards.failed > 0 && (
          <Button
            size="compact-sm"
            onClick={() =>
              actions.retry.mutate(i.id, {
                onSuccess: (r) => notifySuccess(`${r.sent} of ${r.retried} sent`, 'Retried'),
                onError: (e) => notifyError(e),
              })
            }
          >
            Retry failed
          </Button>
        )}
        {canManage && (
          <Button size="compact-sm" variant="subtle" onClick={() => setEditing((v) => !v)}>
            {editing ? 'Close' : f ? 'Change target' : 'Set target'}
          </Button>
        )}
        {canManage && f && (
          <ConfirmButton
            size="compact-sm"
            variant="subtle"
            color="red"
            question="Nothing more is sent to this CAD; images waiting to be sent will fail and tell support."
            confirmLabel="Stop forwarding"
            onConfirm={() => actions.clear.mutate(i.id, { onError: (e) => notifyError(e) })}
          >
            Stop forwarding
          </ConfirmButton>
        )}
      </Group>
      <CadAeTitles integration={i} canManage={canManage} />
      {i.forwards.failed > 0 && <FailedForwards id={i.id} />}
      {editing && canManage && <TargetForm integration={i} onDone={() => setEditing(false)} />}
    </Card>
  );
}

/** The latest failed forwards of an integration: which study, when, and why, for support. */
function FailedForwards({ id }: { id: string }) {
  const [open, setOpen] = useState(false);
  const failed = useFailedForwards(id, open);
  return (
    <Stack gap={4} mt="sm">
      <Button
        size="compact-xs"
        variant="subtle"
        color="red"
        w="fit-content"
        onClick={() => setOpen((v) => !v)}
      >
        {open ? 'Hide failures' : 'Show failures'}
      </Button>
      {open && (
        <QueryState query={failed}>
          {(rows) => (
            <Table.ScrollContainer minWidth={560}>
              <Table aria-label="Failed forwards">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Clinic</Table.Th>
                    <Table.Th>Study</Table.Th>
                    <Table.Th>Attempts</Table.Th>
                    <Table.Th>Last error</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((f) => (
                    <Table.Tr key={f.id}>
                      <Table.Td>{f.clinicCode}</Table.Td>
                      <Table.Td>
                        <Text size="xs" ff="monospace">
                          {f.studyUid}
                        </Text>
                      </Table.Td>
                      <Table.Td>{f.attempts}</Table.Td>
                      <Table.Td>
                        <Text size="sm">{f.lastError}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </QueryState>
      )}
    </Stack>
  );
}

/** The admin's form for a target: DIMSE (AE, host, port) or STOW-RS (URL, authentication). */
function TargetForm({
  integration: i,
  onDone,
}: {
  integration: CadIntegrationSummary;
  onDone: () => void;
}) {
  const { set } = useCadForwardActions();
  const f = i.forward;
  const [protocol, setProtocol] = useState<'dimse' | 'stow'>(f?.protocol ?? 'dimse');
  const [aeTitle, setAeTitle] = useState(f?.aeTitle ?? '');
  const [host, setHost] = useState(f?.host ?? '');
  const [port, setPort] = useState<number | string>(f?.port ?? 104);
  const [url, setUrl] = useState(f?.url ?? '');
  const [auth, setAuth] = useState<'none' | 'bearer' | 'basic'>(f?.auth ?? 'none');
  const [credential, setCredential] = useState('');
  const [enabled, setEnabled] = useState(f?.enabled ?? true);
  const body: CadForwardTargetSet =
    protocol === 'dimse'
      ? { protocol, aeTitle: aeTitle.trim(), host: host.trim(), port: Number(port), enabled }
      : {
          protocol,
          url: url.trim(),
          auth,
          ...(auth === 'none' ? {} : { credential }),
          enabled,
        };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        set.mutate(
          { id: i.id, body },
          {
            onSuccess: () => {
              notifySuccess(`${i.name} now takes its clinics' stable chest X-rays.`, 'Target set');
              onDone();
            },
            onError: (err) => notifyError(err),
          },
        );
      }}
    >
      <Stack gap="xs" mt="sm">
        <SegmentedControl
          value={protocol}
          onChange={(v) => setProtocol(v as 'dimse' | 'stow')}
          data={[
            { value: 'dimse', label: 'C-STORE (DICOM)' },
            { value: 'stow', label: 'STOW-RS (DICOMweb)' },
          ]}
          aria-label="How the CAD takes images"
        />
        {protocol === 'dimse' ? (
          <Group align="flex-end" gap="xs" wrap="wrap">
            <TextInput
              label="CAD AE title"
              value={aeTitle}
              onChange={(e) => setAeTitle(e.currentTarget.value)}
              w={180}
              maxLength={16}
            />
            <TextInput
              label="Host"
              value={host}
              onChange={(e) => setHost(e.currentTarget.value)}
              w={220}
            />
            <NumberInput label="Port" value={port} onChange={setPort} min={1} max={65535} w={110} />
          </Group>
        ) : (
          <Group align="flex-end" gap="xs" wrap="wrap">
            <TextInput
              label="DICOMweb URL"
              placeholder="https://cad.example/dicom-web"
              value={url}
              onChange={(e) => setUrl(e.currentTarget.value)}
              w={340}
            />
            <Select
              label="Authentication"
              value={auth}
              onChange={(v) => setAuth((v ?? 'none') as 'none' | 'bearer' | 'basic')}
              data={[
                { value: 'none', label: 'None' },
                { value: 'bearer', label: 'Bearer token' },
                { value: 'basic', label: 'Basic (user:password)' },
              ]}
              w={200}
              allowDeselect={false}
            />
            {auth !== 'none' && (
              <PasswordInput
                label={auth === 'basic' ? 'user:password' : 'Token'}
                description={f?.credentialSet ? 'Enter it again to change the target' : undefined}
                value={credential}
                onChange={(e) => setCredential(e.currentTarget.value)}
                w={240}
              />
            )}
          </Group>
        )}
        <Switch
          label="Send images"
          checked={enabled}
          onChange={(e) => setEnabled(e.currentTarget.checked)}
        />
        <Group gap="xs">
          <Button type="submit" loading={set.isPending}>
            Save target
          </Button>
          <Text size="xs" c="dimmed">
            Studies already stable are not sent; new ones are, from now on.
          </Text>
        </Group>
      </Stack>
    </form>
  );
}
