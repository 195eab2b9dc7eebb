import net from 'node:net';
import { DependencyShapeError, installedVersion, sourceOf } from '../../platform/dependencyShape';
import dimse from './dimse';

/** The dcmjs-dimse version the C-STORE path was written and measured against (pinned exactly). */
export const DIMSE_PINNED = '0.3.3';

/** An A-RELEASE-RP PDU (PS3.8 §9.3.7): the smallest whole PDU that changes no state. */
const RELEASE_RP = Buffer.from([6, 0, 0, 0, 0, 4, 0, 0, 0, 0]);

/**
 * Checks that dcmjs-dimse still has every internal the DIMSE door relies on, and throws
 * `DependencyShapeError` naming what changed (docs/adr/0006, 0012):
 * - an SCP reads its socket through exactly one `data` listener that takes raw bytes and frames
 *   them into PDUs itself: `framePdus` (pdu.ts) replaces that listener and hands it whole PDUs;
 * - each whole PDU sets the SCP's `lastPduTime`, and its timeout timer reads that field: the
 *   C-STORE router sets it for the PDUs it takes, so a long C-STORE is not aborted as idle;
 * - an association describes itself through `Association.prototype.toString` (dimse.ts replaces
 *   it while the library's log is silent) with its AE title getters.
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
    else if (!('lastPduTime' in scp)) problems.push('an SCP no longer has lastPduTime');
    else {
      listeners[0]!(RELEASE_RP);
      if (typeof scp.lastPduTime !== 'number')
        problems.push('a whole PDU given to the data listener no longer sets lastPduTime');
    }
    const wrap = sourceOf((lib.Scp.prototype as unknown as Record<string, unknown>)._wrapSocket);
    if (!/lastPduTime/.test(wrap) || !/pduTimeout/.test(wrap))
      problems.push('the PDU timeout no longer reads lastPduTime');
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

  if (problems.length)
    throw new DependencyShapeError(
      'dcmjs-dimse',
      installedVersion('dcmjs-dimse'),
      DIMSE_PINNED,
      problems,
      'C-STORE requests are taken off the wire beside it, docs/adr/0006',
    );
}
