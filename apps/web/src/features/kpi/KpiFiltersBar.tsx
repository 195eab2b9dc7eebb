import { Button, Group, NumberInput, TextInput } from '@mantine/core';
import { PROGRAMMES } from '@telerad/contracts';
import { LabelledSelect } from '../../app/components/LabelledSelect';
import { useCentres } from '../admin/centres/api';
import { useClinics } from '../admin/clinics/api';
import { useReaders } from '../peerReview/api';
import { defaultFilters, type FilterState } from './api';

/** The dashboard's filters: period, centre, clinic, radiologist, programme and the target. */
export function KpiFiltersBar({
  value,
  onChange,
}: {
  value: FilterState;
  onChange: (f: FilterState) => void;
}) {
  const centres = useCentres();
  const clinics = useClinics();
  const readers = useReaders();
  const set = (patch: Partial<FilterState>) => onChange({ ...value, ...patch });
  const pick = (v: string | null) => v ?? undefined;
  return (
    <Group align="flex-end" gap="sm" wrap="wrap" mb="md">
      <TextInput
        type="date"
        label="From"
        value={value.from ?? ''}
        onChange={(e) => set({ from: e.currentTarget.value || undefined })}
        w={150}
      />
      <TextInput
        type="date"
        label="To"
        value={value.to ?? ''}
        onChange={(e) => set({ to: e.currentTarget.value || undefined })}
        w={150}
      />
      <LabelledSelect
        label="Centre"
        placeholder="All centres"
        clearable
        w={170}
        data={(centres.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
        value={value.centreId ?? null}
        onChange={(v) => set({ centreId: pick(v) })}
      />
      <LabelledSelect
        label="Clinic"
        placeholder="All clinics"
        clearable
        searchable
        w={190}
        data={(clinics.data ?? []).map((c) => ({ value: c.id, label: `${c.code} — ${c.name}` }))}
        value={value.clinicId ?? null}
        onChange={(v) => set({ clinicId: pick(v) })}
      />
      <LabelledSelect
        label="Radiologist"
        placeholder="All radiologists"
        clearable
        searchable
        w={190}
        data={(readers.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }))}
        value={value.readerId ?? null}
        onChange={(v) => set({ readerId: pick(v) })}
      />
      <LabelledSelect
        label="Programme"
        placeholder="All programmes"
        clearable
        w={150}
        data={[...PROGRAMMES]}
        value={value.programme ?? null}
        onChange={(v) => set({ programme: pick(v) })}
      />
      <NumberInput
        label="Target (min)"
        min={1}
        max={10080}
        w={110}
        value={value.targetMinutes}
        onChange={(v) => set({ targetMinutes: typeof v === 'number' && v >= 1 ? v : 60 })}
      />
      <Button variant="subtle" onClick={() => onChange(defaultFilters())}>
        Clear filters
      </Button>
    </Group>
  );
}
