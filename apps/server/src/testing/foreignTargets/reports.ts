import { loadReleasedReport, planDeliveries } from '../../modules/delivery';
import { deliveryDeps, releasedReport, type Released } from '../../modules/delivery/testSupport';
import { signIn } from '../http';
import type { Demo2 } from './seed';

export interface Demo2Report {
  released: Released;
  programmeId: string;
  discrepancyId: string;
  criticalId: string;
  deliveryId: string;
}

/**
 * A second DEMO2 study read, signed and released by a radiologist, with its planned deliveries.
 * A peer-review programme sampling every read has it reviewed; a second radiologist scores it
 * 3b, which opens DEMO2's discrepancy case; its radiologist flags it critical.
 */
export async function seedDemo2Report({ fx, db, qa }: Demo2): Promise<Demo2Report> {
  const programme = await qa.request({
    method: 'POST',
    url: '/api/peer-review/programmes',
    payload: {
      name: 'Access walk sample',
      active: true,
      rule: { samplePercent: 100, targets: {}, blind: false },
    },
  });
  if (programme.statusCode !== 200) throw new Error(`no programme: ${programme.body}`);
  const programmeId = (programme.json() as { id: string }).id;
  const released = await releasedReport(fx, await signIn(fx.app, 'radiologist'), 'DEMO2');
  const review = await db
    .selectFrom('peer_reviews')
    .select('task_id')
    .where('report_id', '=', released.reportId)
    .executeTakeFirstOrThrow();
  const reviewer = await signIn(fx.app, 'radiologist2');
  const claimed = await reviewer.request({
    method: 'POST',
    url: `/api/tasks/${review.task_id}/claim`,
  });
  if (claimed.statusCode !== 200) throw new Error(`no review claim: ${claimed.body}`);
  const scored = await reviewer.request({
    method: 'POST',
    url: `/api/tasks/${review.task_id}/peer-review/score`,
    payload: { score: '3b', comment: 'CANARY-DEMO2 missed finding' },
  });
  if (scored.statusCode !== 200) throw new Error(`no score: ${scored.body}`);
  const discrepancy = await db
    .selectFrom('discrepancy_cases')
    .select('id')
    .where('report_id', '=', released.reportId)
    .executeTakeFirstOrThrow();
  await qa.request({
    method: 'PUT',
    url: `/api/peer-review/programmes/${programmeId}`,
    payload: {
      name: 'Access walk sample',
      active: false,
      rule: { samplePercent: 100, targets: {}, blind: false },
    },
  });
  const report = await loadReleasedReport(db, released.reportId, released.version);
  if (!report) throw new Error('the DEMO2 report was not released');
  // Flagged critical by its radiologist: DEMO2's alert, which DEMO1 must never acknowledge.
  const flagged = await (
    await signIn(fx.app, 'radiologist')
  ).request({
    method: 'POST',
    url: `/api/reports/${released.reportId}/critical`,
    payload: { category: 'other', note: 'CANARY critical finding' },
  });
  if (flagged.statusCode !== 200) throw new Error(`no DEMO2 critical result: ${flagged.body}`);
  const criticalId = (flagged.json() as { critical: { id: string } }).critical.id;
  const [deliveryId] = await planDeliveries(deliveryDeps(fx), report);
  if (!deliveryId) throw new Error('no DEMO2 delivery');
  return { released, programmeId, discrepancyId: discrepancy.id, criticalId, deliveryId };
}
