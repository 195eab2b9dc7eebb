import { PeerReviewRule, type PeerReviewReason } from '@telerad/contracts';
import type { Db } from '../../platform/db';
import { isCadDiscordantRead } from '../cad';
import type { FinalisedRead } from '../reports';
import { openReviewTask, type TaskChange } from '../worklist';
import { chooseForReview, type ActiveProgramme, type Draw } from './selection';

/** How a review task names the reasons that are not "<reason> read". */
const REASON_WORDS: Partial<Record<PeerReviewReason, string>> = {
  random: 'random sample',
  cad_discordant: 'CAD disagreed with the read',
};

/** The active programmes, oldest first; a stored rule that no longer parses is skipped. */
export async function activeProgrammes(db: Db): Promise<ActiveProgramme[]> {
  const rows = await db
    .selectFrom('peer_review_programmes')
    .select(['id', 'rule'])
    .where('active', '=', true)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.flatMap((r) => {
    const rule = PeerReviewRule.safeParse(r.rule);
    return rule.success ? [{ id: r.id, rule: rule.data }] : [];
  });
}

/**
 * Peer-review sampling of a read that has just become final, inside the releasing transaction:
 * when a programme chooses it, a peer-review task is queued through the worklist (never
 * claimable by the read's own reader) and its peer review recorded, so both commit with the
 * release or not at all. Answers the task change to publish after the commit.
 */
export async function sampleFinalisedRead(
  trx: Db,
  read: FinalisedRead,
  draw: Draw,
): Promise<TaskChange[]> {
  const facts = { ...read, cadDiscordant: await isCadDiscordantRead(trx, read.reportId) };
  const choice = chooseForReview(await activeProgrammes(trx), facts, draw);
  if (!choice) return [];
  const taskId = await openReviewTask(trx, {
    type: 'peer_review',
    studyId: read.studyId,
    clinicId: read.clinicId,
    excludedReaderId: read.readerId,
    reason:
      choice.reason === 'pilot'
        ? 'Second read of a pilot clinic report'
        : `Peer review (${REASON_WORDS[choice.reason] ?? `${choice.reason} read`})`,
    now: read.now,
  });
  // A read is final once (its first release), so it is sampled once; the unique report_id
  // refuses a second review of the same read.
  await trx
    .insertInto('peer_reviews')
    .values({
      programme_id: choice.programmeId,
      report_id: read.reportId,
      study_id: read.studyId,
      clinic_id: read.clinicId,
      task_id: taskId,
      reader_id: read.readerId,
      reason: choice.reason,
      blind: choice.blind,
      created_at: read.now,
    })
    .execute();
  return [{ type: 'task.created', taskId }];
}
