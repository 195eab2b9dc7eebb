import type { Selectable, Updateable } from 'kysely';
import type { IncidentsTables } from '../../db/tables/incidents';
import { auditedTransaction } from '../../platform/audit';
import type { Actor, ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { addTimelineEntry, assertNotClosed, incidentClinics, lockIncident } from './timeline';

/** An incident's row as locked for a change. */
export type IncidentRow = Selectable<IncidentsTables['incidents']>;

/** Columns of the incident's row that a change sets. */
export type IncidentSet = Updateable<IncidentsTables['incidents']>;

/** One step of a change: the columns it sets (if any) and the timeline entry that records it. */
export interface IncidentStep {
  set?: IncidentSet;
  kind: string;
  body?: string;
  details?: Record<string, unknown>;
}

/**
 * What a change does, decided from the locked row: its steps in timeline order, and what its
 * audit event adds. `plan` has already refused (thrown) anything the change may not do, and may
 * have written its own rows (an action, a lesson) in `trx`.
 */
export interface IncidentChangePlan {
  steps: IncidentStep[];
  audit: Record<string, unknown>;
}

/** What a change step sees: the transaction, the locked row and who acts. */
export interface IncidentChangeInput {
  trx: Db;
  row: IncidentRow;
  actor: Actor;
  now: Date;
}

/**
 * The one way an incident changes after it is reported. In one transaction: lock the row, refuse
 * a closed incident (INCIDENT_CLOSED), let `plan` check and decide the change, write every
 * column it sets in one update, add one timeline entry per step (the timeline is the incident's
 * whole history), and write the audit event naming the incident's first clinic — so a change,
 * its history and its audit commit together or not at all.
 */
export async function changeIncident(
  ctx: ServiceContext,
  id: string,
  now: Date,
  plan: (input: IncidentChangeInput) => Promise<IncidentChangePlan>,
): Promise<void> {
  const actor = ctx.actor;
  if (!actor) throw appError('UNAUTHENTICATED');
  await auditedTransaction(
    ctx,
    async (trx) => {
      const row = await lockIncident(trx, id);
      assertNotClosed(row);
      const { steps, audit } = await plan({ trx, row, actor, now });
      const set = Object.assign({}, ...steps.map((s) => s.set ?? {})) as IncidentSet;
      if (Object.keys(set).length)
        await trx.updateTable('incidents').set(set).where('id', '=', id).execute();
      for (const s of steps)
        await addTimelineEntry(trx, {
          incidentId: id,
          actor,
          kind: s.kind,
          body: s.body,
          details: s.details,
          at: now,
        });
      return { clinics: await incidentClinics(trx, id), audit };
    },
    (r) => ({ resourceId: id, clinicId: r.clinics[0] ?? null, details: r.audit }),
  );
}
