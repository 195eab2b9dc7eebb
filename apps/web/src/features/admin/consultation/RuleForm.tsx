import { MultiSelect, NumberInput, Select, Switch, TextInput } from '@mantine/core';
import {
  DEFAULT_CAD_DISCORDANCE,
  FINDINGS,
  type CadHighBand,
  READER_FLAGS,
  type ConsultationCondition,
  type FindingCode,
  type ReaderFlag,
} from '@telerad/contracts';
import type { FieldErrors } from '../../../app/formErrors';

/** The rule being edited: the kind's fields are kept side by side so switching kind loses nothing. */
export interface RuleDraft {
  id: string;
  name: string;
  enabled: boolean;
  kind: ConsultationCondition['kind'];
  codes: FindingCode[];
  age: number | '';
  flag: ReaderFlag;
  highBand: CadHighBand;
  /** The low cut as a percentage of the operating threshold (the rule stores a fraction). */
  lowPercent: number | '';
}

/** The condition the draft describes, for validation and saving. */
export function draftCondition(d: RuleDraft): Record<string, unknown> {
  switch (d.kind) {
    case 'finding':
      return { kind: 'finding', codes: d.codes };
    case 'tb_suggestive_under_age':
      return { kind: 'tb_suggestive_under_age', age: d.age === '' ? undefined : d.age };
    case 'reader_flag':
      return { kind: 'reader_flag', flag: d.flag };
    case 'cad_discordance':
      return {
        kind: 'cad_discordance',
        highBand: d.highBand,
        lowFraction: d.lowPercent === '' ? undefined : d.lowPercent / 100,
      };
  }
}

/** A draft from a stored condition. */
export function draftOf(rule: {
  id: string;
  name: string;
  enabled: boolean;
  when: ConsultationCondition;
}): RuleDraft {
  const w = rule.when;
  return {
    id: rule.id,
    name: rule.name,
    enabled: rule.enabled,
    kind: w.kind,
    codes: w.kind === 'finding' ? w.codes : [],
    age: w.kind === 'tb_suggestive_under_age' ? w.age : 15,
    flag: w.kind === 'reader_flag' ? w.flag : 'uncertain',
    highBand: w.kind === 'cad_discordance' ? w.highBand : DEFAULT_CAD_DISCORDANCE.highBand,
    lowPercent: Math.round(
      (w.kind === 'cad_discordance' ? w.lowFraction : DEFAULT_CAD_DISCORDANCE.lowFraction) * 100,
    ),
  };
}

const KIND_DATA = [
  { value: 'finding', label: 'Any of these findings is recorded' },
  { value: 'tb_suggestive_under_age', label: 'A TB-suggestive finding under an age' },
  { value: 'reader_flag', label: 'The reader raised a flag' },
  { value: 'cad_discordance', label: 'The CAD score disagrees with the read' },
];

const HIGH_BAND_DATA = [
  { value: 'triage', label: 'Triage band (read first)' },
  { value: 'abnormal', label: 'Abnormal band or above (operating threshold)' },
];

const FINDING_DATA = FINDINGS.map((f) => ({
  value: f.code,
  label: `${f.label}${f.tbSuggestive ? ' (TB-suggestive)' : ''}`,
}));

/** Fields of one consultation rule. */
export function RuleFields({
  draft,
  onChange,
  errors,
}: {
  draft: RuleDraft;
  onChange: (d: RuleDraft) => void;
  errors: FieldErrors;
}) {
  const set = <K extends keyof RuleDraft>(key: K, value: RuleDraft[K]) =>
    onChange({ ...draft, [key]: value });
  return (
    <>
      <TextInput
        label="Name"
        description="What the consultant and reader see as the reason the report was held."
        required
        maxLength={120}
        value={draft.name}
        onChange={(e) => set('name', e.currentTarget.value)}
        error={errors.name}
        data-autofocus
      />
      <Switch
        label="Enabled"
        checked={draft.enabled}
        onChange={(e) => set('enabled', e.currentTarget.checked)}
      />
      <Select
        label="Hold the report when"
        allowDeselect={false}
        data={KIND_DATA}
        value={draft.kind}
        onChange={(v) => v && set('kind', v as RuleDraft['kind'])}
        comboboxProps={{ withinPortal: false }}
      />
      {draft.kind === 'finding' && (
        <MultiSelect
          label="Findings"
          description="From the canonical vocabulary: matches whichever form recorded them."
          searchable
          data={FINDING_DATA}
          value={draft.codes}
          onChange={(v) => set('codes', v as FindingCode[])}
          error={errors['when.codes']}
          comboboxProps={{ withinPortal: false }}
        />
      )}
      {draft.kind === 'tb_suggestive_under_age' && (
        <NumberInput
          label="Age threshold (years)"
          description="Applicants younger than this, with any TB-suggestive finding, are held."
          min={1}
          max={120}
          allowDecimal={false}
          value={draft.age}
          onChange={(v) => set('age', v === '' ? '' : Number(v))}
          error={errors['when.age']}
        />
      )}
      {draft.kind === 'reader_flag' && (
        <Select
          label="Reader flag"
          allowDeselect={false}
          data={READER_FLAGS.map((f) => ({ value: f, label: f }))}
          value={draft.flag}
          onChange={(v) => v && set('flag', v as ReaderFlag)}
          error={errors['when.flag']}
          comboboxProps={{ withinPortal: false }}
        />
      )}
      {draft.kind === 'cad_discordance' && (
        <>
          <Select
            label="A normal read is held when the CAD score is in"
            description="Bands come from the thresholds QA calibrated for the product version and programme; an uncalibrated score never holds a report."
            allowDeselect={false}
            data={HIGH_BAND_DATA}
            value={draft.highBand}
            onChange={(v) => v && set('highBand', v as CadHighBand)}
            error={errors['when.highBand']}
            comboboxProps={{ withinPortal: false }}
          />
          <NumberInput
            label="A TB finding is held when the CAD score is below"
            description="This share of the operating threshold, measured from the least abnormal end of the product’s scale. 0 % turns this half of the rule off."
            suffix=" % of operating"
            min={0}
            max={100}
            allowDecimal={false}
            value={draft.lowPercent}
            onChange={(v) => set('lowPercent', v === '' ? '' : Number(v))}
            error={errors['when.lowFraction']}
          />
        </>
      )}
    </>
  );
}
