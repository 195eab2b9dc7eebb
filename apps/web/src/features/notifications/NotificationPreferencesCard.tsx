import { Group, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import type { NotificationChannel, NotificationKind } from '@telerad/contracts';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../app/components/QueryState';
import { notifyError } from '../../app/notify';
import { useClinics } from '../admin/clinics/api';
import { useMe } from '../auth/session';
import { DigestPreviewButton } from '../digest/DigestPreviewButton';
import { useNotificationPreferences, useSetNotificationPreference } from './api';
import { kindKey } from './NotificationBell';

/**
 * The profile's notification switches: for each kind the user's roles receive, one for the bell
 * in the app and one for e-mail, each saved as it is flipped; and, for a clinic manager, the
 * daily summary e-mail.
 */
export function NotificationPreferencesCard() {
  const me = useMe();
  const { t } = useTranslation();
  const prefs = useNotificationPreferences(me.id);
  // Only a clinic manager needs the codes, for the summary previews.
  const clinics = useClinics(Boolean(prefs.data?.digest));
  const clinicCode = new Map((clinics.data ?? []).map((c) => [c.id, c.code]));
  const change = useSetNotificationPreference(me.id);
  const flip = (kind: NotificationKind, channel: NotificationChannel, enabled: boolean) =>
    change.mutate({ kind, channel, enabled }, { onError: (e) => notifyError(e) });
  const busy = (kind: string, channel: NotificationChannel) => {
    const v = change.isPending ? change.variables : undefined;
    return Boolean(v && 'kind' in v && v.kind === kind && v.channel === channel);
  };
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
            {p.digest && (
              <Stack gap="xs">
                <Switch
                  checked={p.email && p.digest.enabled}
                  onChange={(e) =>
                    change.mutate(
                      { digest: e.currentTarget.checked },
                      { onError: (err) => notifyError(err) },
                    )
                  }
                  label={t('profile:digest.label')}
                  description={t('profile:digest.description')}
                  disabled={!p.email}
                />
                <Group gap="xs">
                  {p.digest.clinicIds.map((id) => (
                    <DigestPreviewButton
                      key={id}
                      clinicId={id}
                      clinicCode={clinicCode.get(id) ?? '—'}
                    />
                  ))}
                </Group>
              </Stack>
            )}
            {p.preferences.length === 0 ? (
              <Text size="sm">{t('profile:notifications.none')}</Text>
            ) : (
              p.preferences.map((pref) => {
                const label = t(`notificationKinds.${kindKey(pref.kind)}.label`, pref.label);
                return (
                  <Stack key={pref.kind} gap={4}>
                    <Text size="sm" fw={500}>
                      {label}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t(`notificationKinds.${kindKey(pref.kind)}.description`, pref.description)}
                    </Text>
                    <Group gap="lg">
                      <Switch
                        size="sm"
                        checked={pref.app}
                        onChange={(e) => flip(pref.kind, 'app', e.currentTarget.checked)}
                        label={t('profile:notifications.inApp')}
                        aria-label={t('profile:notifications.inAppOf', { kind: label })}
                        disabled={busy(pref.kind, 'app')}
                      />
                      <Switch
                        size="sm"
                        checked={p.email && pref.email}
                        onChange={(e) => flip(pref.kind, 'email', e.currentTarget.checked)}
                        label={t('profile:notifications.byEmail')}
                        aria-label={t('profile:notifications.byEmailOf', { kind: label })}
                        disabled={!p.email || busy(pref.kind, 'email')}
                      />
                    </Group>
                  </Stack>
                );
              })
            )}
          </Stack>
        )}
      </QueryState>
    </Paper>
  );
}
