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
import { useTranslation } from 'react-i18next';
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../app/apiError';
import { notifySuccess } from '../../app/notify';
import { MfaEnrollment } from '../auth/MfaEnrollment';
import { refreshSession, useMe } from '../auth/session';
import { useDisableMfa } from './api';

function DisableForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation('profile');
  const disable = useDisableMfa();
  const [password, setPassword] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!password) return;
    disable.mutate(password, {
      onSuccess: () => {
        notifySuccess(t('mfa.offText'), t('mfa.offTitle'));
        void refreshSession();
        onDone();
      },
      onError: () => setPassword(''),
    });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('mfa.disable')}>
      <Stack gap="sm">
        {disable.error && (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(disable.error)}
          </Alert>
        )}
        <PasswordInput
          label={t('password.title')}
          description={t('mfa.confirm')}
          autoComplete="current-password"
          autoFocus
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
        />
        <Group gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('mfa.cancel')}
          </Button>
          <Button type="submit" color="red" loading={disable.isPending} disabled={!password}>
            {t('mfa.disableShort')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Profile card: set up or turn off two-factor authentication. */
export function MfaCard() {
  const me = useMe();
  const { t } = useTranslation('profile');
  const [mode, setMode] = useState<'idle' | 'enrolling' | 'disabling'>('idle');

  return (
    <Paper withBorder p="lg" radius="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>{t('mfa.title')}</Title>
          <Badge color={me.mfaEnabled ? 'teal' : 'gray'} variant="light">
            {me.mfaEnabled ? t('mfa.on') : t('mfa.off')}
          </Badge>
        </Group>
        {mode === 'enrolling' ? (
          <MfaEnrollment
            doneLabel={t('mfa.done')}
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
              {t('mfa.onText')}
            </Text>
            <Button
              variant="light"
              color="red"
              w="fit-content"
              leftSection={<IconShieldOff size={16} />}
              onClick={() => setMode('disabling')}
            >
              {t('mfa.disable')}
            </Button>
          </>
        ) : (
          <>
            <Text size="sm" c="dimmed">
              {t('mfa.offHint')}
            </Text>
            <Button
              w="fit-content"
              leftSection={<IconShieldCheck size={16} />}
              onClick={() => setMode('enrolling')}
            >
              {t('mfa.setUp')}
            </Button>
          </>
        )}
      </Stack>
    </Paper>
  );
}
