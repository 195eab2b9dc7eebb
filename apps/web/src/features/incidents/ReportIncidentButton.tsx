import {
  Alert,
  Button,
  Group,
  Modal,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconAlertOctagon } from '@tabler/icons-react';
import {
  INCIDENT_SEVERITIES,
  INCIDENT_SEVERITY_LABELS,
  INCIDENT_TYPE_LABELS,
  INCIDENT_TYPES,
  type IncidentSeverity,
  type IncidentType,
} from '@telerad/contracts';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../app/apiError';
import { notifySuccess } from '../../app/notify';
import { useCan } from '../../app/useCan';
import { useReportIncident } from './api';

/**
 * "Report an incident": a short form for anyone on staff, prefilled with the study it was opened
 * from (the study page) so the incident is linked to it and its clinic. Alt+I opens it where
 * `hotkey` is set.
 */
export function ReportIncidentButton({
  studyUid,
  studyLabel,
  hotkey = false,
  size = 'xs',
}: {
  studyUid?: string;
  studyLabel?: string;
  hotkey?: boolean;
  size?: 'xs' | 'sm';
}) {
  const allowed = useCan('incidents:report');
  const [opened, setOpened] = useState(false);
  useHotkeys(hotkey && allowed ? [['alt+I', () => setOpened(true)]] : []);
  if (!allowed) return null;
  return (
    <>
      <Button
        size={size}
        variant="light"
        color="orange"
        leftSection={<IconAlertOctagon size={14} />}
        onClick={() => setOpened(true)}
        title={hotkey ? 'Report an incident (Alt+I)' : undefined}
      >
        Report incident
      </Button>
      {opened && (
        <ReportIncidentDialog
          studyUid={studyUid}
          studyLabel={studyLabel}
          onClose={() => setOpened(false)}
        />
      )}
    </>
  );
}

function ReportIncidentDialog({
  studyUid,
  studyLabel,
  onClose,
}: {
  studyUid?: string;
  studyLabel?: string;
  onClose: () => void;
}) {
  const [type, setType] = useState<IncidentType | null>(null);
  const [severity, setSeverity] = useState<IncidentSeverity>('medium');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string | null>(null);
  const report = useReportIncident();
  const navigate = useNavigate();

  const submit = () => {
    if (!type || !title.trim()) {
      setError('Choose what kind of incident it is and give it a short title.');
      return;
    }
    setError(null);
    report.mutate(
      { type, severity, title, description, studyUids: studyUid ? [studyUid] : [] },
      {
        onSuccess: (r) => {
          notifySuccess(
            `${r.incident.ref} is open; QA will take it from here.`,
            'Incident reported',
          );
          onClose();
          void navigate(`/incidents/${r.incident.id}`);
        },
        onError: (e) => setError(errorMessage(e)),
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title="Report an incident" size="lg">
      <Stack gap="sm">
        {studyUid && (
          <Text size="sm" c="dimmed">
            About: {studyLabel ?? 'this study'} (linked with its clinic)
          </Text>
        )}
        <Select
          label="What happened"
          placeholder="Choose a kind"
          data={INCIDENT_TYPES.map((t) => ({ value: t, label: INCIDENT_TYPE_LABELS[t] }))}
          value={type}
          onChange={(v) => setType(v as IncidentType | null)}
          required
          data-autofocus
        />
        <Select
          label="Severity"
          data={INCIDENT_SEVERITIES.map((s) => ({ value: s, label: INCIDENT_SEVERITY_LABELS[s] }))}
          value={severity}
          onChange={(v) => v && setSeverity(v as IncidentSeverity)}
          allowDeselect={false}
        />
        <TextInput
          label="Title"
          placeholder="In a line: what went wrong"
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          maxLength={200}
          required
        />
        <Textarea
          label="What you saw"
          placeholder="When it happened, what you saw, who is affected"
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          autosize
          minRows={3}
          maxLength={5000}
        />
        {error && (
          <Alert color="red" variant="light">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={submit} loading={report.isPending}>
            Report
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
