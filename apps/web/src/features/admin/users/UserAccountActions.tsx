import { Alert, Button, Divider, Group, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { IconLockOpen, IconShieldOff } from '@tabler/icons-react';
import { NewPassword, type User, type UserUpdate } from '@telerad/contracts';
import { useState } from 'react';
import { errorMessage } from '../../../app/apiError';
import { ConfirmButton } from '../../../app/components/ConfirmButton';
import { formatDateTime, isLocked } from '../../../app/format';
import { notifyError, notifySuccess } from '../../../app/notify';
import { useUpdateUser } from './api';

/** One-off actions on an account: reset password, unlock, reset MFA. Each saves at once. */
export function UserAccountActions({ user }: { user: User }) {
  const update = useUpdateUser();
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string | null>(null);

  const run = (body: UserUpdate, done: string, after?: () => void) =>
    update.mutate(
      { id: user.id, body },
      {
        onSuccess: () => {
          notifySuccess(done);
          after?.();
        },
        onError: (error) => notifyError(error),
      },
    );

  const resetPassword = () => {
    const parsed = NewPassword.safeParse(password);
    if (!parsed.success) {
      setPasswordError(parsed.error.issues[0]?.message ?? 'Invalid password');
      return;
    }
    setPasswordError(null);
    run({ password }, `Password of ${user.username} reset.`, () => setPassword(''));
  };

  const locked = isLocked(user.lockedUntil);
  return (
    <Stack gap="sm">
      <Divider />
      <Title order={5}>Account actions</Title>
      <Text size="xs" c="dimmed">
        These take effect immediately, separately from Save.
      </Text>
      {locked && (
        <Alert color="orange" variant="light" title="Account locked">
          Locked after repeated failed sign-ins until {formatDateTime(user.lockedUntil)}.
          <Group mt="xs">
            <Button
              size="xs"
              color="orange"
              leftSection={<IconLockOpen size={14} />}
              onClick={() => run({ unlock: true }, `${user.username} unlocked.`)}
              loading={update.isPending}
            >
              Unlock account
            </Button>
          </Group>
        </Alert>
      )}
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <PasswordInput
          label="New password"
          description="Sets a new password for this user (at least 12 characters)"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={passwordError}
          style={{ flex: 1 }}
        />
        <Button
          variant="default"
          onClick={resetPassword}
          disabled={!password}
          loading={update.isPending}
        >
          Reset password
        </Button>
      </Group>
      <Group justify="space-between">
        <Text size="sm">
          Two-factor authentication: <b>{user.mfaEnabled ? 'on' : 'off'}</b>
        </Text>
        {user.mfaEnabled && (
          <ConfirmButton
            variant="light"
            color="red"
            size="xs"
            leftSection={<IconShieldOff size={14} />}
            question={`Remove ${user.displayName}'s authenticator? They will set it up again at next sign-in if their role requires it.`}
            confirmLabel="Reset MFA"
            onConfirm={() =>
              run({ resetMfa: true }, `Two-factor authentication of ${user.username} reset.`)
            }
          >
            Reset MFA
          </ConfirmButton>
        )}
      </Group>
      {update.error && (
        <Text size="xs" c="red">
          {errorMessage(update.error)}
        </Text>
      )}
    </Stack>
  );
}
