import type { FormItem, ReportForm } from './types';

const item = (id: string, label: string, finding: FormItem['finding']): FormItem => ({
  id,
  label,
  group:
    id.startsWith('1.') || id.startsWith('2.') ? 'minor' : id[0] === '3' ? 'occasional' : 'active',
  finding,
});

/** UK TB Technical Instructions v7, pre-entry screening CXR codes (DOMAIN.md §3). */
export const UK_UKTBTI: ReportForm = {
  id: 'uk-uktbti',
  version: '2026.1',
  title: 'UK Pre-entry TB Screening — Chest X-ray Report',
  source: 'UK Tuberculosis Technical Instructions, version 7',
  programmes: ['UK'],
  verified: true,
  resultLabel: 'Overall result',
  results: [
    { id: 'normal', label: 'Chest X-ray normal', kind: 'normal' },
    { id: 'non_tb', label: 'Non-TB abnormality', kind: 'non_tb' },
    { id: 'old_or_active_tb', label: 'Old or active TB', kind: 'tb' },
  ],
  groups: [
    { id: 'minor', label: 'Minor findings', allowedWithNormal: true },
    { id: 'occasional', label: 'Occasionally associated with TB infection', supportsTb: true },
    { id: 'active', label: 'Sometimes seen in active TB', supportsTb: true },
    { id: 'non_tb', label: 'Other non-TB abnormality' },
  ],
  items: [
    item('1.1', 'Single fibrous streak, band or scar', 'linear_scar'),
    item('1.2', 'Bony islets', 'bony_islet'),
    item(
      '2.1',
      'Pleural capping with a smooth inferior border (< 1 cm)',
      'smooth_pleural_thickening',
    ),
    item('2.2', 'Costophrenic angle blunting below the horizontal', 'cp_angle_blunting'),
    item(
      '2.3',
      'Calcified nodule(s) in hilum or mediastinum, no pulmonary granulomas',
      'calcified_node',
    ),
    item('3.1', 'Solitary granuloma < 1 cm with unremarkable hilum', 'calcified_granuloma'),
    item(
      '3.2',
      'Solitary granuloma < 1 cm with calcified or enlarged hilar nodes',
      'calcified_granuloma',
    ),
    item(
      '3.3',
      'Calcified pulmonary nodules or micronodules with distinct borders',
      'calcified_granuloma',
    ),
    item('3.4', 'Calcified pleural lesions', 'calcified_pleural_lesion'),
    item('3.5', 'Costophrenic angle blunting above the horizontal', 'cp_angle_blunting'),
    item(
      '4.0',
      'Notable apical pleural capping (rough or ragged, or ≥ 1 cm)',
      'irregular_pleural_reaction',
    ),
    item(
      '4.1',
      'Apical fibronodular or fibrocalcific lesions, or apical microcalcifications',
      'apical_fibronodular',
    ),
    item(
      '4.2',
      'Pulmonary nodules or micronodules, non-calcified or poorly defined',
      'ill_defined_nodule',
    ),
    item(
      '4.3',
      'Isolated hilar or mediastinal mass or lymphadenopathy, non-calcified',
      'adenopathy',
    ),
    item('4.4', 'Pulmonary nodules or masses ≥ 1 cm', 'ill_defined_nodule'),
    item('4.5', 'Non-calcified pleural fibrosis or effusion', 'pleural_effusion'),
    item(
      '4.6',
      'Interstitial fibrosis, parenchymal lung disease or acute pulmonary disease',
      'reticular_fibrosis',
    ),
    item(
      '4.7',
      'Any cavitating lesion, or "fluffy"/"soft" lesions likely to be active TB',
      'cavity',
    ),
    { id: 'cardiac', label: 'Cardiac abnormality', group: 'non_tb', finding: 'cardiac' },
    {
      id: 'msk',
      label: 'Musculoskeletal abnormality',
      group: 'non_tb',
      finding: 'musculoskeletal',
    },
    {
      id: 'other',
      label: 'Other non-TB abnormality (specify)',
      group: 'non_tb',
      finding: 'other_non_tb',
    },
  ],
  notTakenReasons: ['child', 'pregnant', 'other'],
};
