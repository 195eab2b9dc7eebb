import {
  ActionIcon,
  Badge,
  Checkbox,
  Group,
  Paper,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconFlag } from '@tabler/icons-react';
import type { TeachingFlag } from '@telerad/contracts';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../app/apiError';
import { EmptyTableState } from '../../app/components/EmptyTableState';
import { FormDrawer } from '../../app/components/FormDrawer';
import { QueryState } from '../../app/components/QueryState';
import { formatDate } from '../../app/format';
import { notifySuccess } from '../../app/notify';
import { formatCalendarDate } from '../archive/studyFormat';
import { useCreateSession, useFlags } from './api';

interface Chosen {
  flag: TeachingFlag;
  note: string;
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * QA's session builder: a title and a day, then the flagged cases to show, in the order chosen
 * (moved up and down), each with the presenter's note (the reader's note to start with). Saving
 * makes the de-identified copies, so it takes a moment per case.
 */
export function SessionBuilder({ onClose }: { onClose: () => void }) {
  const flags = useFlags();
  const create = useCreateSession();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [heldOn, setHeldOn] = useState(today());
  const [chosen, setChosen] = useState<Chosen[]>([]);
  const [error, setError] = useState<string | null>(null);

  const toggle = (flag: TeachingFlag) =>
    setChosen((list) =>
      list.some((c) => c.flag.id === flag.id)
        ? list.filter((c) => c.flag.id !== flag.id)
        : [...list, { flag, note: flag.note }],
    );
  const move = (i: number, by: -1 | 1) =>
    setChosen((list) => {
      const next = [...list];
      const [item] = next.splice(i, 1);
      next.splice(i + by, 0, item!);
      return next;
    });
  const setNote = (i: number, note: string) =>
    setChosen((list) => list.map((c, k) => (k === i ? { ...c, note } : c)));

  const submit = () => {
    if (!title.trim() || !heldOn || chosen.length === 0) {
      setError('Give the session a title and a day, and choose at least one case.');
      return;
    }
    setError(null);
    create.mutate(
      { title, heldOn, cases: chosen.map((c) => ({ flagId: c.flag.id, note: c.note })) },
      {
        onSuccess: (r) => {
          notifySuccess(`${r.session.cases} cases, de-identified.`, 'Session ready');
          onClose();
          void navigate(`/teaching/${r.session.id}`);
        },
        onError: (e) => setError(errorMessage(e)),
      },
    );
  };

  return (
    <FormDrawer
      opened
      onClose={onClose}
      title="New teaching session"
      onSubmit={submit}
      saving={create.isPending}
      error={error}
      submitLabel="Build session"
      size="xl"
    >
      <TextInput
        label="Title"
        placeholder="e.g. Miliary and cavitary TB"
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
        maxLength={200}
        required
        data-autofocus
      />
      <TextInput
        label="Day"
        type="date"
        value={heldOn}
        onChange={(e) => setHeldOn(e.currentTarget.value)}
        required
      />
      {chosen.length > 0 && (
        <Stack gap="xs">
          <Text fw={600} size="sm">
            In the session, in this order
          </Text>
          {chosen.map((c, i) => (
            <Paper key={c.flag.id} withBorder p="xs" radius="sm" data-testid="chosen-case">
              <Group align="flex-start" wrap="nowrap" gap="xs">
                <Badge variant="filled" color="grape" mt={6}>
                  {i + 1}
                </Badge>
                <Textarea
                  aria-label={`Note for case ${i + 1}`}
                  placeholder="What to look for"
                  value={c.note}
                  onChange={(e) => setNote(i, e.currentTarget.value)}
                  autosize
                  minRows={1}
                  maxLength={2000}
                  style={{ flex: 1 }}
                />
                <ActionIcon
                  variant="subtle"
                  aria-label={`Move case ${i + 1} up`}
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                >
                  <IconArrowUp size={16} />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  aria-label={`Move case ${i + 1} down`}
                  disabled={i === chosen.length - 1}
                  onClick={() => move(i, 1)}
                >
                  <IconArrowDown size={16} />
                </ActionIcon>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      <Text fw={600} size="sm">
        Flagged cases
      </Text>
      <QueryState query={flags}>
        {({ flags: rows }) =>
          rows.length === 0 ? (
            <EmptyTableState
              icon={<IconFlag size={32} />}
              title="No flagged cases yet"
              description="Radiologists flag interesting cases from the reading screen (Alt+T); they appear here."
            />
          ) : (
            <Stack gap={6}>
              {rows.map((f) => (
                <Checkbox
                  key={f.id}
                  checked={chosen.some((c) => c.flag.id === f.id)}
                  onChange={() => toggle(f)}
                  data-testid="flag-choice"
                  label={
                    <Stack gap={0}>
                      <Text size="sm">{f.note || 'No note'}</Text>
                      <Text size="xs" c="dimmed">
                        {f.studyDescription || 'Study'} of {formatCalendarDate(f.studyDate)} ·
                        flagged by {f.flaggedBy} on {formatDate(f.flaggedAt)}
                        {f.sessions > 0 ? ` · in ${f.sessions} session(s)` : ''}
                      </Text>
                    </Stack>
                  }
                />
              ))}
            </Stack>
          )
        }
      </QueryState>
    </FormDrawer>
  );
}
