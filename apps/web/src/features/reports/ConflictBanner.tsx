import { Alert, Button, Group, ScrollArea, Text } from '@mantine/core';
import { IconGitCompare } from '@tabler/icons-react';
import { formatDateTime } from '../../app/format';
import { ReportViewCard, viewOf } from './ReportViewCard';
import type { ReportRecord } from '@telerad/contracts';

/**
 * Shown when the autosave met a newer revision (another tab or device saved this draft). Both
 * versions stay on screen; nothing the reader typed is dropped until they choose.
 */
export function ConflictBanner({
  server,
  onChoose,
}: {
  server: ReportRecord;
  onChoose: (keep: 'mine' | 'theirs') => void;
}) {
  const view = viewOf(server.content);
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconGitCompare />}
      title="This draft was saved elsewhere"
      role="alert"
    >
      <Text size="xs" mb={6}>
        Revision {server.revision}
        {server.updatedAt ? `, saved ${formatDateTime(server.updatedAt)}` : ''}, is newer than the
        one you were editing. Your text is still in the form below. Keep yours (it replaces the
        newer version) or take the newer version shown here.
      </Text>
      {view && (
        <ScrollArea.Autosize mah={220} type="auto" mb={6}>
          <ReportViewCard view={view} />
        </ScrollArea.Autosize>
      )}
      <Group gap="xs">
        <Button size="compact-xs" onClick={() => onChoose('mine')}>
          Keep mine
        </Button>
        <Button size="compact-xs" variant="default" onClick={() => onChoose('theirs')}>
          Take the newer version
        </Button>
      </Group>
    </Alert>
  );
}
