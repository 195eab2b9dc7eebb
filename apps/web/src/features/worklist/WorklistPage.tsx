import { Alert, Box, Button, Group, Kbd, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconAlertTriangle,
  IconFilterOff,
  IconInbox,
  IconPlayerTrackNext,
} from '@tabler/icons-react';
import type { WorklistTask } from '@telerad/contracts';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../../app/apiError';
import { EmptyTableState } from '../../app/components/EmptyTableState';
import { useCan } from '../../app/useCan';
import { LIVE_BURST_MS, useLiveQueryRefresh } from '../../app/useLiveQueryRefresh';
import { PageHeader } from '../../app/components/PageHeader';
import { useMe } from '../auth/session';
import { studyPath } from '../archive/studyLinks';
import { preloadReader, readPath, warmStudy } from '../reading/lazy';
import { useListKeyboard } from '../archive/useListKeyboard';
import { claimRefusalNotice } from './claimRefusals';
import {
  isNoTaskAvailable,
  useClaimNext,
  useClaimTask,
  useReleaseTask,
  useWorklist,
  WORKLIST_KEY,
} from './api';
import {
  DEFAULT_FILTERS,
  hasWorklistFilters,
  worklistFiltersFromParams,
  worklistFiltersToParams,
  type WorklistFilters,
} from './filters';
import { LiveIndicator } from './LiveIndicator';
import { ReadNowDialog } from './ReadNowDialog';
import { isTaskMessage } from './realtime';
import { useNextKey, usePageKey } from './useNextKey';
import { readerTimeZone, waitingLine } from './waitingWords';
import { WorklistCounts, type CountTarget } from './WorklistCounts';
import { WorklistSkeleton } from './WorklistSkeleton';
import { WorklistTable } from './WorklistTable';
import { WorklistToolbar } from './WorklistToolbar';

/** A clock for "arrived … ago" that ticks every 30 s (the SLA column ticks on its own). */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), 30_000);
    return () => window.clearInterval(id);
  }, []);
  return now;
}

/** The count tile that matches the filters, if any. */
function activeCount(filters: WorklistFilters): CountTarget | null {
  if (filters.overdue) return 'overdue';
  return filters.state === 'waiting' ||
    filters.state === 'queued' ||
    filters.state === 'in_progress'
    ? filters.state
    : null;
}

/** One line naming the keys of the page. */
function KeyHints({ canClaim, canReadNow }: { canClaim: boolean; canReadNow: boolean }) {
  return (
    <Text size="xs" c="dimmed" aria-label="Keyboard shortcuts">
      <Kbd size="xs">j</Kbd> / <Kbd size="xs">k</Kbd> move · <Kbd size="xs">Enter</Kbd>{' '}
      {canClaim ? 'claim and open' : 'open'}
      {canClaim && (
        <>
          {' '}
          · <Kbd size="xs">n</Kbd> next task
        </>
      )}
      {canReadNow && (
        <>
          {' '}
          · <Kbd size="xs">r</Kbd> read a waiting study now
        </>
      )}{' '}
      · <Kbd size="xs">/</Kbd> search
    </Text>
  );
}

/**
 * The worklist: reading tasks in the caller's scope with live SLA clocks, pushed fresh over the
 * real-time link. Readers claim a task by opening it, or take the most urgent one with Next.
 */
export function WorklistPage() {
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => worklistFiltersFromParams(params), [params]);
  const live = useLiveQueryRefresh({
    queryKey: WORKLIST_KEY,
    onMessage: isTaskMessage,
    debounceMs: LIVE_BURST_MS,
  });
  const worklist = useWorklist(filters, live === 'live');
  const claim = useClaimTask();
  const claimNext = useClaimNext();
  const release = useReleaseTask();
  const canClaim = useCan('worklist:claim');
  const canReadNow = useCan('worklist:read_now');
  /** The waiting task the "Read now…" dialog asks about. */
  const [readNowTask, setReadNowTask] = useState<WorklistTask | null>(null);
  // Keyboard hints are for the centre's staff, who work the list all day.
  const staffView = useCan('archive:technical');
  // Clinic staff see only their own clinics' tasks (the server scopes them).
  const clinicOnly = me.roles.every((r) => r === 'clinic');
  const tasks = useMemo<WorklistTask[]>(() => worklist.data?.tasks ?? [], [worklist.data]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const now = useNow();

  const setFilters = (next: WorklistFilters) => setParams(worklistFiltersToParams(next));

  const focusRow = useCallback((id: string) => {
    const row = tableRef.current?.querySelector<HTMLElement>(
      `tr[data-task-id="${CSS.escape(id)}"]`,
    );
    row?.focus({ preventScroll: true });
    row?.scrollIntoView({ block: 'nearest' });
  }, []);

  const { mutate: claimTask } = claim;
  const open = useCallback(
    (task: WorklistTask) => {
      const go = () => void navigate(studyPath(task.studyUid));
      // Readers read on the reading screen; it takes over the claim just made (no second claim).
      const read = (claimed: WorklistTask) =>
        void navigate(readPath(claimed.id), { state: { task: claimed } });
      const alreadyMine = task.assigneeId === me.id && task.state === 'in_progress';
      if (!canClaim || task.state === 'completed' || task.state === 'cancelled') {
        go();
        return;
      }
      // A waiting task is not claimable until its centre opens: offer to read it now, or say why.
      if (task.state === 'waiting') {
        if (canReadNow) setReadNowTask(task);
        else
          notifications.show({
            title: 'This study waits for its centre to open',
            message: waitingLine(task, Date.now(), readerTimeZone()),
            color: 'gray',
            autoClose: 8000,
          });
        return;
      }
      warmStudy(task.studyUid);
      if (alreadyMine) {
        read(task);
        return;
      }
      claimTask(task.id, {
        onSuccess: read,
        onError: (error) =>
          notifications.show({
            ...claimRefusalNotice(error),
            color: 'orange',
            autoClose: 8000,
          }),
      });
    },
    [canClaim, canReadNow, claimTask, me.id, navigate],
  );

  const { mutate: takeNext, isPending: nextPending } = claimNext;
  const next = useCallback(() => {
    if (nextPending) return;
    takeNext(undefined, {
      onSuccess: (task) => {
        warmStudy(task.studyUid);
        void navigate(readPath(task.id), { state: { task } });
      },
      onError: (error) =>
        notifications.show(
          isNoTaskAvailable(error)
            ? {
                title: 'Nothing to read right now',
                message: errorMessage(error),
                color: 'gray',
                autoClose: 5000,
              }
            : {
                title: 'Could not take the next study',
                message: errorMessage(error),
                color: 'red',
                autoClose: 8000,
              },
        ),
    });
  }, [takeNext, nextPending, navigate]);

  const selectedIndex = tasks.findIndex((t) => t.id === selectedId);
  useListKeyboard({
    // While the rows on screen belong to the previous filters, keys would act on stale rows.
    count: worklist.isPlaceholderData ? 0 : tasks.length,
    selected: selectedIndex,
    onMove: useCallback((i: number) => tasks[i] && focusRow(tasks[i].id), [tasks, focusRow]),
    onOpen: useCallback((i: number) => tasks[i] && open(tasks[i]), [tasks, open]),
    searchRef,
  });
  useNextKey(canClaim ? next : null);
  const selectedTask = selectedIndex >= 0 ? tasks[selectedIndex] : undefined;
  usePageKey(
    'r',
    useMemo(
      () =>
        canReadNow && selectedTask?.state === 'waiting' ? () => setReadNowTask(selectedTask) : null,
      [canReadNow, selectedTask],
    ),
  );
  // Readers open tasks next: fetch the viewer's code while they look at the list.
  useEffect(() => {
    if (canClaim) void preloadReader();
  }, [canClaim]);

  const pickCount = (target: CountTarget) =>
    setFilters(
      target === 'overdue'
        ? { ...filters, state: 'open', priority: null, mine: false, overdue: true }
        : { ...filters, state: target, overdue: false },
    );

  const body = () => {
    if (worklist.isPending) return <WorklistSkeleton />;
    if (worklist.error && !worklist.data) {
      return (
        <Alert
          color="red"
          icon={<IconAlertTriangle />}
          title="Could not load the worklist"
          role="alert"
        >
          {errorMessage(worklist.error)}
          <Button variant="subtle" size="xs" ml="sm" onClick={() => void worklist.refetch()}>
            Try again
          </Button>
        </Alert>
      );
    }
    if (tasks.length === 0) {
      return hasWorklistFilters(filters) ? (
        <EmptyTableState
          icon={<IconFilterOff size={32} />}
          title="No task matches these filters"
          description="Nothing in your scope fits this view right now. Clear the filters to see every open study; new tasks still appear here live."
          action={<Button onClick={() => setFilters(DEFAULT_FILTERS)}>Show all open</Button>}
        />
      ) : (
        <EmptyTableState
          icon={<IconInbox size={32} />}
          title="No open studies"
          description={
            !clinicOnly
              ? 'New chest X-rays appear here the moment they are stable, routed to a reading centre that is open. When every centre is closed they wait for the next opening and show as Waiting. Nothing to do until then.'
              : "Your clinics' chest X-rays appear here the moment they are stable, with the time left until they are due. Nothing is waiting to be read."
          }
        />
      );
    }
    return (
      <Stack gap="xs">
        <Paper
          withBorder
          radius="md"
          style={{ opacity: worklist.isPlaceholderData ? 0.6 : 1 }}
          aria-busy={worklist.isPlaceholderData}
        >
          <WorklistTable
            tasks={tasks}
            meId={me.id}
            clockOffsetMs={worklist.data?.clockOffsetMs ?? 0}
            selectedId={selectedId}
            onSelect={setSelectedId}
            onOpen={open}
            onRelease={canClaim ? (t) => release.mutate(t.id) : undefined}
            onReadNow={canReadNow ? setReadNowTask : undefined}
            sort={filters.sort}
            onSort={(sort) => setFilters({ ...filters, sort })}
            now={now}
            tableRef={tableRef}
          />
        </Paper>
        <Box ta="center">
          <Text size="sm" c="dimmed">
            {tasks.length} task{tasks.length === 1 ? '' : 's'}
            {worklist.data?.hasMore ? ' shown — narrow the filters to see the rest' : ''}
          </Text>
        </Box>
      </Stack>
    );
  };

  return (
    <>
      <PageHeader
        title="Worklist"
        description={
          canClaim
            ? 'Studies waiting to be read, most urgent first. Opening a study claims it for you.'
            : clinicOnly
              ? "Your clinics' studies and how long until each is due."
              : 'Reading tasks across the centres and the time left on each.'
        }
        actions={
          <>
            <LiveIndicator status={live} />
            {canClaim && (
              <Button
                leftSection={<IconPlayerTrackNext size={16} />}
                onClick={next}
                loading={nextPending}
                aria-keyshortcuts="n"
              >
                Next
              </Button>
            )}
          </>
        }
      />
      <Stack gap="md">
        <WorklistCounts
          counts={worklist.data?.counts}
          active={activeCount(filters)}
          onPick={pickCount}
        />
        <WorklistToolbar
          key={params.toString()}
          filters={filters}
          onChange={setFilters}
          mineLabel={canClaim ? 'Mine' : 'My clinics'}
          searchRef={searchRef}
        />
        <Group justify="space-between">
          {staffView ? <KeyHints canClaim={canClaim} canReadNow={canReadNow} /> : <span />}
          {worklist.error && worklist.data ? (
            <Text size="xs" c="red" role="status">
              Refresh failed: {errorMessage(worklist.error)}
            </Text>
          ) : null}
        </Group>
        {body()}
      </Stack>
      <ReadNowDialog
        task={readNowTask}
        onClose={() => setReadNowTask(null)}
        onTaken={(taken) => {
          setReadNowTask(null);
          warmStudy(taken.studyUid);
          void navigate(readPath(taken.id), { state: { task: taken } });
        }}
        onNoLongerWaiting={(task) => {
          setReadNowTask(null);
          // The server says it is queued now (its centre opened): claim and open it as usual.
          open({ ...task, state: 'queued' });
        }}
      />
    </>
  );
}
