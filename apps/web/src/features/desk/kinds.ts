import type { DeskItemKind } from '@telerad/contracts';

/** How each kind of desk item is named and coloured, as data (badges and filter chips). */
export const DESK_KINDS: Record<DeskItemKind, { label: string; color: string }> = {
  attention: { label: 'Attention', color: 'red' },
  due_soon: { label: 'Due soon', color: 'orange' },
  message: { label: 'Message', color: 'blue' },
  retake: { label: 'Retake', color: 'grape' },
  critical: { label: 'Critical', color: 'pink' },
  report_unopened: { label: 'Not opened', color: 'teal' },
  unmatched_image: { label: 'Images without an order', color: 'indigo' },
  overdue_order: { label: 'Orders without images', color: 'cyan' },
};

/** The order of the kind filter: the most pressing first. */
export const DESK_KIND_ORDER: readonly DeskItemKind[] = [
  'critical',
  'attention',
  'due_soon',
  'retake',
  'message',
  'report_unopened',
  'unmatched_image',
  'overdue_order',
];
