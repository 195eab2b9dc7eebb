import net from 'node:net';
import { DependencyShapeError, installedVersion, sourceOf } from '../../platform/dependencyShape';
import dimse from './dimse';
import { networkClassOf } from './outgoing';

/** The dcmjs-dimse version the C-STORE path was written and measured against (pinned exactly). */
export const DIMSE_PINNED = '0.3.3';

/** An A-RELEASE-RP PDU (PS3.8 §9.3.7): the smallest whole PDU that changes no state. */
const RELEASE_RP = Buffer.from([6, 0, 0, 0, 0, 4, 0, 0, 0, 0]);

/**
 * Checks that dcmjs-dimse still has every internal the DIMSE door relies on, and throws
 * `DependencyShapeError` naming what changed (docs/adr/0006, 0012):
 * - an SCP reads its socket through exactly one `data` listener that takes raw bytes and frames
 *   them into PDUs itself: `framePdus` (pdu.ts) replaces that listener and hands it whole PDUs;
 * - an SCP's own association and PDU timeouts run only once its socket emitted `connect`, which
 *   a socket the DIMSE door accepted never does: the door's clock (connectionLimits.ts) keeps
 *   ARTIM and the idle timeout, and the library's timeouts would abort a long C-STORE (whose
 *   PDUs it never sees) if they ran;
 * - an association describes itself through `Association.prototype.toString` (dimse.ts replaces
 *   it while the library's log is silent) with its AE title getters;
 * - a C-MOVE's outgoing association (outgoing.ts) is the library's `Network`, reached as `Scp`'s
 *   base class, which sends a request on the accepted context that carries its dataset's syntax
 *   and converts the dataset (on the event loop) only when that syntax is not the context's:
 *   objects transcoded beforehand on the transcoding thread go out as they are.
 * Run once when the DIMSE door opens. `lib` is the library to check (tests pass a doctored copy).
 */
export function checkDimseShape(lib: typeof dimse = dimse): void {
  const problems: string[] = [];
  const socket = new net.Socket();
  try {
    const scp = new lib.Scp(socket, {}) as unknown as Record<string, unknown>;
    const listeners = socket.listeners('data') as ((chunk: Buffer) => void)[];
    if (listeners.length !== 1)
      problems.push(`an SCP reads its socket through ${listeners.length} data listeners, not 1`);
    else listeners[0]!(RELEASE_RP);
    if (scp.connected !== false)
      problems.push(
        'an SCP on an accepted socket counts itself connected, so its own timeouts run',
      );
    const wrap = sourceOf((lib.Scp.prototype as unknown as Record<string, unknown>)._wrapSocket);
    if (!/this\.connected\s*&&/.test(wrap))
      problems.push('the SCP timeouts no longer wait for the socket to connect');
  } catch (e) {
    problems.push(`an SCP can no longer be built on a socket (${(e as Error).message})`);
  } finally {
    socket.emit('close', false); // the SCP stops its timeout timer
    socket.destroy();
  }
  const association = lib.association.Association.prototype as unknown as Record<string, unknown>;
  for (const m of ['getCallingAeTitle', 'getCalledAeTitle'])
    if (typeof association[m] !== 'function') problems.push(`Association.${m}() is missing`);
  if (!Object.hasOwn(association, 'toString'))
    problems.push('an association no longer describes itself with its own toString()');

  problems.push(...outgoingProblems(lib));

  if (problems.length)
    throw new DependencyShapeError(
      'dcmjs-dimse',
      installedVersion('dcmjs-dimse'),
      DIMSE_PINNED,
      problems,
      'C-STORE requests are taken off the wire beside it, docs/adr/0006',
    );
}

/** What an outgoing association (outgoing.ts) relies on, as problems (see checkDimseShape). */
function outgoingProblems(lib: typeof dimse): string[] {
  const problems: string[] = [];
  const network = networkClassOf(lib).prototype as unknown as Record<string, unknown>;
  for (const m of [
    'sendAssociationRequest',
    'sendRequests',
    'sendAssociationReleaseRequest',
    'sendAbort',
  ])
    if (typeof network[m] !== 'function') problems.push(`Network.${m}() is missing`);
  // `if (dataset && accepted !== dataset.getTransferSyntaxUid()) try { … transcodeDataset(…`
  if (
    !/if\s*\(\s*\w+\s*&&\s*\w+\s*!==\s*\w+\.getTransferSyntaxUid\(\)\s*\)\s*try\s*\{[^}]*transcodeDataset/.test(
      sourceOf(network._sendDimse),
    )
  )
    problems.push(
      'a request is no longer sent as it is when its dataset is in the accepted syntax',
    );
  try {
    const a = new lib.association.Association('A', 'B');
    const cls = '1.2.840.10008.5.1.4.1.1.7';
    const accept = lib.constants.PresentationContextResult.Accept;
    for (const ts of ['1.2.840.10008.1.2', '1.2.840.10008.1.2.4.80']) {
      const pc = a.addPresentationContext(cls);
      a.addTransferSyntaxToPresentationContext(pc, ts);
      a.getPresentationContext(pc).setResult(accept, ts);
    }
    const ds = new lib.Dataset({ SOPClassUID: cls }, '1.2.840.10008.1.2.4.80');
    const pc = a.getAcceptedPresentationContextFromRequest(new lib.requests.CStoreRequest(ds));
    if (pc?.getAcceptedTransferSyntaxUid() !== '1.2.840.10008.1.2.4.80')
      problems.push("a request no longer goes on the accepted context of its dataset's syntax");
  } catch (e) {
    problems.push(`presentation contexts can no longer be built (${(e as Error).message})`);
  }
  return problems;
}
