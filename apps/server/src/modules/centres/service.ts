import type { Centre, CentreCreate, CentreUpdate } from '@telerad/contracts';
import { writeAudit } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import { appError } from '../../platform/errors';
import { changeRoutingInputs } from '../worklist';

type Row = {
  id: string;
  name: string;
  time_zone: string;
  weekly_hours: unknown;
  exceptions: unknown;
  assignment_mode: string;
  created_at: Date;
  updated_at: Date;
};

const toApi = (r: Row): Centre => ({
  id: r.id,
  name: r.name,
  timeZone: r.time_zone,
  weeklyHours: r.weekly_hours as Centre['weeklyHours'],
  exceptions: r.exceptions as Centre['exceptions'],
  assignmentMode: r.assignment_mode === 'push' ? 'push' : 'pull',
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

/** All reading centres, by name. */
export async function listCentres(ctx: ServiceContext): Promise<Centre[]> {
  const rows = await ctx.db.selectFrom('centres').selectAll().orderBy('name').execute();
  return rows.map(toApi);
}

/** One centre, or NOT_FOUND. */
export async function getCentre(ctx: ServiceContext, id: string): Promise<Centre> {
  const row = await ctx.db
    .selectFrom('centres')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw appError('NOT_FOUND');
  return toApi(row);
}

/** Creates a centre; waiting tasks are routed again with it (`changeRoutingInputs`). */
export async function createCentre(ctx: ServiceContext, body: CentreCreate): Promise<Centre> {
  return changeRoutingInputs(ctx.db, async (trx) => {
    const row = await trx
      .insertInto('centres')
      .values({
        name: body.name,
        time_zone: body.timeZone,
        weekly_hours: JSON.stringify(body.weeklyHours ?? []),
        exceptions: JSON.stringify(body.exceptions ?? []),
        assignment_mode: body.assignmentMode ?? 'pull',
        updated_at: new Date(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(
      { ...ctx, db: trx },
      {
        action: 'centre.create',
        outcome: 'success',
        resourceType: 'centre',
        resourceId: row.id,
        details: { name: row.name },
      },
    );
    return toApi(row);
  });
}

/**
 * Changes a centre. Its hours and exceptions decide where and when tasks are read, so every
 * waiting task is routed again in the same transaction (`changeRoutingInputs`): opening a closed
 * centre makes the tasks waiting for it claimable at once.
 */
export async function updateCentre(
  ctx: ServiceContext,
  id: string,
  body: CentreUpdate,
): Promise<Centre> {
  return changeRoutingInputs(ctx.db, async (trx) => {
    const row = await trx
      .updateTable('centres')
      .set({
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.timeZone !== undefined ? { time_zone: body.timeZone } : {}),
        ...(body.weeklyHours !== undefined
          ? { weekly_hours: JSON.stringify(body.weeklyHours) }
          : {}),
        ...(body.exceptions !== undefined ? { exceptions: JSON.stringify(body.exceptions) } : {}),
        ...(body.assignmentMode !== undefined ? { assignment_mode: body.assignmentMode } : {}),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw appError('NOT_FOUND');
    await writeAudit(
      { ...ctx, db: trx },
      {
        action: 'centre.update',
        outcome: 'success',
        resourceType: 'centre',
        resourceId: id,
        details: {
          fields: Object.keys(body),
          ...(body.assignmentMode ? { assignmentMode: body.assignmentMode } : {}),
        },
      },
    );
    return toApi(row);
  });
}
