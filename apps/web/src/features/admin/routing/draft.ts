import {
  PRIORITIES,
  PROGRAMMES,
  type OnCentreClose,
  type Priority,
  type Programme,
  type RoutingRules,
} from '@telerad/contracts';
import type { FieldErrors } from '../../../app/formErrors';

/** Words for priorities in the editor. */
export const PRIORITY_WORDS: Record<Priority, string> = {
  stat: 'STAT',
  urgent: 'Urgent',
  routine: 'Routine',
};

/** A number field's value: a number, or empty ('' means "no entry"). */
export type Minutes = number | '';

/** The routing-rules form: lists of rows where the rules hold maps, so rows can be half-filled. */
export interface RoutingDraft {
  pins: { clinicId: string | null; centreId: string | null }[];
  overrides: { priority: Priority | null; centreId: string | null }[];
  slaDefault: Minutes;
  slaByPriority: Record<Priority, Minutes>;
  slaByProgramme: Record<Programme, Minutes>;
  slaByClinic: { clinicId: string | null; minutes: Minutes }[];
  onCentreClose: OnCentreClose;
  escalationLeadMinutes: Minutes;
  /** The CAD triage rule: on or off, and the priority a triage score raises a read to. */
  cadTriage: RoutingRules['cadTriage'];
}

/** The draft's editable lists of rule rows. */
export type RuleListKey = 'pins' | 'overrides' | 'slaByClinic';

/** Adds, removes and changes the rows of one of the draft's rule lists. */
export function ruleList<K extends RuleListKey>(
  update: (fn: (d: RoutingDraft) => RoutingDraft) => void,
  key: K,
) {
  type Row = RoutingDraft[K][number];
  const set = (fn: (rows: Row[]) => Row[]) => update((d) => ({ ...d, [key]: fn(d[key] as Row[]) }));
  return {
    add: (row: Row) => set((rows) => [...rows, row]),
    remove: (index: number) => set((rows) => rows.filter((_, j) => j !== index)),
    patch: (index: number, change: Partial<Row>) =>
      set((rows) => rows.map((r, j) => (j === index ? { ...r, ...change } : r))),
  };
}

/** The form for stored rules. */
export function draftOf(rules: RoutingRules): RoutingDraft {
  return {
    pins: Object.entries(rules.pinnedCentreByClinic).map(([clinicId, centreId]) => ({
      clinicId,
      centreId,
    })),
    overrides: rules.priorityOverrides.map((o) => ({ ...o })),
    slaDefault: rules.slaMinutes.default,
    slaByPriority: Object.fromEntries(
      PRIORITIES.map((p) => [p, rules.slaMinutes.byPriority[p] ?? '']),
    ) as Record<Priority, Minutes>,
    slaByProgramme: Object.fromEntries(
      PROGRAMMES.map((p) => [p, rules.slaMinutes.byProgramme[p] ?? '']),
    ) as Record<Programme, Minutes>,
    slaByClinic: Object.entries(rules.slaMinutes.byClinic).map(([clinicId, minutes]) => ({
      clinicId,
      minutes,
    })),
    onCentreClose: rules.onCentreClose,
    escalationLeadMinutes: rules.escalationLeadMinutes,
    cadTriage: { ...rules.cadTriage },
  };
}

const filled = <K extends string>(m: Record<K, Minutes>) =>
  Object.fromEntries(Object.entries(m).filter(([, v]) => v !== '')) as Partial<Record<K, number>>;

/**
 * Problems the schema cannot see in the form: half-filled rows and a clinic listed twice. Keys
 * are the form's own (`pins.0`, `overrides.1`, `slaByClinic.2`).
 */
export function draftProblems(d: RoutingDraft): FieldErrors {
  const out: FieldErrors = {};
  const rows = <T>(
    name: string,
    list: T[],
    key: (r: T) => string | null,
    complete: (r: T) => boolean,
    what: string,
  ) => {
    const seen = new Set<string>();
    list.forEach((r, i) => {
      if (!complete(r)) out[`${name}.${i}`] = `Choose ${what}, or remove the row`;
      const k = key(r);
      if (k !== null) {
        if (seen.has(k)) out[`${name}.${i}`] = 'Listed twice: keep one row';
        seen.add(k);
      }
    });
  };
  rows(
    'pins',
    d.pins,
    (r) => r.clinicId,
    (r) => r.clinicId !== null && r.centreId !== null,
    'a clinic and a centre',
  );
  rows(
    'overrides',
    d.overrides,
    (r) => r.priority,
    (r) => r.priority !== null && r.centreId !== null,
    'a priority and a centre',
  );
  rows(
    'slaByClinic',
    d.slaByClinic,
    (r) => r.clinicId,
    (r) => r.clinicId !== null && r.minutes !== '',
    'a clinic and minutes',
  );
  return out;
}

/** The rules the form describes (unvalidated: pass it through `RoutingRules`). */
export function rulesOf(d: RoutingDraft): unknown {
  return {
    pinnedCentreByClinic: Object.fromEntries(
      d.pins.filter((p) => p.clinicId && p.centreId).map((p) => [p.clinicId, p.centreId]),
    ),
    priorityOverrides: d.overrides
      .filter((o) => o.priority && o.centreId)
      .map((o) => ({ priority: o.priority, centreId: o.centreId })),
    slaMinutes: {
      default: d.slaDefault === '' ? undefined : d.slaDefault,
      byPriority: filled(d.slaByPriority),
      byClinic: Object.fromEntries(
        d.slaByClinic
          .filter((r) => r.clinicId && r.minutes !== '')
          .map((r) => [r.clinicId, r.minutes]),
      ),
      byProgramme: filled(d.slaByProgramme),
    },
    onCentreClose: d.onCentreClose,
    escalationLeadMinutes: d.escalationLeadMinutes === '' ? undefined : d.escalationLeadMinutes,
    cadTriage: d.cadTriage,
  };
}

/**
 * Maps a rules error path (from the schema or the server) to the form field showing it: map
 * keys become row indexes (`pinnedCentreByClinic.<clinic id>` → `pins.<row>`).
 */
export function formField(path: string, d: RoutingDraft): string {
  const [head, ...rest] = path.split('.');
  if (head === 'pinnedCentreByClinic') {
    const i = d.pins.findIndex((p) => p.clinicId === rest[0]);
    return i >= 0 ? `pins.${i}` : 'pins';
  }
  if (head === 'priorityOverrides') return rest.length ? `overrides.${rest[0]}` : 'overrides';
  if (head === 'slaMinutes') {
    const [group, key] = rest;
    if (group === 'default') return 'slaDefault';
    if (group === 'byClinic') {
      const i = d.slaByClinic.findIndex((r) => r.clinicId === key);
      return i >= 0 ? `slaByClinic.${i}` : 'slaByClinic';
    }
    if (group === 'byPriority') return key ? `slaByPriority.${key}` : 'slaByPriority';
    if (group === 'byProgramme') return key ? `slaByProgramme.${key}` : 'slaByProgramme';
  }
  return path;
}

/** Re-keys errors from rule paths to form fields. */
export function toFormErrors(errors: FieldErrors, d: RoutingDraft): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, message] of Object.entries(errors)) out[formField(path, d)] ??= message;
  return out;
}
