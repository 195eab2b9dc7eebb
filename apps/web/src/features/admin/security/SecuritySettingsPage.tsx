import {
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ROLES, ROLE_LABELS, SecuritySettings, type Role } from '@telerad/contracts';
import { useState, type FormEvent } from 'react';
import { api } from '../../../app/api';
import { PageHeader } from '../../../app/components/PageHeader';
import { QueryState } from '../../../app/components/QueryState';
import { useFieldErrors } from '../../../app/formErrors';
import { notifyError, notifySuccess } from '../../../app/notify';

const KEY = ['settings', 'security'] as const;

function SecurityForm({ initial }: { initial: SecuritySettings }) {
  const qc = useQueryClient();
  const [draft, setDraft] = useState<SecuritySettings>(initial);
  const { errors, validate, fromServer } = useFieldErrors();
  const save = useMutation({
    mutationFn: (body: SecuritySettings) =>
      api.put<SecuritySettings>('/api/settings/security', body),
    onSuccess: (saved) => {
      qc.setQueryData(KEY, saved);
      notifySuccess('Security settings saved.', 'Saved');
    },
    onError: (error) => {
      if (!fromServer(error)) notifyError(error);
    },
  });
  const num = (key: 'sessionIdleMinutes' | 'lockoutThreshold' | 'lockoutMinutes') => ({
    value: draft[key],
    onChange: (v: string | number) => setDraft((d) => ({ ...d, [key]: Number(v) || 0 })),
    error: errors[key],
    allowDecimal: false,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = validate(SecuritySettings, draft);
    if (body) save.mutate(body);
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Security settings">
      <Stack gap="lg" maw={760}>
        <Paper withBorder p="lg" radius="md">
          <Stack gap="sm">
            <Title order={4}>Two-factor authentication</Title>
            <Checkbox.Group
              label="Roles that must use two-factor authentication"
              description="Users holding any of these roles must set up an authenticator before they can use Telerad."
              value={draft.mfaRequiredRoles}
              onChange={(v) => setDraft((d) => ({ ...d, mfaRequiredRoles: v as Role[] }))}
              error={errors.mfaRequiredRoles}
            >
              <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing="xs">
                {ROLES.map((r) => (
                  <Checkbox key={r} value={r} label={ROLE_LABELS[r]} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
            <Checkbox
              label="Ask for a fresh authenticator code to sign a report"
              description="Signing, concurring, amending and adding an addendum then need a new code from the signer's authenticator app."
              checked={draft.mfaOnSign}
              onChange={(e) => {
                const mfaOnSign = e.currentTarget.checked;
                setDraft((d) => ({ ...d, mfaOnSign }));
              }}
            />
          </Stack>
        </Paper>
        <Paper withBorder p="lg" radius="md">
          <Stack gap="sm">
            <Title order={4}>Sessions and lockout</Title>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <NumberInput
                label="Session idle timeout (minutes)"
                description="5 to 1440"
                min={5}
                max={1440}
                {...num('sessionIdleMinutes')}
              />
              <NumberInput
                label="Lockout threshold (failed attempts)"
                description="3 to 20"
                min={3}
                max={20}
                {...num('lockoutThreshold')}
              />
              <NumberInput
                label="Lockout duration (minutes)"
                description="1 to 1440"
                min={1}
                max={1440}
                {...num('lockoutMinutes')}
              />
            </SimpleGrid>
            <Text size="xs" c="dimmed">
              A signed-in user idle for longer than the timeout must sign in again. After the
              threshold of failed sign-ins, the account is locked for the lockout duration.
            </Text>
          </Stack>
        </Paper>
        <Group>
          <Button type="submit" loading={save.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Admin → Security: MFA requirement per role, session timeout and lockout. */
export function SecuritySettingsPage() {
  const settings = useQuery({
    queryKey: KEY,
    queryFn: () => api.get<SecuritySettings>('/api/settings/security'),
  });
  return (
    <>
      <PageHeader
        title="Security settings"
        description="Apply to every account. Changes take effect at each user's next sign-in or request."
      />
      <QueryState query={settings}>{(data) => <SecurityForm initial={data} />}</QueryState>
    </>
  );
}
