import type { AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import { newTask } from '../reports/testSupport';

/** The demo users the second-opinion tests act as. */
export interface SecondOpinionWorld {
  fx: AppFixture;
  clinic1: TestClient;
  clinic2: TestClient;
  consultant: TestClient;
  radiologist: TestClient;
}

/** Signs in the demo users on the fixture's app. */
export async function secondOpinionWorld(fx: AppFixture): Promise<SecondOpinionWorld> {
  return {
    fx,
    clinic1: await signIn(fx.app, 'clinic1'),
    clinic2: await signIn(fx.app, 'clinic2'),
    consultant: await signIn(fx.app, 'consultant'),
    radiologist: await signIn(fx.app, 'radiologist'),
  };
}

/** A fresh DEMO1 study (with its primary read) to ask about; its Study Instance UID. */
export async function demo1Study(fx: AppFixture): Promise<string> {
  return (await newTask(fx, 'DEMO1')).studyUid;
}

/** Asks a second opinion about `studyUid` as `c`; the response. */
export function ask(c: TestClient, studyUid: string, question: string, urgent = false) {
  return c.request({
    method: 'POST',
    url: `/api/studies/${studyUid}/second-opinions`,
    payload: { question, urgent },
  });
}

/** The task of a second opinion, with the request's time of asking. */
export function taskOf(fx: AppFixture, id: string) {
  return fx.tdb.db
    .selectFrom('second_opinions as o')
    .innerJoin('reading_tasks as t', 't.id', 'o.task_id')
    .select([
      't.id',
      't.type',
      't.state',
      't.priority',
      't.due_at',
      't.excluded_reader_id',
      'o.created_at',
    ])
    .where('o.id', '=', id)
    .executeTakeFirstOrThrow();
}
