import { Box, Button, Center, Paper, Stack, Text } from '@mantine/core';
import { IconFilterOff, IconPhotoSearch } from '@tabler/icons-react';
import type { StudySummary } from '@telerad/contracts';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { EmptyTableState } from '../../app/components/EmptyTableState';
import { PageHeader } from '../../app/components/PageHeader';
import { QueryState } from '../../app/components/QueryState';
import { useCan } from '../../app/useCan';
import { useStudies } from './api';
import { NO_FILTERS, filtersFromParams, filtersToParams, hasFilters } from './filters';
import { StudiesSkeleton } from './StudiesSkeleton';
import { StudiesTable } from './StudiesTable';
import { studyPath, type StudiesReturnState, type StudyOpenState } from './studyLinks';
import { StudyFiltersForm } from './StudyFiltersForm';
import { useListKeyboard } from './useListKeyboard';

/**
 * Where clinics send DICOM by default (DESIGN.md §2: TELERAD_AE_TITLE, TELERAD_DICOM_PORT). The
 * API does not expose the deployed values yet, so the empty state names the defaults.
 */
const DICOM_DOOR = 'AE TELERAD port 11112';

/** A clock for "received … ago" that ticks every 30 s. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), 30_000);
    return () => window.clearInterval(id);
  }, []);
  return now;
}

/** Studies: search and filter the archive, then open a study. */
export function StudiesPage() {
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const studies = useStudies(filters);
  const list = useMemo<StudySummary[]>(
    () => studies.data?.pages.flatMap((p) => p.studies) ?? [],
    [studies.data],
  );
  const returned = (location.state as StudiesReturnState | null)?.selected ?? null;
  const [selectedUid, setSelectedUid] = useState<string | null>(returned);
  const searchRef = useRef<HTMLInputElement>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const now = useNow();
  // Centre staff get the technical view and filter by clinic; clinic staff see only their own
  // clinics' studies, in plain words.
  const staff = useCan('archive:technical');
  const filtered = hasFilters(filters);
  const linkState: StudyOpenState = { listSearch: location.search };

  const focusRow = useCallback((studyUid: string) => {
    const row = tableRef.current?.querySelector<HTMLElement>(
      `tr[data-study-uid="${CSS.escape(studyUid)}"]`,
    );
    row?.focus({ preventScroll: true });
    row?.scrollIntoView({ block: 'nearest' });
  }, []);
  const listSearch = location.search;
  const open = useCallback(
    (studyUid: string) => {
      const state: StudyOpenState = { listSearch };
      void navigate(studyPath(studyUid), { state });
    },
    [navigate, listSearch],
  );

  // Coming back from a study: put the focus on the row just viewed, once it is listed.
  const restored = useRef(false);
  useEffect(() => {
    if (restored.current || !returned || !list.some((s) => s.studyUid === returned)) return;
    restored.current = true;
    focusRow(returned);
  }, [list, returned, focusRow]);

  const selectedIndex = list.findIndex((s) => s.studyUid === selectedUid);
  useListKeyboard({
    // While the rows on screen belong to the previous filters, keys would act on stale rows.
    count: studies.isPlaceholderData ? 0 : list.length,
    selected: selectedIndex,
    onMove: useCallback((i: number) => list[i] && focusRow(list[i].studyUid), [list, focusRow]),
    onOpen: useCallback((i: number) => list[i] && open(list[i].studyUid), [list, open]),
    searchRef,
  });

  const search = (next: typeof filters) => setParams(filtersToParams(next));
  const { t } = useTranslation('clinic');

  return (
    <>
      <PageHeader
        title={t('studies.title')}
        description={
          staff
            ? 'Every study the archive holds, newest first. Press / to search, j / k to move, Enter to open.'
            : t('studies.description')
        }
      />
      <Stack gap="md">
        <StudyFiltersForm
          key={params.toString()}
          initial={filters}
          onSearch={search}
          showClinic={staff}
          searchRef={searchRef}
        />
        {studies.isPending ? (
          <StudiesSkeleton />
        ) : (
          <QueryState query={studies}>
            {() => {
              if (list.length === 0) {
                return filtered ? (
                  <EmptyTableState
                    icon={<IconFilterOff size={32} />}
                    title={t('studies.noMatchTitle')}
                    description={t('studies.noMatchText')}
                    action={
                      <Button onClick={() => search(NO_FILTERS)}>{t('studies.showAll')}</Button>
                    }
                  />
                ) : (
                  <EmptyTableState
                    icon={<IconPhotoSearch size={32} />}
                    title={t('studies.emptyTitle')}
                    description={
                      staff
                        ? `Clinics send chest X-rays over DICOM to ${DICOM_DOOR}, or through the clinic gateway. Studies appear here as soon as the first image arrives.`
                        : t('studies.emptyText')
                    }
                  />
                );
              }
              return (
                <Stack gap="sm">
                  <Paper
                    withBorder
                    radius="md"
                    style={{ opacity: studies.isPlaceholderData ? 0.6 : 1 }}
                    aria-busy={studies.isPlaceholderData}
                  >
                    <StudiesTable
                      studies={list}
                      selectedUid={selectedUid}
                      onSelect={setSelectedUid}
                      onOpen={open}
                      now={now}
                      tableRef={tableRef}
                      linkState={linkState}
                    />
                  </Paper>
                  <Center>
                    {studies.hasNextPage ? (
                      <Button
                        variant="default"
                        onClick={() => void studies.fetchNextPage()}
                        loading={studies.isFetchingNextPage}
                      >
                        {t('studies.loadMore')}
                      </Button>
                    ) : (
                      <Box>
                        <Text size="sm" c="dimmed">
                          {t('studies.end', { count: list.length })}
                        </Text>
                      </Box>
                    )}
                  </Center>
                </Stack>
              );
            }}
          </QueryState>
        )}
      </Stack>
    </>
  );
}
