import { Anchor, Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import type { SopAcknowledgement } from '@telerad/contracts';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../app/components/QueryState';
import { useDateFormat } from '../../i18n/useDateFormat';
import { sopAcknowledgementsCsvUrl, useSopAcknowledgements } from './api';

function Rows({ rows, empty }: { rows: SopAcknowledgement[]; empty: string }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed" py="xs">
        {empty}
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Version</Table.Th>
            <Table.Th>Opened</Table.Th>
            <Table.Th>Confirmed</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((a) => (
            <Table.Tr key={`${a.version}:${a.userId}`} data-testid="sop-ack">
              <Table.Td>
                <Text size="sm" fw={500}>
                  {a.name}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{a.roles.map((r) => t(`roles.${r}`)).join(', ')}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{a.version}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={a.openedAt ? undefined : 'dimmed'}>
                  {a.openedAt ? format.dateTime(a.openedAt) : 'Not opened yet'}
                </Text>
              </Table.Td>
              <Table.Td>
                {a.acknowledgedAt ? (
                  <Text size="sm">{format.dateTime(a.acknowledgedAt)}</Text>
                ) : (
                  <Badge color="orange" variant="light">
                    Not yet
                  </Badge>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * For QA: who confirmed reading which version of a document (newest version first), who still
 * owes the current one, and the history as a CSV file.
 */
export function AcknowledgementList({ id }: { id: string }) {
  const acks = useSopAcknowledgements(id, true);
  return (
    <Paper withBorder radius="md" p="md">
      <QueryState query={acks}>
        {({ acknowledgements, outstanding }) => (
          <Stack gap="sm">
            <Group justify="space-between">
              <Title order={4}>Who confirmed reading it</Title>
              <Anchor href={sopAcknowledgementsCsvUrl(id)} size="sm" download>
                <Group gap={4}>
                  <IconDownload size={14} /> Export CSV
                </Group>
              </Anchor>
            </Group>
            <Rows
              rows={acknowledgements}
              empty="Nobody has confirmed reading any version yet. Everyone of its roles was told when it was published."
            />
            <Title order={5}>Still to confirm the current version ({outstanding.length})</Title>
            <Rows rows={outstanding} empty="Everyone it is for has confirmed reading it." />
          </Stack>
        )}
      </QueryState>
    </Paper>
  );
}
