import type { DeskItem, DeskItemKind } from '@telerad/contracts';
import type { Db } from '../../platform/db';
import { listAttentionDeskItems } from '../attention';
import { listCriticalDeskItems } from '../critical';
import { listMessageDeskItems } from '../messaging';
import { listOverdueOrderDeskItems, listUnmatchedImageDeskItems } from '../orders';
import { listUnopenedReportDeskItems } from '../receipts';
import { listRetakeDeskItems } from '../retakes';
import { listDueSoonDeskItems } from '../worklist';

/** What a source is asked for: the desk's clinics (already scoped) and the desk's instant. */
export interface DeskSourceQuery {
  clinicIds: readonly string[];
  now: Date;
}

/**
 * One feature's contribution to the desk: the items of its kind waiting on `clinicIds` at `now`.
 * Each is exported by the module that owns the data, as `list<Kind>DeskItems`.
 */
export interface DeskSource {
  kind: DeskItemKind;
  list(db: Db, q: DeskSourceQuery): Promise<DeskItem[]>;
}

/**
 * The desk's sources, as data: adding a kind is one line here. Order does not matter; the desk
 * sorts every item by how long it has waited.
 */
export const DESK_SOURCES: readonly DeskSource[] = [
  { kind: 'attention', list: listAttentionDeskItems },
  { kind: 'due_soon', list: listDueSoonDeskItems },
  { kind: 'report_unopened', list: listUnopenedReportDeskItems },
  { kind: 'retake', list: listRetakeDeskItems },
  { kind: 'critical', list: listCriticalDeskItems },
  { kind: 'message', list: listMessageDeskItems },
  { kind: 'unmatched_image', list: listUnmatchedImageDeskItems },
  { kind: 'overdue_order', list: listOverdueOrderDeskItems },
];
