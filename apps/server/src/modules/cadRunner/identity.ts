import type { CadProduct } from '@telerad/contracts';
import { writeAudit } from '../../platform/audit';
import type { Actor, ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { findProduct, registerProduct } from '../cad';
import { ensureCadRunnerAccount } from '../users';
import { CadModelError } from './session';
import type { CadRunnerSettings } from './settings';

/**
 * Who the runner is: its service account (audit names it) and the product version its results
 * report as, registered from the configuration when missing (uncalibrated: no thresholds until
 * QA sets them), and checked against it when present (docs/adr/0042).
 */

/** The runner's actor for work on a study of `clinicId`: the service account, scoped to it. */
export function runnerActor(
  account: { userId: string; displayName: string },
  clinicId: string,
): Actor {
  // The runner holds no role; its clinic scope is the one clinic of the study its job names, so
  // recordCadResult's scope check passes for that study and for no other.
  return {
    userId: account.userId,
    username: 'cad-runner',
    displayName: account.displayName,
    roles: [],
    clinicIds: [clinicId],
    via: 'job',
    service: 'cad',
  };
}

/** A job's service context for `actor`, auditing its writes as `action` (in their transaction). */
export function runnerContext(
  db: Db,
  actor: Actor | null,
  requestId: string,
  action: string,
  resourceType: string,
): ServiceContext {
  return {
    actor,
    requestId,
    ip: null,
    db,
    audit: { action, resourceType, details: { runner: true }, written: false },
  };
}

/** The error codes the configured version reports, as registered. */
const errorCodesOf = (s: CadRunnerSettings) => [s.errors.undecodable, s.errors.noScore];

/** Why a registered version differs from the configuration, or undefined when it fits. */
function mismatch(p: CadProduct, s: CadRunnerSettings): string | undefined {
  const c = s.product;
  if (p.scoreMin !== c.scoreMin || p.scoreMax !== c.scoreMax)
    return `its scale is ${p.scoreMin}–${p.scoreMax}, the configuration says ${c.scoreMin}–${c.scoreMax}`;
  if (p.higherIsAbnormal !== c.higherIsAbnormal)
    return `its direction (higher is abnormal: ${p.higherIsAbnormal}) differs from the configuration`;
  for (const e of errorCodesOf(s))
    if (!p.errorCodes.some((x) => x.code === e.code))
      return `it lists no error code ${e.code} (${e.meaning})`;
  return undefined;
}

/**
 * Makes sure the runner's account exists and its product version is registered as configured.
 * A version registered with another scale, direction or error codes refuses the boot: its
 * results and thresholds were read on that scale, so a changed model must name a new version.
 */
export async function ensureRunnerIdentity(
  db: Db,
  settings: CadRunnerSettings,
): Promise<{ userId: string; displayName: string; product: CadProduct }> {
  const { name, version } = settings.product;
  const displayName = `CAD runner (${name} ${version})`;
  const userId = await db.transaction().execute(async (trx) => {
    const account = await ensureCadRunnerAccount(trx, displayName);
    if (account.created)
      await writeAudit(
        { actor: null, requestId: 'cad-runner-boot', ip: null, db: trx },
        {
          action: 'cad.runner.account.create',
          outcome: 'success',
          resourceType: 'user',
          resourceId: account.userId,
          actorName: 'system',
          details: { username: 'cad-runner', displayName, model: settings.model },
        },
      );
    return account.userId;
  });
  const actor: Actor = { ...runnerActor({ userId, displayName }, ''), clinicIds: [] };
  let product = await findProduct(db, name, version);
  if (product) {
    const why = mismatch(product, settings);
    if (why)
      throw new CadModelError(
        `CAD product ${name} ${version} is registered already and ${why}; a changed model must report a new version`,
      );
  } else {
    product = await registerProduct(
      runnerContext(db, actor, 'cad-runner-boot', 'cad.product.register', 'cadProduct'),
      { ...settings.product, errorCodes: errorCodesOf(settings) },
    );
  }
  return { userId, displayName, product };
}
