import { Checkbox, Select, Stack, TextInput } from '@mantine/core';
import { CRITICAL_CATEGORIES, type CriticalCategory, type CriticalFlag } from '@telerad/contracts';

/** The fields' words, in one place for translation. */
const STRINGS = {
  flag: 'Critical result — the clinic must act now',
  flagHint:
    'On release the clinic is alerted in the app and by e-mail; a named clinic user must acknowledge it, or it escalates to the assistant and the supervisors.',
  category: 'Critical finding',
  note: 'What the finding is',
};

const OPTIONS = Object.entries(CRITICAL_CATEGORIES).map(([value, label]) => ({ value, label }));

/**
 * The critical flag of the sign dialog: a checkbox (Alt+C from the sign dialog ticks it, as the
 * checkbox's access key), the category from the catalogue, and a note for "other".
 */
export function CriticalFlagFields({
  value,
  onChange,
}: {
  value: CriticalFlag | null;
  onChange: (v: CriticalFlag | null) => void;
}) {
  return (
    <Stack gap={6}>
      <Checkbox
        color="red"
        label={STRINGS.flag}
        description={STRINGS.flagHint}
        accessKey="c"
        checked={value !== null}
        onChange={(e) =>
          onChange(e.currentTarget.checked ? { category: 'active_tb_cavitation' } : null)
        }
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
