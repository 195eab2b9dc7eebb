import { readFile } from 'node:fs/promises';
import type { GatewayConfig } from '../config';
import type { DiskQueue, Enqueued } from '../queue/diskQueue';
import { HEAD_BYTES, type StagedFile } from '../queue/staging';
import { priorityOf, ruleTags } from '../priority';
import { readHeader, type InstanceHeader } from './header';

/** Where an instance came from, for its priority and the log. */
export interface Arrival {
  callingAeTitle: string | null;
}

/** The header of a staged file: from its head, or from the whole file when the head is short. */
async function headerOf(staged: StagedFile, tags: readonly string[]): Promise<InstanceHeader> {
  try {
    return readHeader(staged.head, tags);
  } catch (e) {
    if (staged.bytes <= HEAD_BYTES) throw e;
    // A header larger than the head kept in memory (large private groups): read it all once.
    return readHeader(await readFile(staged.tmpPath), tags);
  }
}

/**
 * Queues one fully staged instance: reads its header, applies the priority rules, and commits it
 * durably. Resolves once it may be acknowledged; throws `NotDicomError` for a file that is not
 * a DICOM instance (the caller removes the staged file) and the file system's error otherwise.
 */
export async function acceptInstance(
  queue: DiskQueue,
  priority: GatewayConfig['priority'],
  staged: StagedFile,
  arrival: Arrival,
): Promise<Enqueued> {
  const header = await headerOf(staged, ruleTags(priority));
  return queue.enqueue(staged, {
    sopInstanceUid: header.sopInstanceUid,
    sopClassUid: header.sopClassUid,
    studyInstanceUid: header.studyInstanceUid,
    transferSyntaxUid: header.transferSyntaxUid,
    priority: priorityOf(priority, {
      callingAeTitle: arrival.callingAeTitle,
      attribute: (tag) => header.attributes[tag],
    }),
  });
}
