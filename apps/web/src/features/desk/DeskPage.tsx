import { Chip, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import type { DeskClinic, DeskItem, DeskItemKind } from '@telerad/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { EmptyTableState } from '../../app/components/EmptyTableState';
import { PageHeader } from '../../app/components/PageHeader';
import { QueryState } from '../../app/components/QueryState';
import { notifyError, notifySuccess } from '../../app/notify';
import { useCan } from '../../app/useCan';
import { LIVE_BURST_MS, useLiveQueryRefresh } from '../../app/useLiveQueryRefresh';
import { useListKeyboard } from '../archive/useListKeyboard';
import { IdentityDrawer } from '../attention/IdentityDrawer';
import { ClinicLink } from '../clinicDetail/ClinicLink';
import { LiveIndicator } from '../worklist/LiveIndicator';
import { OrderMatchDrawer } from './OrderMatchDrawer';
import { DESK_KEY, useChaseRetake, useDesk, useRaisePriority, useReleaseStudy } from './api';
import { ContactList } from './ClinicContacts';
import { isDeskEvent } from './deskEvents';
import { DeskTable, itemKey } from './DeskTable';
import { DESK_KIND_ORDER, DESK_KINDS } from './kinds';
import { raisedPriority } from './links';
import { useDeskKeys } from './useDeskKeys';

/** The desk's two order lists: offered as filters even when empty, so "nothing" is visible. */
const ALWAYS_SHOWN = new Set<DeskItemKind>(['unmatched_image', 'overdue_order']);

/** What an empty list of one kind says. */
const EMPTY: Partial<Record<DeskItemKind, string>> = {
  unmatched_image:
    'Every image from a clinic that registers its applicants has found its order. An image whose ID or date matches no order appears here.',
  overdue_order:
    'No registered applicant is past their scheduled time without images. An order appears here two hours after its time (or at the end of its day) while no image has answered it.',
};

/** The clock the "waited" and "due" columns count from, ticking every 15 s. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), 15_000);
    return () => window.clearInterval(t);
  }, []);
  return now;
}

/**
 * The assistant's desk: everything waiting on their clinics in one inbox, longest waiting
 * first, refreshed live. Filters by kind and clinic; j / k move, Enter opens, and the selected
 * row's action has its key (i: enter ID, r: release, u: raise priority, c: chase a retake).
 */
export function DeskPage() {
  const [kind, setKind] = useState<DeskItemKind | null>(null);
  const [clinicId, setClinicId] = useState<string | null>(null);
  const [selected, setSelected] = useState(-1);
  const [editing, setEditing] = useState<DeskItem | null>(null);
  const [matching, setMatching] = useState<DeskItem | null>(null);
  const desk = useDesk(kind, clinicId);
  const live = useLiveQueryRefresh({
    queryKey: DESK_KEY,
    onMessage: isDeskEvent,
    debounceMs: LIVE_BURST_MS,
  });
  const release = useReleaseStudy();
  const raise = useRaisePriority();
  const chase = useChaseRetake();
  const canChase = useCan('retakes:chase');
  const qc = useQueryClient();
  const navigate = useNavigate();
  const now = useNow();
  const clinicSelect = useRef<HTMLInputElement>(null);

  const items = useMemo(() => desk.data?.items ?? [], [desk.data]);
  const clinics = useMemo(
    () => new Map<string, DeskClinic>((desk.data?.clinics ?? []).map((c) => [c.id, c])),
    [desk.data],
  );
  const total = desk.data ? Object.values(desk.data.counts).reduce((a, b) => a + b, 0) : 0;
  const busy = release.isPending
    ? `attention:${release.variables}`
    : raise.isPending
      ? `due_soon:${raise.variables?.taskId}`
      : chase.isPending
        ? `retake:${chase.variables}`
        : null;

  useEffect(() => {
    setSelected((s) => Math.min(s, items.length - 1));
  }, [items.length]);

  const onRelease = useCallback(
    (item: DeskItem) =>
      item.studyUid &&
      release.mutate(item.studyUid, {
        onSuccess: (r) =>
          notifySuccess(
            r.worklist === 'not_stable'
              ? 'Released: it joins the worklist when all its images are in.'
              : 'Released to the reading worklist.',
            'Study released',
          ),
        onError: (e) => notifyError(e, 'Could not release the study'),
      }),
    [release],
  );
  const onRaise = useCallback(
    (item: DeskItem) => {
      const priority = raisedPriority(item.priority);
      if (!item.taskId || !priority) return;
      raise.mutate(
        { taskId: item.taskId, priority },
        {
          onSuccess: () => notifySuccess(`The reading is now ${priority}.`, 'Priority raised'),
          onError: (e) => notifyError(e, 'Could not raise the priority'),
        },
      );
    },
    [raise],
  );
  const onChase = useCallback(
    (item: DeskItem) =>
      chase.mutate(item.id, {
        onSuccess: () => notifySuccess(`${item.clinicName} was reminded.`, 'Retake chased'),
        onError: (e) => notifyError(e, 'Could not chase the retake'),
      }),
    [chase],
  );
  const open = useCallback(
    (index: number) => {
      const link = items[index]?.link;
      if (link) void navigate(link);
    },
    [items, navigate],
  );

  useListKeyboard({
    count: items.length,
    selected,
    onMove: setSelected,
    onOpen: open,
    searchRef: clinicSelect,
  });
  useDeskKeys(items[selected] ?? null, {
    i: (item) => item.held === 'identity' && setEditing(item),
    r: (item) => item.held === 'flags' && onRelease(item),
    u: onRaise,
    c: (item) => canChase && item.kind === 'retake' && onChase(item),
    m: (item) => item.kind === 'unmatched_image' && setMatching(item),
  });

  const filteredClinic = clinicId ? clinics.get(clinicId) : undefined;

  return (
    <>
      <PageHeader
        title="Desk"
        description="Everything waiting on your clinics, longest waiting first. j / k to move, Enter to open; i enters an ID, r releases, u raises priority, c chases a retake, m matches an image to its order."
        actions={<LiveIndicator status={live} />}
      />
      <Stack gap="md">
        <Group gap="md" align="center" wrap="wrap">
          <Chip.Group
            multiple={false}
            value={kind ?? 'all'}
            onChange={(v) => {
              setKind(v === 'all' ? null : (v as DeskItemKind));
              setSelected(-1);
            }}
          >
            <Group gap={6} wrap="wrap">
              <Chip value="all" size="sm">
                All {desk.data ? `(${total})` : ''}
              </Chip>
              {DESK_KIND_ORDER.filter(
                (k) => (desk.data?.counts[k] ?? 0) > 0 || k === kind || ALWAYS_SHOWN.has(k),
              ).map((k) => (
                <Chip key={k} value={k} size="sm" color={DESK_KINDS[k].color}>
                  {DESK_KINDS[k].label} ({desk.data?.counts[k] ?? 0})
                </Chip>
              ))}
            </Group>
          </Chip.Group>
          <Select
            ref={clinicSelect}
            w={300}
            aria-label="Clinic"
            placeholder="All my clinics"
            searchable
            clearable
            value={clinicId}
            onChange={(v) => {
              setClinicId(v);
              setSelected(-1);
            }}
            data={(desk.data?.clinics ?? []).map((c) => ({
              value: c.id,
              label: `${c.code} · ${c.name}`,
            }))}
          />
        </Group>
        {filteredClinic && (
          <Paper withBorder radius="md" p="sm">
            <Group justify="space-between" mb={4} gap="xs">
              <Text size="sm" fw={600}>
                Call {filteredClinic.name}
              </Text>
              <ClinicLink clinicId={filteredClinic.id}>Clinic page: traffic, deliveries</ClinicLink>
            </Group>
            <ContactList clinic={filteredClinic} />
          </Paper>
        )}
        <QueryState query={desk}>
          {(page) =>
            page.clinics.length === 0 ? (
              <EmptyTableState
                icon={<IconInbox size={32} />}
                title="No clinics on your desk yet"
                description="Your desk shows the clinics you are the assistant of. Ask an administrator to add you as assistant on each clinic’s form (Administration → Clinics)."
              />
            ) : page.items.length === 0 ? (
              <EmptyTableState
                icon={<IconInbox size={32} />}
                title="Nothing is waiting"
                description={
                  kind && EMPTY[kind]
                    ? EMPTY[kind]
                    : kind
                      ? 'Nothing of this kind waits here. Choose “All” to see the rest of your desk.'
                      : clinicId
                        ? 'Nothing waits on this clinic. Clear the clinic to see your other clinics.'
                        : 'Every study has its identity, no reading is near its due time and every released report has been opened. New items appear here as they arrive.'
                }
              />
            ) : (
              <Paper withBorder radius="md">
                <DeskTable
                  items={page.items}
                  clinics={clinics}
                  now={now}
                  selected={selected}
                  onSelect={setSelected}
                  actions={{
                    onIdentity: setEditing,
                    onRelease,
                    onRaise,
                    onMatch: setMatching,
                    onChase: canChase ? onChase : undefined,
                    busy,
                  }}
                />
              </Paper>
            )
          }
        </QueryState>
      </Stack>
      <OrderMatchDrawer
        key={matching ? `match:${itemKey(matching)}` : 'match-closed'}
        item={matching}
        onClose={() => {
          setMatching(null);
          void qc.invalidateQueries({ queryKey: DESK_KEY });
        }}
      />
      <IdentityDrawer
        key={editing ? itemKey(editing) : 'closed'}
        item={
          editing?.studyUid
            ? {
                studyUid: editing.studyUid,
                clinicName: editing.clinicName,
                patientId: editing.patientId ?? '',
                patientName: editing.patientName,
              }
            : null
        }
        onClose={() => {
          setEditing(null);
          void qc.invalidateQueries({ queryKey: DESK_KEY });
        }}
      />
    </>
  );
}
