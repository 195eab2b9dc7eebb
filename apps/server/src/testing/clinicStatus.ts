import type { Db } from '../platform/db';
import { forgetClinicStatus } from '../modules/ingest';

/**
 * Runs `fn` while clinic `code` is suspended (ingest's cached status forgotten both ways), and
 * puts it back live whatever `fn` does, so a failing test leaves no suspended clinic behind.
 */
export async function whileClinicSuspended<T>(
  db: Db,
  code: string,
  fn: () => Promise<T>,
): Promise<T> {
  const set = async (status: 'suspended' | 'live') => {
    await db.updateTable('clinics').set({ status }).where('code', '=', code).execute();
    forgetClinicStatus();
  };
  await set('suspended');
  try {
    return await fn();
  } finally {
    await set('live');
  }
}
