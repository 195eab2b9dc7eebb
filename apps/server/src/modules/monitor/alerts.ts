import type {
  AlertSweepResult,
  MonitorSettings,
  NetworkAlert,
  NetworkAlertKind,
  WorkingHours,
} from '@telerad/contracts';
import type { Db } from '../../platform/db';
import { isOpen, serviceMinutesBetween } from '../centres';
import { notifyEvent } from '../notifications';
import { gatewayHealthOf, type GatewayHealthRow } from './gatewayHealth';
import { lastReceivedByClinic } from './lastReceived';
import { getMonitorSettings } from './settings';
import { scheduleOf, workingHoursOf } from './workingHours';

/** An alert that holds: what the monitor shows, and what its notification says. */
export interface AlertFinding {
  detail: string;
  facts: Record<string, string>;
}

/** What the rules see of one clinic at the sweep's instant. */
export interface ClinicSignals {
  timeZone: string;
  hours: WorkingHours;
  lastImageAt: Date | null;
  gateway: GatewayHealthRow | null;
}

/** The last sign of life: the latest image or heartbeat (null when never heard from). */
export function lastSignOfLife(s: ClinicSignals): Date | null {
  const times = [s.lastImageAt, s.gateway?.lastHeartbeatAt ?? null].filter(
    (t): t is Date => t !== null,
  );
  return times.length ? new Date(Math.max(...times.map((t) => t.getTime()))) : null;
}

/**
 * The alert rules, pure: a clinic is silent when it is inside its working hours and has sent
 * neither image nor heartbeat for more than `silentAfterMinutes` of working time (a night or a
 * Sunday in between does not count); one never heard from is onboarding, not silent. Its queue
 * grows when its gateway holds more than `queueDepthAbove` instances or its oldest item has
 * waited more than `queueOldestMinutes`. Returns each alert that holds, with its detail and the
 * facts its notification prints.
 */
export function evaluateRules(
  s: ClinicSignals,
  rules: MonitorSettings,
  now: Date,
): Partial<Record<NetworkAlertKind, AlertFinding>> {
  const out: Partial<Record<NetworkAlertKind, AlertFinding>> = {};
  const last = lastSignOfLife(s);
  const schedule = scheduleOf(s.timeZone, s.hours);
  if (last && isOpen(schedule, now)) {
    const quiet = serviceMinutesBetween(schedule, last, now);
    if (quiet > rules.silentAfterMinutes) {
      const minutes = quiet < 1 ? 'under 1' : String(Math.round(quiet));
      out.silent = {
        detail: `No image or heartbeat for ${minutes} working minute(s) (since ${stamp(last)})`,
        facts: { since: stamp(last), minutes },
      };
    }
  }
  const g = s.gateway;
  if (g) {
    const depth = g.queueDepth ?? 0;
    const waitedMin = g.oldestItemAt ? (now.getTime() - g.oldestItemAt.getTime()) / 60_000 : 0;
    const detail =
      depth > rules.queueDepthAbove
        ? `${depth} images wait in the gateway's queue (alert above ${rules.queueDepthAbove})`
        : g.oldestItemAt && waitedMin > rules.queueOldestMinutes
          ? `The oldest image has waited ${Math.round(waitedMin)} min in the gateway's queue`
          : null;
    if (detail) out.queue = { detail, facts: { detail } };
  }
  return out;
}

/** `2026-12-06 14:05 UTC`: how a time reads in a notification shared across time zones. */
function stamp(d: Date): string {
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const KINDS: NetworkAlertKind[] = ['silent', 'queue'];

/**
 * Runs the alert rules over every pilot and live clinic at `now` (the sweep's clock, so tests
 * drive time): raises an alert that now holds and is not open, clears an open one that no longer
 * holds, and tells support of each change in the same transaction. Safe with several sweepers:
 * at most one open alert per clinic and kind (a unique index), raised by whichever insert wins;
 * the loser inserts nothing and tells nobody; a clear is one conditional UPDATE.
 */
export async function sweepNetworkAlerts(db: Db, now: Date): Promise<AlertSweepResult> {
  const rules = await getMonitorSettings(db);
  const clinics = await db
    .selectFrom('clinics')
    .select(['id', 'code', 'name', 'time_zone'])
    .where('status', 'in', ['pilot', 'live'])
    .execute();
  const ids = clinics.map((c) => c.id);
  const [hours, last, gateways, open] = await Promise.all([
    workingHoursOf(db, ids),
    lastReceivedByClinic(db, ids),
    gatewayHealthOf(db, ids),
    openAlerts(db, ids),
  ]);
  const result: AlertSweepResult = { raised: [], cleared: [] };
  for (const c of clinics) {
    const newest = last.get(c.id)?.[0];
    const holds = evaluateRules(
      {
        timeZone: c.time_zone,
        hours: hours.get(c.id)!,
        lastImageAt: newest ? new Date(newest.receivedAt) : null,
        gateway: gateways.get(c.id) ?? null,
      },
      rules,
      now,
    );
    for (const kind of KINDS) {
      const finding = holds[kind];
      const current = open.get(c.id)?.find((a) => a.kind === kind);
      if (finding && !current) {
        if (await raise(db, c, kind, finding, now)) result.raised.push({ clinicId: c.id, kind });
      } else if (!finding && current) {
        if (await clear(db, c, kind, now)) result.cleared.push({ clinicId: c.id, kind });
      }
    }
  }
  return result;
}

interface ClinicRef {
  id: string;
  code: string;
  name: string;
}

const WHAT: Record<NetworkAlertKind, string> = {
  silent: 'silent in working hours',
  queue: 'gateway queue growing',
};

async function raise(
  db: Db,
  c: ClinicRef,
  kind: NetworkAlertKind,
  finding: AlertFinding,
  now: Date,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('network_alerts')
      .values({ clinic_id: c.id, kind, detail: finding.detail, raised_at: now })
      .onConflict((oc) =>
        oc.columns(['clinic_id', 'kind']).where('cleared_at', 'is', null).doNothing(),
      )
      .returning('id')
      .executeTakeFirst();
    if (!row) return false;
    await notifyEvent(trx, {
      kind: kind === 'silent' ? 'network.clinic_silent' : 'network.queue_growing',
      facts: { clinic: c.code, clinicName: c.name, ...finding.facts },
      key: row.id,
      clinicId: c.id,
    });
    return true;
  });
}

async function clear(db: Db, c: ClinicRef, kind: NetworkAlertKind, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('network_alerts')
      .set({ cleared_at: now })
      .where('clinic_id', '=', c.id)
      .where('kind', '=', kind)
      .where('cleared_at', 'is', null)
      .returning(['id', 'raised_at'])
      .executeTakeFirst();
    if (!row) return false;
    await notifyEvent(trx, {
      kind: 'network.recovered',
      facts: {
        clinic: c.code,
        clinicName: c.name,
        what: WHAT[kind],
        since: stamp(row.raised_at),
        at: stamp(now),
      },
      key: row.id,
      clinicId: c.id,
    });
    return true;
  });
}

/** The open alerts of `clinicIds`, newest first. */
export async function openAlerts(
  db: Db,
  clinicIds: readonly string[],
): Promise<Map<string, NetworkAlert[]>> {
  const out = new Map<string, NetworkAlert[]>();
  if (clinicIds.length === 0) return out;
  const rows = await db
    .selectFrom('network_alerts')
    .select(['clinic_id', 'kind', 'detail', 'raised_at'])
    .where('clinic_id', 'in', clinicIds)
    .where('cleared_at', 'is', null)
    .orderBy('raised_at', 'desc')
    .execute();
  for (const r of rows) {
    const list = out.get(r.clinic_id) ?? [];
    list.push({
      kind: r.kind as NetworkAlertKind,
      raisedAt: r.raised_at.toISOString(),
      detail: r.detail,
    });
    out.set(r.clinic_id, list);
  }
  return out;
}
