import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { IconNote } from '@tabler/icons-react';
import { useStudyRequest } from './api';

/** What the reader sees of the clinic's request; staff words, on the reading screen. */
const WORDS = {
  region: 'From the clinic',
  urgent: 'Urgent',
  note: "Clinic's note",
} as const;

/**
 * The clinic's request on the reading screen's header: why the study is urgent and the
 * clinical note (symptoms, history, prior TB treatment), whole on hover. Nothing when the
 * clinic asked nothing.
 */
export function ClinicRequestLine({ studyUid }: { studyUid: string }) {
  const request = useStudyRequest(studyUid);
  const r = request.data;
  if (!r || (!r.clinicalNote && !(r.priority !== 'routine' && r.priorityReason))) return null;
  return (
    <Group gap="sm" wrap="nowrap" miw={0} role="region" aria-label={WORDS.region}>
      {r.priority && r.priority !== 'routine' && r.priorityReason && (
        <Group gap={6} wrap="nowrap" miw={0}>
          <Badge color="orange" variant="filled" size="sm">
            {WORDS.urgent}
          </Badge>
          <Text size="sm" c="orange.3" truncate="end" data-testid="urgent-reason">
            {r.priorityReason}
          </Text>
        </Group>
      )}
      {r.clinicalNote && (
        <Tooltip label={r.clinicalNote} multiline w={360}>
          <Group gap={6} wrap="nowrap" miw={0}>
            <IconNote size={14} aria-hidden />
            <Text size="sm" c="gray.3" truncate="end" data-testid="clinical-note">
              {WORDS.note}: {r.clinicalNote}
            </Text>
          </Group>
        </Tooltip>
      )}
    </Group>
  );
}
