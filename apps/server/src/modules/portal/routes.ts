import {
  ApplicantPage,
  ApplicantQuery,
  ClinicalNoteBody,
  StudyProgrammeBody,
  StudyRequest,
} from '@telerad/contracts';
import { z } from 'zod';
import type { FastifyZodApp } from '../../platform/http';
import { listApplicants } from './applicants';
import { getStudyRequest, setClinicalNote, setStudyProgramme } from './requests';

const StudyParams = z.object({ studyUid: z.string().max(64) });

/**
 * The clinic portal: `/api/portal/applicants` (today's studies in the clinic's words) and what a
 * clinic asks of the reader for a study (`/api/studies/:studyUid/request`, its clinical note
 * and programme). Reads of patient data are audited; writes in their own transaction.
 */
export async function portalRoutes(app: FastifyZodApp): Promise<void> {
  app.get('/api/portal/applicants', {
    config: { access: { permission: 'archive:read', audit: 'portal.applicants.list' } },
    schema: {
      tags: ['portal'],
      summary:
        "Today's applicants of the caller's clinics, each study's state in the clinic's words",
      querystring: ApplicantQuery,
      response: { 200: ApplicantPage },
    },
    handler: async (req) => {
      const page = await listApplicants(req.ctx, req.query);
      req.auditInfo = {
        details: { query: req.query, studies: page.rows.map((r) => r.studyUid) },
      };
      return page;
    },
  });

  app.get('/api/studies/:studyUid/request', {
    config: {
      access: { permission: 'archive:read', audit: 'study.request.read', resource: 'study' },
    },
    schema: {
      tags: ['portal'],
      summary: "What the clinic asked of the reader: clinical note, programme, urgency's reason",
      params: StudyParams,
      response: { 200: StudyRequest },
    },
    handler: async (req) => getStudyRequest(req.ctx, req.params.studyUid),
  });

  app.put('/api/studies/:studyUid/clinical-note', {
    config: {
      access: {
        permission: 'studies:request',
        audit: 'study.clinical_note',
        auditInTransaction: true,
        resource: 'study',
      },
    },
    schema: {
      tags: ['portal'],
      summary: 'Write the clinical note for the reader (symptoms, history, prior TB treatment)',
      params: StudyParams,
      body: ClinicalNoteBody,
      response: { 200: StudyRequest },
    },
    handler: async (req) => setClinicalNote(req.ctx, req.params.studyUid, req.body.note),
  });

  app.put('/api/studies/:studyUid/programme', {
    config: {
      access: {
        permission: 'studies:request',
        audit: 'study.programme',
        auditInTransaction: true,
        resource: 'study',
      },
    },
    schema: {
      tags: ['portal'],
      summary: 'Choose the receiving programme of a study (before its read starts)',
      params: StudyParams,
      body: StudyProgrammeBody,
      response: { 200: StudyRequest },
    },
    handler: async (req) => setStudyProgramme(req.ctx, req.params.studyUid, req.body),
  });
}
