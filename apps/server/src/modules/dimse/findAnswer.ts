import dcmjs from 'dcmjs';
import { toAppError } from '../../platform/errors';
import { SOP, modelOf, type Peer } from './association';
import { runFind } from './cfind';
import { auditDimse, type DimseContext } from './context';
import { errorComment, queryStatus } from './cstore';
import dimse, { type CFindRequest, type CFindResponse } from './dimse';
import { identifierOf, levelOf, type Identifier } from './identifier';
import { runWorklistFind } from './worklistFind';

const { Status } = dimse.constants;

/**
 * The responses to one C-FIND request (PS3.4 §C.4.1.2, §K.4.1.2 for the Modality Worklist): a
 * pending response per match and a final success, or a cancel when the peer sent C-CANCEL
 * meanwhile, or one failure. Matches leave only once their audit event is written; a failure is
 * answered without waiting on it.
 */
export async function answerFind(
  ctx: DimseContext,
  peer: Peer,
  request: CFindRequest,
  cancelled: () => boolean,
): Promise<CFindResponse[]> {
  const sopClass = request.getAffectedSopClassUid();
  const worklist = sopClass === SOP.modalityWorklistFind;
  const model = worklist ? 'worklist' : modelOf(sopClass);
  const id = identifierOf(request.getDataset());
  const ts = request.getDataset()?.getTransferSyntaxUid();
  const respond = (status: number, dataset?: Identifier, comment?: string) => {
    const r = dimse.responses.CFindResponse.fromRequest(request);
    r.setAffectedSopClassUid(request.getAffectedSopClassUid());
    if (dataset)
      r.setDataset(
        new dimse.Dataset(
          dcmjs.data.DicomMetaDictionary.naturalizeDataset(
            dataset as Parameters<typeof dcmjs.data.DicomMetaDictionary.naturalizeDataset>[0],
          ),
          ts,
        ),
      );
    r.setStatus(status);
    if (comment) r.setErrorComment(errorComment(comment));
    return r;
  };
  const details = worklist
    ? { model, keys: Object.keys(id).length }
    : { model, level: levelOf(id), keys: Object.keys(id).length };
  try {
    const matches =
      model === 'worklist'
        ? await runWorklistFind(ctx.db, peer.clinicId, id)
        : (await runFind(ctx.db, peer.clinicId, model, id, ctx.aeTitle)).matches;
    // Fail closed: no match leaves before its audit event is written.
    await auditDimse(ctx, peer, {
      action: 'dimse.find',
      outcome: 'success',
      details: { ...details, matches: matches.length },
    });
    return cancelled()
      ? [respond(Status.Cancel)]
      : [...matches.map((m) => respond(Status.Pending, m)), respond(Status.Success)];
  } catch (err) {
    const e = toAppError(err);
    // The failure carries no data, so a failed audit write is only logged (by auditDimse).
    void auditDimse(ctx, peer, {
      action: 'dimse.find',
      outcome: 'failure',
      details: { ...details, error: e.code },
    }).catch(() => undefined);
    return [respond(queryStatus(e, false), undefined, e.message)];
  }
}
