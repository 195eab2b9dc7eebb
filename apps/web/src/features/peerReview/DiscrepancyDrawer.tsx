import {
  Alert,
  Checkbox,
  Drawer,
  Paper,
  Stack,
  Text,
  Textarea,
  Button,
  Group,
} from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { RADPEER_LABELS } from '@telerad/contracts';
import { useState } from 'react';
import { errorMessage } from '../../app/apiError';
import { QueryState } from '../../app/components/QueryState';
import { formatDateTime } from '../../app/format';
import { notifySuccess } from '../../app/notify';
import { ReleasedReport } from '../reports/ReleasedReport';
import { useDiscrepancy, useResolveDiscrepancy } from './api';
import { ScoreBadge } from './radpeer';

/** The settlement form of an open case: feedback, and an addendum when the report must change. */
function ResolveForm({ id, onDone }: { id: string; onDone: () => void }) {
  const resolve = useResolveDiscrepancy();
  const [feedback, setFeedback] = useState('');
  const [changes, setChanges] = useState(false);
  const [addendum, setAddendum] = useState('');
  const ready = feedback.trim() !== '' && (!changes || addendum.trim() !== '');
  const submit = () =>
    ready &&
    resolve.mutate(
      {
        id,
        body: { feedback: feedback.trim(), ...(changes ? { addendum: addendum.trim() } : {}) },
      },
      {
        onSuccess: () => {
          notifySuccess(
            changes
              ? 'Feedback sent to the reader; the addendum was released to the clinic.'
              : 'Feedback sent to the reader.',
            'Discrepancy settled',
          );
          onDone();
        },
      },
    );
  return (
    <Stack gap="xs" data-testid="resolve-discrepancy">
      <Textarea
        label="Feedback to the reader"
        description="The reader sees it with their score; the reviewer is not named."
        autosize
        minRows={3}
        maxLength={4000}
        value={feedback}
        onChange={(e) => setFeedback(e.currentTarget.value)}
      />
      <Checkbox
        label="The report must change: release an addendum to the clinic"
        checked={changes}
        onChange={(e) => setChanges(e.currentTarget.checked)}
      />
      {changes && (
        <Textarea
          label="Addendum"
          description="Signed by you and released to the clinic at once, as a new version of the report."
          autosize
          minRows={3}
          maxLength={4000}
          value={addendum}
          onChange={(e) => setAddendum(e.currentTarget.value)}
        />
      )}
      {resolve.error && (
        <Alert color="red" icon={<IconAlertTriangle size={16} />}>
          {errorMessage(resolve.error)}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button onClick={submit} disabled={!ready} loading={resolve.isPending}>
          {changes ? 'Send feedback and release addendum' : 'Send feedback and close'}
        </Button>
      </Group>
    </Stack>
  );
}

/** One discrepancy case: the score and comment, the report, and its settlement. */
export function DiscrepancyDrawer({
  id,
  canResolve,
  onClose,
}: {
  id: string | null;
  canResolve: boolean;
  onClose: () => void;
}) {
  const kase = useDiscrepancy(id);
  return (
    <Drawer opened={id !== null} onClose={onClose} position="right" size="lg" title="Discrepancy">
      {id && (
        <QueryState query={kase}>
          {(c) => (
            <Stack gap="sm">
              <Paper withBorder p="sm" radius="sm">
                <Group gap="xs" mb={4}>
                  <ScoreBadge score={c.score} />
                  <Text size="sm">{RADPEER_LABELS[c.score]}</Text>
                </Group>
                <Text size="xs" c="dimmed">
                  Read by {c.readerName ?? '—'} · reviewed by {c.reviewerName ?? '—'} · opened{' '}
                  {formatDateTime(c.openedAt)}
                </Text>
                {c.comment && (
                  <Text size="sm" mt={6} style={{ whiteSpace: 'pre-wrap' }}>
                    “{c.comment}”
                  </Text>
                )}
                {c.ownRead && (
                  <Text size="xs" mt={6}>
                    Reviewer’s own blind read: <b>{c.ownRead.abnormal ? 'Abnormal' : 'Normal'}</b> —{' '}
                    {c.ownRead.impression}
                  </Text>
                )}
              </Paper>
              <ReleasedReport report={c.report} />
              {c.state === 'open' ? (
                canResolve ? (
                  <ResolveForm id={c.id} onDone={onClose} />
                ) : (
                  <Text size="sm" c="dimmed">
                    A consultant settles this case.
                  </Text>
                )
              ) : (
                <Alert color="teal" title={`Settled by ${c.consultantName ?? 'a consultant'}`}>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {c.feedback}
                  </Text>
                  {c.addendumVersion && (
                    <Text size="xs" c="dimmed" mt={4}>
                      Addendum released as version {c.addendumVersion}.
                    </Text>
                  )}
                </Alert>
              )}
            </Stack>
          )}
        </QueryState>
      )}
    </Drawer>
  );
}
