import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import { remindDueReviews } from './reminders';

/**
 * SOPs on the server: QA publishes a document for some roles, their users are told and see it
 * pending, acknowledge it once opened (not before), a new version supersedes the old (which stays
 * readable with its acknowledgements), a document is shown only to its roles (clinic users only
 * to clinic-facing guidelines), PDFs go through the storage, the review reminder reaches the
 * owner once per due version, and reads and writes are audited.
 */
let fx: AppFixture;
const client: Record<string, TestClient> = {};
const userId: Record<string, string> = {};

const day = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  fx = await appWithDemo();
  for (const name of ['radiologist', 'radiologist2', 'consultant', 'qa', 'clinic1', 'clinic2']) {
    client[name] = await signIn(fx.app, name);
    userId[name] = (
      await fx.tdb.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', name)
        .executeTakeFirstOrThrow()
    ).id;
  }
});
afterAll(async () => fx?.close());

const markdown = (roles: string[], extra: Record<string, unknown> = {}) => ({
  format: 'markdown',
  markdown: '# Steps\n\n1. Check the name.\n2. Check the side marker.',
  effectiveOn: day(-1),
  reviewDueOn: day(365),
  roles,
  ...extra,
});

async function publish(title: string, roles: string[], extra: Record<string, unknown> = {}) {
  const res = await client.qa!.request({
    method: 'POST',
    url: '/api/sops',
    payload: { title, ownerId: userId.qa, version: markdown(roles, extra) },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: string; ref: string; shown: { version: number } };
}

const pending = async (name: string) =>
  (await client[name]!.request({ url: '/api/sops/pending' })).json().pending as {
    id: string;
    version: number;
  }[];

const ack = (name: string, id: string, version: number) =>
  client[name]!.request({
    method: 'POST',
    url: `/api/sops/${id}/acknowledge`,
    payload: { version },
  });

describe('SOPs', () => {
  it('asks the roles of a version to acknowledge it, once opened, and shows QA who did', async () => {
    const doc = await publish('Patient identification before reading', ['radiologist']);
    expect(doc.ref).toMatch(/^SOP-\d+$/);
    // The radiologists are told; the publisher, other roles and clinics are not.
    const told = await fx.tdb.db
      .selectFrom('notifications')
      .select('user_id')
      .where('kind', '=', 'sop.acknowledgement_needed')
      .where('link', '=', `/sops/${doc.id}`)
      .execute();
    expect(told.map((n) => n.user_id).sort()).toEqual(
      [userId.radiologist, userId.radiologist2].sort(),
    );
    expect((await pending('radiologist')).map((p) => p.id)).toContain(doc.id);
    expect((await pending('consultant')).map((p) => p.id)).not.toContain(doc.id);

    // Not before opening it.
    const early = await ack('radiologist', doc.id, 1);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('SOP_NOT_OPENED');
    const opened = await client.radiologist!.request({ url: `/api/sops/${doc.id}` });
    expect(opened.json().shown).toMatchObject({ mustAcknowledge: true, acknowledgedAt: null });
    const done = await ack('radiologist', doc.id, 1);
    expect(done.statusCode, done.body).toBe(200);
    const first = done.json().shown.acknowledgedAt as string;
    expect(first).toBeTruthy();
    // A second press keeps the first time.
    expect((await ack('radiologist', doc.id, 1)).json().shown.acknowledgedAt).toBe(first);
    expect((await pending('radiologist')).map((p) => p.id)).not.toContain(doc.id);

    // A role it is not for does not read it; nor acknowledges it.
    expect((await client.consultant!.request({ url: `/api/sops/${doc.id}` })).statusCode).toBe(404);

    const history = (
      await client.qa!.request({ url: `/api/sops/${doc.id}/acknowledgements` })
    ).json();
    expect(history.acknowledgements).toMatchObject([
      { version: 1, userId: userId.radiologist, acknowledgedAt: first },
    ]);
    expect(history.outstanding.map((o: { userId: string }) => o.userId)).toContain(
      userId.radiologist2,
    );
    const csv = await client.qa!.request({ url: `/api/sops/${doc.id}/acknowledgements.csv` });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('document,version,name,roles,opened_at,acknowledged_at');
    expect(lines.filter((l) => l.endsWith(first))).toHaveLength(1);
    // Radiologists do not read who acknowledged.
    expect(
      (await client.radiologist!.request({ url: `/api/sops/${doc.id}/acknowledgements` }))
        .statusCode,
    ).toBe(403);
    // The library shows QA the count.
    const list = (await client.qa!.request({ url: `/api/sops?q=identification` })).json();
    expect(list.documents.find((d: { id: string }) => d.id === doc.id)).toMatchObject({
      acknowledged: 1,
      pending: false,
    });
  });

  it('supersedes a version with the next, keeping the old one readable with its history', async () => {
    const doc = await publish('Chest X-ray quality grading', ['radiologist', 'consultant']);
    await client.consultant!.request({ url: `/api/sops/${doc.id}` });
    expect((await ack('consultant', doc.id, 1)).statusCode).toBe(200);
    const v2 = await client.qa!.request({
      method: 'POST',
      url: `/api/sops/${doc.id}/versions`,
      payload: {
        version: markdown(['radiologist', 'consultant'], {
          markdown: '# Steps v2\n\nGrade each film.',
          changeNote: 'Adds grading',
        }),
      },
    });
    expect(v2.statusCode, v2.body).toBe(200);
    expect(v2.json().versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(v2.json().versions[1].supersededAt).toBeTruthy();
    // The new version is pending again; acknowledging the old one is refused.
    expect((await pending('consultant')).find((p) => p.id === doc.id)?.version).toBe(2);
    const stale = await ack('consultant', doc.id, 1);
    expect(stale.json().error.code).toBe('SOP_VERSION_SUPERSEDED');
    const old = (await client.consultant!.request({ url: `/api/sops/${doc.id}?version=1` })).json();
    expect(old.shown).toMatchObject({ version: 1, mustAcknowledge: false });
    expect(old.shown.markdown).toContain('# Steps');
    expect(old.shown.acknowledgedAt).toBeTruthy();
    const history = (
      await client.qa!.request({ url: `/api/sops/${doc.id}/acknowledgements` })
    ).json();
    expect(history.acknowledgements).toMatchObject([{ version: 1, userId: userId.consultant }]);
    expect(history.outstanding.map((o: { userId: string }) => o.userId)).toContain(
      userId.consultant,
    );
  });

  it('shows clinic users the guidelines written for clinics, and nothing else', async () => {
    const staff = await publish('Reading room procedure', ['radiologist']);
    const guide = await publish('Positioning for a PA chest view', ['clinic']);
    for (const name of ['clinic1', 'clinic2']) {
      const list = (await client[name]!.request({ url: '/api/sops' })).json();
      const ids = list.documents.map((d: { id: string }) => d.id);
      expect(ids).toContain(guide.id);
      expect(ids).not.toContain(staff.id);
      expect((await client[name]!.request({ url: `/api/sops/${staff.id}` })).statusCode).toBe(404);
      // Clinic users do not publish.
      const write = await client[name]!.request({
        method: 'POST',
        url: `/api/sops/${guide.id}/versions`,
        payload: { version: markdown(['clinic']) },
      });
      expect(write.statusCode).toBe(403);
    }
    await client.clinic1!.request({ url: `/api/sops/${guide.id}` });
    expect((await ack('clinic1', guide.id, 1)).statusCode).toBe(200);
    const role = (await client.qa!.request({ url: '/api/sops?role=clinic' })).json();
    expect(role.documents.map((d: { id: string }) => d.id)).toContain(guide.id);
    expect(role.documents.map((d: { id: string }) => d.id)).not.toContain(staff.id);
  });

  it('reminds the owner once when a review falls due, and again for a new version', async () => {
    const doc = await publish('Old consent procedure', ['qa'], {
      effectiveOn: day(-400),
      reviewDueOn: day(-2),
    });
    const due = (await client.qa!.request({ url: '/api/sops?status=review_due' })).json();
    expect(due.documents.map((d: { id: string }) => d.id)).toContain(doc.id);
    const mine = (r: { documentId: string }[]) => r.filter((x) => x.documentId === doc.id);
    expect(mine(await remindDueReviews(fx.tdb.db, new Date()))).toEqual([
      { documentId: doc.id, version: 1, ownerId: userId.qa },
    ]);
    expect(mine(await remindDueReviews(fx.tdb.db, new Date()))).toEqual([]);
    const reminders = await fx.tdb.db
      .selectFrom('notifications')
      .select(['user_id', 'title'])
      .where('kind', '=', 'sop.review_due')
      .where('link', '=', `/sops/${doc.id}`)
      .execute();
    expect(reminders).toEqual([
      { user_id: userId.qa, title: `Review due: ${doc.ref} Old consent procedure` },
    ]);
    // Reviewed: a new version due next year is not due, until its day comes.
    await client.qa!.request({
      method: 'POST',
      url: `/api/sops/${doc.id}/versions`,
      payload: { version: markdown(['qa']) },
    });
    expect(mine(await remindDueReviews(fx.tdb.db, new Date()))).toEqual([]);
    const nextYear = new Date(Date.now() + 366 * 86_400_000);
    expect(mine(await remindDueReviews(fx.tdb.db, nextYear))).toEqual([
      { documentId: doc.id, version: 2, ownerId: userId.qa },
    ]);
  });

  it('takes a PDF through the storage, and refuses what is not one', async () => {
    const notPdf = await client.qa!.request({
      method: 'POST',
      url: '/api/sops/files?name=notes.txt',
      headers: { 'content-type': 'application/octet-stream' },
      payload: Buffer.from('just some text'),
    });
    expect(notPdf.statusCode).toBe(415);
    expect(notPdf.json().error.code).toBe('SOP_FILE_NOT_PDF');
    const bytes = Buffer.from('%PDF-1.4\n% a tiny test document\n%%EOF\n');
    const up = await client.qa!.request({
      method: 'POST',
      url: '/api/sops/files?name=radiation-safety.pdf',
      headers: { 'content-type': 'application/pdf' },
      payload: bytes,
    });
    expect(up.statusCode, up.body).toBe(200);
    const fileId = up.json().fileId as string;
    const doc = await publish('Radiation safety', ['radiologist'], {
      format: 'pdf',
      markdown: '',
      fileId,
    });
    const file = await client.radiologist!.request({ url: `/api/sops/${doc.id}/file` });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.equals(bytes)).toBe(true);
    // A file another user uploaded, or none, cannot be named.
    const admin = await signIn(fx.app, 'admin');
    const foreign = await admin.request({
      method: 'POST',
      url: '/api/sops',
      payload: {
        title: 'Borrowed file',
        ownerId: userId.qa,
        version: markdown(['radiologist'], { format: 'pdf', markdown: '', fileId }),
      },
    });
    expect(foreign.json().error.code).toBe('SOP_FILE_UNKNOWN');
  });

  it('refuses an owner who may not own documents', async () => {
    const res = await client.qa!.request({
      method: 'POST',
      url: '/api/sops',
      payload: { title: 'Owned by a clinic', ownerId: userId.clinic1, version: markdown(['qa']) },
    });
    expect(res.json().error.code).toBe('SOP_OWNER_NOT_ALLOWED');
  });

  it('is documented in the OpenAPI description', async () => {
    const res = await fx.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths as Record<string, unknown>)).toEqual(
      expect.arrayContaining([
        '/api/sops',
        '/api/sops/pending',
        '/api/sops/{id}',
        '/api/sops/{id}/versions',
        '/api/sops/{id}/acknowledge',
        '/api/sops/{id}/acknowledgements.csv',
      ]),
    );
  });

  it('audits reads, and each write in its own transaction', async () => {
    const doc = await publish('Audited procedure', ['radiologist']);
    const read = await client.radiologist2!.request({ url: `/api/sops/${doc.id}` });
    const done = await ack('radiologist2', doc.id, 1);
    const events = await fx.tdb.db
      .selectFrom('audit_events')
      .select(['action', 'outcome', 'resource_type', 'resource_id', 'request_id'])
      .where('request_id', 'in', [
        String(read.headers['x-request-id']),
        String(done.headers['x-request-id']),
      ])
      .orderBy('at')
      .execute();
    expect(events.map((e) => [e.action, e.outcome, e.resource_type, e.resource_id])).toEqual([
      ['sop.read', 'success', 'sop', doc.id],
      ['sop.acknowledge', 'success', 'sop', doc.id],
    ]);
  });
});
