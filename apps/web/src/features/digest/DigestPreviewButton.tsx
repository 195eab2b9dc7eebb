import { Button, Modal, Stack, Text } from '@mantine/core';
import { IconMailOpened } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../app/components/QueryState';
import { useDigestPreview } from './api';

/**
 * Opens a clinic's daily summary as it would be e-mailed now: its subject, recipient and the
 * HTML body, shown in a sandboxed frame exactly as a mail client would render it.
 */
export function DigestPreviewButton({
  clinicId,
  clinicCode,
  compact = false,
}: {
  clinicId: string;
  clinicCode: string;
  compact?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [opened, setOpened] = useState(false);
  const preview = useDigestPreview(clinicId, opened, i18n.language);
  return (
    <>
      <Button
        variant="light"
        size={compact ? 'compact-sm' : 'sm'}
        leftSection={<IconMailOpened size={16} />}
        onClick={() => setOpened(true)}
        aria-label={t('profile:digest.previewOf', { clinic: clinicCode })}
      >
        {compact
          ? t('profile:digest.previewShort')
          : t('profile:digest.preview', { clinic: clinicCode })}
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={t('profile:digest.title', { clinic: clinicCode })}
        size="lg"
      >
        <QueryState query={preview}>
          {(p) => (
            <Stack gap="xs">
              <Text size="sm">
                <strong>{t('profile:digest.subject')}</strong> {p.subject}
              </Text>
              <Text size="sm" c="dimmed">
                {p.to
                  ? t('profile:digest.sentTo', { to: p.to, timeZone: p.timeZone })
                  : t('profile:digest.noAddress', { timeZone: p.timeZone })}
              </Text>
              <iframe
                title={t('profile:digest.title', { clinic: clinicCode })}
                srcDoc={p.html}
                sandbox=""
                style={{
                  width: '100%',
                  height: '60vh',
                  border: '1px solid var(--mantine-color-default-border)',
                }}
              />
            </Stack>
          )}
        </QueryState>
      </Modal>
    </>
  );
}
