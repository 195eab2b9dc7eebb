import { z } from 'zod';

/**
 * The canonical CXR findings vocabulary (DOMAIN.md §3): every finding is stored once in these
 * terms, with side and zone, and each programme's form is rendered from it. `tbSuggestive`
 * marks findings that, on any form, mean sputum testing (DS-3030 "suggests TB"; UKTBTI 4.x).
 */
export const FINDING_CODES = [
  'consolidation',
  'cavity',
  'ill_defined_nodule',
  'discrete_noncalcified_nodule',
  'calcified_granuloma',
  'calcified_node',
  'adenopathy',
  'miliary',
  'pleural_effusion',
  'smooth_pleural_thickening',
  'irregular_pleural_reaction',
  'calcified_pleural_lesion',
  'cp_angle_blunting',
  'apical_fibronodular',
  'linear_scar',
  'volume_loss',
  'reticular_fibrosis',
  'diaphragmatic_tenting',
  'bony_islet',
  'cardiac',
  'musculoskeletal',
  'minor_musculoskeletal',
  'other_tb',
  'other_non_tb',
] as const;
export const FindingCode = z.enum(FINDING_CODES);
export type FindingCode = z.infer<typeof FindingCode>;

export const SIDES = ['right', 'left', 'bilateral'] as const;
export const Side = z.enum(SIDES);
export type Side = z.infer<typeof Side>;

export const ZONES = ['upper', 'middle', 'lower'] as const;
export const Zone = z.enum(ZONES);
export type Zone = z.infer<typeof Zone>;

/** What the vocabulary knows about one finding. */
export interface FindingDefinition {
  code: FindingCode;
  label: string;
  /** Needs sputum testing on every programme. */
  tbSuggestive: boolean;
  /** A lung or pleural finding: side and zone are asked. */
  located: boolean;
}

const f = (
  code: FindingCode,
  label: string,
  tbSuggestive: boolean,
  located = true,
): FindingDefinition => ({ code, label, tbSuggestive, located });

export const FINDINGS: readonly FindingDefinition[] = [
  f('consolidation', 'Consolidation / infiltrate', true),
  f('cavity', 'Cavity', true),
  f('ill_defined_nodule', 'Ill-defined nodule or mass', true),
  f('discrete_noncalcified_nodule', 'Discrete non-calcified nodule(s)', true),
  f('calcified_granuloma', 'Calcified granuloma(s)', false),
  f('calcified_node', 'Calcified hilar/mediastinal node(s) only', false),
  f('adenopathy', 'Hilar/mediastinal adenopathy', true),
  f('miliary', 'Miliary pattern', true),
  f('pleural_effusion', 'Pleural effusion', true),
  f('smooth_pleural_thickening', 'Smooth pleural thickening / apical cap < 1 cm', false),
  f('irregular_pleural_reaction', 'Irregular or thick pleural reaction / apical cap', true),
  f('calcified_pleural_lesion', 'Calcified pleural lesion', false),
  f('cp_angle_blunting', 'Costophrenic angle blunting', false),
  f('apical_fibronodular', 'Apical fibronodular / fibrocalcific lesion', true),
  f('linear_scar', 'Linear scar or band', false),
  f('volume_loss', 'Volume loss / retraction', true),
  f('reticular_fibrosis', 'Reticular markings / interstitial fibrosis', true),
  f('diaphragmatic_tenting', 'Diaphragmatic tenting', false),
  f('bony_islet', 'Bony islet', false, false),
  f('cardiac', 'Cardiac abnormality', false, false),
  f('musculoskeletal', 'Musculoskeletal abnormality', false, false),
  f('minor_musculoskeletal', 'Minor musculoskeletal finding', false, false),
  f('other_tb', 'Other finding suggestive of TB (specify)', true),
  f('other_non_tb', 'Other non-TB abnormality (specify)', false, false),
];

const byCode = new Map(FINDINGS.map((d) => [d.code, d]));

/** The vocabulary entry for a code. */
export function findingDefinition(code: FindingCode): FindingDefinition {
  const d = byCode.get(code);
  if (!d) throw new Error(`unknown finding ${code}`);
  return d;
}

/**
 * One recorded finding: canonical code, where it is, and the programme form item it was
 * recorded through (a form may offer several items for one canonical finding, e.g. UKTBTI 4.2
 * and 4.4 for an ill-defined nodule under and over 1 cm).
 */
export const Finding = z
  .object({
    code: FindingCode,
    formItem: z.string().min(1).max(20),
    side: Side.optional(),
    zones: z.array(Zone).max(3).optional(),
    note: z.string().max(500).optional(),
  })
  .strict();
export type Finding = z.infer<typeof Finding>;
