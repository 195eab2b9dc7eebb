import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconPencil, IconSearch, IconUserPlus, IconUsers } from '@tabler/icons-react';
import { ROLE_LABELS, type User } from '@telerad/contracts';
import { useMemo, useState } from 'react';
import { EmptyTableState } from '../../../app/components/EmptyTableState';
import { PageHeader } from '../../../app/components/PageHeader';
import { QueryState } from '../../../app/components/QueryState';
import { formatDateTime, isLocked } from '../../../app/format';
import { useClinics } from '../clinics/api';
import { useUsers } from './api';
import { UserCreateForm } from './UserCreateForm';
import { UserEditForm } from './UserEditForm';

function matches(u: User, q: string): boolean {
  if (!q) return true;
  const s = q.toLowerCase();
  return (
    u.username.includes(s) ||
    u.displayName.toLowerCase().includes(s) ||
    (u.email ?? '').toLowerCase().includes(s) ||
    u.roles.some((r) => r.includes(s) || ROLE_LABELS[r].toLowerCase().includes(s))
  );
}

/** Admin → Users: accounts, roles, clinic memberships, locks and MFA. */
export function UsersPage() {
  const users = useUsers();
  const clinics = useClinics();
  const [creating, setCreating] = useState<number | null>(null);
  const [editing, setEditing] = useState<{ id: string; key: number } | null>(null);
  const [query, setQuery] = useState('');
  const clinicCode = useMemo(
    () => new Map((clinics.data ?? []).map((c) => [c.id, c.code])),
    [clinics.data],
  );
  const editedUser = editing ? users.data?.find((u) => u.id === editing.id) : undefined;

  return (
    <>
      <PageHeader
        title="Users"
        description="Accounts and what they may do. Roles decide the pages; clinic memberships decide which clinics' data clinic staff see."
        actions={
          <Button leftSection={<IconUserPlus size={16} />} onClick={() => setCreating(Date.now())}>
            New user
          </Button>
        }
      />
      <QueryState query={users}>
        {(list) => {
          if (list.length === 0) {
            return (
              <EmptyTableState
                icon={<IconUsers size={32} />}
                title="No users yet"
                description="Create accounts for radiologists, assistants and clinic staff."
              />
            );
          }
          const shown = list.filter((u) => matches(u, query));
          return (
            <Stack gap="md">
              <TextInput
                aria-label="Search users"
                placeholder="Search username, name, email or role"
                leftSection={<IconSearch size={16} />}
                value={query}
                onChange={(e) => setQuery(e.currentTarget.value)}
                maw={360}
              />
              <Paper withBorder radius="md">
                <Table.ScrollContainer minWidth={960}>
                  <Table aria-label="Users">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Username</Table.Th>
                        <Table.Th>Name</Table.Th>
                        <Table.Th>Roles</Table.Th>
                        <Table.Th>Clinics</Table.Th>
                        <Table.Th>Active</Table.Th>
                        <Table.Th>MFA</Table.Th>
                        <Table.Th>Locked</Table.Th>
                        <Table.Th>Last sign-in</Table.Th>
                        <Table.Th w={60} />
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {shown.map((u) => {
                        const locked = isLocked(u.lockedUntil);
                        return (
                          <Table.Tr key={u.id} style={{ opacity: u.active ? 1 : 0.6 }}>
                            <Table.Td ff="monospace">{u.username}</Table.Td>
                            <Table.Td>
                              <Text size="sm" fw={500}>
                                {u.displayName}
                              </Text>
                              {u.credentials && (
                                <Text size="xs" c="dimmed">
                                  {u.credentials}
                                </Text>
                              )}
                            </Table.Td>
                            <Table.Td>
                              <Group gap={4}>
                                {u.roles.map((r) => (
                                  <Badge key={r} size="sm" variant="light">
                                    {ROLE_LABELS[r]}
                                  </Badge>
                                ))}
                              </Group>
                            </Table.Td>
                            <Table.Td>
                              {u.clinicIds.length === 0 ? (
                                <Text size="sm" c="dimmed">
                                  —
                                </Text>
                              ) : (
                                <Text size="sm" ff="monospace">
                                  {u.clinicIds.map((id) => clinicCode.get(id) ?? '?').join(', ')}
                                </Text>
                              )}
                            </Table.Td>
                            <Table.Td>
                              <Badge color={u.active ? 'teal' : 'gray'} variant="light" size="sm">
                                {u.active ? 'Active' : 'Inactive'}
                              </Badge>
                            </Table.Td>
                            <Table.Td>
                              <Badge color={u.mfaEnabled ? 'teal' : 'gray'} variant="dot" size="sm">
                                {u.mfaEnabled ? 'On' : 'Off'}
                              </Badge>
                            </Table.Td>
                            <Table.Td>
                              {locked ? (
                                <Tooltip label={`Until ${formatDateTime(u.lockedUntil)}`}>
                                  <Badge color="orange" variant="light" size="sm">
                                    Locked
                                  </Badge>
                                </Tooltip>
                              ) : (
                                <Text size="sm" c="dimmed">
                                  —
                                </Text>
                              )}
                            </Table.Td>
                            <Table.Td>
                              <Text size="sm">{formatDateTime(u.lastLoginAt)}</Text>
                            </Table.Td>
                            <Table.Td>
                              <Tooltip label="Edit">
                                <ActionIcon
                                  variant="subtle"
                                  aria-label={`Edit user ${u.username}`}
                                  onClick={() => setEditing({ id: u.id, key: Date.now() })}
                                >
                                  <IconPencil size={16} />
                                </ActionIcon>
                              </Tooltip>
                            </Table.Td>
                          </Table.Tr>
                        );
                      })}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
                {shown.length === 0 && (
                  <Text c="dimmed" ta="center" py="lg" size="sm">
                    No user matches “{query}”.
                  </Text>
                )}
              </Paper>
            </Stack>
          );
        }}
      </QueryState>
      {creating !== null && (
        <UserCreateForm key={creating} opened onClose={() => setCreating(null)} />
      )}
      {editing && editedUser && (
        <UserEditForm key={editing.key} user={editedUser} opened onClose={() => setEditing(null)} />
      )}
    </>
  );
}
