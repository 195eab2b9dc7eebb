import { auditWrite, writeAudit } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';

/**
 * Writes a retake write's success event on its own transaction `trx`: the calling route's event
 * when it planned one (`auditInTransaction`), else `action` on the request itself (the desk, a
 * job), so no caller can change a request without its event. A failure rolls the change back.
 */
export async function auditRetakeWrite(
  ctx: ServiceContext,
  trx: Db,
  action: string,
  e: { resourceId: string; clinicId: string; details: Record<string, unknown> },
): Promise<void> {
  if (ctx.audit) return auditWrite(ctx, trx, e);
  try {
    await writeAudit(
      { ...ctx, db: trx },
      { action, outcome: 'success', resourceType: 'retake', ...e },
    );
  } catch {
    throw appError('AUDIT_UNAVAILABLE');
  }
}
