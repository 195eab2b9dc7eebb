import { Checkbox, Select, Stack, TextInput } from '@mantine/core';
import { CRITICAL_CATEGORIES, type CriticalCategory, type CriticalFlag } from '@telerad/contracts';
import { useEffect } from 'react';

/** The fields' words, in one place for translation. */
const STRINGS = {
  flag: 'Critical result — the clinic must act now (Alt+C)',
  flagHint:
    'On release the clinic is alerted in the app and by e-mail; a named clinic user must acknowledge it, or it escalates to the assistant and the supervisors.',
  category: 'Critical finding',
  note: 'What the finding is',
};

const OPTIONS = Object.entries(CRITICAL_CATEGORIES).map(([value, label]) => ({ value, label }));

/** The first category, ticked by default: the commonest critical finding of TB screening. */
const FIRST: CriticalFlag = { category: 'active_tb_cavitation' };

/**
 * The critical flag of the sign dialog: a checkbox (Alt+C toggles it while the dialog is open;
 * the report form's own keys leave Alt+C free), the category from the catalogue, and a note for
 * "other".
 */
export function CriticalFlagFields({
  value,
  onChange,
}: {
  value: CriticalFlag | null;
  onChange: (v: CriticalFlag | null) => void;
}) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || e.code !== 'KeyC') return;
      e.preventDefault();
      onChange(value ? null : FIRST);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [value, onChange]);
  return (
    <Stack gap={6}>
      <Checkbox
        color="red"
        label={STRINGS.flag}
        description={STRINGS.flagHint}
        checked={value !== null}
        onChange={(e) => onChange(e.currentTarget.checked ? FIRST : null)}
      />
      {value && (
        <Select
          label={STRINGS.category}
          data={OPTIONS}
          value={value.category}
          allowDeselect={false}
          onChange={(v) => v && onChange({ ...value, category: v as CriticalCategory })}
        />
      )}
      {value?.category === 'other' && (
        <TextInput
          label={STRINGS.note}
          required
          maxLength={500}
          value={value.note ?? ''}
          onChange={(e) => onChange({ ...value, note: e.currentTarget.value })}
        />
      )}
    </Stack>
  );
}
