import { Button, Collapse, Group, Kbd, Paper, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAdjustmentsHorizontal, IconFilterOff, IconSearch } from '@tabler/icons-react';
import { useState, type FormEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { LabelledSelect } from '../../app/components/LabelledSelect';
import { useClinics } from '../admin/clinics/api';
import {
  FILTER_KEYS,
  MODALITY_OPTIONS,
  NO_FILTERS,
  hasFilters,
  type StudyFilters,
} from './filters';

const MODALITY_NAMES = new Map<string, string>(
  MODALITY_OPTIONS.map((m) => [m.value, m.description]),
);

/**
 * The study browser's filters. Text fields apply on Enter or Search; the clinic, modality and
 * date fields apply as soon as they change. The clinic and modality filters are for centre staff
 * only: clinic users see their own clinics' studies anyway (the server scopes them), and they
 * send chest X-rays only.
 */
export function StudyFiltersForm({
  initial,
  onSearch,
  showClinic,
  searchRef,
}: {
  initial: StudyFilters;
  onSearch: (filters: StudyFilters) => void;
  showClinic: boolean;
  searchRef: Ref<HTMLInputElement>;
}) {
  const { t } = useTranslation('clinic');
  const [draft, setDraft] = useState<StudyFilters>(initial);
  // On phones the field filters fold away behind a button so the results stay in view.
  const wide = useMediaQuery('(min-width: 48em)', true);
  const [unfolded, setUnfolded] = useState(false);
  const fieldCount = FILTER_KEYS.filter((k) => k !== 'q' && initial[k] !== '').length;
  const clinics = useClinics(showClinic);
  const setText = (key: keyof StudyFilters) => (value: string) =>
    setDraft((d) => ({ ...d, [key]: value }));
  /** Fields that apply at once: the draft's text is applied along with them. */
  const apply = (key: keyof StudyFilters) => (value: string | null) => {
    const next = { ...draft, [key]: value ?? '' };
    setDraft(next);
    onSearch(next);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(draft);
  };
  const clear = () => {
    setDraft(NO_FILTERS);
    onSearch(NO_FILTERS);
  };

  return (
    <Paper withBorder p="md" radius="md">
      <form onSubmit={submit} aria-label={t('search.form')} role="search">
        <Group gap="sm" align="flex-end">
          <TextInput
            ref={searchRef}
            aria-label={t('search.label')}
            placeholder={t('search.placeholder')}
            leftSection={<IconSearch size={16} />}
            rightSection={wide ? <Kbd size="xs">/</Kbd> : undefined}
            value={draft.q}
            onChange={(e) => setText('q')(e.currentTarget.value)}
            onKeyDown={(e) => e.key === 'Escape' && e.currentTarget.blur()}
            style={{ flex: 1, minWidth: 240 }}
            maxLength={64}
          />
          <Button type="submit">{t('search.submit')}</Button>
          <Button
            variant="default"
            leftSection={<IconFilterOff size={16} />}
            onClick={clear}
            disabled={!hasFilters(draft)}
          >
            {t('search.clear')}
          </Button>
          {!wide && (
            <Button
              variant="default"
              leftSection={<IconAdjustmentsHorizontal size={16} />}
              onClick={() => setUnfolded((u) => !u)}
              aria-expanded={unfolded}
            >
              {t('search.more')}
              {fieldCount > 0 ? ` (${fieldCount})` : ''}
            </Button>
          )}
        </Group>
        <Collapse expanded={wide || unfolded}>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4, xl: showClinic ? 7 : 6 }} spacing="sm" mt="sm">
            <TextInput
              label={t('search.patientName')}
              placeholder={t('search.patientNamePlaceholder')}
              title={t('search.patientNameTitle')}
              value={draft.patientName}
              onChange={(e) => setText('patientName')(e.currentTarget.value)}
              maxLength={64}
            />
            <TextInput
              label={t('search.patientId')}
              value={draft.patientId}
              onChange={(e) => setText('patientId')(e.currentTarget.value)}
              maxLength={64}
            />
            <TextInput
              label={t('search.accession')}
              value={draft.accessionNumber}
              onChange={(e) => setText('accessionNumber')(e.currentTarget.value)}
              maxLength={64}
            />
            <TextInput
              type="date"
              label={t('search.from')}
              value={draft.from}
              max={draft.to || undefined}
              onChange={(e) => apply('from')(e.currentTarget.value)}
            />
            <TextInput
              type="date"
              label={t('search.to')}
              value={draft.to}
              min={draft.from || undefined}
              onChange={(e) => apply('to')(e.currentTarget.value)}
            />
            {showClinic && (
              <LabelledSelect
                label="Clinic"
                placeholder="Any clinic"
                clearable
                searchable
                data={(clinics.data ?? []).map((c) => ({
                  value: c.id,
                  label: `${c.code} — ${c.name}`,
                }))}
                value={draft.clinicId || null}
                onChange={apply('clinicId')}
                nothingFoundMessage="No matching clinic"
              />
            )}
            {showClinic && (
              <LabelledSelect
                label={t('search.staff.modality')}
                placeholder={t('search.staff.anyModality')}
                clearable
                data={MODALITY_OPTIONS.map((m) => m.value)}
                renderOption={({ option }) => (
                  <Text size="sm">
                    <b>{option.value}</b> {MODALITY_NAMES.get(option.value)}
                  </Text>
                )}
                value={draft.modality || null}
                onChange={apply('modality')}
              />
            )}
          </SimpleGrid>
        </Collapse>
      </form>
    </Paper>
  );
}
