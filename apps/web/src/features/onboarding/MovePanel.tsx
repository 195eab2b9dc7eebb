import { Alert, Button, Group, List, Modal, Stack, Text, Textarea } from '@mantine/core';
import type { ClinicStatus, OnboardingChecklist, OnboardingMove } from '@telerad/contracts';
import { useState } from 'react';
import { notifyError, notifySuccess } from '../../app/notify';
import { useMoveClinic } from './api';

/** The words of each move, by where the clinic is and where it goes. */
function moveLabel(from: ClinicStatus, to: OnboardingMove['to']): string {
  if (to === 'pilot') return from === 'live' ? 'Back to pilot' : 'Start the pilot';
  if (to === 'live') return 'Go live';
  return 'Back to onboarding';
}

/**
 * The clinic's next move and the way back: a forward move is open once its steps are done, and
 * otherwise lists what is missing; a step back asks for the reason, which is kept.
 */
export function MovePanel({ checklist }: { checklist: OnboardingChecklist }) {
  const move = useMoveClinic(checklist.clinicId);
  const [back, setBack] = useState<OnboardingMove['to'] | null>(null);
  const [reason, setReason] = useState('');
  const forward = checklist.moves.filter((m) => !isBack(checklist.status, m));
  const backs = checklist.moves.filter((m) => isBack(checklist.status, m));
  const go = (to: OnboardingMove['to'], why = '') =>
    move.mutate(
      { to, reason: why },
      {
        onSuccess: (c) => {
          setBack(null);
          setReason('');
          notifySuccess(`${c.clinicCode} is now ${c.status}.`, 'Clinic moved');
        },
        onError: (e) => notifyError(e, 'The clinic was not moved'),
      },
    );
  if (!checklist.moves.length) return null;
  return (
    <>
      {forward.map((m) => (
        <Alert
          key={m.to}
          color={m.allowed ? 'teal' : 'gray'}
          variant="light"
          title={
            m.allowed
              ? `Ready: ${moveLabel(checklist.status, m.to)}`
              : `Before “${moveLabel(checklist.status, m.to)}”`
          }
          data-testid={`move-${m.to}`}
        >
          <Stack gap="xs">
            {m.allowed ? (
              <Text size="sm">Everything this move needs is done.</Text>
            ) : (
              <>
                <Text size="sm">Still missing:</Text>
                <List size="sm">
                  {m.missing.map((x) => (
                    <List.Item key={x}>{x}</List.Item>
                  ))}
                </List>
              </>
            )}
            <Group>
              <Button
                disabled={!m.allowed}
                loading={move.isPending && move.variables?.to === m.to}
                onClick={() => go(m.to)}
              >
                {moveLabel(checklist.status, m.to)}
              </Button>
              {backs.map((b) => (
                <Button key={b.to} variant="subtle" color="gray" onClick={() => setBack(b.to)}>
                  {moveLabel(checklist.status, b.to)}
                </Button>
              ))}
            </Group>
          </Stack>
        </Alert>
      ))}
      {!forward.length &&
        backs.map((b) => (
          <Group key={b.to}>
            <Button variant="default" onClick={() => setBack(b.to)}>
              {moveLabel(checklist.status, b.to)}
            </Button>
          </Group>
        ))}
      <Modal
        opened={back !== null}
        onClose={() => setBack(null)}
        title={back ? moveLabel(checklist.status, back) : ''}
      >
        <Stack>
          <Textarea
            label="Why does the clinic go back?"
            description="Kept with the change in the audit trail."
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            autosize
            minRows={3}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setBack(null)}>
              Cancel
            </Button>
            <Button
              color="orange"
              disabled={!reason.trim()}
              loading={move.isPending}
              onClick={() => back && go(back, reason.trim())}
            >
              {back ? moveLabel(checklist.status, back) : ''}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** A move to an earlier status. */
function isBack(from: ClinicStatus, m: OnboardingMove): boolean {
  return (from === 'live' && m.to === 'pilot') || (from === 'pilot' && m.to === 'onboarding');
}
