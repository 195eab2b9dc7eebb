import type { CadCalibration } from '@telerad/contracts';
import type { ChartOption } from '../kpi/Chart';

const pct = (v: number) => `${Math.round(v * 1000) / 10} %`;

/** The colour of each threshold the ROC chart and table mark. */
export const THRESHOLD_COLOURS: Record<string, string> = {
  operating: '#f76707',
  triage: '#e03131',
  sensitivity90: '#1971c2',
};

/** What each threshold row is called. */
export const THRESHOLD_NAMES: Record<string, string> = {
  operating: 'Operating (abnormal)',
  triage: 'Triage (read first)',
  sensitivity90: '90 % sensitivity (WHO TPP)',
};

/**
 * The ROC curve: sensitivity against 1 − specificity at every bin edge, the chance diagonal, and
 * the thresholds as marked points. A point's data carries its bin, so a click lists its studies.
 */
export function rocOption(c: CadCalibration): ChartOption {
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p: { data: { value: number[]; name: string } }) =>
        `${p.data.name}<br/>sensitivity ${pct(p.data.value[1]!)}, specificity ${pct(1 - p.data.value[0]!)}`,
    },
    legend: {
      top: 0,
      data: [
        `ROC (AUC ${c.auc === null ? '—' : c.auc.toFixed(3)})`,
        ...c.thresholds.map((t) => THRESHOLD_NAMES[t.kind]!),
      ],
    },
    grid: { left: 56, right: 16, top: 56, bottom: 48 },
    xAxis: {
      type: 'value',
      min: 0,
      max: 1,
      name: '1 − specificity',
      nameLocation: 'middle',
      nameGap: 28,
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: 1,
      name: 'Sensitivity',
      nameLocation: 'middle',
      nameGap: 40,
    },
    series: [
      {
        name: `ROC (AUC ${c.auc === null ? '—' : c.auc.toFixed(3)})`,
        type: 'line',
        symbolSize: 5,
        data: c.roc.map((p) => ({
          value: [p.fpr, p.tpr],
          bin: p.bin,
          name: `At or past ${round(p.threshold)}`,
        })),
      },
      {
        name: 'Chance',
        type: 'line',
        symbol: 'none',
        silent: true,
        lineStyle: { type: 'dashed', width: 1, color: '#868e96' },
        data: [
          [0, 0],
          [1, 1],
        ],
      },
      ...c.thresholds.map((t) => ({
        name: THRESHOLD_NAMES[t.kind],
        type: 'scatter',
        symbolSize: 14,
        itemStyle: { color: THRESHOLD_COLOURS[t.kind] },
        data: [
          {
            value: [1 - t.specificity, t.sensitivity],
            bin: t.fromBin,
            name: `${THRESHOLD_NAMES[t.kind]}: ${round(t.threshold)}`,
          },
        ],
      })),
    ],
  };
}

/** A threshold on the product's scale, as QA would write it. */
export const round = (v: number) => Math.round(v * 1000) / 1000;

/** The months of the flagged cells, in order. */
export function monthsOf(c: CadCalibration): string[] {
  return [...new Set(c.flagged.map((f) => f.month))].sort();
}

/**
 * The share flagged per clinic and month (each version by its own operating threshold), a line
 * per clinic, with the month each version first scored marked. A point's data names its cell.
 */
export function flaggedOption(c: CadCalibration): ChartOption {
  const months = monthsOf(c);
  const clinics = [...new Map(c.flagged.map((f) => [f.clinicId, f.clinicName])).entries()];
  return {
    tooltip: { trigger: 'item' },
    legend: { bottom: 0, type: 'scroll' },
    grid: { left: 56, right: 24, top: 28, bottom: 56 },
    xAxis: { type: 'category', data: months },
    yAxis: {
      type: 'value',
      min: 0,
      max: 100,
      name: '% flagged',
      nameLocation: 'middle',
      nameGap: 40,
    },
    series: clinics.map(([id, name], i) => ({
      name,
      type: 'line',
      connectNulls: false,
      showSymbol: true,
      symbolSize: 8,
      data: months.map((m) => {
        const cell = c.flagged.find((f) => f.clinicId === id && f.month === m);
        return cell && cell.calibrated > 0
          ? {
              value: Math.round((cell.flagged / cell.calibrated) * 1000) / 10,
              clinicId: id,
              month: m,
              name: `${name} ${m}: ${cell.flagged} of ${cell.calibrated}`,
            }
          : null;
      }),
      ...(i === 0
        ? {
            markLine: {
              symbol: 'none',
              lineStyle: { type: 'dashed', color: '#495057' },
              label: { formatter: '{b}', position: 'insideEndTop' },
              data: c.versions.map((v) => ({
                name: `v${v.version}`,
                xAxis: v.month,
              })),
            },
          }
        : {}),
    })),
  };
}
