import { Button, Group, Kbd, Paper, Select, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useState, type FormEvent, type Ref } from 'react';
import {
  SAVED_FILTERS,
  WORKLIST_STATES,
  activeSavedFilter,
  applySavedFilter,
  type SavedFilterId,
  type WorklistFilters,
  type WorklistStateFilter,
} from './filters';

const STATE_OPTIONS: Record<WorklistStateFilter, string> = {
  open: 'Open (not yet reported)',
  waiting: 'Waiting for a centre to open',
  queued: 'Queued',
  in_progress: 'In progress',
  completed: 'Completed today',
  all: 'All states',
};

/**
 * The worklist's saved filters (quick buttons), search box and state choice. The search applies
 * on Enter; buttons and the state apply at once. Everything lands in the URL.
 */
export function WorklistToolbar({
  filters,
  onChange,
  mineLabel,
  searchRef,
}: {
  filters: WorklistFilters;
  onChange: (next: WorklistFilters) => void;
  /** "Mine" for readers, "My clinics" for clinic-facing roles. */
  mineLabel: string;
  searchRef: Ref<HTMLInputElement>;
}) {
  const [q, setQ] = useState(filters.q);
  const active = activeSavedFilter(filters);
  const labels: Record<SavedFilterId, string> = {
    open: 'All open',
    mine: mineLabel,
    stat: 'STAT',
    overdue: 'Overdue',
    today: 'Completed today',
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChange({ ...filters, q });
  };

  return (
    <Paper withBorder p="sm" radius="md">
      <Group gap="sm" justify="space-between" wrap="wrap">
        <Button.Group aria-label="Saved filters">
          {SAVED_FILTERS.map((f) => (
            <Button
              key={f.id}
              size="sm"
              variant={active === f.id ? 'filled' : 'default'}
              aria-pressed={active === f.id}
              onClick={() => onChange(applySavedFilter({ ...filters, q }, f.id))}
            >
              {labels[f.id]}
            </Button>
          ))}
        </Button.Group>
        {/* The state and the search wrap below the saved filters before the search gets cramped. */}
        <Group gap="sm" wrap="nowrap" style={{ flex: 1, minWidth: 460 }} justify="flex-end">
          <Select
            aria-label="State"
            size="sm"
            w={230}
            allowDeselect={false}
            data={WORKLIST_STATES.map((s) => ({ value: s, label: STATE_OPTIONS[s] }))}
            value={filters.state}
            onChange={(v) => v && onChange({ ...filters, q, state: v as WorklistStateFilter })}
          />
          <form onSubmit={submit} role="search" aria-label="Worklist search" style={{ flex: 1 }}>
            <TextInput
              ref={searchRef}
              size="sm"
              aria-label="Search worklist"
              placeholder="Patient name or ID, clinic"
              leftSection={<IconSearch size={16} />}
              rightSection={<Kbd size="xs">/</Kbd>}
              value={q}
              onChange={(e) => setQ(e.currentTarget.value)}
              onKeyDown={(e) => e.key === 'Escape' && e.currentTarget.blur()}
              maxLength={64}
            />
          </form>
        </Group>
      </Group>
    </Paper>
  );
}
