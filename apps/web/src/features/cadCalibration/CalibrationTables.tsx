import { Anchor, Table, Text } from '@mantine/core';
import type { CadCalibration, CadThresholdPerformance } from '@telerad/contracts';
import type { ReactNode } from 'react';
import type { CadDrill } from './api';
import { monthsOf, round, THRESHOLD_COLOURS, THRESHOLD_NAMES } from './options';

const pct = (v: number) => `${(Math.round(v * 1000) / 10).toFixed(1)} %`;
const bound = (b: number) => (b > 0 ? ` ± ${(Math.round(b * 1000) / 10).toFixed(1)}` : '');

/** A count that opens the studies behind it. */
function Count({ n, drill, open }: { n: number; drill: CadDrill; open: (d: CadDrill) => void }) {
  return n === 0 ? (
    <>0</>
  ) : (
    <Anchor component="button" type="button" onClick={() => open(drill)} aria-label={drill.title}>
      {n.toLocaleString()}
    </Anchor>
  );
}

/**
 * Sensitivity and specificity at the operating and triage thresholds in force and at 90 %
 * sensitivity, each count opening its studies (positives are bins `fromBin` and up).
 */
export function ThresholdTable({ c, open }: { c: CadCalibration; open: (d: CadDrill) => void }) {
  const cell = (t: CadThresholdPerformance, called: boolean, outcome: 'abnormal' | 'normal') => {
    const n = called
      ? outcome === 'abnormal'
        ? t.truePositives
        : t.falsePositives
      : outcome === 'abnormal'
        ? t.falseNegatives
        : t.trueNegatives;
    const what = `${called ? 'at or past' : 'below'} ${round(t.threshold)}, read ${outcome}`;
    const bins = called ? { fromBin: t.fromBin } : { toBin: t.fromBin - 1 };
    return <Count n={n} open={open} drill={{ ...bins, outcome, title: `Scored ${what}` }} />;
  };
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table
        striped
        horizontalSpacing="xs"
        aria-label="Sensitivity and specificity at each threshold"
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Threshold</Table.Th>
            <Table.Th ta="right">Score</Table.Th>
            <Table.Th ta="right">Sensitivity</Table.Th>
            <Table.Th ta="right">Specificity</Table.Th>
            <Table.Th ta="right">TP</Table.Th>
            <Table.Th ta="right">FN</Table.Th>
            <Table.Th ta="right">FP</Table.Th>
            <Table.Th ta="right">TN</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {c.thresholds.map((t) => (
            <Table.Tr key={t.kind} data-threshold={t.kind}>
              <Table.Td>
                <Text span fw={600} c={THRESHOLD_COLOURS[t.kind]}>
                  ●
                </Text>{' '}
                {THRESHOLD_NAMES[t.kind]}
              </Table.Td>
              <Table.Td ta="right">{round(t.threshold)}</Table.Td>
              <Table.Td ta="right" data-figure="sensitivity">
                {pct(t.sensitivity)}
                {bound(t.sensitivityBound)}
              </Table.Td>
              <Table.Td ta="right" data-figure="specificity">
                {pct(t.specificity)}
                {bound(t.specificityBound)}
              </Table.Td>
              <Table.Td ta="right">{cell(t, true, 'abnormal')}</Table.Td>
              <Table.Td ta="right">{cell(t, false, 'abnormal')}</Table.Td>
              <Table.Td ta="right">{cell(t, true, 'normal')}</Table.Td>
              <Table.Td ta="right">{cell(t, false, 'normal')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The share flagged per clinic (rows) and month (columns), each cell opening its studies. */
export function FlaggedTable({ c, open }: { c: CadCalibration; open: (d: CadDrill) => void }) {
  const months = monthsOf(c);
  const clinics = [...new Map(c.flagged.map((f) => [f.clinicId, f.clinicName])).entries()];
  const starts = new Map(c.versions.map((v) => [v.month, v.version]));
  let body: ReactNode = null;
  body = clinics.map(([id, name]) => (
    <Table.Tr key={id}>
      <Table.Td>{name}</Table.Td>
      {months.map((m) => {
        const f = c.flagged.find((x) => x.clinicId === id && x.month === m);
        if (!f)
          return (
            <Table.Td key={m} ta="right">
              —
            </Table.Td>
          );
        const share = f.calibrated ? `${Math.round((f.flagged / f.calibrated) * 100)} %` : 'n/c';
        return (
          <Table.Td key={m} ta="right">
            <Anchor
              component="button"
              type="button"
              onClick={() =>
                open({
                  clinicId: id,
                  month: m,
                  flagged: 'true',
                  family: 'true',
                  title: `${name}, ${m}: ${f.flagged} flagged of ${f.calibrated} calibrated`,
                })
              }
              aria-label={`${name} ${m} flagged`}
            >
              {share}
            </Anchor>
            <Text span size="xs" c="dimmed">
              {' '}
              of {f.scored}
            </Text>
          </Table.Td>
        );
      })}
    </Table.Tr>
  ));
  return (
    <Table.ScrollContainer minWidth={Math.max(480, 160 + months.length * 90)}>
      <Table striped aria-label="Share flagged by clinic and month">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Clinic</Table.Th>
            {months.map((m) => (
              <Table.Th key={m} ta="right">
                {m}
                {starts.has(m) && (
                  <Text size="xs" c="blue" fw={600}>
                    v{starts.get(m)}
                  </Text>
                )}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{body}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
