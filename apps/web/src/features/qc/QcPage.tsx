import { Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { IconScale } from '@tabler/icons-react';
import type { QcAgreementList } from '@telerad/contracts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DenseTable } from '../../app/components/DenseTable';
import { EmptyTableState } from '../../app/components/EmptyTableState';
import { PageHeader } from '../../app/components/PageHeader';
import { QueryState } from '../../app/components/QueryState';
import { useCan } from '../../app/useCan';
import { useAgreement } from './api';
import { ClinicFeedback } from './ClinicFeedback';
import { PERIOD_DAYS, periodOf, type PeriodDays } from './period';
import { QcRulesCard } from './QcRulesCard';

/**
 * QC agreement. A clinic sees its own reads as the centre checked them: the figures, the
 * agreement table, each checked read and the feedback PDF. QA also sets the sampling rules and
 * compares every clinic's kappa.
 */
export function QcPage() {
  const { t } = useTranslation('qc');
  const staff = useCan('qc:rules:read');
  const [days, setDays] = useState<PeriodDays>(90);
  const period = useMemo(() => periodOf(days), [days]);
  const agreement = useAgreement(period);
  const [picked, setPicked] = useState<string | null>(null);
  return (
    <Stack gap="lg">
      <PageHeader
        title={staff ? 'QC agreement' : t('page.title')}
        description={
          staff
            ? 'Clinic reads the centre re-read blind: how often each clinic and the centre agree, Cohen’s kappa, and the feedback report for the clinic.'
            : t('page.description')
        }
        actions={
          <SegmentedControl
            aria-label={t('page.period')}
            value={String(days)}
            onChange={(v) => setDays(Number(v) as PeriodDays)}
            data={PERIOD_DAYS.map((d) => ({ value: String(d), label: t(`page.d${d}`) }))}
          />
        }
      />
      {staff && <QcRulesCard />}
      <QueryState query={agreement}>
        {(list) => {
          const clinicId = picked ?? list.items[0]?.clinicId ?? null;
          if (!clinicId)
            return (
              <EmptyTableState
                icon={<IconScale />}
                title={t('page.emptyTitle')}
                description={t('page.emptyText')}
              />
            );
          return (
            <Stack gap="lg">
              {(staff || list.items.length > 1) && (
                <ClinicKappas list={list} selected={clinicId} onSelect={setPicked} />
              )}
              <ClinicFeedback clinicId={clinicId} period={period} staff={staff} />
            </Stack>
          );
        }}
      </QueryState>
    </Stack>
  );
}

/** Every clinic's kappa over the period; a row opens that clinic's feedback. */
function ClinicKappas({
  list,
  selected,
  onSelect,
}: {
  list: QcAgreementList;
  selected: string;
  onSelect: (id: string) => void;
}) {
  const { t } = useTranslation('qc');
  return (
    <DenseTable label="Agreement per clinic">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('page.clinic')}</Table.Th>
          <Table.Th ta="right">{t('summary.checked')}</Table.Th>
          <Table.Th ta="right">{t('summary.agreed')}</Table.Th>
          <Table.Th ta="right">{t('summary.minor')}</Table.Th>
          <Table.Th ta="right">{t('summary.major')}</Table.Th>
          <Table.Th ta="right">Kappa</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {list.items.map((c) => (
          <Table.Tr
            key={c.clinicId}
            onClick={() => onSelect(c.clinicId)}
            onKeyDown={(e) => e.key === 'Enter' && onSelect(c.clinicId)}
            tabIndex={0}
            aria-selected={c.clinicId === selected}
            bg={c.clinicId === selected ? 'var(--mantine-primary-color-light)' : undefined}
            style={{ cursor: 'pointer' }}
          >
            <Table.Td>
              <Group gap={6}>
                <Text fw={600} size="sm">
                  {c.clinicCode}
                </Text>
                <Text size="sm" c="dimmed">
                  {c.clinicName}
                </Text>
              </Group>
            </Table.Td>
            <Table.Td ta="right">{c.n}</Table.Td>
            <Table.Td ta="right">{c.concordant}</Table.Td>
            <Table.Td ta="right">{c.minor}</Table.Td>
            <Table.Td ta="right" c={c.major ? 'red' : undefined}>
              {c.major}
            </Table.Td>
            <Table.Td ta="right">{c.kappa === null ? '—' : c.kappa.toFixed(2)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </DenseTable>
  );
}
