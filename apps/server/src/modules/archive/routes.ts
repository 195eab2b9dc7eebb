import { PriorsResponse, StudyDetail, StudyPage, StudySearch } from '@telerad/contracts';
import { z } from 'zod';
import type { FastifyZodApp } from '../../platform/http';
import { findPriors } from './priors';
import { browseStudies, studyDetailView } from './views';

/** `/api/studies`: the archive browser's search and study page (clinic-scoped, audited). */
export async function archiveRoutes(app: FastifyZodApp): Promise<void> {
  app.get('/api/studies', {
    config: { access: { permission: 'archive:read', audit: 'archive.search' } },
    schema: {
      tags: ['archive'],
      summary: 'Search the archive',
      querystring: StudySearch,
      response: { 200: StudyPage },
    },
    handler: async (req) => {
      req.auditInfo = { details: { query: req.query } };
      return browseStudies(req.ctx, req.query);
    },
  });
  app.get('/api/studies/:studyUid', {
    config: {
      access: { permission: 'archive:read', audit: 'archive.study.read', resource: 'study' },
    },
    schema: {
      tags: ['archive'],
      summary: 'A study with series, instances and origin history',
      params: z.object({ studyUid: z.string().max(64) }),
      response: { 200: StudyDetail },
    },
    handler: async (req) => {
      req.auditInfo = { ...req.auditInfo, resourceId: req.params.studyUid };
      const detail = await studyDetailView(req.ctx, req.params.studyUid);
      req.auditInfo.clinicId = detail.study.clinicId;
      return detail;
    },
  });
  app.get('/api/studies/:studyUid/priors', {
    config: {
      access: { permission: 'archive:read', audit: 'archive.priors.read', resource: 'study' },
    },
    schema: {
      tags: ['archive'],
      summary: 'Earlier studies of the same patient, for comparison in the viewer',
      params: z.object({ studyUid: z.string().max(64) }),
      response: { 200: PriorsResponse },
    },
    handler: async (req) => {
      req.auditInfo = { ...req.auditInfo, resourceId: req.params.studyUid };
      const { answer, clinicId } = await findPriors(req.ctx, req.params.studyUid);
      req.auditInfo.clinicId = clinicId;
      req.auditInfo.details = { priors: answer.priors.map((p) => p.studyUid) };
      return answer;
    },
  });
}
