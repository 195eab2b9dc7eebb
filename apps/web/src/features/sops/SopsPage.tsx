import {
  Alert,
  Anchor,
  Badge,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFileCertificate, IconSearch } from '@tabler/icons-react';
import { ROLES, SOP_STATUSES, type Role, type SopStatus } from '@telerad/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyTableState } from '../../app/components/EmptyTableState';
import { PageHeader } from '../../app/components/PageHeader';
import { QueryState } from '../../app/components/QueryState';
import { useCan } from '../../app/useCan';
import { useDateFormat } from '../../i18n/useDateFormat';
import { usePendingSops, useSops } from './api';
import { SopEditorButton } from './SopEditor';
import { SopStatusBadge } from './SopStatusBadge';

type Filter = SopStatus | 'all';

/** What the user must still read and confirm, above the library; nothing when all is done. */
function PendingList() {
  const { t } = useTranslation('sops');
  const pending = usePendingSops(true).data?.pending ?? [];
  if (pending.length === 0) return null;
  return (
    <Alert
      color="orange"
      icon={<IconFileCertificate size={18} />}
      title={t('pending.title')}
      data-testid="sops-pending"
    >
      <Stack gap={4}>
        <Text size="sm">{t('pending.intro', { count: pending.length })}</Text>
        {pending.map((p) => (
          <Anchor key={p.id} component={Link} to={`/sops/${p.id}`} size="sm" fw={600}>
            {p.ref} · {p.title}
          </Anchor>
        ))}
      </Stack>
    </Alert>
  );
}

/**
 * The library of procedures and guidelines: what the user must read first, then every document
 * for their roles (QA: all, with how many confirmed), searchable and filtered by status; QA also
 * by role, and publishes new documents from here.
 */
export function SopsPage() {
  const { t } = useTranslation('sops');
  const { t: tc } = useTranslation();
  const format = useDateFormat();
  const manage = useCan('sops:manage');
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 250);
  const [filter, setFilter] = useState<Filter>('all');
  const [role, setRole] = useState<Role | null>(null);
  const sops = useSops({
    q: debounced,
    status: filter === 'all' ? undefined : filter,
    role: role ?? undefined,
  });
  const narrowed = Boolean(debounced) || filter !== 'all' || role !== null;
  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={manage ? <SopEditorButton /> : undefined}
      />
      <Stack gap="md">
        <PendingList />
        <Group gap="sm" align="flex-end">
          <TextInput
            leftSection={<IconSearch size={16} />}
            placeholder={t('search')}
            aria-label={t('search')}
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
            w={320}
          />
          <SegmentedControl
            value={filter}
            onChange={(v) => setFilter(v as Filter)}
            aria-label={t('statusLabel')}
            data={[
              { value: 'all', label: t('status.all') },
              ...SOP_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })),
            ]}
          />
          {manage && (
            <Select
              aria-label={t('staff.role')}
              placeholder={t('staff.anyRole')}
              clearable
              value={role}
              onChange={(v) => setRole(v as Role | null)}
              data={ROLES.map((r) => ({ value: r, label: tc(`roles.${r}`) }))}
              w={220}
            />
          )}
        </Group>
        <QueryState query={sops}>
          {({ documents }) =>
            documents.length === 0 ? (
              <EmptyTableState
                icon={<IconFileCertificate size={32} />}
                title={narrowed ? t('emptySearch.title') : t('empty.title')}
                description={narrowed ? t('emptySearch.description') : t('empty.description')}
                action={!narrowed && manage ? <SopEditorButton /> : undefined}
              />
            ) : (
              <Paper withBorder radius="md">
                <Table.ScrollContainer minWidth={720}>
                  <Table highlightOnHover verticalSpacing="sm">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('columns.document')}</Table.Th>
                        <Table.Th>{t('columns.version')}</Table.Th>
                        <Table.Th>{t('columns.effective')}</Table.Th>
                        <Table.Th>{t('columns.reviewDue')}</Table.Th>
                        <Table.Th>{t('columns.owner')}</Table.Th>
                        <Table.Th>{t('columns.you')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {documents.map((d) => (
                        <Table.Tr key={d.id} data-testid="sop-row">
                          <Table.Td>
                            <Anchor component={Link} to={`/sops/${d.id}`} fw={600} size="sm">
                              {d.ref} · {d.title}
                            </Anchor>
                            {manage && (
                              <Text size="xs" c="dimmed">
                                {t('staff.forRoles')}{' '}
                                {d.roles.map((r) => tc(`roles.${r}`)).join(', ')}
                              </Text>
                            )}
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm">
                              {d.version}
                              {d.format === 'pdf' ? ' · PDF' : ''}
                            </Text>
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm">{format.calendarDate(d.effectiveOn)}</Text>
                          </Table.Td>
                          <Table.Td>
                            <Group gap={6} wrap="nowrap">
                              <Text size="sm">{format.calendarDate(d.reviewDueOn)}</Text>
                              {d.status !== 'current' && <SopStatusBadge status={d.status} />}
                            </Group>
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm">{d.ownerName}</Text>
                          </Table.Td>
                          <Table.Td>
                            {d.pending ? (
                              <Badge color="orange" variant="light">
                                {t('you.pending')}
                              </Badge>
                            ) : manage && d.audience !== null ? (
                              <Text size="sm" c="dimmed">
                                {t('staff.confirmed', {
                                  done: d.acknowledged ?? 0,
                                  total: d.audience,
                                })}
                              </Text>
                            ) : (
                              <Text size="sm" c="dimmed">
                                {t('you.done')}
                              </Text>
                            )}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              </Paper>
            )
          }
        </QueryState>
      </Stack>
    </>
  );
}
