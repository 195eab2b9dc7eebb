import { Alert, Anchor, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconShieldLock } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../app/apiError';
import { useLogout, useVerifyMfa } from './session';

const TOTP = /^\d{6}$/;
const RECOVERY = /^[a-z0-9]{5}-[a-z0-9]{5}$/;

/** Second sign-in step: a 6-digit code from the authenticator app, or a recovery code. */
export function MfaCodeStep() {
  const verify = useVerifyMfa();
  const logout = useLogout();
  const [useRecovery, setUseRecovery] = useState(false);
  const [code, setCode] = useState('');

  const normalised = useRecovery ? code.trim().toLowerCase() : code.replace(/\s/g, '');
  const valid = useRecovery ? RECOVERY.test(normalised) : TOTP.test(normalised);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!valid) return;
    verify.mutate(normalised, { onError: () => setCode('') });
  };

  const switchMode = () => {
    setUseRecovery((v) => !v);
    setCode('');
    verify.reset();
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Two-factor authentication">
      <Stack gap="md">
        <Group gap="xs">
          <IconShieldLock size={22} />
          <Title order={3}>Two-factor authentication</Title>
        </Group>
        <Text size="sm" c="dimmed">
          {useRecovery
            ? 'Enter one of the recovery codes you saved when you set up two-factor authentication. Each code works once.'
            : 'Enter the 6-digit code from your authenticator app.'}
        </Text>
        {verify.error && (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertTriangle />}
            role="alert"
            title="Code not accepted"
          >
            {errorMessage(verify.error)}
          </Alert>
        )}
        {useRecovery ? (
          <TextInput
            key="recovery"
            label="Recovery code"
            placeholder="xxxxx-xxxxx"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            autoFocus
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          />
        ) : (
          <TextInput
            key="totp"
            label="Authentication code"
            placeholder="123456"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            autoFocus
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            styles={{
              input: {
                fontFamily: 'var(--mantine-font-family-monospace)',
                letterSpacing: '0.3em',
                fontSize: 'var(--mantine-font-size-lg)',
              },
            }}
          />
        )}
        <Button type="submit" fullWidth loading={verify.isPending} disabled={!valid}>
          Verify
        </Button>
        <Group justify="space-between">
          <Anchor component="button" type="button" size="sm" onClick={switchMode}>
            {useRecovery ? 'Use an authenticator code' : 'Use a recovery code'}
          </Anchor>
          <Anchor
            component="button"
            type="button"
            size="sm"
            c="dimmed"
            onClick={() => logout.mutate()}
          >
            Cancel
          </Anchor>
        </Group>
      </Stack>
    </form>
  );
}
