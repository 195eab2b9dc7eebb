import dcmjs from 'dcmjs';
import { answerWorklistQuery, type DicomJson, type WorklistEntry } from '@telerad/dicom';
import type { Logger } from '../log';
import dimse, { type CFindRequest, type CFindResponse } from './dimseLib';
import { MODALITY_WORKLIST_FIND } from './negotiation';

const { Status } = dimse.constants;

/**
 * Where the gateway's local modality worklist comes from: the clinic's scheduled CXRs, read at
 * each query (normally the cache the gateway keeps in sync with the centre, so the X-ray unit
 * keeps its worklist while the link is down).
 */
export type WorklistProvider = () => Promise<WorklistEntry[]>;

type Naturalizable = Parameters<typeof dcmjs.data.DicomMetaDictionary.naturalizeDataset>[0];

/**
 * The responses to one Modality Worklist C-FIND (PS3.4 §K.4.1.2): a pending response per
 * matching entry, then success. The identifier is converted to DICOM JSON and the answers back
 * with dcmjs, and matched by the same `answerWorklistQuery` as the centre's SCP, so the unit
 * sees the same worklist from either. A provider that fails answers A700 (out of resources) with
 * the reason, and nothing else.
 */
export async function answerWorklistFind(
  request: CFindRequest,
  worklist: WorklistProvider,
  log: Logger,
): Promise<CFindResponse[]> {
  const ds = request.getDataset();
  const ts = ds?.getTransferSyntaxUid();
  const respond = (status: number, answer?: DicomJson, comment?: string) => {
    const r = dimse.responses.CFindResponse.fromRequest(request);
    r.setAffectedSopClassUid(MODALITY_WORKLIST_FIND);
    if (answer)
      r.setDataset(
        new dimse.Dataset(
          dcmjs.data.DicomMetaDictionary.naturalizeDataset(answer as Naturalizable),
          ts,
        ),
      );
    r.setStatus(status);
    if (comment) r.setErrorComment(comment.replace(/[^\x20-\x5b\x5d-\x7e]/g, ' ').slice(0, 64));
    return r;
  };
  try {
    const query = (
      ds ? dcmjs.data.DicomMetaDictionary.denaturalizeDataset(ds.getElements()) : {}
    ) as DicomJson;
    const answers = answerWorklistQuery(query, await worklist());
    log.info({ event: 'dimse.worklist', matches: answers.length }, 'worklist query answered');
    return [...answers.map((a) => respond(Status.Pending, a)), respond(Status.Success)];
  } catch (e) {
    const message = (e as Error).message;
    log.error({ event: 'dimse.worklistFailed', err: message }, 'worklist query not answered');
    return [respond(0xa700, undefined, `worklist unavailable: ${message}`)];
  }
}
