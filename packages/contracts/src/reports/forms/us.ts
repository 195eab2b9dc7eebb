import type { FormItem, ReportForm } from './types';

const suggests = (id: string, label: string, finding: FormItem['finding']): FormItem => ({
  id,
  label,
  group: 'suggests_tb',
  finding,
});

/** US DS-3030 Tuberculosis Worksheet, section 3 (CDC Technical Instructions; DOMAIN.md §3). */
export const US_DS3030: ReportForm = {
  id: 'us-ds3030',
  version: '2026.1',
  title: 'DS-3030 Tuberculosis Worksheet — Section 3: Chest X-ray',
  source: 'CDC Technical Instructions for TB screening, DS-3030 section 3',
  programmes: ['US'],
  verified: true,
  resultLabel: 'Chest X-ray',
  results: [
    { id: 'normal', label: 'Normal', kind: 'normal' },
    { id: 'abnormal', label: 'Abnormal', kind: 'abnormal' },
  ],
  groups: [
    {
      id: 'suggests_tb',
      label: 'Suggests TB — needs sputum smears and cultures',
      supportsTb: true,
    },
    {
      id: 'class_b_other',
      label: 'Does not need smears and cultures — Class B Other',
    },
    {
      id: 'not_class_b',
      label: 'Does not need smears and cultures — not Class B',
      hint: 'Smooth pleural thickening at the costophrenic angle: confirm it is not an effusion with a lateral or decubitus view.',
    },
  ],
  items: [
    suggests('infiltrate', 'Infiltrate or consolidation', 'consolidation'),
    suggests('reticular', 'Reticular markings suggestive of fibrosis', 'reticular_fibrosis'),
    suggests('cavity', 'Cavitary lesion', 'cavity'),
    suggests(
      'nodule_poorly_defined',
      'Nodule(s) or mass with poorly defined margins (e.g. tuberculoma)',
      'ill_defined_nodule',
    ),
    suggests('effusion', 'Pleural effusion', 'pleural_effusion'),
    suggests('adenopathy', 'Hilar/mediastinal adenopathy', 'adenopathy'),
    suggests('miliary', 'Miliary findings', 'miliary'),
    suggests('linear_opacity', 'Discrete linear opacity', 'apical_fibronodular'),
    suggests(
      'discrete_nodule',
      'Discrete nodule(s) without calcification',
      'discrete_noncalcified_nodule',
    ),
    suggests('volume_loss', 'Volume loss or retraction', 'volume_loss'),
    suggests('pleural_reaction', 'Irregular thick pleural reaction', 'irregular_pleural_reaction'),
    suggests('other_tb', 'Other (specify in remarks)', 'other_tb'),
    { id: 'cardiac', label: 'Cardiac', group: 'class_b_other', finding: 'cardiac' },
    {
      id: 'musculoskeletal',
      label: 'Musculoskeletal',
      group: 'class_b_other',
      finding: 'musculoskeletal',
    },
    {
      id: 'other_b',
      label: 'Other (specify in remarks)',
      group: 'class_b_other',
      finding: 'other_non_tb',
    },
    {
      id: 'smooth_thickening',
      label: 'Smooth pleural thickening',
      group: 'not_class_b',
      finding: 'smooth_pleural_thickening',
    },
    {
      id: 'tenting',
      label: 'Diaphragmatic tenting',
      group: 'not_class_b',
      finding: 'diaphragmatic_tenting',
    },
    {
      id: 'calcified_nodule',
      label: 'Calcified pulmonary nodule(s)',
      group: 'not_class_b',
      finding: 'calcified_granuloma',
    },
    {
      id: 'calcified_node',
      label: 'Calcified lymph node(s)',
      group: 'not_class_b',
      finding: 'calcified_node',
    },
    {
      id: 'minor_msk',
      label: 'Minor musculoskeletal findings',
      group: 'not_class_b',
      finding: 'minor_musculoskeletal',
    },
  ],
};
