import { Table, Text } from '@mantine/core';
import { QC_CATEGORIES, type QcAgreementSummary } from '@telerad/contracts';
import { useTranslation } from 'react-i18next';

/**
 * The k×k agreement table: rows are the clinic's reads, columns the centre's; the diagonal is
 * agreement, and the normal/TB corners (major differences) are shaded red when not empty.
 */
export function AgreementTable({
  summary,
  staff = false,
}: {
  summary: QcAgreementSummary;
  /** Centre staff's words: the clinic's read, not "your read". */
  staff?: boolean;
}) {
  const { t } = useTranslation('qc');
  const shade = (i: number, j: number, n: number) => {
    if (n === 0) return undefined;
    if (i === j) return 'var(--mantine-color-teal-light)';
    const pair = [QC_CATEGORIES[i], QC_CATEGORIES[j]];
    return pair.includes('normal') && pair.includes('tb')
      ? 'var(--mantine-color-red-light)'
      : 'var(--mantine-color-yellow-light)';
  };
  return (
    <Table
      withTableBorder
      withColumnBorders
      aria-label={t('table.label')}
      ta="center"
      fz="sm"
      maw={640}
    >
      <Table.Thead>
        <Table.Tr>
          <Table.Th>
            <Text size="xs" c="dimmed">
              {staff ? 'Clinic’s read ↓ / the centre’s read →' : t('table.rows')}
            </Text>
          </Table.Th>
          {QC_CATEGORIES.map((c) => (
            <Table.Th key={c} ta="center">
              {t(`categories.${c}`)}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {QC_CATEGORIES.map((row, i) => (
          <Table.Tr key={row}>
            <Table.Th>{t(`categories.${row}`)}</Table.Th>
            {QC_CATEGORIES.map((col, j) => {
              const n = summary.table[i]?.[j] ?? 0;
              return (
                <Table.Td key={col} bg={shade(i, j, n)} fw={n ? 600 : undefined}>
                  {n}
                </Table.Td>
              );
            })}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
