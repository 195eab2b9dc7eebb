import { Anchor, Group, Image, Paper, Text } from '@mantine/core';
import { IconFileTypePdf } from '@tabler/icons-react';
import type { MessageAttachment } from '@telerad/contracts';
import { useTranslation } from 'react-i18next';
import { attachmentUrl } from './api';

/** Human size of a file: "340 KB", "2.4 MB". */
export function fileSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * A message's files: images as small previews (a few tens of KB, whatever the photo's size) that
 * open full size; PDFs as a named link with their size.
 */
export function MessageAttachments({ files }: { files: MessageAttachment[] }) {
  const { t } = useTranslation('messaging');
  if (files.length === 0) return null;
  return (
    <Group gap="xs" mt={6} wrap="wrap">
      {files.map((f) =>
        f.contentType.startsWith('image/') ? (
          <Anchor
            key={f.id}
            href={attachmentUrl(f.id)}
            target="_blank"
            rel="noopener"
            aria-label={t('files.openImage', { name: f.fileName })}
          >
            <Image
              src={attachmentUrl(f.id, true)}
              alt={f.fileName}
              h={120}
              w="auto"
              maw={200}
              radius="sm"
              fit="contain"
              loading="lazy"
              data-testid="attachment-thumbnail"
            />
          </Anchor>
        ) : (
          <Paper key={f.id} withBorder px="xs" py={4} radius="sm">
            <Anchor
              href={attachmentUrl(f.id)}
              target="_blank"
              rel="noopener"
              size="sm"
              aria-label={t('files.openPdf', { name: f.fileName })}
            >
              <Group gap={6} wrap="nowrap">
                <IconFileTypePdf size={18} />
                <Text size="sm" truncate="end" maw={180}>
                  {f.fileName}
                </Text>
                <Text size="xs" c="dimmed">
                  {fileSize(f.sizeBytes)}
                </Text>
              </Group>
            </Anchor>
          </Paper>
        ),
      )}
    </Group>
  );
}
