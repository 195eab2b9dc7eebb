import { ONBOARDING_STEPS } from '@telerad/contracts';
import type { Db } from '../../platform/db';
import { createChecklist } from './steps';

const DAY = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The demo's checklists: a clinic in onboarding part-way through its technical preparation (the
 * network test done, its AE found by the system, the gateway and test image with owners and due
 * dates), and a clinic in pilot with its preparation and training done. Only for clinics the
 * seed has just created, so a re-run keeps what people changed.
 */
export async function seedDemoOnboarding(
  db: Db,
  clinics: { onboarding?: string; pilot?: string },
  supportUserId: string,
  now = new Date(),
): Promise<void> {
  const done = (clinicId: string, key: string, note: string, daysAgo: number) =>
    db
      .updateTable('onboarding_steps')
      .set({
        status: 'done',
        done_on: isoDay(new Date(now.getTime() - daysAgo * DAY)),
        ticked_by: supportUserId,
        ticked_at: new Date(now.getTime() - daysAgo * DAY),
        owner_id: supportUserId,
        note,
      })
      .where('clinic_id', '=', clinicId)
      .where('step_key', '=', key)
      .execute();
  const plan = (clinicId: string, key: string, dueInDays: number, note: string) =>
    db
      .updateTable('onboarding_steps')
      .set({
        owner_id: supportUserId,
        due_on: isoDay(new Date(now.getTime() + dueInDays * DAY)),
        note,
      })
      .where('clinic_id', '=', clinicId)
      .where('step_key', '=', key)
      .execute();
  if (clinics.onboarding) {
    const id = clinics.onboarding;
    await createChecklist(db, id);
    await done(id, 'network-test', 'Echo from the clinic at 600 kbit/s, 420 ms round trip.', 3);
    await plan(id, 'gateway-enrolment', 4, 'Gateway PC arrives Thursday; enrol on site.');
    await plan(id, 'test-image', 6, 'Ask the radiographer to send a phantom CXR after enrolment.');
    await plan(id, 'user-training', 10, 'Two radiographers and the clinic physician.');
  }
  if (clinics.pilot) {
    const id = clinics.pilot;
    await createChecklist(db, id);
    for (const s of ONBOARDING_STEPS.filter(
      (x) => x.phase === 'preparation' || x.phase === 'training',
    ))
      await done(id, s.key, 'Done during the demo set-up.', 14);
    await db
      .insertInto('onboarding_training')
      .values({
        clinic_id: id,
        trainee: 'Clinic radiographers (2)',
        topics: ['uploading', 'reading_reports', 'messaging'],
        trained_on: isoDay(new Date(now.getTime() - 10 * DAY)),
        trainer_id: supportUserId,
      })
      .execute();
  }
}
