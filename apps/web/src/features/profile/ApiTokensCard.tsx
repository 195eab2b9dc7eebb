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
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { errorMessage } from '../../app/apiError';
import { ConfirmButton } from '../../app/components/ConfirmButton';
import { QueryState } from '../../app/components/QueryState';
import { formatDate, formatDateTime } from '../../app/format';
import { notifyError, notifySuccess } from '../../app/notify';
import { useApiTokens, useCreateApiToken, useRevokeApiToken } from './api';

/** The expiry choices: days (or never), with their words in the `tokens` catalogue. */
const EXPIRY = [
  { value: '30', words: 'days30' },
  { value: '90', words: 'days90' },
  { value: '365', words: 'year1' },
  { value: '730', words: 'years2' },
  { value: 'never', words: 'never' },
] as const;

function status(t: ApiToken): { words: 'active' | 'expired' | 'revoked'; color: string } {
  if (t.revokedAt) return { words: 'revoked', color: 'gray' };
  if (t.expiresAt && new Date(t.expiresAt).getTime() < Date.now()) {
    return { words: 'expired', color: 'orange' };
  }
  return { words: 'active', color: 'teal' };
}

function TokenTable({ tokens }: { tokens: ApiToken[] }) {
  const { t: tr } = useTranslation('profile');
  const technical = useCan('archive:technical');
  const revoke = useRevokeApiToken();
  if (tokens.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {technical ? tr('tokens.staff.empty') : tr('tokens.empty')}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table aria-label={tr('tokens.table')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{tr('tokens.columns.name')}</Table.Th>
            <Table.Th>{tr('tokens.columns.prefix')}</Table.Th>
            <Table.Th>{tr('tokens.columns.created')}</Table.Th>
            <Table.Th>{tr('tokens.columns.expires')}</Table.Th>
            <Table.Th>{tr('tokens.columns.lastUsed')}</Table.Th>
            <Table.Th>{tr('tokens.columns.status')}</Table.Th>
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
                <Table.Td>{t.expiresAt ? formatDate(t.expiresAt) : tr('tokens.never')}</Table.Td>
                <Table.Td>{formatDateTime(t.lastUsedAt)}</Table.Td>
                <Table.Td>
                  <Badge color={s.color} variant="light" size="sm">
                    {tr(`tokens.status.${s.words}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {!t.revokedAt && (
                    <ConfirmButton
                      size="xs"
                      variant="subtle"
                      color="red"
                      question={tr('tokens.revokeQuestion', { name: t.name })}
                      confirmLabel={tr('tokens.revoke')}
                      aria-label={tr('tokens.revokeOf', { name: t.name })}
                      onConfirm={() =>
                        revoke.mutate(t.id, {
                          onSuccess: () => notifySuccess(tr('tokens.revoked', { name: t.name })),
                          onError: (e) => notifyError(e),
                        })
                      }
                    >
                      {tr('tokens.revoke')}
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
  const { t } = useTranslation('profile');
  const technical = useCan('archive:technical');
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
        <Title order={4}>{t('tokens.title')}</Title>
        <Text size="sm" c="dimmed">
          {technical ? t('tokens.staff.intro') : t('tokens.intro')}{' '}
          <Code>Authorization: Bearer …</Code>. {t('tokens.introEnd')}
        </Text>
        <form onSubmit={submit} noValidate aria-label={t('tokens.form')}>
          <Group align="flex-end" gap="sm">
            <TextInput
              label={t('tokens.name')}
              placeholder={t('tokens.namePlaceholder')}
              maxLength={80}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              style={{ flex: 1, minWidth: 200 }}
            />
            <LabelledSelect
              label={t('tokens.expires')}
              data={EXPIRY.map((e) => ({ value: e.value, label: t(`tokens.${e.words}`) }))}
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
              {t('tokens.create')}
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
        title={t('tokens.newTitle')}
        size="lg"
        closeOnClickOutside={false}
      >
        {create.data && (
          <Stack gap="sm">
            <Alert color="yellow" variant="light" icon={<IconKey />}>
              {t('tokens.onlyNow', { name: create.data.name })}
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
                    {copied ? t('tokens.copied') : t('tokens.copy')}
                  </Button>
                )}
              </CopyButton>
              <Button onClick={() => create.reset()}>{t('tokens.stored')}</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Paper>
  );
}
