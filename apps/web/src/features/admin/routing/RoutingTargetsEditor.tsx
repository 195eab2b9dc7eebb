import { Stack, Text, Title } from '@mantine/core';
import { PRIORITIES, type Centre, type Clinic, type Priority } from '@telerad/contracts';
import { LabelledSelect } from '../../../app/components/LabelledSelect';
import type { FieldErrors } from '../../../app/formErrors';
import { PRIORITY_WORDS, ruleList, type RoutingDraft } from './draft';
import { RuleRows } from './RuleRows';

/** Where studies go regardless of the home centre: clinic pins and priority overrides. */
export function RoutingTargetsEditor({
  draft,
  update,
  errors,
  clinics,
  centres,
}: {
  draft: RoutingDraft;
  update: (fn: (d: RoutingDraft) => RoutingDraft) => void;
  errors: FieldErrors;
  clinics: Clinic[];
  centres: Centre[];
}) {
  const clinicOptions = clinics.map((c) => ({ value: c.id, label: `${c.code} — ${c.name}` }));
  const centreOptions = centres.map((c) => ({ value: c.id, label: c.name }));
  const priorityOptions = PRIORITIES.map((p) => ({ value: p, label: PRIORITY_WORDS[p] }));
  const pins = ruleList(update, 'pins');
  const overrides = ruleList(update, 'overrides');
  return (
    <Stack gap="md">
      <Title order={4}>Pinned clinics</Title>
      <Text size="sm" c="dimmed">
        A pinned clinic&apos;s studies always go to the chosen centre, open or not (closed: they
        wait for its opening). Other clinics go to their home centre when it is open, otherwise to
        another open centre.
      </Text>
      <RuleRows
        name="pins"
        rows={draft.pins}
        errors={errors}
        empty="No clinic is pinned: every clinic follows its home centre and the sun."
        addLabel="Pin a clinic"
        rowLabel={(_, i) => `pin ${i + 1}`}
        onAdd={() => pins.add({ clinicId: null, centreId: null })}
        onRemove={pins.remove}
        render={(row, i) => (
          <>
            <LabelledSelect
              label={`Pinned clinic ${i + 1}`}
              data={clinicOptions}
              value={row.clinicId}
              searchable
              placeholder="Choose a clinic"
              style={{ flex: 1 }}
              onChange={(v) => pins.patch(i, { clinicId: v })}
            />
            <LabelledSelect
              label={`Centre for pin ${i + 1}`}
              data={centreOptions}
              value={row.centreId}
              placeholder="Choose a centre"
              style={{ flex: 1 }}
              onChange={(v) => pins.patch(i, { centreId: v })}
            />
          </>
        )}
      />
      <Title order={4}>Priority overrides</Title>
      <Text size="sm" c="dimmed">
        Send every study of one priority to one centre (for example STAT to a 24/7 centre). A clinic
        pin takes precedence.
      </Text>
      <RuleRows
        name="overrides"
        rows={draft.overrides}
        errors={errors}
        empty="No overrides: priority changes the SLA target only."
        addLabel="Add an override"
        rowLabel={(_, i) => `override ${i + 1}`}
        onAdd={() => overrides.add({ priority: null, centreId: null })}
        onRemove={overrides.remove}
        render={(row, i) => (
          <>
            <LabelledSelect
              label={`Priority of override ${i + 1}`}
              data={priorityOptions}
              value={row.priority}
              placeholder="Choose a priority"
              w={200}
              onChange={(v) => overrides.patch(i, { priority: (v as Priority | null) ?? null })}
            />
            <LabelledSelect
              label={`Centre for override ${i + 1}`}
              data={centreOptions}
              value={row.centreId}
              placeholder="Choose a centre"
              style={{ flex: 1 }}
              onChange={(v) => overrides.patch(i, { centreId: v })}
            />
          </>
        )}
      />
    </Stack>
  );
}
