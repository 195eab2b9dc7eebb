import {
  ActionIcon,
  Alert,
  Button,
  CloseButton,
  FileButton,
  Group,
  Loader,
  Menu,
  Paper,
  Stack,
  Text,
  Textarea,
  Tooltip,
} from '@mantine/core';
import { IconPaperclip, IconSend, IconTemplate } from '@tabler/icons-react';
import { MAX_ATTACHMENT_BYTES, type MessageAttachment } from '@telerad/contracts';
import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/apiError';
import { sendTyping, uploadAttachment, useSendMessage, useTemplates } from './api';
import { fileSize } from './MessageAttachments';

/** How often, at most, the others are told the user is typing. */
const TYPING_EVERY_MS = 3000;

/** A file chosen for the message: on its way, ready (uploaded), or refused with the reason. */
type Pending =
  | { key: string; name: string; state: 'uploading' }
  | { key: string; name: string; state: 'ready'; file: MessageAttachment }
  | { key: string; name: string; state: 'failed'; error: string };

/**
 * Writes and sends a message: text, files sent ahead as soon as they are chosen (so the message
 * itself leaves at once), and templates of common requests. Keys typed here stay here: the
 * reading screen's own shortcuts do not fire while writing.
 */
export function Composer({ threadId, dark = false }: { threadId: string; dark?: boolean }) {
  const { t } = useTranslation('messaging');
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<Pending[]>([]);
  const lastTyping = useRef(0);
  const send = useSendMessage(threadId);
  const templates = useTemplates();
  const uploading = files.some((f) => f.state === 'uploading');
  const ready = files.flatMap((f) => (f.state === 'ready' ? [f.file] : []));
  const canSend = !send.isPending && !uploading && (body.trim().length > 0 || ready.length > 0);

  const choose = (chosen: File[]) => {
    for (const file of chosen) {
      const key = `${file.name}-${file.size}-${Math.random()}`;
      if (file.size > MAX_ATTACHMENT_BYTES) {
        const error = t('composer.tooLarge');
        setFiles((fs) => [...fs, { key, name: file.name, state: 'failed', error }]);
        continue;
      }
      setFiles((fs) => [...fs, { key, name: file.name, state: 'uploading' }]);
      uploadAttachment(threadId, file).then(
        (done) =>
          setFiles((fs) =>
            fs.map((f) =>
              f.key === key ? { key, name: file.name, state: 'ready', file: done } : f,
            ),
          ),
        (e: unknown) =>
          setFiles((fs) =>
            fs.map((f) =>
              f.key === key ? { key, name: file.name, state: 'failed', error: errorMessage(e) } : f,
            ),
          ),
      );
    }
  };

  const submit = () => {
    if (!canSend) return;
    send.mutate(
      { body: body.trim(), attachmentIds: ready.map((f) => f.id) },
      {
        onSuccess: () => {
          setBody('');
          setFiles([]);
        },
      },
    );
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    // The reading screen listens for Ctrl+Enter (sign), Alt+letters (report) and letters (viewer
    // tools) on the window: none may fire while writing. Escape still closes a drawer.
    if (e.key !== 'Escape') e.stopPropagation();
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      submit();
    }
  };

  const onChange = (value: string) => {
    setBody(value);
    const now = Date.now();
    if (value.trim() && now - lastTyping.current > TYPING_EVERY_MS) {
      lastTyping.current = now;
      sendTyping(threadId);
    }
  };

  return (
    <Stack gap={6}>
      {send.isError && (
        <Alert color="red" py={6} withCloseButton onClose={() => send.reset()}>
          {errorMessage(send.error)}
        </Alert>
      )}
      {files.length > 0 && (
        <Group gap={6} wrap="wrap">
          {files.map((f) => (
            <Paper
              key={f.key}
              withBorder
              px={8}
              py={2}
              radius="sm"
              bg={f.state === 'failed' ? 'var(--mantine-color-red-light)' : undefined}
            >
              <Group gap={6} wrap="nowrap">
                {f.state === 'uploading' && (
                  <Loader size={12} aria-label={t('composer.uploading')} />
                )}
                <Text size="xs" truncate="end" maw={220}>
                  {f.name}
                  {f.state === 'ready' && ` · ${fileSize(f.file.sizeBytes)}`}
                </Text>
                <CloseButton
                  size="xs"
                  aria-label={t('composer.remove', { name: f.name })}
                  onClick={() => setFiles((fs) => fs.filter((x) => x.key !== f.key))}
                />
              </Group>
              {f.state === 'failed' && (
                <Text size="xs" c="red" maw={420} role="alert">
                  {f.error}
                </Text>
              )}
            </Paper>
          ))}
        </Group>
      )}
      <Textarea
        aria-label={t('composer.label')}
        placeholder={t('composer.placeholder')}
        autosize
        minRows={2}
        maxRows={6}
        maxLength={4000}
        value={body}
        onChange={(e) => onChange(e.currentTarget.value)}
        onKeyDown={onKeyDown}
        data-autofocus
      />
      <Group justify="space-between" wrap="nowrap">
        <Group gap={4} wrap="nowrap">
          <FileButton onChange={choose} accept="image/png,image/jpeg,application/pdf" multiple>
            {(props) => (
              <Tooltip label={t('composer.attach')}>
                <ActionIcon
                  {...props}
                  variant={dark ? 'subtle' : 'default'}
                  size="lg"
                  aria-label={t('composer.attach')}
                >
                  <IconPaperclip size={18} />
                </ActionIcon>
              </Tooltip>
            )}
          </FileButton>
          <Menu position="top-start" width={320} withinPortal>
            <Menu.Target>
              <Button
                variant={dark ? 'subtle' : 'default'}
                size="compact-sm"
                leftSection={<IconTemplate size={16} />}
                title={t('composer.templatesHint')}
              >
                {t('composer.templates')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {(templates.data ?? []).length === 0 && (
                <Menu.Label>{t('composer.noTemplates')}</Menu.Label>
              )}
              {(templates.data ?? []).map((tpl) => (
                <Menu.Item
                  key={tpl.id}
                  onClick={() =>
                    setBody((b) => (b.trim() ? `${b.trimEnd()}\n${tpl.body}` : tpl.body))
                  }
                >
                  <Text size="sm" fw={600}>
                    {tpl.title}
                  </Text>
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    {tpl.body}
                  </Text>
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        </Group>
        <Button
          onClick={submit}
          disabled={!canSend}
          loading={send.isPending}
          rightSection={<IconSend size={16} />}
          size="sm"
        >
          {t('composer.send')}
        </Button>
      </Group>
    </Stack>
  );
}
