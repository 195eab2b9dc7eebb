import type { ScopeResolver } from '../auth';

/** A notification is its recipient's own; its clinic (if any) goes to the audit event. */
export const notificationScope: ScopeResolver = {
  params: ['id'],
  resolve: async (db, p) => {
    const row = await db
      .selectFrom('notifications')
      .select(['user_id', 'clinic_id'])
      .where('id', '=', p.id!)
      .executeTakeFirst();
    return { kind: 'owner', userId: row?.user_id ?? null, clinicId: row?.clinic_id ?? null };
  },
};

/**
 * A user's notification switches (`/api/users/:id/notification-preferences`) are that user's
 * own: refused to anyone else, administrators included.
 */
export const notificationPreferencesScope: ScopeResolver = {
  params: ['id'],
  resolve: async (db, p) => {
    const row = await db
      .selectFrom('users')
      .select('id')
      .where('id', '=', p.id!)
      .executeTakeFirst();
    return { kind: 'owner', userId: row?.id ?? null, clinicId: null };
  },
};
