/**
 * The study browser's filters. They live in the URL query string so that a reload, a shared
 * link or the study page's back link keep them; names match `GET /api/studies` (StudySearch).
 */
export const FILTER_KEYS = [
  'q',
  'patientName',
  'patientId',
  'accessionNumber',
  'from',
  'to',
  'clinicId',
  'modality',
] as const;

/** One filter name. */
export type FilterKey = (typeof FILTER_KEYS)[number];

/** The filters as the form holds them (empty string: no filter). */
export type StudyFilters = Record<FilterKey, string>;

/** No filter at all. */
export const NO_FILTERS: StudyFilters = {
  q: '',
  patientName: '',
  patientId: '',
  accessionNumber: '',
  from: '',
  to: '',
  clinicId: '',
  modality: '',
};

/** Reads the filters from a URL query string; unknown parameters are ignored. */
export function filtersFromParams(params: URLSearchParams): StudyFilters {
  const filters = { ...NO_FILTERS };
  for (const key of FILTER_KEYS) filters[key] = params.get(key)?.trim() ?? '';
  return filters;
}

/** The URL query string of `filters`, without empty ones. */
export function filtersToParams(filters: StudyFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key].trim();
    if (value) params.set(key, value);
  }
  return params;
}

/** True when at least one filter is set. */
export function hasFilters(filters: StudyFilters): boolean {
  return FILTER_KEYS.some((key) => filters[key].trim() !== '');
}

/**
 * Modalities offered by the filter, with what they are. DX and CR are the chest X-rays; the
 * rest are the other objects clinics send alongside them.
 */
export const MODALITY_OPTIONS = [
  { value: 'DX', description: 'Digital radiography' },
  { value: 'CR', description: 'Computed radiography' },
  { value: 'SC', description: 'Secondary capture' },
  { value: 'OT', description: 'Other' },
  { value: 'SR', description: 'Structured report' },
  { value: 'PR', description: 'Presentation state' },
  { value: 'KO', description: 'Key object selection' },
  { value: 'DOC', description: 'Document' },
] as const;
