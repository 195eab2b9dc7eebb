import type { KpiDashboard } from '@telerad/contracts';

/** One cell of the export. */
export type Cell = string | number | null;

/** One CSV field: quoted when it holds a comma, quote or line break (RFC 4180). */
function field(v: Cell): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const pct = (v: number | null) => (v === null ? null : Math.round(v * 10_000) / 100);

/**
 * The dashboard as rows of panel, figure, breakdown and value (a header row first): what the CSV
 * and PDF exports list. Rates are percentages and turnaround is in minutes, as on the page.
 */
export function dashboardRows(d: KpiDashboard): Cell[][] {
  const rows: Cell[][] = [['panel', 'figure', 'breakdown', 'value']];
  const add = (panel: string, figure: string, breakdown: string, value: Cell) =>
    rows.push([panel, figure, breakdown, value]);
  add('period', 'from', '', d.period.from);
  add('period', 'to', '', d.period.to);
  add('turnaround', 'reads', '', d.turnaround.reads);
  add('turnaround', 'target minutes', '', d.targetMinutes);
  for (const basis of ['raw', 'service'] as const) {
    const f = d.turnaround[basis];
    add('turnaround', 'median minutes', basis, f.median);
    add('turnaround', 'p90 minutes', basis, f.p90);
    add('turnaround', 'p95 minutes', basis, f.p95);
    add('turnaround', '% within target', basis, pct(f.withinTarget));
  }
  for (const b of d.turnaround.histogram) {
    const label =
      b.toMinutes === null ? `over ${b.fromMinutes} min` : `${b.fromMinutes}-${b.toMinutes} min`;
    add('turnaround histogram', label, 'raw', b.raw);
    add('turnaround histogram', label, 'service', b.service);
  }
  for (const c of d.turnaround.heatmap) {
    add('turnaround by arrival', `weekday ${c.weekday} hour ${c.hour}`, 'reads', c.reads);
    add(
      'turnaround by arrival',
      `weekday ${c.weekday} hour ${c.hour}`,
      'mean minutes',
      c.meanMinutes,
    );
  }
  for (const v of d.volumes.perDay) add('volume', 'reads', v.day, v.reads);
  for (const [label, units] of [
    ['clinic', d.volumes.perClinic],
    ['radiologist', d.volumes.perReader],
  ] as const)
    for (const u of units) {
      add(`findings per ${label}`, 'reads', u.name, u.reads);
      add(
        `findings per ${label}`,
        '% abnormal',
        u.name,
        pct(u.reads ? u.abnormal / u.reads : null),
      );
      add(
        `findings per ${label}`,
        '% TB-suggestive',
        u.name,
        pct(u.reads ? u.tbSuggestive / u.reads : null),
      );
      add(`findings per ${label}`, 'abnormal funnel zone', u.name, u.abnormalZone);
    }
  add('findings', '% abnormal', 'all', pct(d.findings.abnormalRate));
  add('findings', '% TB-suggestive', 'all', pct(d.findings.tbRate));
  add('queue', 'received', '', d.queue.received);
  add('queue', 'read', '', d.queue.read);
  add('queue', '% read', '', pct(d.queue.readRate));
  add('queue', 'backlog', '', d.queue.backlog);
  add('queue', 'oldest unread since', '', d.queue.oldestUnreadAt);
  for (const r of d.retakes) add('retakes', r.kind, r.reason, r.requests);
  for (const s of d.peerReview.scores) add('peer review', 'RADPEER', s.score, s.count);
  add('peer review', 'discrepancy cases', '', d.peerReview.discrepancyCases);
  add('consultations', 'count', '', d.consultations.count);
  add('consultations', 'median minutes', '', d.consultations.medianMinutes);
  add('consultations', 'p90 minutes', '', d.consultations.p90Minutes);
  for (const i of d.incidents) {
    add('incidents', 'reported', i.severity, i.count);
    add('incidents', 'open', i.severity, i.open);
  }
  for (const w of d.qc) {
    add('QC', 're-reads', w.week, w.pairs);
    add('QC', "Cohen's kappa", w.week, w.kappa === null ? null : Math.round(w.kappa * 1000) / 1000);
    add('QC', 'discordant', w.week, w.discordant);
    add('QC', 'major discordance', w.week, w.major);
  }
  return rows;
}

/** The dashboard as one CSV table (RFC 4180), a figure a line. */
export function dashboardCsv(d: KpiDashboard): string {
  return (
    dashboardRows(d)
      .map((r) => r.map(field).join(','))
      .join('\r\n') + '\r\n'
  );
}
