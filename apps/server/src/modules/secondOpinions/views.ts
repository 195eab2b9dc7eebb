import type { ConsultNoteAddendum, SecondOpinion } from '@telerad/contracts';
import type { Db } from '../../platform/db';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The requests (with their notes and askers) a query selects, as the study page shows them. */
function selectRequests(db: Db) {
  return db
    .selectFrom('second_opinions as o')
    .innerJoin('studies as s', 's.id', 'o.study_id')
    .innerJoin('users as u', 'u.id', 'o.requested_by')
    .leftJoin('consult_notes as n', 'n.second_opinion_id', 'o.id')
    .select([
      'o.id',
      'o.study_id',
      'o.clinic_id',
      'o.task_id',
      'o.requested_by',
      'o.asked_by',
      'o.question',
      'o.urgent',
      'o.state',
      'o.created_at',
      'o.due_at',
      'o.answered_at',
      'o.withdrawn_at',
      's.study_uid',
      'u.display_name as requester_name',
      'n.id as note_id',
      'n.text as note_text',
      'n.signer_name',
      'n.signer_credentials',
      'n.signed_at',
    ]);
}

/** One selected row. */
export type RequestRow = Awaited<ReturnType<ReturnType<typeof selectRequests>['execute']>>[number];

/** The addenda of these notes, oldest first, by note id. */
async function addendaOf(db: Db, noteIds: string[]): Promise<Map<string, ConsultNoteAddendum[]>> {
  const out = new Map<string, ConsultNoteAddendum[]>();
  if (noteIds.length === 0) return out;
  const rows = await db
    .selectFrom('consult_note_addenda')
    .select(['consult_note_id', 'text', 'signer_name', 'signer_credentials', 'signed_at'])
    .where('consult_note_id', 'in', noteIds)
    .orderBy('signed_at')
    .orderBy('id')
    .execute();
  for (const a of rows) {
    const list = out.get(a.consult_note_id) ?? [];
    list.push({
      text: a.text,
      signedByName: a.signer_name,
      signedByCredentials: a.signer_credentials,
      signedAt: a.signed_at.toISOString(),
    });
    out.set(a.consult_note_id, list);
  }
  return out;
}

/** Requests as the API answers them, seen by `viewerId`, with their notes' addenda. */
export async function toSecondOpinions(
  db: Db,
  rows: RequestRow[],
  viewerId: string,
): Promise<SecondOpinion[]> {
  const addenda = await addendaOf(
    db,
    rows.flatMap((r) => (r.note_id ? [r.note_id] : [])),
  );
  return rows.map((r) => ({
    id: r.id,
    studyUid: r.study_uid,
    question: r.question,
    urgent: r.urgent,
    state: r.state as SecondOpinion['state'],
    askedBy: r.asked_by as SecondOpinion['askedBy'],
    requesterName: r.requester_name,
    mine: r.requested_by === viewerId,
    askedAt: r.created_at.toISOString(),
    dueAt: r.due_at.toISOString(),
    answeredAt: iso(r.answered_at),
    withdrawnAt: iso(r.withdrawn_at),
    note:
      r.note_id !== null && r.note_text !== null && r.signed_at !== null
        ? {
            text: r.note_text,
            signedByName: r.signer_name ?? '',
            signedByCredentials: r.signer_credentials,
            signedAt: r.signed_at.toISOString(),
            addenda: addenda.get(r.note_id) ?? [],
          }
        : null,
  }));
}

/** One request as the API answers it. */
export async function toSecondOpinion(
  db: Db,
  row: RequestRow,
  viewerId: string,
): Promise<SecondOpinion> {
  const [one] = await toSecondOpinions(db, [row], viewerId);
  return one!;
}

/** The study's requests, newest first. */
export async function requestsOfStudy(db: Db, studyId: string): Promise<RequestRow[]> {
  return selectRequests(db)
    .where('o.study_id', '=', studyId)
    .orderBy('o.created_at', 'desc')
    .orderBy('o.id')
    .execute();
}

/** One request by its id, or by its task's id. */
export async function requestRow(
  db: Db,
  by: { id: string } | { taskId: string },
): Promise<RequestRow | undefined> {
  const q = selectRequests(db);
  return (
    'id' in by ? q.where('o.id', '=', by.id) : q.where('o.task_id', '=', by.taskId)
  ).executeTakeFirst();
}
