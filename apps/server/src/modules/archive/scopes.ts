import type { ScopeResolver } from '../auth';

/**
 * Scope resolvers of the archive's records (one clinic per study; a series or instance belongs
 * to its study's clinic). Each resolves the whole path it is given, so a path pairing one
 * clinic's study with another's series names no record at all.
 */
export const studyScope: ScopeResolver = {
  params: ['studyUid'],
  resolve: async (db, p) => {
    const row = await db
      .selectFrom('studies')
      .select('clinic_id')
      .where('study_uid', '=', p.studyUid!)
      .executeTakeFirst();
    return { kind: 'clinic', clinicId: row?.clinic_id ?? null };
  },
};

/** A series, named by its study's and its own UID. */
export const seriesScope: ScopeResolver = {
  params: ['studyUid', 'seriesUid'],
  resolve: async (db, p) => {
    const row = await db
      .selectFrom('series')
      .innerJoin('studies', 'studies.id', 'series.study_id')
      .select('studies.clinic_id')
      .where('series.series_uid', '=', p.seriesUid!)
      .where('studies.study_uid', '=', p.studyUid!)
      .executeTakeFirst();
    return { kind: 'clinic', clinicId: row?.clinic_id ?? null };
  },
};

/** An instance (any stored version), named by its study's, series' and own UID. */
export const instanceScope: ScopeResolver = {
  params: ['studyUid', 'seriesUid', 'sopUid'],
  resolve: async (db, p) => {
    const row = await db
      .selectFrom('instances')
      .innerJoin('series', 'series.id', 'instances.series_id')
      .innerJoin('studies', 'studies.id', 'instances.study_id')
      .select('studies.clinic_id')
      .where('instances.sop_uid', '=', p.sopUid!)
      .where('series.series_uid', '=', p.seriesUid!)
      .where('studies.study_uid', '=', p.studyUid!)
      .limit(1)
      .executeTakeFirst();
    return { kind: 'clinic', clinicId: row?.clinic_id ?? null };
  },
};
