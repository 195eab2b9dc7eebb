import { Paper, Stack, Switch, Text, Title } from '@mantine/core';
import type { NotificationKind } from '@telerad/contracts';
import { QueryState } from '../../app/components/QueryState';
import { notifyError } from '../../app/notify';
import { useMe } from '../auth/session';
import { useNotificationPreferences, useSetNotificationPreference } from './api';

/**
 * The profile's notification switches: one per kind the user's roles receive, each saved as it
 * is flipped. E-mail follows the same switches where the server sends e-mail.
 */
export function NotificationPreferencesCard() {
  const me = useMe();
  const prefs = useNotificationPreferences(me.id);
  const change = useSetNotificationPreference(me.id);
  const flip = (kind: NotificationKind, enabled: boolean) =>
    change.mutate({ kind, enabled }, { onError: (e) => notifyError(e) });
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="notify-prefs">
      <Title order={4} id="notify-prefs">
        Notifications
      </Title>
      <QueryState query={prefs}>
        {(p) => (
          <Stack gap="md" mt="xs">
            <Text size="sm" c="dimmed">
              {p.email
                ? 'Choose what the bell tells you. E-mail follows the same choices.'
                : 'Choose what the bell tells you.'}
            </Text>
            {p.preferences.length === 0 ? (
              <Text size="sm">
                Your role receives no notifications yet, so there is nothing to choose here.
              </Text>
            ) : (
              p.preferences.map((pref) => (
                <Switch
                  key={pref.kind}
                  checked={pref.enabled}
                  onChange={(e) => flip(pref.kind, e.currentTarget.checked)}
                  label={pref.label}
                  description={pref.description}
                  disabled={change.isPending && change.variables?.kind === pref.kind}
                />
              ))
            )}
          </Stack>
        )}
      </QueryState>
    </Paper>
  );
}
