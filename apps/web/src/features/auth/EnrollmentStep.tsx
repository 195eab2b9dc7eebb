import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { IconShieldLock } from '@tabler/icons-react';
import { MfaEnrollment } from './MfaEnrollment';
import { refreshSession, useLogout } from './session';

/** Sign-in step for users whose role requires MFA and who have none yet. */
export function EnrollmentStep() {
  const logout = useLogout();
  return (
    <Stack gap="md">
      <Group gap="xs">
        <IconShieldLock size={22} />
        <Title order={3}>Set up two-factor authentication</Title>
      </Group>
      <Text size="sm" c="dimmed">
        Your role requires a second factor. Set it up now to continue.
      </Text>
      <MfaEnrollment onDone={() => void refreshSession()} />
      <Anchor component="button" type="button" size="sm" c="dimmed" onClick={() => logout.mutate()}>
        Sign out
      </Anchor>
    </Stack>
  );
}
