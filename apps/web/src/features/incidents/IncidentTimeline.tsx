import { Button, Paper, Stack, Text, Textarea, Timeline, Title } from '@mantine/core';
import type { Incident } from '@telerad/contracts';
import { useState } from 'react';
import { notifyError } from '../../app/notify';
import { formatDateTime } from '../../app/format';
import { useCan } from '../../app/useCan';
import { useCommentIncident } from './api';

const KIND_WORDS: Record<string, string> = {
  reported: 'Reported',
  comment: 'Comment',
  state: 'State',
  owner: 'Owner',
  severity: 'Severity',
  root_cause: 'Root cause',
  action: 'Action added',
  action_done: 'Action done',
};

/** Every change and comment, oldest first, and a box to add a comment. */
export function IncidentTimeline({ incident }: { incident: Incident }) {
  const [body, setBody] = useState('');
  const comment = useCommentIncident(incident.id);
  const canComment = useCan('incidents:report') && incident.state !== 'closed';
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="sm">
        <Title order={5}>Timeline</Title>
        <Timeline bulletSize={12} lineWidth={2} active={incident.timeline.length}>
          {incident.timeline.map((e) => (
            <Timeline.Item
              key={e.id}
              title={KIND_WORDS[e.kind] ?? e.kind}
              data-testid="timeline-entry"
            >
              {e.body && (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {e.body}
                </Text>
              )}
              <Text size="xs" c="dimmed">
                {e.actorName} · {formatDateTime(e.at)}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
        {canComment && (
          <Stack gap="xs">
            <Textarea
              aria-label="Comment"
              placeholder="Add what you know: a time, a clinic’s call, a finding"
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
              autosize
              minRows={2}
            />
            <Button
              size="xs"
              w="fit-content"
              disabled={!body.trim()}
              loading={comment.isPending}
              onClick={() =>
                comment.mutate(
                  { body },
                  {
                    onSuccess: () => setBody(''),
                    onError: (e) => notifyError(e, 'The comment was not added'),
                  },
                )
              }
            >
              Add comment
            </Button>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
