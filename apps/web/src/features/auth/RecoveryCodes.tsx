import { Alert, Button, Code, CopyButton, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy, IconDownload, IconKey } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

function download(codes: readonly string[], heading: string, note: string): void {
  const text = `${heading}\n${note}\n\n${codes.join('\n')}\n`;
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = 'telerad-recovery-codes.txt';
  a.click();
  URL.revokeObjectURL(url);
}

/** The one-time display of MFA recovery codes, with copy and download. */
export function RecoveryCodes({ codes }: { codes: readonly string[] }) {
  const { t } = useTranslation('profile');
  return (
    <Stack gap="sm">
      <Alert color="yellow" variant="light" icon={<IconKey />} title={t('recovery.title')}>
        {t('recovery.text')}
      </Alert>
      <SimpleGrid
        cols={2}
        spacing="xs"
        data-testid="recovery-codes"
        aria-label={t('recovery.label')}
      >
        {codes.map((code) => (
          <Code key={code} fz="md" ta="center" py={6}>
            {code}
          </Code>
        ))}
      </SimpleGrid>
      <Group gap="sm">
        <CopyButton value={codes.join('\n')}>
          {({ copied, copy }) => (
            <Button
              variant="default"
              leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
              onClick={copy}
            >
              {copied ? t('recovery.copied') : t('recovery.copy')}
            </Button>
          )}
        </CopyButton>
        <Button
          variant="default"
          leftSection={<IconDownload size={16} />}
          onClick={() => download(codes, t('recovery.fileHeading'), t('recovery.fileText'))}
        >
          {t('recovery.download')}
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        {t('recovery.keep')}
      </Text>
    </Stack>
  );
}
