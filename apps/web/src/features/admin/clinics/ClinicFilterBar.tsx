import { Group, SegmentedControl, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { CLINIC_STATUSES, type ClinicStatus } from '@telerad/contracts';
import { STATUS_STYLE } from './status';

/** Which clinics a clinic list shows: a search and a lifecycle status (or all). */
export interface ClinicFilter {
  query: string;
  status: 'all' | ClinicStatus;
}

/** The search box and status switch above a list of clinics (admin and support alike). */
export function ClinicFilterBar({
  value,
  onChange,
  placeholder,
}: {
  value: ClinicFilter;
  onChange: (next: ClinicFilter) => void;
  placeholder: string;
}) {
  return (
    <Group gap="sm" wrap="wrap">
      <TextInput
        aria-label="Search clinics"
        placeholder={placeholder}
        leftSection={<IconSearch size={16} />}
        value={value.query}
        onChange={(e) => onChange({ ...value, query: e.currentTarget.value })}
        w={320}
      />
      <SegmentedControl
        aria-label="Filter by status"
        value={value.status}
        onChange={(v) => onChange({ ...value, status: v as ClinicFilter['status'] })}
        data={[
          { value: 'all', label: 'All' },
          ...CLINIC_STATUSES.map((s) => ({ value: s, label: STATUS_STYLE[s].label })),
        ]}
      />
    </Group>
  );
}

/** The filter a clinic list starts with: everything. */
export const NO_CLINIC_FILTER: ClinicFilter = { query: '', status: 'all' };

/** The clinics of `list` the filter keeps; `matches` says whether one answers the search. */
export function applyClinicFilter<T extends { status: ClinicStatus }>(
  list: readonly T[],
  filter: ClinicFilter,
  matches: (clinic: T, query: string) => boolean,
): T[] {
  return list.filter(
    (c) => matches(c, filter.query) && (filter.status === 'all' || c.status === filter.status),
  );
}
