import { Notification, NotificationList, NotificationQuery } from '@telerad/contracts';
import { z } from 'zod';
import type { FastifyZodApp } from '../../platform/http';
import { listNotifications, markNotificationRead } from './service';

const Params = z.object({ id: z.uuid() });

/** `/api/notifications`: the signed-in user's own in-app notifications. */
export async function notificationRoutes(app: FastifyZodApp): Promise<void> {
  // Notifications name patients (escalations), so reading them is audited.
  app.get('/api/notifications', {
    config: { access: { permission: 'self', audit: 'notifications.list' } },
    schema: {
      tags: ['notifications'],
      summary: 'Your notifications, newest first, with the unread count',
      querystring: NotificationQuery,
      response: { 200: NotificationList },
    },
    handler: async (req) => listNotifications(req.ctx, req.query),
  });
  app.post('/api/notifications/:id/read', {
    config: {
      access: {
        permission: 'self',
        audit: 'notification.read',
        auditInTransaction: true,
        resource: 'notification',
      },
    },
    schema: {
      tags: ['notifications'],
      summary: 'Mark one of your notifications read',
      params: Params,
      response: { 200: Notification },
    },
    handler: async (req) => {
      const n = await markNotificationRead(req.ctx, req.params.id);
      req.auditInfo = { resourceId: n.id, clinicId: n.clinicId };
      return n;
    },
  });
}
