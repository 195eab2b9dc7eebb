import { notifyUsers } from '../../modules/notifications';
import { openRetakeRequest } from '../../modules/retakes';
import { normalRead } from '../../modules/reports/testSupport';
import { TINY_PNG } from '../images';
import { staffCtx, staffUser, type Demo2 } from './seed';

/** A notification for DEMO2's clinic user about its open read. */
export async function seedDemo2Notification({ db, clinic, clinicUser, taskId }: Demo2) {
  const [notification] = await notifyUsers(db, [
    {
      userId: clinicUser.id,
      kind: 'escalation',
      title: 'CANARY notification for DEMO2',
      body: 'CANARY-DEMO2 needs attention',
      taskId,
      clinicId: clinic.id,
    },
  ]);
  if (!notification) throw new Error('no DEMO2 notification');
  return notification.id;
}

/** A half-sent browser upload of DEMO2, begun through tus as its clinic user would. */
export async function seedDemo2Upload({ c2 }: Demo2): Promise<string> {
  const upload = await c2.request({
    method: 'POST',
    url: '/api/uploads',
    headers: {
      'tus-resumable': '1.0.0',
      'upload-length': '1000',
      'upload-metadata': `filename ${Buffer.from('CANARY-DEMO2.dcm').toString('base64')}`,
    },
  });
  const uploadId = String(upload.headers.location ?? '')
    .split('/')
    .pop();
  if (upload.statusCode !== 201 || !uploadId) throw new Error(`no DEMO2 upload: ${upload.body}`);
  return uploadId;
}

/** A retake request of DEMO2, asked of its clinic on the open read (which it holds for images). */
export async function seedDemo2Retake({ db, clinic, studyId, taskId }: Demo2): Promise<string> {
  const radiologist = await staffUser(db, 'radiologist');
  return db.transaction().execute((trx) =>
    openRetakeRequest(trx, {
      actor: staffCtx(db, radiologist, 'radiologist').actor,
      task: { id: taskId, studyId, clinicId: clinic.id },
      kind: 'retake',
      reasons: ['motion'],
      views: [],
      note: 'CANARY retake note for DEMO2',
      reportId: null,
      now: new Date(),
    }),
  );
}

/** DEMO2's channel with a message carrying an image, sent by its clinic user. */
export async function seedDemo2Message({ c2, clinic }: Demo2) {
  const channel = await c2.request({ method: 'GET', url: `/api/clinics/${clinic.id}/channel` });
  const threadId = (channel.json() as { id?: string }).id;
  if (channel.statusCode !== 200 || !threadId) throw new Error(`no DEMO2 channel: ${channel.body}`);
  const file2 = await c2.request({
    method: 'POST',
    url: `/api/messaging/threads/${threadId}/attachments?name=CANARY-DEMO2.png`,
    headers: { 'content-type': 'application/octet-stream' },
    payload: TINY_PNG,
  });
  const attachmentId = (file2.json() as { id?: string }).id;
  if (file2.statusCode !== 200 || !attachmentId) throw new Error(`no DEMO2 file: ${file2.body}`);
  const sent = await c2.request({
    method: 'POST',
    url: `/api/messaging/threads/${threadId}/messages`,
    payload: { body: 'CANARY message from DEMO2', attachmentIds: [attachmentId] },
  });
  if (sent.statusCode !== 200) throw new Error(`no DEMO2 message: ${sent.body}`);
  return { threadId, attachmentId };
}

/**
 * DEMO2's own read of its open study, sampled for a QC re-read under a rule re-reading all of
 * DEMO2's reads (the rules are put back as they were).
 */
export async function seedDemo2ClinicRead({ c2, qa, clinic, file }: Demo2): Promise<void> {
  const qcBefore = await qa.request({ method: 'GET', url: '/api/qc/rules' });
  const { default: qcDefault, clinics: qcClinics } = qcBefore.json() as {
    default: unknown;
    clinics: unknown[];
  };
  const qcRules = (clinics: unknown[]) =>
    qa.request({ method: 'PUT', url: '/api/qc/rules', payload: { default: qcDefault, clinics } });
  await qcRules([...qcClinics, { clinicId: clinic.id, sampling: { mode: 'all' } }]);
  const clinicRead = await c2.request({
    method: 'POST',
    url: `/api/studies/${file.studyInstanceUid}/clinic-read`,
    payload: {
      content: normalRead({ impression: 'CANARY-DEMO2 clinic impression' }),
      readerName: 'CANARY DEMO2 reader',
    },
  });
  await qcRules(qcClinics);
  if (clinicRead.statusCode !== 200) throw new Error(`no DEMO2 clinic read: ${clinicRead.body}`);
}
