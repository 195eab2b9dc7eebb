import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import {
  RETAKE_EXTRA_VIEW_LABELS,
  RETAKE_EXTRA_VIEWS,
  RETAKE_REASON_LABELS,
  RETAKE_REASONS,
  type QualityReason,
  type RetakeExtraView,
  type RetakeKind,
  type RetakeRequestBody,
} from '@telerad/contracts';
import { useState } from 'react';
import { errorMessage } from '../../app/apiError';

const TEXT = {
  title: 'Ask the clinic for new images',
  kindLabel: 'Request',
  retake: 'Retake',
  extraView: 'Extra view',
  reasons: 'Why the image cannot be read',
  views: 'Views to add',
  note: 'Note for the clinic',
  notePlaceholder: 'What the technician should do differently',
  explain:
    'The study leaves the worklist and the clinic and its assistant are told at once. When the new images arrive, it comes back to the worklist with its original arrival time.',
  cancel: 'Cancel',
  send: 'Send to the clinic',
  pickOne: 'Choose at least one.',
};

/**
 * The reader's request for a retake (reason codes) or for extra views (lateral, decubitus…), with
 * a note for the clinic. `onSubmit` sends it; the dialog shows a refusal in words.
 */
export function RetakeRequestDialog({
  opened,
  onClose,
  onSubmit,
}: {
  opened: boolean;
  onClose: () => void;
  onSubmit: (body: RetakeRequestBody) => Promise<unknown>;
}) {
  const [kind, setKind] = useState<RetakeKind>('retake');
  const [reasons, setReasons] = useState<QualityReason[]>([]);
  const [views, setViews] = useState<RetakeExtraView[]>([]);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const picked = kind === 'retake' ? reasons.length : views.length;
  const submit = async () => {
    if (!picked) return;
    setPending(true);
    setError(null);
    try {
      await onSubmit(
        kind === 'retake'
          ? { kind, reasons, note: note.trim() }
          : { kind, views, note: note.trim() },
      );
      setReasons([]);
      setViews([]);
      setNote('');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPending(false);
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title={TEXT.title} centered size="lg">
      <Stack gap="sm">
        <SegmentedControl
          aria-label={TEXT.kindLabel}
          value={kind}
          onChange={(v) => setKind(v as RetakeKind)}
          data={[
            { value: 'retake', label: TEXT.retake },
            { value: 'extra_view', label: TEXT.extraView },
          ]}
        />
        {kind === 'retake' ? (
          <Checkbox.Group
            label={TEXT.reasons}
            value={reasons}
            onChange={(v) => setReasons(v as QualityReason[])}
          >
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing={6} mt={6}>
              {RETAKE_REASONS.map((r) => (
                <Checkbox key={r} value={r} label={RETAKE_REASON_LABELS[r]} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
        ) : (
          <Checkbox.Group
            label={TEXT.views}
            value={views}
            onChange={(v) => setViews(v as RetakeExtraView[])}
          >
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing={6} mt={6}>
              {RETAKE_EXTRA_VIEWS.map((v) => (
                <Checkbox key={v} value={v} label={RETAKE_EXTRA_VIEW_LABELS[v]} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
        )}
        <Textarea
          label={TEXT.note}
          placeholder={TEXT.notePlaceholder}
          autosize
          minRows={2}
          maxLength={2000}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
        <Text size="xs" c="dimmed">
          {TEXT.explain}
        </Text>
        {error && (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          {!picked && (
            <Text size="xs" c="dimmed" mr="auto">
              {TEXT.pickOne}
            </Text>
          )}
          <Button variant="default" onClick={onClose}>
            {TEXT.cancel}
          </Button>
          <Button color="orange" loading={pending} disabled={!picked} onClick={() => void submit()}>
            {TEXT.send}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
