import { Alert, Button, Code, CopyButton, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy, IconDownload, IconKey } from '@tabler/icons-react';

function download(codes: readonly string[]): void {
  const text = `Telerad recovery codes\nEach code works once. Keep them somewhere safe.\n\n${codes.join('\n')}\n`;
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = 'telerad-recovery-codes.txt';
  a.click();
  URL.revokeObjectURL(url);
}

/** The one-time display of MFA recovery codes, with copy and download. */
export function RecoveryCodes({ codes }: { codes: readonly string[] }) {
  return (
    <Stack gap="sm">
      <Alert color="yellow" variant="light" icon={<IconKey />} title="Save your recovery codes">
        They are shown only now. Each code signs you in once if you lose your authenticator.
      </Alert>
      <SimpleGrid cols={2} spacing="xs" data-testid="recovery-codes" aria-label="Recovery codes">
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
              {copied ? 'Copied' : 'Copy codes'}
            </Button>
          )}
        </CopyButton>
        <Button
          variant="default"
          leftSection={<IconDownload size={16} />}
          onClick={() => download(codes)}
        >
          Download codes
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        Store them in a password manager or print them. Do not keep them on the same phone as your
        authenticator.
      </Text>
    </Stack>
  );
}
