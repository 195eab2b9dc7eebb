import {
  Alert,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import {
  INCIDENT_SEVERITIES,
  INCIDENT_SEVERITY_LABELS,
  INCIDENT_STATE_LABELS,
  INCIDENT_TRANSITIONS,
  type Incident,
  type IncidentSeverity,
  type IncidentState,
} from '@telerad/contracts';
import { useState } from 'react';
import { errorMessage } from '../../app/apiError';
import { notifyError } from '../../app/notify';
import { useMoveIncident, useOwnerChoices, useUpdateIncident } from './api';

const MOVE_WORDS: Partial<Record<IncidentState, string>> = {
  investigating: 'Start investigating',
  resolved: 'Mark resolved',
  closed: 'Close with a lesson',
};

/**
 * QA's investigation panel: owner and severity, and the next moves of the state machine. Resolving
 * asks for the root cause (prefilled when already written); closing asks for the lesson that the
 * knowledge base publishes.
 */
export function IncidentWork({ incident }: { incident: Incident }) {
  const owners = useOwnerChoices(true);
  const update = useUpdateIncident(incident.id);
  const move = useMoveIncident(incident.id);
  const [rootCause, setRootCause] = useState(incident.rootCause ?? '');
  const [lessonTitle, setLessonTitle] = useState('');
  const [lessonBody, setLessonBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const moves = INCIDENT_TRANSITIONS[incident.state];

  const go = (to: IncidentState) => {
    setError(null);
    move.mutate(
      {
        to,
        ...(to === 'resolved' && rootCause.trim() ? { rootCause } : {}),
        ...(to === 'closed' ? { lesson: { title: lessonTitle, body: lessonBody } } : {}),
      },
      { onError: (e) => setError(errorMessage(e)) },
    );
  };

  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="sm">
        <Title order={5}>Investigation</Title>
        <Group grow>
          <Select
            label="Owner"
            placeholder="Nobody yet"
            data={(owners.data?.people ?? []).map((p) => ({ value: p.id, label: p.name }))}
            value={incident.ownerId}
            searchable
            onChange={(v) =>
              update.mutate({ ownerId: v }, { onError: (e) => notifyError(e, 'Owner not changed') })
            }
          />
          <Select
            label="Severity"
            data={INCIDENT_SEVERITIES.map((s) => ({
              value: s,
              label: INCIDENT_SEVERITY_LABELS[s],
            }))}
            value={incident.severity}
            allowDeselect={false}
            onChange={(v) =>
              v &&
              update.mutate(
                { severity: v as IncidentSeverity },
                { onError: (e) => notifyError(e, 'Severity not changed') },
              )
            }
          />
        </Group>
        {incident.state === 'investigating' && (
          <Textarea
            label="Root cause"
            description="Needed to mark the incident resolved"
            value={rootCause}
            onChange={(e) => setRootCause(e.currentTarget.value)}
            autosize
            minRows={2}
          />
        )}
        {incident.state === 'resolved' && (
          <Stack gap="xs">
            <Text size="sm" c="dimmed">
              Closing publishes the lesson to the knowledge base every member of staff can search.
              Write it without patient names.
            </Text>
            <TextInput
              label="Lesson title"
              value={lessonTitle}
              onChange={(e) => setLessonTitle(e.currentTarget.value)}
              maxLength={200}
            />
            <Textarea
              label="What we learned"
              placeholder="What to do differently next time"
              value={lessonBody}
              onChange={(e) => setLessonBody(e.currentTarget.value)}
              autosize
              minRows={3}
            />
          </Stack>
        )}
        {error && (
          <Alert color="red" variant="light">
            {error}
          </Alert>
        )}
        <Group gap="xs">
          {moves.map((to) => (
            <Button
              key={to}
              size="xs"
              variant={
                to === 'investigating' && incident.state === 'resolved' ? 'default' : 'filled'
              }
              loading={move.isPending && move.variables?.to === to}
              onClick={() => go(to)}
            >
              {incident.state === 'resolved' && to === 'investigating'
                ? 'Investigate again'
                : (MOVE_WORDS[to] ?? INCIDENT_STATE_LABELS[to])}
            </Button>
          ))}
        </Group>
      </Stack>
    </Paper>
  );
}
