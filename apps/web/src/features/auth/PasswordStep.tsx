import { Alert, Button, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconClock, IconLock } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../../app/apiError';
import { clearExpiredNotice, peekExpiredNotice, useLogin } from './session';

function errorIcon(error: unknown) {
  if (error instanceof ApiError && error.code === 'ACCOUNT_LOCKED') return <IconLock />;
  if (error instanceof ApiError && error.code === 'RATE_LIMITED') return <IconClock />;
  return <IconAlertTriangle />;
}

function errorTitle(error: unknown): string {
  if (error instanceof ApiError && error.code === 'ACCOUNT_LOCKED') return 'Account locked';
  if (error instanceof ApiError && error.code === 'RATE_LIMITED') return 'Too many attempts';
  if (error instanceof ApiError && error.code === 'INVALID_CREDENTIALS') return 'Sign-in failed';
  return 'Cannot sign in';
}

/** First sign-in step: username and password. */
export function PasswordStep() {
  const login = useLogin();
  const [notice] = useState(peekExpiredNotice);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [tried, setTried] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!username.trim() || !password) return;
    login.mutate(
      { username: username.trim(), password },
      { onSuccess: clearExpiredNotice, onError: () => setPassword('') },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Sign in">
      <Stack gap="md">
        <Title order={3}>Sign in</Title>
        {notice && !login.error && (
          <Alert color="blue" variant="light" icon={<IconClock />} role="status">
            {notice}
          </Alert>
        )}
        {login.error && (
          <Alert
            color="red"
            variant="light"
            icon={errorIcon(login.error)}
            title={errorTitle(login.error)}
            role="alert"
          >
            {errorMessage(login.error)}
          </Alert>
        )}
        <TextInput
          label="Username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          autoFocus
          value={username}
          onChange={(e) => setUsername(e.currentTarget.value)}
          error={tried && !username.trim() ? 'Enter your username' : undefined}
        />
        <PasswordInput
          label="Password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={tried && !password && !login.error ? 'Enter your password' : undefined}
        />
        <Button type="submit" fullWidth loading={login.isPending}>
          Sign in
        </Button>
      </Stack>
    </form>
  );
}
