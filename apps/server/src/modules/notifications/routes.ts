import {
  Notification,
  NotificationList,
  NotificationPreferenceChange,
  NotificationPreferences,
  NotificationQuery,
} from '@telerad/contracts';
import { z } from 'zod';
import type { FastifyZodApp } from '../../platform/http';
import { getPreferences, setPreference } from './preferences';
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

  // A user's own switches per kind (the profile page). Scope: the account's owner only.
  app.get('/api/users/:id/notification-preferences', {
    config: {
      access: {
        permission: 'notifications:preferences',
        audit: 'notification-preferences.read',
        resource: 'notificationPreferences',
      },
    },
    schema: {
      tags: ['notifications'],
      summary: 'Which kinds of notification you receive, one switch per kind your roles get',
      params: Params,
      response: { 200: NotificationPreferences },
    },
    handler: async (req) => getPreferences(req.ctx, req.params.id),
  });
  app.put('/api/users/:id/notification-preferences', {
    config: {
      access: {
        permission: 'notifications:preferences',
        audit: 'notification-preferences.update',
        auditInTransaction: true,
        resource: 'notificationPreferences',
      },
    },
    schema: {
      tags: ['notifications'],
      summary: 'Turn one kind of notification on or off (in the app and by e-mail)',
      params: Params,
      body: NotificationPreferenceChange,
      response: { 200: NotificationPreferences },
    },
    handler: async (req) => setPreference(req.ctx, req.params.id, req.body),
  });
}
