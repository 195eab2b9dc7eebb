import { Alert, Button, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { NewPassword } from '@telerad/contracts';
import { useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../../app/apiError';
import { notifySuccess } from '../../app/notify';
import { useChangePassword } from './api';

/** Profile card: change one's own password. */
export function ChangePasswordCard() {
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<{ next?: string; repeat?: string }>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = NewPassword.safeParse(next);
    const found = {
      next: parsed.success ? undefined : parsed.error.issues[0]?.message,
      repeat: next === repeat ? undefined : 'The two new passwords differ',
    };
    setErrors(found);
    if (found.next || found.repeat || !current) return;
    change.mutate(
      { currentPassword: current, newPassword: next },
      {
        onSuccess: () => {
          notifySuccess('Use your new password next time you sign in.', 'Password changed');
          setCurrent('');
          setNext('');
          setRepeat('');
        },
        onError: (error) => {
          if (error instanceof ApiError && error.fieldIssues.length > 0) {
            setErrors({ next: error.fieldIssues[0]?.message });
          }
        },
      },
    );
  };

  return (
    <Paper withBorder p="lg" radius="md">
      <form onSubmit={submit} noValidate aria-label="Change password">
        <Stack gap="sm">
          <Title order={4}>Password</Title>
          <Text size="sm" c="dimmed">
            At least 12 characters. A short sentence is easier to remember than symbols.
          </Text>
          {change.error && (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(change.error)}
            </Alert>
          )}
          <PasswordInput
            label="Current password"
            autoComplete="current-password"
            required
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
          />
          <PasswordInput
            label="New password"
            autoComplete="new-password"
            required
            value={next}
            onChange={(e) => setNext(e.currentTarget.value)}
            error={errors.next}
          />
          <PasswordInput
            label="Repeat new password"
            autoComplete="new-password"
            required
            value={repeat}
            onChange={(e) => setRepeat(e.currentTarget.value)}
            error={errors.repeat}
          />
          <Button
            type="submit"
            w="fit-content"
            loading={change.isPending}
            disabled={!current || !next}
          >
            Change password
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
