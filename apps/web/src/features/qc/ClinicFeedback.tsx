import {
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconDownload, IconScale } from '@tabler/icons-react';
import type { QcFeedback, QcPeriodQuery } from '@telerad/contracts';
import { useTranslation } from 'react-i18next';
import { columnPriority, DenseTable } from '../../app/components/DenseTable';
import { EmptyTableState } from '../../app/components/EmptyTableState';
import { QueryState } from '../../app/components/QueryState';
import { formatDateTime } from '../../app/format';
import { AgreementBadge } from './AgreementBadge';
import { AgreementTable } from './AgreementTable';
import { feedbackPdfUrl, useFeedback } from './api';
import { kappaWordKey } from './period';

function Figure({
  label,
  value,
  hint,
  color,
}: {
  label: string;
  value: string;
  hint?: string;
  color?: string;
}) {
  return (
    <Paper withBorder p="xs" radius="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} c={color}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Paper>
  );
}

const pct = (n: number, of: number) => (of ? ` (${Math.round((100 * n) / of)} %)` : '');

/** One clinic's figures, agreement table, checked reads and the PDF, over a period. */
export function ClinicFeedback({
  clinicId,
  period,
  staff = false,
}: {
  clinicId: string;
  period: QcPeriodQuery;
  /** Centre staff's words: the clinic's reads, not "your reads". */
  staff?: boolean;
}) {
  const feedback = useFeedback(clinicId, period);
  return (
    <QueryState query={feedback}>
      {(f) => <FeedbackBody f={f} clinicId={clinicId} period={period} staff={staff} />}
    </QueryState>
  );
}

function FeedbackBody({
  f,
  clinicId,
  period,
  staff,
}: {
  f: QcFeedback;
  clinicId: string;
  period: QcPeriodQuery;
  staff: boolean;
}) {
  const { t } = useTranslation('qc');
  const s = f.summary;
  const kappa =
    s.kappa === null
      ? t('summary.kappaNone')
      : `${s.kappa.toFixed(2)} · ${t(`summary.words.${kappaWordKey(s.kappa)}`)}`;
  return (
    <Stack gap="md" data-testid="qc-feedback">
      <Group justify="space-between" align="flex-end">
        <Title order={3}>
          {s.clinicName} ({s.clinicCode})
        </Title>
        <Button
          component="a"
          href={feedbackPdfUrl(clinicId, period)}
          download
          variant="light"
          leftSection={<IconDownload size={16} />}
        >
          {t('page.download')}
        </Button>
      </Group>
      {s.n === 0 ? (
        <EmptyTableState
          icon={<IconScale />}
          title={t('page.emptyTitle')}
          description={t('page.emptyText')}
        />
      ) : (
        <>
          <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="xs" aria-label={t('summary.kappa')}>
            <Figure label={t('summary.checked')} value={String(s.n)} />
            <Figure
              label={t('summary.agreed')}
              value={`${s.concordant}${pct(s.concordant, s.n)}`}
              color="teal"
            />
            <Figure
              label={t('summary.minor')}
              value={`${s.minor}${pct(s.minor, s.n)}`}
              color={s.minor ? 'yellow.8' : undefined}
            />
            <Figure
              label={t('summary.major')}
              value={`${s.major}${pct(s.major, s.n)}`}
              color={s.major ? 'red' : undefined}
            />
            <Tooltip label={t('summary.kappaHelp')} multiline w={260}>
              <div data-testid="qc-kappa">
                <Figure label={t('summary.kappa')} value={kappa} />
              </div>
            </Tooltip>
          </SimpleGrid>
          <Title order={4}>
            {staff ? 'The clinic’s reads against the centre’s' : t('table.title')}
          </Title>
          <AgreementTable summary={s} staff={staff} />
          <Title order={4}>{t('cases.title')}</Title>
          <DenseTable label={t('cases.label')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('cases.patient')}</Table.Th>
                <Table.Th>{staff ? 'The clinic’s read' : t('cases.yours')}</Table.Th>
                <Table.Th>{t('cases.centre')}</Table.Th>
                <Table.Th>{t('cases.outcome')}</Table.Th>
                <Table.Th {...columnPriority(2)}>{t('cases.date')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {f.cases.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    {c.patientName} · {c.patientId}
                  </Table.Td>
                  <Table.Td>{t(`categories.${c.category}`)}</Table.Td>
                  <Table.Td>{c.centre && t(`categories.${c.centre.category}`)}</Table.Td>
                  <Table.Td>
                    {c.centre && (
                      <AgreementBadge
                        agreement={c.centre.agreement}
                        label={t(`agreement.${c.centre.agreement}`)}
                      />
                    )}
                  </Table.Td>
                  <Table.Td>{c.centre && formatDateTime(c.centre.at)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </DenseTable>
        </>
      )}
    </Stack>
  );
}
