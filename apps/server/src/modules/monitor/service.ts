import type { NetworkOverview, RefusalPage, RefusalQuery } from '@telerad/contracts';
import type { ServiceContext } from '../../platform/context';
import { appError } from '../../platform/errors';
import { clinicScope, type ClinicScope } from '../auth';
import { networkOverview } from './network';
import { listRefusals } from './refusals';

function scopeOf(ctx: ServiceContext): ClinicScope {
  if (!ctx.actor) throw appError('UNAUTHENTICATED');
  return clinicScope(ctx.actor);
}

/** The network monitor's table for the caller's clinics. */
export async function networkFor(ctx: ServiceContext): Promise<NetworkOverview> {
  return networkOverview(ctx.db, scopeOf(ctx));
}

/** The refusals feed within the caller's clinics. */
export async function refusalsFor(ctx: ServiceContext, q: RefusalQuery): Promise<RefusalPage> {
  return listRefusals(ctx.db, q, scopeOf(ctx));
}
