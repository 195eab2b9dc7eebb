import { READING_STATUSES, type ReadingStatus } from '@telerad/contracts';
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../platform/db';
import { openedByClinic } from '../receipts';
import { studyReadingStatuses } from '../worklist';
import type { DigestDay } from './day';
import { say, type DigestLanguage, type DigestStringKey } from './strings';

/** The clinic a block of the digest is about. */
export interface DigestClinic {
  id: string;
  code: string;
  name: string;
}

/** What a section reads its figures with: one clinic, the day covered, and the clock. */
export interface DigestScope {
  db: Db;
  clinic: DigestClinic;
  day: DigestDay;
  now: Date;
  lang: DigestLanguage;
}

/** One figure of a section: what it counts, its value, and where in the app to act on it. */
export interface DigestLine {
  label: string;
  value: string;
  /** A path in the web app (the renderer makes it absolute with TELERAD_PUBLIC_URL). */
  link?: string;
}

/** A section as rendered: its title, its figures, and what to say when it has none. */
export interface DigestBlock {
  title: string;
  lines: DigestLine[];
  empty: string;
}

/** One section of the digest, as data: adding a section is one more entry of the list. */
export interface DigestSection {
  id: string;
  collect(s: DigestScope): Promise<DigestBlock>;
}

/** SQL: is the timestamp `column` within the covered local day? */
export function withinDay(column: string, day: DigestDay): RawBuilder<boolean> {
  const start = sql`(${day.day}::date)::timestamp at time zone ${day.timeZone}`;
  const end = sql`(${day.day}::date + 1)::timestamp at time zone ${day.timeZone}`;
  return sql<boolean>`(${sql.ref(column)} >= ${start} and ${sql.ref(column)} < ${end})`;
}

/** The words of each reading status: a new status does not compile until it has its own. */
const STATUS_WORDS: Record<ReadingStatus, DigestStringKey> = {
  waiting: 'status_waiting',
  queued: 'status_queued',
  in_progress: 'status_in_progress',
  held_for_consultation: 'status_held_for_consultation',
  awaiting_images: 'status_awaiting_images',
  completed: 'status_completed',
  cancelled: 'status_cancelled',
};

/** Yesterday's studies: how many arrived, and where each stands now in the clinic's words. */
const studies: DigestSection = {
  id: 'studies',
  collect: async ({ db, clinic, day, now, lang }) => {
    const rows = await db
      .selectFrom('studies as s')
      .select('s.id')
      .where('s.clinic_id', '=', clinic.id)
      .where(withinDay('s.first_received_at', day))
      .execute();
    const status = await studyReadingStatuses(
      db,
      rows.map((r) => r.id),
      now,
    );
    const counts = new Map<string, number>();
    for (const r of rows) {
      const s = status.get(r.id) ?? 'received';
      counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    const label = (s: string) =>
      say(lang, s === 'received' ? 'received' : STATUS_WORDS[s as ReadingStatus]);
    const order = ['received', ...READING_STATUSES];
    return {
      title: say(lang, 'studiesTitle'),
      empty: say(lang, 'studiesNone'),
      lines: rows.length
        ? [
            { label: say(lang, 'studiesTotal'), value: String(rows.length) },
            ...order
              .filter((s) => counts.has(s))
              .map((s) => ({ label: label(s), value: String(counts.get(s)) })),
          ]
        : [],
    };
  },
};

/**
 * Yesterday's reports: primary reads completed that day, their median turnaround (arrival in the
 * queue to release) and the share released by their due time.
 */
const turnaround: DigestSection = {
  id: 'turnaround',
  collect: async ({ db, clinic, day, lang }) => {
    const r = await db
      .selectFrom('reading_tasks as t')
      .select([
        sql<number>`count(*)::int`.as('n'),
        sql<number | null>`percentile_cont(0.5) within group (order by t.turnaround_minutes)`.as(
          'median',
        ),
        sql<number>`count(*) filter (where t.due_at is not null)::int`.as('withDue'),
        sql<number>`count(*) filter (where t.completed_at <= t.due_at)::int`.as('within'),
      ])
      .where('t.clinic_id', '=', clinic.id)
      .where('t.type', '=', 'primary_read')
      .where('t.state', '=', 'completed')
      .where(withinDay('t.completed_at', day))
      .executeTakeFirstOrThrow();
    const lines: DigestLine[] =
      r.n === 0
        ? []
        : [
            { label: say(lang, 'turnaroundReported'), value: String(r.n), link: '/reports' },
            ...(r.median === null
              ? []
              : [
                  {
                    label: say(lang, 'turnaroundMedian'),
                    value: say(lang, 'minutes', { n: Math.round(Number(r.median)) }),
                  },
                ]),
            ...(r.withDue === 0
              ? []
              : [
                  {
                    label: say(lang, 'turnaroundWithin'),
                    value: say(lang, 'percent', { n: Math.round((100 * r.within) / r.withDue) }),
                  },
                ]),
          ];
    return { title: say(lang, 'turnaroundTitle'), empty: say(lang, 'turnaroundNone'), lines };
  },
};

/** Something that waits for the clinic now, counted: a row of the pending section. */
export interface PendingAction {
  id: string;
  label: DigestStringKey;
  /** Where the clinic acts on it. */
  link: string;
  count(db: Db, clinicId: string, now: Date): Promise<number>;
}

const countOf = async (q: { executeTakeFirstOrThrow(): Promise<{ n: number }> }) =>
  (await q.executeTakeFirstOrThrow()).n;

/** How far back an unopened report still counts as waiting (older ones are history). */
const UNOPENED_REPORTS_DAYS = 14;

/**
 * What waits for the clinic, one entry per kind of action. Features add theirs here (retake
 * acknowledgements, critical results) with a string in `strings.ts`; a count of zero is left out.
 */
export const PENDING_ACTIONS: PendingAction[] = [
  {
    id: 'critical-unacknowledged',
    label: 'criticalUnacknowledged',
    link: '/',
    count: (db, clinicId) =>
      countOf(
        db
          .selectFrom('critical_results as c')
          .select(sql<number>`count(*)::int`.as('n'))
          .where('c.clinic_id', '=', clinicId)
          .where('c.alerted_at', 'is not', null)
          .where('c.acknowledged_at', 'is', null),
      ),
  },
  {
    id: 'retakes-unacknowledged',
    label: 'retakesUnacknowledged',
    link: '/',
    count: (db, clinicId) =>
      countOf(
        db
          .selectFrom('retake_requests as k')
          .select(sql<number>`count(distinct k.study_id)::int`.as('n'))
          .where('k.clinic_id', '=', clinicId)
          .where('k.fulfilled_at', 'is', null)
          .where('k.acknowledged_at', 'is', null),
      ),
  },
  {
    id: 'retakes',
    label: 'retakesWaiting',
    link: '/studies',
    count: (db, clinicId) =>
      countOf(
        db
          .selectFrom('retake_requests as k')
          .select(sql<number>`count(distinct k.study_id)::int`.as('n'))
          .where('k.clinic_id', '=', clinicId)
          .where('k.fulfilled_at', 'is', null)
          .where('k.acknowledged_at', 'is not', null),
      ),
  },
  {
    id: 'reports-not-opened',
    label: 'reportsNotOpened',
    link: '/reports',
    count: (db, clinicId, now) =>
      countOf(
        db
          .selectFrom('reports as r')
          .select(sql<number>`count(*)::int`.as('n'))
          .where('r.clinic_id', '=', clinicId)
          .where('r.released_at', 'is not', null)
          .where(
            'r.released_at',
            '>=',
            new Date(now.getTime() - UNOPENED_REPORTS_DAYS * 86_400_000),
          )
          .where((eb) => eb.not(openedByClinic(eb.ref('r.id'), eb.ref('r.current_version')))),
      ),
  },
];

/** What waits now: each pending action with a count above zero. */
const pending: DigestSection = {
  id: 'pending',
  collect: async ({ db, clinic, now, lang }) => {
    // One after the other: the sweep reads in one transaction, which runs one query at a time.
    const counted: { a: PendingAction; n: number }[] = [];
    for (const a of PENDING_ACTIONS) counted.push({ a, n: await a.count(db, clinic.id, now) });
    return {
      title: say(lang, 'pendingTitle'),
      empty: say(lang, 'pendingNone'),
      lines: counted
        .filter((c) => c.n > 0)
        .map((c) => ({ label: say(lang, c.a.label), value: String(c.n), link: c.a.link })),
    };
  },
};

/** The digest's sections, in the order the e-mail shows them. */
export const DIGEST_SECTIONS: DigestSection[] = [studies, turnaround, pending];
