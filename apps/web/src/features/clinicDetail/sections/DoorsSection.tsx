import { Anchor, Code, Loader, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useCan } from '../../../app/useCan';
import { useClinicOverview } from '../api';

/**
 * The DICOM doors the clinic may use: its calling AE titles with the networks each may call
 * from, and where reports go back. Read-only; administrators change them on the clinic form.
 */
export function DoorsSection({ clinicId }: { clinicId: string }) {
  const overview = useClinicOverview(clinicId);
  const canEdit = useCan('clinics:write');
  if (!overview.data) return <Loader size="sm" aria-label="Loading DICOM doors" />;
  const { aeTitles, code } = overview.data;
  const edit = canEdit && (
    <Anchor component={Link} to={`/admin/clinics?edit=${encodeURIComponent(clinicId)}`} size="sm">
      Change AE titles and networks on the clinic form
    </Anchor>
  );
  if (aeTitles.length === 0)
    return (
      <Stack gap="xs">
        <Text size="sm" c="dimmed">
          No calling AE title is registered, so {code} cannot send by DICOM (C-STORE); browser
          upload and the gateway still work.{' '}
          {canEdit ? 'Add its modality’s AE title:' : 'Ask an administrator to add one.'}
        </Text>
        {edit}
      </Stack>
    );
  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth={520}>
        <Table aria-label="Calling AE titles">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Calling AE title</Table.Th>
              <Table.Th>Allowed networks</Table.Th>
              <Table.Th>Reports sent back to</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {aeTitles.map((a) => (
              <Table.Tr key={a.aeTitle}>
                <Table.Td>
                  <Code fw={700}>{a.aeTitle}</Code>
                </Table.Td>
                <Table.Td>
                  {a.allowedNetworks.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      Any address
                    </Text>
                  ) : (
                    <Text size="sm" ff="monospace">
                      {a.allowedNetworks.join(', ')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {a.host ? (
                    <Text size="sm" ff="monospace">
                      {a.host}:{a.port}
                      {!a.receivesReports && (
                        <Text span size="xs" c="dimmed" ff="text">
                          {' '}
                          (reports switched off)
                        </Text>
                      )}
                    </Text>
                  ) : (
                    <Text size="sm" c="dimmed">
                      Not a report destination
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {edit}
    </Stack>
  );
}
