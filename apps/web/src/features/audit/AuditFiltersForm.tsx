import { Button, Group, Paper, SimpleGrid, Switch, TextInput } from '@mantine/core';
import { LabelledSelect } from '../../app/components/LabelledSelect';
import { IconSearch } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { NO_FILTERS, useAuditClinics, type AuditFilters } from './api';

const OUTCOMES = [
  { value: 'success', label: 'Success' },
  { value: 'denied', label: 'Denied' },
  { value: 'failure', label: 'Failure' },
];

/** The search form of the audit log. Filters apply when the user presses Search. */
export function AuditFiltersForm({
  initial,
  onSearch,
}: {
  initial: AuditFilters;
  onSearch: (filters: AuditFilters) => void;
}) {
  const [draft, setDraft] = useState<AuditFilters>(initial);
  const clinics = useAuditClinics();
  const set = (key: Exclude<keyof AuditFilters, 'hideRefreshes'>) => (value: string | null) =>
    setDraft((d) => ({ ...d, [key]: value ?? '' }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(draft);
  };
  const reset = () => {
    setDraft(NO_FILTERS);
    onSearch(NO_FILTERS);
  };

  return (
    <Paper withBorder p="md" radius="md">
      <form onSubmit={submit} aria-label="Audit search">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
          <TextInput
            label="Actor"
            placeholder="Username"
            value={draft.actor}
            onChange={(e) => set('actor')(e.currentTarget.value)}
          />
          <TextInput
            label="Action"
            placeholder="e.g. auth.login"
            value={draft.action}
            onChange={(e) => set('action')(e.currentTarget.value)}
          />
          <TextInput
            label="Resource ID"
            placeholder="Study, user or clinic ID"
            value={draft.resourceId}
            onChange={(e) => set('resourceId')(e.currentTarget.value)}
          />
          <LabelledSelect
            label="Clinic"
            placeholder={clinics.isError ? 'Clinics could not be loaded' : 'Any clinic'}
            clearable
            searchable
            disabled={clinics.isError}
            data={(clinics.data ?? []).map((c) => ({
              value: c.id,
              label: `${c.name} (${c.code})`,
            }))}
            value={draft.clinicId || null}
            onChange={set('clinicId')}
          />
          <LabelledSelect
            label="Outcome"
            placeholder="Any outcome"
            clearable
            data={OUTCOMES}
            value={draft.outcome || null}
            onChange={set('outcome')}
          />
          <TextInput
            type="datetime-local"
            label="From"
            value={draft.from}
            onChange={(e) => set('from')(e.currentTarget.value)}
          />
          <TextInput
            type="datetime-local"
            label="To"
            value={draft.to}
            onChange={(e) => set('to')(e.currentTarget.value)}
          />
          <Switch
            label="Hide list refreshes"
            description="Worklist, notification and list reloads by open pages (still recorded)"
            checked={draft.hideRefreshes}
            onChange={(e) => {
              const hideRefreshes = e.currentTarget.checked;
              setDraft((d) => ({ ...d, hideRefreshes }));
              onSearch({ ...draft, hideRefreshes });
            }}
            style={{ alignSelf: 'center' }}
          />
          <Group align="flex-end" gap="sm">
            <Button type="submit" leftSection={<IconSearch size={16} />}>
              Search
            </Button>
            <Button variant="default" onClick={reset}>
              Reset
            </Button>
          </Group>
        </SimpleGrid>
      </form>
    </Paper>
  );
}
