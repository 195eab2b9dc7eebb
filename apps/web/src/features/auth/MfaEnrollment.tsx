import {
  Alert,
  Button,
  Center,
  Code,
  CopyButton,
  Group,
  Image,
  Loader,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/apiError';
import { RecoveryCodes } from './RecoveryCodes';
import { useConfirmMfa, useEnrollMfa } from './session';

/** Groups a base32 secret in fours so it can be typed by hand. */
function groupSecret(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

/**
 * MFA enrolment: asks the server for a secret, shows its QR code and the secret as text,
 * confirms a first code, then shows the recovery codes. `onDone` runs when the user continues.
 */
export function MfaEnrollment({
  onDone,
  onCancel,
  doneLabel,
}: {
  onDone: () => void;
  onCancel?: () => void;
  doneLabel?: string;
}) {
  const { t } = useTranslation('profile');
  const enroll = useEnrollMfa();
  const confirm = useConfirmMfa();
  const [code, setCode] = useState('');
  const started = useRef(false);

  useEffect(() => {
    // Start once: each enrol call issues a new secret and would void the QR already shown.
    if (started.current) return;
    started.current = true;
    enroll.mutate();
  }, [enroll]);

  if (confirm.data) {
    return (
      <Stack gap="md">
        <Alert color="teal" variant="light" icon={<IconCheck />} title={t('mfaSetup.onTitle')}>
          {t('mfaSetup.onText')}
        </Alert>
        <RecoveryCodes codes={confirm.data.recoveryCodes} />
        <Button onClick={onDone}>{doneLabel ?? t('mfaSetup.continue')}</Button>
      </Stack>
    );
  }

  if (enroll.isPending || enroll.isIdle) {
    return (
      <Center py="xl">
        <Loader aria-label={t('mfaSetup.preparing')} />
      </Center>
    );
  }
  if (enroll.error || !enroll.data) {
    return (
      <Alert
        color="red"
        icon={<IconAlertTriangle />}
        title={t('mfaSetup.startFailed')}
        role="alert"
      >
        {errorMessage(enroll.error)}
        <Button size="xs" variant="subtle" ml="sm" onClick={() => enroll.mutate()}>
          {t('mfaSetup.retry')}
        </Button>
      </Alert>
    );
  }

  const { secret, qrDataUrl } = enroll.data;
  const digits = code.replace(/\s/g, '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (/^\d{6}$/.test(digits)) confirm.mutate(digits, { onError: () => setCode('') });
  };

  return (
    <form onSubmit={submit} noValidate aria-label={t('mfaSetup.form')}>
      <Stack gap="md">
        <Text size="sm">{t('mfaSetup.scan')}</Text>
        <Center>
          <Image
            src={qrDataUrl}
            alt={t('mfaSetup.qrAlt')}
            w={200}
            h={200}
            radius="md"
            style={{ background: 'white', padding: 8 }}
          />
        </Center>
        <Stack gap={4}>
          <Text size="sm">{t('mfaSetup.typeSecret')}</Text>
          <Group gap="xs" wrap="nowrap">
            <Code
              data-testid="mfa-secret"
              data-secret={secret}
              fz="sm"
              py={6}
              px="sm"
              style={{ wordBreak: 'break-all', flex: 1 }}
            >
              {secret}
            </Code>
            <CopyButton value={secret}>
              {({ copied, copy }) => (
                <Button
                  size="xs"
                  variant="default"
                  onClick={copy}
                  leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                  aria-label={t('mfaSetup.copySecret')}
                >
                  {copied ? t('mfaSetup.copied') : t('mfaSetup.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Text size="xs" c="dimmed">
            {t('mfaSetup.grouped', { secret: groupSecret(secret) })}
          </Text>
        </Stack>
        <Text size="sm">{t('mfaSetup.enterCode')}</Text>
        {confirm.error && (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertTriangle />}
            role="alert"
            title={t('mfaSetup.codeRefused')}
          >
            {errorMessage(confirm.error)}
          </Alert>
        )}
        <TextInput
          label={t('mfaSetup.codeLabel')}
          placeholder="123456"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          styles={{
            input: { fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: '0.3em' },
          }}
        />
        <Group justify="flex-end" gap="sm">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t('mfaSetup.cancel')}
            </Button>
          )}
          <Button type="submit" loading={confirm.isPending} disabled={!/^\d{6}$/.test(digits)}>
            {t('mfaSetup.confirm')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
