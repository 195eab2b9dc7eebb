import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconShieldCheck, IconShieldOff } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../app/apiError';
import { notifySuccess } from '../../app/notify';
import { MfaEnrollment } from '../auth/MfaEnrollment';
import { refreshSession, useMe } from '../auth/session';
import { useDisableMfa } from './api';

function DisableForm({ onDone }: { onDone: () => void }) {
  const disable = useDisableMfa();
  const [password, setPassword] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!password) return;
    disable.mutate(password, {
      onSuccess: () => {
        notifySuccess('Two-factor authentication is off.', 'MFA disabled');
        void refreshSession();
        onDone();
      },
      onError: () => setPassword(''),
    });
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Disable two-factor authentication">
      <Stack gap="sm">
        {disable.error && (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(disable.error)}
          </Alert>
        )}
        <PasswordInput
          label="Password"
          description="Confirm with your password to turn two-factor authentication off"
          autoComplete="current-password"
          autoFocus
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
        />
        <Group gap="sm">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" color="red" loading={disable.isPending} disabled={!password}>
            Disable
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Profile card: set up or turn off two-factor authentication. */
export function MfaCard() {
  const me = useMe();
  const [mode, setMode] = useState<'idle' | 'enrolling' | 'disabling'>('idle');

  return (
    <Paper withBorder p="lg" radius="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>Two-factor authentication</Title>
          <Badge color={me.mfaEnabled ? 'teal' : 'gray'} variant="light">
            {me.mfaEnabled ? 'On' : 'Off'}
          </Badge>
        </Group>
        {mode === 'enrolling' ? (
          <MfaEnrollment
            doneLabel="Done"
            onDone={() => {
              void refreshSession();
              setMode('idle');
            }}
            onCancel={() => setMode('idle')}
          />
        ) : mode === 'disabling' ? (
          <DisableForm onDone={() => setMode('idle')} />
        ) : me.mfaEnabled ? (
          <>
            <Text size="sm" c="dimmed">
              Signing in asks for a code from your authenticator app. Lost it? Use a recovery code,
              or ask an administrator to reset it.
            </Text>
            <Button
              variant="light"
              color="red"
              w="fit-content"
              leftSection={<IconShieldOff size={16} />}
              onClick={() => setMode('disabling')}
            >
              Disable two-factor authentication
            </Button>
          </>
        ) : (
          <>
            <Text size="sm" c="dimmed">
              Add a second step to sign-in with an authenticator app on your phone. It takes two
              minutes and protects patient data if your password leaks.
            </Text>
            <Button
              w="fit-content"
              leftSection={<IconShieldCheck size={16} />}
              onClick={() => setMode('enrolling')}
            >
              Set up two-factor authentication
            </Button>
          </>
        )}
      </Stack>
    </Paper>
  );
}
