import {
  Badge,
  Button,
  Checkbox,
  MultiSelect,
  NumberInput,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconPencil, IconPlus, IconScale } from '@tabler/icons-react';
import {
  PeerReviewProgrammeInput,
  type PeerReviewProgramme,
  type PeerReviewRule,
} from '@telerad/contracts';
import { useState } from 'react';
import { errorMessage } from '../../app/apiError';
import { DenseTable } from '../../app/components/DenseTable';
import { EmptyTableState } from '../../app/components/EmptyTableState';
import { FormDrawer } from '../../app/components/FormDrawer';
import { PageHeader } from '../../app/components/PageHeader';
import { QueryState } from '../../app/components/QueryState';
import { useFieldErrors } from '../../app/formErrors';
import { notifyError, notifySuccess } from '../../app/notify';
import { useCan } from '../../app/useCan';
import { useProgrammes, useReaders, useSaveProgramme } from './api';

const NEW: PeerReviewProgrammeInput = {
  name: '',
  active: true,
  rule: {
    samplePercent: 5,
    discordantPercent: 0,
    targets: { abnormal: false, consultation: false, readerIds: [] },
    blind: false,
  },
};

/** What a programme reviews, in one sentence. */
export function ruleText(rule: PeerReviewRule, readerName: (id: string) => string): string {
  const parts: string[] = [];
  if (rule.samplePercent > 0)
    parts.push(`${rule.samplePercent} % of each reader’s reads at random`);
  if (rule.discordantPercent > rule.samplePercent)
    parts.push(`${rule.discordantPercent} % of reads CAD disagreed with`);
  if (rule.targets.abnormal) parts.push('every abnormal read');
  if (rule.targets.consultation) parts.push('every read that went to a consultant');
  if (rule.targets.readerIds.length)
    parts.push(`every read by ${rule.targets.readerIds.map(readerName).join(', ')}`);
  return parts.length ? `${parts.join('; ')}.` : 'Nothing: set a percentage or a target.';
}

/** The add/edit drawer of one programme. */
function ProgrammeDrawer({
  editing,
  onClose,
}: {
  editing: { id: string | null; input: PeerReviewProgrammeInput };
  onClose: () => void;
}) {
  const save = useSaveProgramme();
  const readers = useReaders();
  const [draft, setDraft] = useState(editing.input);
  const { errors, validate, fromServer } = useFieldErrors();
  const [error, setError] = useState<string | null>(null);
  const rule = draft.rule;
  const setRule = (next: Partial<PeerReviewRule>) =>
    setDraft({ ...draft, rule: { ...rule, ...next } });
  const setTargets = (next: Partial<PeerReviewRule['targets']>) =>
    setRule({ targets: { ...rule.targets, ...next } });
  const submit = () => {
    setError(null);
    const input = validate(PeerReviewProgrammeInput, { ...draft, name: draft.name.trim() });
    if (!input) return;
    save.mutate(
      { id: editing.id, input },
      {
        onSuccess: () => {
          notifySuccess(`“${input.name}” saved. It applies to reads finalised from now on.`);
          onClose();
        },
        onError: (e) => {
          if (!fromServer(e)) setError(errorMessage(e));
        },
      },
    );
  };
  return (
    <FormDrawer
      opened
      onClose={onClose}
      title={editing.id ? 'Edit programme' : 'New programme'}
      onSubmit={submit}
      saving={save.isPending}
      error={error}
      size="md"
    >
      <Stack gap="sm">
        <TextInput
          label="Name"
          required
          maxLength={120}
          value={draft.name}
          error={errors.name}
          onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
        />
        <Switch
          label="Active: reads finalised from now on are sampled"
          checked={draft.active}
          onChange={(e) => setDraft({ ...draft, active: e.currentTarget.checked })}
        />
        <NumberInput
          label="Random sample"
          description="Share of each radiologist’s finalised reads drawn at random for review."
          suffix=" %"
          min={0}
          max={100}
          decimalScale={1}
          value={rule.samplePercent}
          error={errors['rule.samplePercent']}
          onChange={(v) => setRule({ samplePercent: typeof v === 'number' ? v : 0 })}
        />
        <NumberInput
          label="Reads CAD disagreed with"
          description="Share drawn of reads whose calibrated CAD score disagreed with the reader (a high score on a normal read, a very low one on a TB finding). Applies when higher than the random sample."
          suffix=" %"
          min={0}
          max={100}
          decimalScale={1}
          value={rule.discordantPercent}
          error={errors['rule.discordantPercent']}
          onChange={(v) => setRule({ discordantPercent: typeof v === 'number' ? v : 0 })}
        />
        <Text size="sm" fw={500}>
          Also review every…
        </Text>
        <Checkbox
          label="Abnormal read (any result but normal)"
          checked={rule.targets.abnormal}
          onChange={(e) => setTargets({ abnormal: e.currentTarget.checked })}
        />
        <Checkbox
          label="Read that went to a consultant"
          checked={rule.targets.consultation}
          onChange={(e) => setTargets({ consultation: e.currentTarget.checked })}
        />
        <MultiSelect
          label="Read by these radiologists"
          description="For a new reader, or one whose reads need a closer look."
          placeholder={rule.targets.readerIds.length ? undefined : 'Nobody chosen'}
          searchable
          data={(readers.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }))}
          value={rule.targets.readerIds}
          onChange={(readerIds) => setTargets({ readerIds })}
        />
        <Switch
          label="Blind: the reviewer records their own read before seeing the original report"
          checked={rule.blind}
          onChange={(e) => setRule({ blind: e.currentTarget.checked })}
        />
      </Stack>
    </FormDrawer>
  );
}

/**
 * QA → Peer review: the programmes that choose finalised reads for a second radiologist's
 * review. Each is data: a random percentage, targets, blind or not.
 */
export function ProgrammesPage() {
  const programmes = useProgrammes();
  const readers = useReaders();
  const save = useSaveProgramme();
  const canEdit = useCan('peerReview:programmes:write');
  const [editing, setEditing] = useState<{
    id: string | null;
    input: PeerReviewProgrammeInput;
  } | null>(null);
  const readerName = (id: string) =>
    readers.data?.items.find((r) => r.id === id)?.name ?? 'a reader';
  const toggle = (p: PeerReviewProgramme, active: boolean) =>
    save.mutate(
      { id: p.id, input: { name: p.name, active, rule: p.rule } },
      {
        onSuccess: () => notifySuccess(`“${p.name}” ${active ? 'started' : 'paused'}.`),
        onError: (e) => notifyError(e, 'Programme not saved'),
      },
    );
  return (
    <>
      <PageHeader
        title="Peer-review programmes"
        description="Which finalised reads a second radiologist reviews with RADPEER. A read is never reviewed by its own reader."
        actions={
          canEdit && (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setEditing({ id: null, input: NEW })}
            >
              New programme
            </Button>
          )
        }
      />
      <QueryState query={programmes}>
        {({ items }) =>
          items.length === 0 ? (
            <EmptyTableState
              icon={<IconScale size={32} />}
              title="No peer-review programmes"
              description="No read is reviewed yet. Create a programme: for example 5 % of each radiologist’s reads, plus every abnormal read."
              action={
                canEdit && (
                  <Button onClick={() => setEditing({ id: null, input: NEW })}>
                    New programme
                  </Button>
                )
              }
            />
          ) : (
            <DenseTable label="Peer-review programmes">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={80}>Active</Table.Th>
                  <Table.Th>Programme</Table.Th>
                  <Table.Th>Reviews</Table.Th>
                  <Table.Th>Scored</Table.Th>
                  <Table.Th w={60} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((p) => (
                  <Table.Tr key={p.id} data-programme-id={p.id}>
                    <Table.Td>
                      <Switch
                        aria-label={`Active: ${p.name}`}
                        checked={p.active}
                        disabled={!canEdit || save.isPending}
                        onChange={(e) => toggle(p, e.currentTarget.checked)}
                      />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'normal' }}>
                      <Text size="sm" fw={600} span>
                        {p.name}
                      </Text>{' '}
                      {p.rule.blind && (
                        <Badge size="xs" color="grape" variant="light">
                          Blind
                        </Badge>
                      )}
                      <Text size="xs" c="dimmed">
                        Reviews {ruleText(p.rule, readerName)}
                      </Text>
                    </Table.Td>
                    <Table.Td>{p.reviews}</Table.Td>
                    <Table.Td>{p.scored}</Table.Td>
                    <Table.Td>
                      {canEdit && (
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          aria-label={`Edit ${p.name}`}
                          onClick={() =>
                            setEditing({
                              id: p.id,
                              input: { name: p.name, active: p.active, rule: p.rule },
                            })
                          }
                        >
                          <IconPencil size={14} />
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </DenseTable>
          )
        }
      </QueryState>
      {editing && (
        <ProgrammeDrawer
          key={editing.id ?? 'new'}
          editing={editing}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
