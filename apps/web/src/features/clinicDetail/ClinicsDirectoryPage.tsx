import { Anchor, Badge, Code, Paper, Stack, Table } from '@mantine/core';
import { IconBuildingHospital, IconSearch } from '@tabler/icons-react';
import type { ClinicDirectoryRow } from '@telerad/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import { EmptyTableState } from '../../app/components/EmptyTableState';
import { PageHeader } from '../../app/components/PageHeader';
import { QueryState } from '../../app/components/QueryState';
import { countryName } from '../admin/clinics/countries';
import {
  applyClinicFilter,
  ClinicFilterBar,
  NO_CLINIC_FILTER,
  type ClinicFilter,
} from '../admin/clinics/ClinicFilterBar';
import { STATUS_STYLE } from '../admin/clinics/status';
import { clinicPath } from './ClinicLink';
import { LastImageText } from './LastImageText';
import { useClinicDirectory } from './api';

function matches(c: ClinicDirectoryRow, query: string): boolean {
  if (!query) return true;
  const q = query.trim().toLowerCase();
  return [c.code, c.name, c.country, countryName(c.country), c.homeCentreName].some((v) =>
    v.toLowerCase().includes(q),
  );
}

/**
 * Support → Clinics: every clinic in scope with its status, when it last sent an image and its
 * open incidents; the way into each clinic's page.
 */
export function ClinicsDirectoryPage() {
  const directory = useClinicDirectory();
  const [filter, setFilter] = useState<ClinicFilter>(NO_CLINIC_FILTER);

  return (
    <>
      <PageHeader
        title="Clinic overview"
        description="Every clinic you look after: when it last sent an image and what is open. Open a clinic for its contacts, DICOM doors, traffic and deliveries."
      />
      <QueryState query={directory}>
        {({ clinics }) => {
          if (clinics.length === 0)
            return (
              <EmptyTableState
                icon={<IconBuildingHospital size={32} />}
                title="No clinics yet"
                description="No clinic has been set up. An administrator adds clinics under Administration → Clinics."
              />
            );
          const shown = applyClinicFilter(clinics, filter, matches);
          return (
            <Stack gap="md">
              <ClinicFilterBar
                value={filter}
                onChange={setFilter}
                placeholder="Search code, name, country or centre"
              />
              <Paper withBorder radius="md">
                <Table.ScrollContainer minWidth={720}>
                  <Table aria-label="Clinics" highlightOnHover>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Code</Table.Th>
                        <Table.Th>Name</Table.Th>
                        <Table.Th>Country</Table.Th>
                        <Table.Th>Status</Table.Th>
                        <Table.Th>Last image received</Table.Th>
                        <Table.Th ta="right">Open incidents</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {shown.map((c) => (
                        <Table.Tr key={c.id}>
                          <Table.Td>
                            <Code fw={700}>{c.code}</Code>
                          </Table.Td>
                          <Table.Td>
                            <Anchor component={Link} to={clinicPath(c.id)} fw={500} size="sm">
                              {c.name}
                            </Anchor>
                          </Table.Td>
                          <Table.Td>{countryName(c.country)}</Table.Td>
                          <Table.Td miw={130}>
                            <Badge color={STATUS_STYLE[c.status].color} variant="light">
                              {STATUS_STYLE[c.status].label}
                            </Badge>
                          </Table.Td>
                          <Table.Td>
                            <LastImageText last={c.lastImage} />
                          </Table.Td>
                          <Table.Td ta="right">
                            {c.openIncidents > 0 ? (
                              <Badge color="red" variant="light">
                                {c.openIncidents}
                              </Badge>
                            ) : (
                              '—'
                            )}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
                {shown.length === 0 && (
                  <EmptyTableState
                    icon={<IconSearch size={28} />}
                    title="No clinic matches"
                    description="Try the clinic's code (DEMO1), part of its name or its country, or set the status back to All."
                  />
                )}
              </Paper>
            </Stack>
          );
        }}
      </QueryState>
    </>
  );
}
