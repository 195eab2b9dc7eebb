import {
  Alert,
  Button,
  Group,
  List,
  Modal,
  ScrollArea,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconAlertTriangle, IconShieldLock } from '@tabler/icons-react';
import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, errorMessage } from '../../app/apiError';
import { isMfaInvalid, isMfaRequired } from './api';

/** The messages of a 422 REPORT_INVALID (its `details.issues`), else none. */
function issueMessages(e: unknown): string[] {
  if (!(e instanceof ApiError) || !e.details || typeof e.details !== 'object') return [];
  const issues = (e.details as { issues?: unknown }).issues;
  if (!Array.isArray(issues)) return [];
  return issues.flatMap((i: unknown) =>
    i && typeof i === 'object' && typeof (i as { message?: unknown }).message === 'string'
      ? [(i as { message: string }).message]
      : [],
  );
}

const CODE = /^(\d{6}|[a-z0-9]{5}-[a-z0-9]{5})$/;

/**
 * Confirms a signature-like act (sign, concur, amend, addendum): shows what will be released
 * and, when the server answers 403 MFA_REQUIRED, asks for an authenticator code and retries.
 */
export function SignDialog({
  opened,
  title,
  confirmLabel,
  onClose,
  onConfirm,
  children,
}: {
  opened: boolean;
  title: string;
  confirmLabel: string;
  onClose: () => void;
  /** Performs the act; rejects with the API error. */
  onConfirm: (mfaCode: string | undefined) => Promise<unknown>;
  children: ReactNode;
}) {
  const [needMfa, setNeedMfa] = useState(false);
  const [code, setCode] = useState('');
  const [error, setError] = useState<{ message: string; issues: string[] } | null>(null);
  const [pending, setPending] = useState(false);
  const normalised = code.trim().toLowerCase().replace(/\s/g, '');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending || (needMfa && !CODE.test(normalised))) return;
    setPending(true);
    setError(null);
    try {
      await onConfirm(needMfa ? normalised : undefined);
      setCode('');
      setNeedMfa(false);
    } catch (e) {
      if (isMfaRequired(e) || isMfaInvalid(e)) {
        if (needMfa || isMfaInvalid(e)) setError({ message: errorMessage(e), issues: [] });
        setNeedMfa(true);
        setCode('');
      } else setError({ message: errorMessage(e), issues: issueMessages(e) });
    } finally {
      setPending(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={title} size="lg" centered>
      <form onSubmit={(e) => void submit(e)} noValidate aria-label={title}>
        <Stack gap="sm">
          <ScrollArea.Autosize mah="55vh" type="auto">
            {children}
          </ScrollArea.Autosize>
          {needMfa && (
            <TextInput
              label="Authentication code"
              description="Signing needs a fresh code from your authenticator app (or a recovery code)."
              leftSection={<IconShieldLock size={16} />}
              autoComplete="one-time-code"
              inputMode="numeric"
              data-autofocus
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
            />
          )}
          {error && (
            <Alert color="red" variant="light" icon={<IconAlertTriangle />} role="alert">
              {error.message}
              {error.issues.length > 0 && (
                <List size="sm" mt={4}>
                  {error.issues.map((m) => (
                    <List.Item key={m}>{m}</List.Item>
                  ))}
                </List>
              )}
            </Alert>
          )}
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              A signed report is never edited; later changes are addenda.
            </Text>
            <Group gap="xs">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button
                type="submit"
                loading={pending}
                disabled={needMfa && !CODE.test(normalised)}
                data-autofocus={needMfa ? undefined : true}
              >
                {confirmLabel}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
