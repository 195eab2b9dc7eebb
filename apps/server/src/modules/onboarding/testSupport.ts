/**
 * Test support for the onboarding tests (not imported by production code): a new clinic made
 * through the API, and one step of a checklist.
 */
import type { OnboardingChecklist, OnboardingStep } from '@telerad/contracts';
import { expect } from 'vitest';
import type { AppFixture } from '../../testing/appFixture';
import type { TestClient } from '../../testing/http';

let seq = 0;

/** Creates a clinic (programme US, home centre the Global Centre) through the API as `admin`. */
export async function newClinic(
  fx: AppFixture,
  admin: TestClient,
  prefix: string,
): Promise<{ id: string; code: string }> {
  const centre = await fx.tdb.db
    .selectFrom('centres')
    .select('id')
    .orderBy('name')
    .executeTakeFirstOrThrow();
  seq++;
  const code = `${prefix}${seq}`;
  const res = await admin.request({
    method: 'POST',
    url: '/api/clinics',
    payload: {
      code,
      name: `Onboarding Clinic ${code}`,
      country: 'UG',
      timeZone: 'Africa/Kampala',
      homeCentreId: centre.id,
      programmes: ['US'],
    },
  });
  expect(res.statusCode, res.body).toBe(200);
  return { id: res.json().id as string, code };
}

/** The step `key` of a checklist (fails the test when missing). */
export function stepOf(c: OnboardingChecklist, key: string): OnboardingStep {
  const step = c.steps.find((s) => s.key === key);
  if (!step) throw new Error(`no step ${key}`);
  return step;
}
