import { Anchor, Badge, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { ONBOARDING_PHASE_TITLES, ONBOARDING_PHASES } from '@telerad/contracts';
import { QueryState } from '../../app/components/QueryState';
import { STATUS_STYLE } from '../admin/clinics/status';
import { useChecklist } from './api';
import { MovePanel } from './MovePanel';
import { StepCard } from './StepCard';
import { TrainingCard } from './TrainingCard';

/**
 * One clinic's onboarding checklist: where it stands, the moves open to it with what is missing,
 * the steps by phase (owner, due date, note, evidence the system found, tick) and the training
 * records. Support and admin change it; anyone else sees it read-only. Also a section of the
 * support clinic page, which already names the clinic: there `showTitle` is off, and a clinic
 * that is live shows only where its onboarding ended, with a link to the whole checklist.
 */
export function OnboardingSection({
  clinicId,
  showTitle = false,
}: {
  clinicId: string;
  showTitle?: boolean;
}) {
  const checklist = useChecklist(clinicId);
  return (
    <QueryState query={checklist}>
      {(c) => {
        const done = c.steps.filter((s) => s.complete).length;
        return (
          <Stack gap="md" data-testid="onboarding-section">
            <Group justify="space-between" align="flex-end" gap="md">
              <Stack gap={4}>
                {showTitle && (
                  <Title order={2}>
                    {c.clinicCode} · {c.clinicName}
                  </Title>
                )}
                <Group gap="xs">
                  <Badge
                    color={STATUS_STYLE[c.status].color}
                    variant="light"
                    data-testid="clinic-status"
                  >
                    {STATUS_STYLE[c.status].label}
                  </Badge>
                  <Progress value={(100 * done) / c.steps.length} w={160} aria-label="Progress" />
                  <Text size="sm" c="dimmed">
                    {done} of {c.steps.length} steps done
                  </Text>
                </Group>
              </Stack>
            </Group>
            {!showTitle && c.status === 'live' ? (
              <Anchor component={Link} to={`/support/onboarding/${clinicId}`} size="sm">
                Open the whole onboarding checklist
              </Anchor>
            ) : (
              <>
                {c.editable && <MovePanel checklist={c} />}
                {ONBOARDING_PHASES.map((phase) => (
                  <Paper key={phase} withBorder radius="md" p="md" data-phase={phase}>
                    <Title order={4} mb="xs">
                      {ONBOARDING_PHASE_TITLES[phase]}
                    </Title>
                    {phase === 'pilot' && (
                      <Text size="sm" mb="xs" data-testid="pilot-progress">
                        Every report released during the pilot is marked PILOT and second-read by
                        another radiologist. {c.pilot.reports} pilot report
                        {c.pilot.reports === 1 ? '' : 's'} so far; {c.pilot.secondReads} of{' '}
                        {c.pilot.minSecondReads} second reads needed, {c.pilot.majorDiscrepancies}{' '}
                        major discrepancies (at most {c.pilot.maxMajorDiscrepancies}).
                      </Text>
                    )}
                    <Stack gap="sm">
                      {c.steps
                        .filter((s) => s.phase === phase)
                        .map((s) => (
                          <StepCard key={s.key} checklist={c} step={s} />
                        ))}
                    </Stack>
                    {phase === 'training' && <TrainingCard checklist={c} />}
                  </Paper>
                ))}
              </>
            )}
          </Stack>
        );
      }}
    </QueryState>
  );
}
