import {
  Badge,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconCalendarStats } from '@tabler/icons-react';
import {
  CAPACITY,
  type CapacityCentrePlan,
  type CapacityPlanAnswer,
  type CapacitySummary,
} from '@telerad/contracts';
import { useState } from 'react';
import { EmptyTableState } from '../../app/components/EmptyTableState';
import { LabelledSelect } from '../../app/components/LabelledSelect';
import { PageHeader } from '../../app/components/PageHeader';
import { QueryState } from '../../app/components/QueryState';
import { formatDateTime } from '../../app/format';
import { useCapacityPlan } from './api';
import { CapacityHeatmap } from './CapacityHeatmap';
import { WhatIfForm, type WhatIf } from './WhatIfForm';

const one = (n: number) => (Math.round(n * 10) / 10).toLocaleString('en');

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Paper withBorder radius="md" p="sm" role="group" aria-label={label}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700}>
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

/** The selected centre's week: its figures, the heatmap and its readers' measured times. */
function CentreWeek({ plan, slaMinutes }: { plan: CapacityCentrePlan; slaMinutes: number }) {
  const gap = plan.readerHoursRecommended - plan.readerHoursActual;
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Figure label="Studies a week" value={one(plan.weeklyArrivals)} hint={plan.timeZone} />
        <Figure
          label="Reader-hours needed"
          value={String(plan.readerHoursRecommended)}
          hint={`${plan.readerHoursActual} on the roster${gap > 0 ? `, ${gap} short` : ''}`}
        />
        <Figure
          label="Hours at risk"
          value={String(plan.hoursAtRisk)}
          hint="hours of the week below the target"
        />
        <Figure
          label="Minutes per read"
          value={one(plan.readMinutes)}
          hint={
            plan.readMinutesMeasured
              ? `claim to sign, ${plan.readers.reduce((s, r) => s + r.reads, 0)} reads`
              : 'no signed reads yet: a default'
          }
        />
      </SimpleGrid>
      <Paper withBorder radius="md" p="md">
        <Group justify="space-between" mb="xs" wrap="wrap">
          <Title order={3} size="h5">
            Readers needed / on the roster, by hour ({plan.timeZone})
          </Title>
          <Group gap="xs">
            <Badge variant="outline" color="red">
              Red outline: at risk
            </Badge>
            <Badge variant="light" color="gray">
              Faded: closed
            </Badge>
          </Group>
        </Group>
        <CapacityHeatmap
          cells={plan.cells}
          slaMinutes={slaMinutes}
          label={`Readers needed and on the roster at ${plan.name}, by weekday and hour`}
        />
      </Paper>
      <Paper withBorder radius="md">
        <Table.ScrollContainer minWidth={520}>
          <Table verticalSpacing="xs" aria-label={`Readers at ${plan.name}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Reader</Table.Th>
                <Table.Th>Reads signed</Table.Th>
                <Table.Th>Minutes per read</Table.Th>
                <Table.Th>Shift</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {plan.readers.length === 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={4}>
                    <Text size="sm" c="dimmed">
                      Nobody has signed a read here in this period: the plan assumes{' '}
                      {CAPACITY.defaultReadMinutes} minutes a read.
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ) : (
                plan.readers.map((r) => (
                  <Table.Tr key={r.userId}>
                    <Table.Td>{r.name}</Table.Td>
                    <Table.Td>{r.reads}</Table.Td>
                    <Table.Td>{one(r.readMinutes)}</Table.Td>
                    <Table.Td>{r.onShift ? 'On shift' : 'Off shift'}</Table.Td>
                  </Table.Tr>
                ))
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </Stack>
  );
}

/** Each centre without and with the what-ifs: where the load went, and the readers it needs. */
function Effect({ plan, baseline }: { plan: CapacityPlanAnswer; baseline: CapacitySummary[] }) {
  const arrow = (a: number, b: number) => `${a} → ${b}`;
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing="xs" aria-label="Effect of the what-if">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Centre</Table.Th>
              <Table.Th>Studies a week</Table.Th>
              <Table.Th>Reader-hours needed</Table.Th>
              <Table.Th>Hours at risk</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {plan.centres.map((c) => {
              const b = baseline.find((x) => x.centreId === c.centreId)!;
              return (
                <Table.Tr key={c.centreId}>
                  <Table.Td>{c.name}</Table.Td>
                  <Table.Td>{`${one(b.weeklyArrivals)} → ${one(c.weeklyArrivals)}`}</Table.Td>
                  <Table.Td>{arrow(b.readerHoursRecommended, c.readerHoursRecommended)}</Table.Td>
                  <Table.Td>{arrow(b.hoursAtRisk, c.hoursAtRisk)}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

/**
 * The capacity planner: how many readers each centre needs in each hour of next week to report
 * the target share of studies within the SLA, learnt from the arrival history and the readers'
 * measured reading times (Erlang C), against the readers on the roster; with what-ifs.
 */
export function CapacityPage() {
  const [slaMinutes, setSlaMinutes] = useState<number | string>(60);
  const [target, setTarget] = useState('0.95');
  const [weeks, setWeeks] = useState(String(CAPACITY.defaultWeeks));
  const [whatIf, setWhatIf] = useState<WhatIf>({});
  const [centreId, setCentreId] = useState<string | null>(null);
  const sla = typeof slaMinutes === 'number' && slaMinutes >= 5 ? slaMinutes : 60;
  const plan = useCapacityPlan({
    slaMinutes: sla,
    slaTarget: Number(target),
    weeks: Number(weeks),
    ...whatIf,
  });
  const active = Boolean(whatIf.hours || whatIf.newClinic);

  return (
    <>
      <PageHeader
        title="Capacity planner"
        description={`Readers each centre needs in each hour of next week to report ${Math.round(
          Number(target) * 100,
        )} % of studies within ${sla} minutes, learnt from past arrivals and reading times.`}
      />
      <Stack gap="md">
        <Group align="end" wrap="wrap">
          <NumberInput
            label="Report within (minutes)"
            value={slaMinutes}
            onChange={setSlaMinutes}
            min={5}
            max={1440}
            w={210}
            allowDecimal={false}
          />
          <LabelledSelect
            label="Share of studies"
            data={['0.9', '0.95', '0.98', '0.99'].map((v) => ({
              value: v,
              label: `${Math.round(Number(v) * 100)} %`,
            }))}
            value={target}
            onChange={(v) => setTarget(v ?? '0.95')}
            allowDeselect={false}
            w={160}
          />
          <LabelledSelect
            label="Learn from the last"
            data={['2', '4', '8', '12', '26'].map((v) => ({ value: v, label: `${v} weeks` }))}
            value={weeks}
            onChange={(v) => setWeeks(v ?? String(CAPACITY.defaultWeeks))}
            allowDeselect={false}
            w={180}
          />
        </Group>
        <QueryState query={plan}>
          {(p) => {
            if (!p.enough)
              return (
                <EmptyTableState
                  icon={<IconCalendarStats size={32} />}
                  title="Not enough arrivals to plan from yet"
                  description={`The planner needs ${p.minHistoryDays} days of arrivals to see every hour of the week; it has ${p.historyDays} day${p.historyDays === 1 ? '' : 's'}. Studies keep arriving: come back once a full week has been read.`}
                />
              );
            const shown = p.centres.find((c) => c.centreId === centreId) ?? p.centres[0]!;
            return (
              <Stack gap="md">
                <Text size="sm" c="dimmed">
                  From {p.historyDays} days of arrivals ({formatDateTime(p.from)} to{' '}
                  {formatDateTime(p.to)}) at {p.clinics.length} clinic
                  {p.clinics.length === 1 ? '' : 's'}. Readers on the roster are those whose shift
                  is on, while their centre is open.
                </Text>
                {active && p.baseline && (
                  <Stack gap="xs">
                    <Title order={3} size="h5">
                      With the what-if
                      {whatIf.newClinic
                        ? ` (${whatIf.newClinic.name}, ${whatIf.newClinic.dailyVolume} a day)`
                        : ''}
                    </Title>
                    <Effect plan={p} baseline={p.baseline} />
                  </Stack>
                )}
                <SegmentedControl
                  w="fit-content"
                  value={shown.centreId}
                  onChange={setCentreId}
                  data={p.centres.map((c) => ({ value: c.centreId, label: c.name }))}
                  aria-label="Centre"
                />
                <CentreWeek plan={shown} slaMinutes={p.slaMinutes} />
                <WhatIfForm
                  centres={p.centres}
                  active={active}
                  onApply={setWhatIf}
                  onClear={() => setWhatIf({})}
                />
              </Stack>
            );
          }}
        </QueryState>
      </Stack>
    </>
  );
}
