import {
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
} from '@mantine/core';
import { IconFileText, IconReportMedical } from '@tabler/icons-react';
import type { ReportState } from '@telerad/contracts';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { EmptyTableState } from '../../app/components/EmptyTableState';
import { PageHeader } from '../../app/components/PageHeader';
import { QueryState } from '../../app/components/QueryState';
import { useCan } from '../../app/useCan';
import { useMe } from '../auth/session';
import { formatPersonName } from '../archive/studyFormat';
import { studyPath } from '../archive/studyLinks';
import { useReport, useReports } from './api';
import { ReleasedReport } from './ReleasedReport';
import { ReportsTable, STATE_LABELS } from './ReportsTable';

const STAFF_STATES: (ReportState | 'all')[] = [
  'final',
  'pending_consultation',
  'retake_requested',
  'all',
];

/** The selected report, with its versions. */
function ReportDetail({ reportId }: { reportId: string }) {
  const { t } = useTranslation('reports');
  const report = useReport(reportId);
  const canAddAddendum = useCan('report:sign');
  return (
    <QueryState query={report}>
      {(r) => (
        <Stack gap="xs" aria-label={t('page.region')} role="region">
          <Group justify="space-between" gap="xs">
            <div>
              <Text fw={600}>{formatPersonName(r.patientName)}</Text>
              <Text size="xs" c="dimmed">
                {r.patientId} · {r.clinicName}
              </Text>
            </div>
            <Badge variant="light" color={STATE_LABELS[r.state].color}>
              {t(`states.${r.state}`)}
            </Badge>
          </Group>
          <ReleasedReport report={r} canAddAddendum={canAddAddendum} />
          <Group>
            <Button
              component={Link}
              to={studyPath(r.studyUid)}
              variant="subtle"
              size="xs"
              leftSection={<IconFileText size={14} />}
            >
              {t('page.openStudy')}
            </Button>
          </Group>
        </Stack>
      )}
    </QueryState>
  );
}

/**
 * Reports: for clinic users the released reports of their clinics, newest first, each opening
 * beside the list with its result, findings, signer, addenda and PDF. Staff can also list
 * reports held for consultation or waiting for a retake.
 */
export function ReportsPage() {
  const me = useMe();
  const { t } = useTranslation('reports');
  const clinicOnly = me.roles.every((r) => r === 'clinic');
  const [params, setParams] = useSearchParams();
  const state = (params.get('state') as ReportState | 'all' | null) ?? 'final';
  const selected = params.get('report');
  const reports = useReports({ state: clinicOnly || state === 'all' ? undefined : state });
  const set = (key: string, value: string | null) => {
    const p = new URLSearchParams(params);
    if (value === null) p.delete(key);
    else p.set(key, value);
    setParams(p, { replace: true });
  };

  return (
    <>
      <PageHeader
        title={t('page.title')}
        description={
          clinicOnly
            ? t('page.clinicDescription')
            : 'Reports by state; open one to read it, download its PDF or add an addendum.'
        }
        actions={
          !clinicOnly && (
            <SegmentedControl
              size="xs"
              aria-label="Report state"
              value={state}
              onChange={(v) => set('state', v === 'final' ? null : v)}
              data={STAFF_STATES.map((s) => ({
                value: s,
                label: s === 'all' ? 'All' : t(`states.${s}`),
              }))}
            />
          )
        }
      />
      <QueryState query={reports}>
        {({ reports: list }) =>
          list.length === 0 ? (
            <EmptyTableState
              icon={<IconReportMedical size={32} />}
              title={clinicOnly ? t('page.emptyTitle') : 'No reports in this state'}
              description={
                clinicOnly
                  ? t('page.emptyText')
                  : 'Reports appear here once a reader signs them. Try another state.'
              }
              action={
                <Button component={Link} to="/worklist" variant="light">
                  {t('page.openWorklist')}
                </Button>
              }
            />
          ) : (
            <SimpleGrid cols={{ base: 1, lg: selected ? 2 : 1 }} spacing="md">
              <div>
                <ReportsTable
                  reports={list}
                  selectedId={selected}
                  onSelect={(id) => set('report', id)}
                />
              </div>
              {selected && (
                <Paper withBorder p="md" radius="md" style={{ alignSelf: 'start' }}>
                  <ReportDetail reportId={selected} />
                </Paper>
              )}
            </SimpleGrid>
          )
        }
      </QueryState>
    </>
  );
}
