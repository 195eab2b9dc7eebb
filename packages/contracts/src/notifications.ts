import { z } from 'zod';

/** Kinds of in-app notification. */
export const NOTIFICATION_KINDS = ['task.due_soon', 'task.overdue'] as const;
export const NotificationKind = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKind>;

/** One in-app notification of the signed-in user. */
export const Notification = z.object({
  id: z.uuid(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  taskId: z.uuid().nullable(),
  clinicId: z.uuid().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof Notification>;

/** Query of `GET /api/notifications`. */
export const NotificationQuery = z
  .object({
    unread: z.coerce.boolean().optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type NotificationQuery = z.infer<typeof NotificationQuery>;

/** Answer of `GET /api/notifications`: the newest notifications and the unread count. */
export const NotificationList = z.object({
  notifications: z.array(Notification),
  unread: z.number(),
});
export type NotificationList = z.infer<typeof NotificationList>;
