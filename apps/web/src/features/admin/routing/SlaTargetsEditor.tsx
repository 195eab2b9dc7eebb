import { NumberInput, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { PRIORITIES, PROGRAMMES, PROGRAMME_LABELS, type Clinic } from '@telerad/contracts';
import { LabelledSelect } from '../../../app/components/LabelledSelect';
import type { FieldErrors } from '../../../app/formErrors';
import { PRIORITY_WORDS, ruleList, type Minutes, type RoutingDraft } from './draft';
import { RuleRows } from './RuleRows';

const minutesInput = (value: Minutes, onChange: (v: Minutes) => void) => ({
  value,
  onChange: (v: string | number) => onChange(v === '' ? '' : Number(v)),
  min: 1,
  max: 7 * 24 * 60,
  allowDecimal: false,
  suffix: ' min',
});

/** SLA targets: the default, and optional targets by priority, programme and clinic. */
export function SlaTargetsEditor({
  draft,
  update,
  errors,
  clinics,
}: {
  draft: RoutingDraft;
  update: (fn: (d: RoutingDraft) => RoutingDraft) => void;
  errors: FieldErrors;
  clinics: Clinic[];
}) {
  const clinicOptions = clinics.map((c) => ({ value: c.id, label: `${c.code} — ${c.name}` }));
  const byClinic = ruleList(update, 'slaByClinic');
  return (
    <Stack gap="md">
      <Title order={4}>SLA targets</Title>
      <Text size="sm" c="dimmed">
        Minutes from queueing to a signed report. The strictest target that applies wins (the
        task&apos;s priority, its clinic, each of the clinic&apos;s programmes); the default applies
        when none does. Leave a field empty for no target.
      </Text>
      <NumberInput
        label="Default target"
        required
        maw={220}
        error={errors.slaDefault}
        {...minutesInput(draft.slaDefault, (v) => update((d) => ({ ...d, slaDefault: v })))}
      />
      <Text size="sm" fw={600}>
        By priority
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        {PRIORITIES.map((p) => (
          <NumberInput
            key={p}
            label={PRIORITY_WORDS[p]}
            placeholder="No target"
            error={errors[`slaByPriority.${p}`]}
            {...minutesInput(draft.slaByPriority[p], (v) =>
              update((d) => ({ ...d, slaByPriority: { ...d.slaByPriority, [p]: v } })),
            )}
          />
        ))}
      </SimpleGrid>
      <Text size="sm" fw={600}>
        By programme
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        {PROGRAMMES.map((p) => (
          <NumberInput
            key={p}
            label={PROGRAMME_LABELS[p]}
            placeholder="No target"
            error={errors[`slaByProgramme.${p}`]}
            {...minutesInput(draft.slaByProgramme[p], (v) =>
              update((d) => ({ ...d, slaByProgramme: { ...d.slaByProgramme, [p]: v } })),
            )}
          />
        ))}
      </SimpleGrid>
      <Text size="sm" fw={600}>
        By clinic
      </Text>
      <RuleRows
        name="slaByClinic"
        rows={draft.slaByClinic}
        errors={errors}
        empty="No clinic has its own target."
        addLabel="Add a clinic target"
        rowLabel={(_, i) => `clinic target ${i + 1}`}
        onAdd={() => byClinic.add({ clinicId: null, minutes: '' })}
        onRemove={byClinic.remove}
        render={(row, i) => (
          <>
            <LabelledSelect
              label={`Clinic ${i + 1}`}
              data={clinicOptions}
              value={row.clinicId}
              searchable
              placeholder="Choose a clinic"
              style={{ flex: 1 }}
              onChange={(v) => byClinic.patch(i, { clinicId: v })}
            />
            <NumberInput
              label="Target"
              w={160}
              {...minutesInput(row.minutes, (v) => byClinic.patch(i, { minutes: v }))}
            />
          </>
        )}
      />
    </Stack>
  );
}
