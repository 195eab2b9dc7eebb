import { ActionIcon, Alert, Button, Group, Modal, Stack, TextInput, Textarea } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import type { MessageTemplateBody } from '@telerad/contracts';
import { useState } from 'react';
import { errorMessage } from '../../app/apiError';
import { notifySuccess } from '../../app/notify';
import { useSaveTemplates, useTemplates } from './api';

const TEXT = {
  title: 'Message templates',
  intro:
    'Every assistant offers these to clinics from the Templates menu. Keep them short and in plain words.',
  name: 'Name',
  body: 'Message',
  add: 'Add a template',
  save: 'Save templates',
  saved: 'The templates are saved.',
  up: 'Move up',
  down: 'Move down',
  remove: 'Remove',
};

/** The assistant lead's editor of the templates: add, reword, reorder, remove; saved as one list. */
export function TemplatesEditor({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const templates = useTemplates(opened);
  const save = useSaveTemplates();
  const [draft, setDraft] = useState<MessageTemplateBody[] | null>(null);
  const list =
    draft ?? (templates.data ?? []).map((t) => ({ title: t.title, body: t.body, position: 0 }));
  const edit = (i: number, patch: Partial<MessageTemplateBody>) =>
    setDraft(list.map((t, j) => (j === i ? { ...t, ...patch } : t)));
  const move = (i: number, by: number) => {
    const next = [...list];
    const [t] = next.splice(i, 1);
    next.splice(i + by, 0, t!);
    setDraft(next);
  };
  const close = () => {
    setDraft(null);
    save.reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={TEXT.title} size="lg">
      <Stack gap="sm">
        <Alert variant="light">{TEXT.intro}</Alert>
        {list.map((t, i) => (
          <Stack
            key={i}
            gap={4}
            p="xs"
            style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 8 }}
          >
            <Group gap="xs" wrap="nowrap" align="flex-end">
              <TextInput
                label={TEXT.name}
                value={t.title}
                maxLength={80}
                onChange={(e) => edit(i, { title: e.currentTarget.value })}
                style={{ flex: 1 }}
              />
              <ActionIcon
                variant="default"
                aria-label={TEXT.up}
                disabled={i === 0}
                onClick={() => move(i, -1)}
              >
                <IconArrowUp size={16} />
              </ActionIcon>
              <ActionIcon
                variant="default"
                aria-label={TEXT.down}
                disabled={i === list.length - 1}
                onClick={() => move(i, 1)}
              >
                <IconArrowDown size={16} />
              </ActionIcon>
              <ActionIcon
                variant="default"
                color="red"
                aria-label={TEXT.remove}
                onClick={() => setDraft(list.filter((_, j) => j !== i))}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
            <Textarea
              label={TEXT.body}
              autosize
              minRows={2}
              maxLength={4000}
              value={t.body}
              onChange={(e) => edit(i, { body: e.currentTarget.value })}
            />
          </Stack>
        ))}
        {save.isError && <Alert color="red">{errorMessage(save.error)}</Alert>}
        <Group justify="space-between">
          <Button
            variant="default"
            leftSection={<IconPlus size={16} />}
            onClick={() => setDraft([...list, { title: '', body: '', position: 0 }])}
          >
            {TEXT.add}
          </Button>
          <Button
            loading={save.isPending}
            disabled={draft === null}
            onClick={() =>
              save.mutate(list, {
                onSuccess: () => {
                  notifySuccess(TEXT.saved);
                  close();
                },
              })
            }
          >
            {TEXT.save}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
