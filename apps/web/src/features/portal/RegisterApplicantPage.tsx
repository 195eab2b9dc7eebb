import { Button, Group, Loader, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import type { Programme } from '@telerad/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClinics } from '../admin/clinics/api';
import { useSession } from '../auth/session';
import { OrderImportDialog } from './OrderImportDialog';
import { RegisterForm } from './RegisterForm';
import { TodaysOrders } from './TodaysOrders';

/**
 * Register applicant: the clinic's front desk registers each applicant before the X-ray (the
 * form, with its duplicate warning), or imports the day's list; today's registrations are below.
 * A user of several clinics picks the clinic first.
 */
export function RegisterApplicantPage() {
  const { t } = useTranslation('register');
  const mine = useSession().data?.user.clinicIds ?? [];
  const clinics = useClinics();
  const [chosen, setChosen] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  // Centre staff helping a clinic (assistants, admin) have no clinics of their own: all clinics.
  const own = (clinics.data ?? []).filter((c) => mine.length === 0 || mine.includes(c.id));
  const clinic = own.find((c) => c.id === chosen) ?? (own.length === 1 ? own[0] : undefined);
  return (
    <Stack gap="md" maw={1100}>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Stack gap={2}>
          <Title order={2}>{t('title')}</Title>
          <Text size="sm" c="dimmed" maw={640}>
            {t('description')}
          </Text>
        </Stack>
        {clinic && (
          <Button
            variant="light"
            size="md"
            leftSection={<IconFileImport size={18} />}
            onClick={() => setImporting(true)}
          >
            {t('import.open')}
          </Button>
        )}
      </Group>
      {clinics.isPending && <Loader />}
      {own.length > 1 && (
        <Select
          size="lg"
          label={t('clinic')}
          data={own.map((c) => ({ value: c.id, label: `${c.name} (${c.code})` }))}
          value={clinic?.id ?? null}
          onChange={setChosen}
          maw={420}
        />
      )}
      {clinic && (
        <>
          <Paper withBorder p="md" radius="md">
            <RegisterForm
              key={clinic.id}
              clinicId={clinic.id}
              programmes={clinic.programmes as Programme[]}
            />
          </Paper>
          <TodaysOrders clinicId={clinic.id} />
          <OrderImportDialog
            clinicId={clinic.id}
            opened={importing}
            onClose={() => setImporting(false)}
          />
        </>
      )}
    </Stack>
  );
}
