import { Paper, Stack, Switch, Text, Title } from '@mantine/core';
import type { NotificationKind } from '@telerad/contracts';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../app/components/QueryState';
import { notifyError } from '../../app/notify';
import { useMe } from '../auth/session';
import { useNotificationPreferences, useSetNotificationPreference } from './api';
import { kindKey } from './NotificationBell';

/**
 * The profile's notification switches: one per kind the user's roles receive, each saved as it
 * is flipped. E-mail follows the same switches where the server sends e-mail.
 */
export function NotificationPreferencesCard() {
  const me = useMe();
  const { t } = useTranslation();
  const prefs = useNotificationPreferences(me.id);
  const change = useSetNotificationPreference(me.id);
  const flip = (kind: NotificationKind, enabled: boolean) =>
    change.mutate({ kind, enabled }, { onError: (e) => notifyError(e) });
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="notify-prefs">
      <Title order={4} id="notify-prefs">
        {t('profile:notifications.title')}
      </Title>
      <QueryState query={prefs}>
        {(p) => (
          <Stack gap="md" mt="xs">
            <Text size="sm" c="dimmed">
              {p.email
                ? t('profile:notifications.withEmail')
                : t('profile:notifications.withoutEmail')}
            </Text>
            {p.preferences.length === 0 ? (
              <Text size="sm">{t('profile:notifications.none')}</Text>
            ) : (
              p.preferences.map((pref) => (
                <Switch
                  key={pref.kind}
                  checked={pref.enabled}
                  onChange={(e) => flip(pref.kind, e.currentTarget.checked)}
                  label={t(`notificationKinds.${kindKey(pref.kind)}.label`, pref.label)}
                  description={t(
                    `notificationKinds.${kindKey(pref.kind)}.description`,
                    pref.description,
                  )}
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
