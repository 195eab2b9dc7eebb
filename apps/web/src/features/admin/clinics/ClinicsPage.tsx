import {
  ActionIcon,
  Badge,
  Button,
  Code,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import { IconBuildingHospital, IconPencil, IconPlus } from '@tabler/icons-react';
import type { Clinic } from '@telerad/contracts';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { EmptyTableState } from '../../../app/components/EmptyTableState';
import { PageHeader } from '../../../app/components/PageHeader';
import { QueryState } from '../../../app/components/QueryState';
import { useCan } from '../../../app/useCan';
import { ClinicLink } from '../../clinicDetail/ClinicLink';
import { DigestPreviewButton } from '../../digest/DigestPreviewButton';
import { useCentres } from '../centres/api';
import { useClinics } from './api';
import { ClinicForm } from './ClinicForm';
import { countryName } from './countries';
import {
  applyClinicFilter,
  ClinicFilterBar,
  NO_CLINIC_FILTER,
  type ClinicFilter,
} from './ClinicFilterBar';
import { STATUS_STYLE } from './status';

function matches(c: Clinic, query: string): boolean {
  if (!query) return true;
  const q = query.toLowerCase();
  return (
    c.code.toLowerCase().includes(q) ||
    c.name.toLowerCase().includes(q) ||
    c.country.toLowerCase().includes(q) ||
    c.aeTitles.some((a) => a.aeTitle.toLowerCase().includes(q))
  );
}

/** Admin → Clinics: field locations with programmes, AE titles and lifecycle. */
export function ClinicsPage() {
  const clinics = useClinics();
  const centres = useCentres();
  const canEdit = useCan('clinics:write');
  const canPreview = useCan('digest:preview');
  const [editing, setEditing] = useState<{ clinic: Clinic | null; key: number } | null>(null);
  // `?edit=<id>` opens that clinic's form: the clinic page's "Edit clinic" lands here.
  const [params, setParams] = useSearchParams();
  const editId = params.get('edit');
  useEffect(() => {
    if (!editId || !clinics.data || !canEdit) return;
    const clinic = clinics.data.find((c) => c.id === editId);
    if (clinic) setEditing({ clinic, key: Date.now() });
    setParams({}, { replace: true });
  }, [editId, clinics.data, canEdit, setParams]);
  const [filter, setFilter] = useState<ClinicFilter>(NO_CLINIC_FILTER);
  const centreName = useMemo(
    () => new Map((centres.data ?? []).map((c) => [c.id, c.name])),
    [centres.data],
  );
  const openNew = () => setEditing({ clinic: null, key: Date.now() });

  return (
    <>
      <PageHeader
        title="Clinics"
        description="Field clinics, the programmes they screen for, the AE titles they send from and where they are in their lifecycle."
        actions={
          canEdit && (
            <Button leftSection={<IconPlus size={16} />} onClick={openNew}>
              New clinic
            </Button>
          )
        }
      />
      <QueryState query={clinics}>
        {(list) => {
          if (list.length === 0) {
            return (
              <EmptyTableState
                icon={<IconBuildingHospital size={32} />}
                title="No clinics yet"
                description={
                  canEdit
                    ? 'Add a clinic with its home centre, programmes and calling AE titles so it can start sending studies.'
                    : 'No clinic has been set up yet. An administrator adds clinics.'
                }
                action={canEdit && <Button onClick={openNew}>New clinic</Button>}
              />
            );
          }
          const shown = applyClinicFilter(list, filter, matches);
          return (
            <Stack gap="md">
              <ClinicFilterBar
                value={filter}
                onChange={setFilter}
                placeholder="Search code, name, country or AE title"
              />
              <Paper withBorder radius="md">
                <Table.ScrollContainer minWidth={900}>
                  <Table aria-label="Clinics">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Code</Table.Th>
                        <Table.Th>Name</Table.Th>
                        <Table.Th>Country</Table.Th>
                        <Table.Th>Home centre</Table.Th>
                        <Table.Th>Programmes</Table.Th>
                        <Table.Th>Status</Table.Th>
                        <Table.Th>AE titles</Table.Th>
                        {(canEdit || canPreview) && <Table.Th w={canPreview ? 170 : 60} />}
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {shown.map((c) => (
                        <Table.Tr key={c.id}>
                          <Table.Td>
                            <Code fw={700}>{c.code}</Code>
                          </Table.Td>
                          <Table.Td fw={500}>
                            <ClinicLink clinicId={c.id} fw={500}>
                              {c.name}
                            </ClinicLink>
                          </Table.Td>
                          <Table.Td>
                            <Tooltip label={countryName(c.country)}>
                              <Text size="sm" span>
                                {c.country}
                              </Text>
                            </Tooltip>
                          </Table.Td>
                          <Table.Td>{centreName.get(c.homeCentreId) ?? '—'}</Table.Td>
                          <Table.Td>
                            <Group gap={4}>
                              {c.programmes.map((p) => (
                                <Badge key={p} size="sm" variant="outline">
                                  {p}
                                </Badge>
                              ))}
                            </Group>
                          </Table.Td>
                          <Table.Td miw={130}>
                            <Badge color={STATUS_STYLE[c.status].color} variant="light">
                              {STATUS_STYLE[c.status].label}
                            </Badge>
                          </Table.Td>
                          <Table.Td>
                            {c.aeTitles.length === 0 ? (
                              <Text size="sm" c="dimmed">
                                none
                              </Text>
                            ) : (
                              <Stack gap={2}>
                                {c.aeTitles.map((a) => (
                                  <Text key={a.aeTitle} size="sm" ff="monospace">
                                    {a.aeTitle}
                                    <Text span size="xs" c="dimmed" ff="text">
                                      {' '}
                                      {a.allowedNetworks.length === 0
                                        ? 'any address'
                                        : a.allowedNetworks.join(', ')}
                                      {a.host &&
                                        ` · listens ${a.host}:${a.port}${a.receivesReports ? ', receives reports' : ''}`}
                                    </Text>
                                  </Text>
                                ))}
                              </Stack>
                            )}
                          </Table.Td>
                          {(canEdit || canPreview) && (
                            <Table.Td>
                              <Group gap="xs" wrap="nowrap">
                                {canPreview && (
                                  <DigestPreviewButton
                                    clinicId={c.id}
                                    clinicCode={c.code}
                                    compact
                                  />
                                )}
                                {canEdit && (
                                  <Tooltip label="Edit">
                                    <ActionIcon
                                      variant="subtle"
                                      aria-label={`Edit clinic ${c.code}`}
                                      onClick={() => setEditing({ clinic: c, key: Date.now() })}
                                    >
                                      <IconPencil size={16} />
                                    </ActionIcon>
                                  </Tooltip>
                                )}
                              </Group>
                            </Table.Td>
                          )}
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
                {shown.length === 0 && (
                  <Text c="dimmed" ta="center" py="lg" size="sm">
                    No clinic matches these filters.
                  </Text>
                )}
              </Paper>
            </Stack>
          );
        }}
      </QueryState>
      {editing && (
        <ClinicForm
          key={editing.key}
          clinic={editing.clinic}
          opened
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
