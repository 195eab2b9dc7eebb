import { Alert, Button, Group, List, Text } from '@mantine/core';
import {
  IconCameraRotate,
  IconCircleCheck,
  IconHourglass,
  IconPlayerTrackNext,
} from '@tabler/icons-react';
import {
  QUALITY_REASON_LABELS,
  type MatchedRule,
  type QualityReason,
  type ReportRecord,
} from '@telerad/contracts';
import { useNavigate } from 'react-router';
import { formatDateTime } from '../../app/format';
import { notifyError } from '../../app/notify';
import { isNoTaskAvailable, useClaimNext } from '../worklist/api';

/** Where "Next task" goes: the reading screen of the claimed task. */
export const readPath = (taskId: string) => `/read/${encodeURIComponent(taskId)}`;

/** "Next task": claims the most urgent task and opens it; back to the worklist when none. */
export function NextTaskButton() {
  const navigate = useNavigate();
  const next = useClaimNext();
  return (
    <Button
      size="xs"
      leftSection={<IconPlayerTrackNext size={14} />}
      loading={next.isPending}
      onClick={() =>
        next.mutate(undefined, {
          onSuccess: (task) => void navigate(readPath(task.id)),
          onError: (error) => {
            if (isNoTaskAvailable(error)) void navigate('/worklist');
            else notifyError(error, 'Could not take the next study');
          },
        })
      }
    >
      Next task
    </Button>
  );
}

/** The rules that held the report, by name. */
function RuleList({ rules }: { rules: readonly MatchedRule[] }) {
  if (!rules.length) return null;
  return (
    <List size="xs" mt={4}>
      {rules.map((r) => (
        <List.Item key={r.id}>{r.name}</List.Item>
      ))}
    </List>
  );
}

/** What signing did: released, held for consultation (and why), or a retake requested. */
export function SignOutcome({
  report,
  matchedRules,
  showNext = true,
}: {
  report: ReportRecord;
  matchedRules: readonly MatchedRule[];
  showNext?: boolean;
}) {
  const next = showNext && (
    <Group mt={8} gap="xs">
      <NextTaskButton />
    </Group>
  );
  switch (report.state) {
    case 'final':
      return (
        <Alert color="teal" variant="light" icon={<IconCircleCheck />} title="Signed and released">
          <Text size="xs">
            Version {report.currentVersion || 1}, signed by {report.signerName ?? 'you'}
            {report.signerCredentials ? `, ${report.signerCredentials}` : ''}{' '}
            {formatDateTime(report.signedAt ?? report.releasedAt)}. The clinic can see it now.
          </Text>
          {next}
        </Alert>
      );
    case 'pending_consultation':
      return (
        <Alert
          color="yellow"
          variant="light"
          icon={<IconHourglass />}
          title="Held for consultation"
        >
          <Text size="xs">
            A consultant will concur or amend it; the clinic sees it only then.
            {matchedRules.length ? ' Held by:' : ' You asked for a consultation.'}
          </Text>
          <RuleList rules={matchedRules} />
          {next}
        </Alert>
      );
    case 'retake_requested':
      return (
        <Alert color="orange" variant="light" icon={<IconCameraRotate />} title="Retake requested">
          <Text size="xs">
            The clinic is asked for new images
            {report.content.quality.reasons.length
              ? ` (${report.content.quality.reasons
                  .map((r: QualityReason) => QUALITY_REASON_LABELS[r])
                  .join(', ')})`
              : ''}
            . The task waits for them and comes back to the worklist when they arrive.
          </Text>
          {next}
        </Alert>
      );
    case 'draft':
      return null;
  }
}
