import {
  Button,
  FileInput,
  Group,
  Modal,
  MultiSelect,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Tabs,
  Text,
  TextInput,
  Textarea,
  Typography,
} from '@mantine/core';
import { IconFilePlus, IconUpload } from '@tabler/icons-react';
import { ROLES, type Role, type SopDocument, type SopFormat } from '@telerad/contracts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { notifyError, notifySuccess } from '../../app/notify';
import { useCreateSop, usePublishVersion, useSopOwners, uploadSopPdf } from './api';
import { renderSopMarkdown } from './sopHtml';

const day = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/**
 * QA's editor of a document's next version (or of a new document and its first): Markdown with
 * a preview, or a PDF uploaded first; the dates it takes effect and falls due for review; the
 * roles that must read it; what changed. Publishing tells those roles' users to read it.
 */
function SopEditor({ doc, onDone }: { doc?: SopDocument; onDone: (id: string) => void }) {
  const { t } = useTranslation();
  const owners = useSopOwners(true);
  const create = useCreateSop();
  const publish = usePublishVersion(doc?.id ?? '');
  const [title, setTitle] = useState(doc?.title ?? '');
  const [ownerId, setOwnerId] = useState<string | null>(doc?.ownerId ?? null);
  const [format, setFormat] = useState<SopFormat>(doc?.shown.format ?? 'markdown');
  const [markdown, setMarkdown] = useState(
    doc?.shown.format === 'markdown' ? doc.shown.markdown : '',
  );
  const [file, setFile] = useState<File | null>(null);
  const [effectiveOn, setEffectiveOn] = useState(day(0));
  const [reviewDueOn, setReviewDueOn] = useState(day(365));
  const [roles, setRoles] = useState<string[]>(doc?.shown.roles ?? []);
  const [changeNote, setChangeNote] = useState('');
  const [busy, setBusy] = useState(false);
  const preview = useMemo(() => renderSopMarkdown(markdown), [markdown]);

  const ready =
    (doc || (title.trim() && ownerId)) &&
    roles.length > 0 &&
    effectiveOn &&
    reviewDueOn > effectiveOn &&
    (format === 'markdown' ? markdown.trim() : file);

  const submit = async () => {
    setBusy(true);
    try {
      const fileId = format === 'pdf' && file ? (await uploadSopPdf(file)).fileId : null;
      const version = {
        format,
        markdown: format === 'markdown' ? markdown : '',
        fileId,
        effectiveOn,
        reviewDueOn,
        roles: roles as Role[],
        changeNote,
      };
      const saved = doc
        ? await publish.mutateAsync({ version, ownerId: ownerId !== doc.ownerId ? ownerId : null })
        : await create.mutateAsync({ title: title.trim(), ownerId: ownerId!, version });
      notifySuccess(
        `Version ${saved.shown.version} of ${saved.ref} is published; its readers were told.`,
        'Published',
      );
      onDone(saved.id);
    } catch (e) {
      notifyError(e, 'Not published');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="sm">
      {!doc && (
        <TextInput
          label="Title"
          placeholder="e.g. Patient identification before reading"
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          required
          data-autofocus
        />
      )}
      <Select
        label="Owner"
        description="Keeps it current; reminded when its review falls due."
        data={(owners.data?.people ?? []).map((p) => ({ value: p.id, label: p.name }))}
        value={ownerId}
        onChange={setOwnerId}
        searchable
        required
      />
      <MultiSelect
        label="Who must read it"
        description="Each user of these roles is told, and must confirm they read it."
        data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        value={roles}
        onChange={setRoles}
        searchable
        required
      />
      <Group grow>
        <TextInput
          type="date"
          label="In force from"
          value={effectiveOn}
          onChange={(e) => setEffectiveOn(e.currentTarget.value)}
          required
        />
        <TextInput
          type="date"
          label="Review due"
          value={reviewDueOn}
          onChange={(e) => setReviewDueOn(e.currentTarget.value)}
          error={
            reviewDueOn && reviewDueOn <= effectiveOn ? 'After the date it takes effect' : null
          }
          required
        />
      </Group>
      <SegmentedControl
        value={format}
        onChange={(v) => setFormat(v as SopFormat)}
        data={[
          { value: 'markdown', label: 'Write it here' },
          { value: 'pdf', label: 'Upload a PDF' },
        ]}
        aria-label="Format"
        w="fit-content"
      />
      {format === 'markdown' ? (
        <Tabs defaultValue="write">
          <Tabs.List>
            <Tabs.Tab value="write">Write</Tabs.Tab>
            <Tabs.Tab value="preview">Preview</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="write" pt="xs">
            <Textarea
              aria-label="Text"
              description="Markdown: # heading, **bold**, 1. numbered steps, | tables |."
              autosize
              minRows={8}
              maxRows={18}
              value={markdown}
              onChange={(e) => setMarkdown(e.currentTarget.value)}
            />
          </Tabs.Panel>
          <Tabs.Panel value="preview" pt="xs">
            <Paper withBorder p="md" mih={120}>
              {markdown.trim() ? (
                <Typography>
                  <div dangerouslySetInnerHTML={{ __html: preview }} />
                </Typography>
              ) : (
                <Text c="dimmed" size="sm">
                  Nothing written yet.
                </Text>
              )}
            </Paper>
          </Tabs.Panel>
        </Tabs>
      ) : (
        <FileInput
          label="PDF document"
          description="At most 20 MB."
          accept="application/pdf"
          leftSection={<IconUpload size={16} />}
          value={file}
          onChange={setFile}
          clearable
        />
      )}
      <Textarea
        label="What changed"
        placeholder={doc ? 'e.g. Adds the check of the side marker' : 'First version'}
        autosize
        minRows={2}
        value={changeNote}
        onChange={(e) => setChangeNote(e.currentTarget.value)}
      />
      <Group justify="flex-end">
        <Button onClick={() => void submit()} loading={busy} disabled={!ready}>
          {doc ? `Publish version ${(doc.versions[0]?.version ?? 0) + 1}` : 'Publish'}
        </Button>
      </Group>
    </Stack>
  );
}

/** Opens the editor: a new document, or (with `doc`) the next version of one. */
export function SopEditorButton({ doc }: { doc?: SopDocument }) {
  const { t } = useTranslation('sops');
  const [opened, setOpened] = useState(false);
  const navigate = useNavigate();
  const label = doc ? t('staff.newVersion') : t('staff.newDocument');
  return (
    <>
      <Button
        size="sm"
        leftSection={<IconFilePlus size={16} />}
        variant={doc ? 'light' : 'filled'}
        onClick={() => setOpened(true)}
      >
        {label}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={label} size="lg">
        <SopEditor
          doc={doc}
          onDone={(id) => {
            setOpened(false);
            if (!doc) void navigate(`/sops/${id}`);
          }}
        />
      </Modal>
    </>
  );
}
