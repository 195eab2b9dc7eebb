import {
  Alert,
  Anchor,
  Badge,
  Button,
  FileInput,
  Group,
  Modal,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { IconFileTypeCsv } from '@tabler/icons-react';
import { ORDER_CSV_TEMPLATE, type OrderImportResult } from '@telerad/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/apiError';
import { useImportOrders } from './ordersApi';

const STATUS_COLOUR = { created: 'green', duplicate: 'yellow', error: 'red' } as const;
const TEMPLATE_HREF = `data:text/csv;charset=utf-8,${encodeURIComponent(ORDER_CSV_TEMPLATE)}`;

/**
 * Imports a day's list from a spreadsheet saved as CSV: the template to start from, a check of
 * the file that saves nothing and shows each row's result, then the import itself with the same
 * report (rows already registered and rows with errors are left out, never half-saved).
 */
export function OrderImportDialog({
  clinicId,
  opened,
  onClose,
}: {
  clinicId: string;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('register');
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<OrderImportResult | null>(null);
  const run = useImportOrders(clinicId);
  const send = async (dryRun: boolean) => {
    if (!file) return;
    run.mutate({ csv: await file.text(), dryRun }, { onSuccess: setReport });
  };
  const close = () => {
    setFile(null);
    setReport(null);
    run.reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={t('import.title')} size="xl">
      <Stack>
        <Text size="sm">{t('import.intro')}</Text>
        <Anchor href={TEMPLATE_HREF} download="applicants-template.csv">
          {t('import.template')}
        </Anchor>
        <FileInput
          size="lg"
          label={t('import.file')}
          placeholder={t('import.filePlaceholder')}
          accept=".csv,text/csv"
          leftSection={<IconFileTypeCsv size={18} />}
          value={file}
          onChange={(f) => {
            setFile(f);
            setReport(null);
          }}
          data-testid="order-csv"
        />
        {run.error && <Alert color="red">{errorMessage(run.error)}</Alert>}
        {report && (
          <Stack gap="xs" data-testid="import-report">
            <Text fw={500}>
              {t(report.dryRun ? 'import.summary' : 'import.done', {
                created: report.created,
                duplicates: report.duplicates,
                errors: report.errors,
              })}
            </Text>
            <Table.ScrollContainer minWidth={480} mah={320}>
              <Table aria-label={t('import.title')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('import.line')}</Table.Th>
                    <Table.Th>{t('import.status')}</Table.Th>
                    <Table.Th>{t('import.problem')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {report.rows.map((r) => (
                    <Table.Tr key={r.line}>
                      <Table.Td>{r.line}</Table.Td>
                      <Table.Td>
                        <Badge color={STATUS_COLOUR[r.status]}>
                          {t(`import.statuses.${r.status}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        {r.errors.map((e) => `${e.field}: ${e.message}`).join(' · ') ||
                          r.accessionNumber}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('import.close')}
          </Button>
          <Button
            variant="light"
            size="md"
            disabled={!file}
            loading={run.isPending}
            onClick={() => send(true)}
          >
            {t('import.check')}
          </Button>
          {report?.dryRun && report.created > 0 && (
            <Button size="md" loading={run.isPending} onClick={() => send(false)}>
              {t('import.run', { count: report.created })}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
