import { FINDINGS } from '../vocabulary';
import type { ReportForm } from './types';

/**
 * The graded form for programmes whose exact question sets are not verified yet (Canada,
 * Australia/New Zealand via eMedical, Japan JPETS, general clinics): a graded overall result
 * plus the canonical findings (DOMAIN.md §3, "verify"). Edit this data once the programme's
 * own instructions are confirmed, and bump the version.
 */
export const GENERIC_GRADED: ReportForm = {
  id: 'generic-graded',
  version: '2026.1',
  title: 'Chest X-ray Report — TB Screening',
  source: 'Graded screening form (programme question set to be verified)',
  programmes: ['CA', 'AUNZ', 'JP', 'GENERAL'],
  verified: false,
  resultLabel: 'Overall result',
  results: [
    { id: 'normal', label: 'Normal', kind: 'normal' },
    { id: 'abnormal_non_tb', label: 'Abnormal, not TB', kind: 'non_tb' },
    { id: 'inactive_tb', label: 'Inactive or old TB', kind: 'tb' },
    { id: 'suspicious_active_tb', label: 'Suspicious of active TB', kind: 'tb' },
  ],
  groups: [
    { id: 'tb', label: 'Findings that may indicate TB', supportsTb: true },
    { id: 'old_tb', label: 'Findings of old or healed TB', supportsTb: true },
    { id: 'other', label: 'Other findings' },
  ],
  items: FINDINGS.map((d) => ({
    id: d.code,
    label: d.label,
    group: d.tbSuggestive
      ? 'tb'
      : ['calcified_granuloma', 'calcified_node', 'calcified_pleural_lesion'].includes(d.code)
        ? 'old_tb'
        : 'other',
    finding: d.code,
  })),
};
