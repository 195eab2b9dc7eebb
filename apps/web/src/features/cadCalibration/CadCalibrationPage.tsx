import {
  Alert,
  Anchor,
  Button,
  Group,
  Paper,
  Grid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAdjustments, IconChartDots } from '@tabler/icons-react';
import { PROGRAMMES, type CadCalibration, type Programme } from '@telerad/contracts';
import { useEffect, useState, type ReactNode } from 'react';
import { EmptyTableState } from '../../app/components/EmptyTableState';
import { LabelledSelect } from '../../app/components/LabelledSelect';
import { PageHeader } from '../../app/components/PageHeader';
import { QueryState } from '../../app/components/QueryState';
import { useClinics } from '../admin/clinics/api';
import { Chart, type ChartClick } from '../kpi/Chart';
import {
  defaultCalibrationFilters,
  useCadCalibration,
  useCadProducts,
  type CadDrill,
  type CalibrationFilters,
} from './api';
import { CadReadsDrawer } from './CadReadsDrawer';
import { FlaggedTable, ThresholdTable } from './CalibrationTables';
import { flaggedOption, rocOption } from './options';

/** One titled panel of the page. */
function Panel({ title, hint, children }: { title: string; hint?: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={title}>
      <Title order={4}>{title}</Title>
      {hint && (
        <Text size="xs" c="dimmed" mb="xs">
          {hint}
        </Text>
      )}
      {children}
    </Paper>
  );
}

/** The headline counts, each opening its studies. */
function Counts({ c, open }: { c: CadCalibration; open: (d: CadDrill) => void }) {
  const item = (label: string, n: number, drill: CadDrill, testId: string) => (
    <Stack gap={0} key={label}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Anchor
        component="button"
        type="button"
        fz="xl"
        fw={700}
        data-testid={testId}
        onClick={() => open(drill)}
        disabled={n === 0}
      >
        {n.toLocaleString()}
      </Anchor>
    </Stack>
  );
  return (
    <Group gap="xl" wrap="wrap">
      <Stack gap={0}>
        <Text size="xs" c="dimmed">
          AUC
        </Text>
        <Text fz="xl" fw={700} data-testid="cad-auc">
          {c.auc === null ? '—' : c.auc.toFixed(3)}
          {c.aucBound !== null && c.aucBound > 0 && (
            <Text span size="xs" c="dimmed">
              {' '}
              ± {c.aucBound.toFixed(3)}
            </Text>
          )}
        </Text>
      </Stack>
      {item('Scored studies', c.counts.scored, { title: 'Every scored study' }, 'cad-scored')}
      {item(
        'Read abnormal',
        c.counts.abnormal,
        { outcome: 'abnormal', title: 'Scored, read abnormal' },
        'cad-abnormal',
      )}
      {item(
        'Read normal',
        c.counts.normal,
        { outcome: 'normal', title: 'Scored, read normal' },
        'cad-normal',
      )}
      {item(
        'Not yet read',
        c.counts.unread,
        { outcome: 'unread', title: 'Scored, no final read yet' },
        'cad-unread',
      )}
    </Group>
  );
}

function Figures({ c, open }: { c: CadCalibration; open: (d: CadDrill) => void }) {
  const rocClick = (p: ChartClick) => {
    const bin = (p.data as { bin?: number } | null)?.bin;
    if (bin !== undefined && bin < c.bins)
      open({
        fromBin: bin,
        outcome: 'abnormal',
        title: `Read abnormal, scored in bin ${bin} or above`,
      });
  };
  const flaggedClick = (p: ChartClick) => {
    const d = p.data as { clinicId?: string; month?: string; name?: string } | null;
    if (d?.clinicId && d.month)
      open({
        clinicId: d.clinicId,
        month: d.month,
        flagged: 'true',
        family: 'true',
        title: `Flagged: ${d.name ?? ''}`,
      });
  };
  const read = c.counts.abnormal + c.counts.normal;
  return (
    <Stack gap="md">
      {!c.calibrated && (
        <Alert color="yellow" icon={<IconAdjustments />} title="No thresholds in force">
          {c.product.name} {c.product.version} has no operating or triage threshold for{' '}
          {c.programme}, so its scores are uncalibrated and never raise a read. Set them under CAD
          thresholds once the curve below supports a choice; the 90 % sensitivity threshold is a
          starting point.
        </Alert>
      )}
      <Panel
        title="Against final reads"
        hint="Studies this version scored in the period; the truth is each study's latest signed report."
      >
        <Counts c={c} open={open} />
      </Panel>
      {read === 0 ? (
        <EmptyTableState
          icon={<IconChartDots />}
          title="No final reads of scored studies yet"
          description="The curve and the thresholds' figures appear as radiologists sign reports of studies this version scored. Widen the period, or choose the programme the clinics screen for."
        />
      ) : (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Panel
              title="ROC curve"
              hint={`In 100 score bins${c.aucBound ? ` (AUC within ± ${c.aucBound.toFixed(3)} of the raw scores')` : ''}; a point lists the abnormal reads at or past it.`}
            >
              <Chart option={rocOption(c)} onClick={rocClick} height={340} label="ROC curve" />
            </Panel>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <Panel
              title="Thresholds"
              hint="Sensitivity and specificity against final reads; ± is what the score bins may move a figure. Each count lists its studies."
            >
              <ThresholdTable c={c} open={open} />
            </Panel>
          </Grid.Col>
        </Grid>
      )}
      <Panel
        title="Share flagged by clinic and month"
        hint={`Every version of ${c.product.name}, each by its own operating threshold (read or not); dashed lines mark the month a version first scored. n/c: no thresholds.`}
      >
        {c.flagged.length === 0 ? (
          <Text size="sm" c="dimmed">
            No studies scored in the period.
          </Text>
        ) : (
          <>
            <Chart
              option={flaggedOption(c)}
              onClick={flaggedClick}
              height={280}
              label="Share flagged by clinic and month"
            />
            <FlaggedTable c={c} open={open} />
          </>
        )}
      </Panel>
    </Stack>
  );
}

/** The CAD calibration page (QA): a product version and programme against final reads. */
export function CadCalibrationPage() {
  const products = useCadProducts();
  const clinics = useClinics();
  const [filters, setFilters] = useState<CalibrationFilters>(defaultCalibrationFilters);
  const [drill, setDrill] = useState<CadDrill | null>(null);
  const calibration = useCadCalibration(filters);
  const list = products.data?.products ?? [];
  useEffect(() => {
    if (!filters.productId && list[0]) setFilters((f) => ({ ...f, productId: list[0]!.id }));
  }, [list, filters.productId]);
  const set = (patch: Partial<CalibrationFilters>) => setFilters((f) => ({ ...f, ...patch }));
  return (
    <>
      <PageHeader
        title="CAD calibration"
        description="How each CAD product version's scores match final reads, and whether the share it flags drifts."
      />
      <Group align="flex-end" gap="sm" wrap="wrap" mb="md">
        <LabelledSelect
          label="Product version"
          placeholder="Choose a version"
          searchable
          w={230}
          data={list.map((p) => ({ value: p.id, label: `${p.name} ${p.version}` }))}
          value={filters.productId ?? null}
          onChange={(v) => set({ productId: v ?? undefined })}
        />
        <LabelledSelect
          label="Programme"
          w={140}
          data={[...PROGRAMMES]}
          value={filters.programme ?? 'GENERAL'}
          onChange={(v) => set({ programme: (v ?? 'GENERAL') as Programme })}
        />
        <TextInput
          type="date"
          label="From"
          w={150}
          value={filters.from ?? ''}
          onChange={(e) => set({ from: e.currentTarget.value || undefined })}
        />
        <TextInput
          type="date"
          label="To"
          w={150}
          value={filters.to ?? ''}
          onChange={(e) => set({ to: e.currentTarget.value || undefined })}
        />
        <LabelledSelect
          label="Clinic"
          placeholder="All clinics"
          clearable
          searchable
          w={200}
          data={(clinics.data ?? []).map((c) => ({ value: c.id, label: `${c.code} — ${c.name}` }))}
          value={filters.clinicId ?? null}
          onChange={(v) => set({ clinicId: v ?? undefined })}
        />
        <Button
          variant="subtle"
          onClick={() =>
            setFilters({ ...defaultCalibrationFilters(), productId: filters.productId })
          }
        >
          Clear filters
        </Button>
      </Group>
      <QueryState query={products}>
        {() =>
          list.length === 0 ? (
            <EmptyTableState
              icon={<IconChartDots />}
              title="No CAD product version registered"
              description="Register each exact version your centre uses (name, version, score scale) under CAD products; its results are accepted from then on, and its calibration appears here."
            />
          ) : filters.productId ? (
            <QueryState query={calibration}>{(c) => <Figures c={c} open={setDrill} />}</QueryState>
          ) : null
        }
      </QueryState>
      <CadReadsDrawer filters={filters} drill={drill} onClose={() => setDrill(null)} />
    </>
  );
}
