import {
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { LabelledSelect } from '../../app/components/LabelledSelect';
import { IconCheck, IconCopy, IconKey } from '@tabler/icons-react';
import type { ApiToken } from '@telerad/contracts';
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../app/apiError';
import { ConfirmButton } from '../../app/components/ConfirmButton';
import { QueryState } from '../../app/components/QueryState';
import { formatDate, formatDateTime } from '../../app/format';
import { notifyError, notifySuccess } from '../../app/notify';
import { useApiTokens, useCreateApiToken, useRevokeApiToken } from './api';

const EXPIRY = [
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
  { value: '730', label: '2 years' },
  { value: 'never', label: 'Never' },
];

function status(t: ApiToken): { label: string; color: string } {
  if (t.revokedAt) return { label: 'Revoked', color: 'gray' };
  if (t.expiresAt && new Date(t.expiresAt).getTime() < Date.now()) {
    return { label: 'Expired', color: 'orange' };
  }
  return { label: 'Active', color: 'teal' };
}

function TokenTable({ tokens }: { tokens: ApiToken[] }) {
  const revoke = useRevokeApiToken();
  if (tokens.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No tokens yet. Create one for scripts, DICOMweb clients or the clinic gateway.
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table aria-label="API tokens">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Prefix</Table.Th>
            <Table.Th>Created</Table.Th>
            <Table.Th>Expires</Table.Th>
            <Table.Th>Last used</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tokens.map((t) => {
            const s = status(t);
            return (
              <Table.Tr key={t.id}>
                <Table.Td fw={500}>{t.name}</Table.Td>
                <Table.Td ff="monospace">{t.prefix}…</Table.Td>
                <Table.Td>{formatDate(t.createdAt)}</Table.Td>
                <Table.Td>{t.expiresAt ? formatDate(t.expiresAt) : 'Never'}</Table.Td>
                <Table.Td>{formatDateTime(t.lastUsedAt)}</Table.Td>
                <Table.Td>
                  <Badge color={s.color} variant="light" size="sm">
                    {s.label}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {!t.revokedAt && (
                    <ConfirmButton
                      size="xs"
                      variant="subtle"
                      color="red"
                      question={`Revoke “${t.name}”? Anything using it stops working at once.`}
                      confirmLabel="Revoke"
                      aria-label={`Revoke token ${t.name}`}
                      onConfirm={() =>
                        revoke.mutate(t.id, {
                          onSuccess: () => notifySuccess(`Token “${t.name}” revoked.`),
                          onError: (e) => notifyError(e),
                        })
                      }
                    >
                      Revoke
                    </ConfirmButton>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Profile card: personal API tokens, created with a one-time secret, listed and revoked. */
export function ApiTokensCard() {
  const tokens = useApiTokens();
  const create = useCreateApiToken();
  const [name, setName] = useState('');
  const [expiry, setExpiry] = useState('90');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    create.mutate(
      { name: name.trim(), expiresInDays: expiry === 'never' ? null : Number(expiry) },
      { onSuccess: () => setName('') },
    );
  };

  return (
    <Paper withBorder p="lg" radius="md">
      <Stack gap="sm">
        <Title order={4}>API tokens</Title>
        <Text size="sm" c="dimmed">
          Tokens act as you, with your roles, for DICOMweb and the REST API (header{' '}
          <Code>Authorization: Bearer …</Code>). Revoke any you no longer use.
        </Text>
        <form onSubmit={submit} noValidate aria-label="Create API token">
          <Group align="flex-end" gap="sm">
            <TextInput
              label="Token name"
              placeholder="e.g. Research export script"
              maxLength={80}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              style={{ flex: 1, minWidth: 200 }}
            />
            <LabelledSelect
              label="Expires after"
              data={EXPIRY}
              value={expiry}
              allowDeselect={false}
              onChange={(v) => v && setExpiry(v)}
              w={140}
            />
            <Button
              type="submit"
              leftSection={<IconKey size={16} />}
              loading={create.isPending}
              disabled={!name.trim()}
            >
              Create token
            </Button>
          </Group>
        </form>
        {create.error && (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(create.error)}
          </Alert>
        )}
        <QueryState query={tokens}>{(list) => <TokenTable tokens={list} />}</QueryState>
      </Stack>
      <Modal
        opened={Boolean(create.data)}
        onClose={() => create.reset()}
        title="Copy your new token"
        size="lg"
        closeOnClickOutside={false}
      >
        {create.data && (
          <Stack gap="sm">
            <Alert color="yellow" variant="light" icon={<IconKey />}>
              This is the only time the token “{create.data.name}” is shown. Store it in a secret
              manager now.
            </Alert>
            <Code block data-testid="api-token-secret" style={{ wordBreak: 'break-all' }}>
              {create.data.token}
            </Code>
            <Group justify="flex-end">
              <CopyButton value={create.data.token}>
                {({ copied, copy }) => (
                  <Button
                    variant="default"
                    onClick={copy}
                    leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                  >
                    {copied ? 'Copied' : 'Copy token'}
                  </Button>
                )}
              </CopyButton>
              <Button onClick={() => create.reset()}>I have stored it</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Paper>
  );
}
