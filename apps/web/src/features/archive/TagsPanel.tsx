import { Alert, Button, Center, Group, Loader, Paper, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconPlugConnectedX, IconSearch } from '@tabler/icons-react';
import type { StudyDetail } from '@telerad/contracts';
import { useMemo, useState } from 'react';
import { errorMessage } from '../../app/apiError';
import { LabelledSelect } from '../../app/components/LabelledSelect';
import { isNotFound, isServiceMissing, useInstanceMetadata } from './api';
import { filterTagRows, toTagRows } from './dicomJson';
import { TagTable } from './TagTable';

/** The options of the instance picker: series, instance number and view, in series order. */
function instanceOptions(detail: StudyDetail) {
  return detail.series.flatMap((s) =>
    detail.instances
      .filter((i) => i.seriesUid === s.seriesUid)
      .sort((a, b) => (a.instanceNumber ?? 0) - (b.instanceNumber ?? 0))
      .map((i) => ({
        value: i.sopUid,
        label: [
          s.seriesNumber === null ? 'Series' : `Series ${s.seriesNumber}`,
          `image ${i.instanceNumber ?? '?'}`,
          s.viewPosition,
          s.modality,
        ]
          .filter(Boolean)
          .join(' · '),
      })),
  );
}

/** Why the tags cannot be shown, in words a user can act on. */
function MetadataError({ error, retry }: { error: unknown; retry: () => void }) {
  if (isServiceMissing(error)) {
    return (
      <Alert
        color="yellow"
        variant="light"
        icon={<IconPlugConnectedX />}
        title="DICOM tags are not available yet"
      >
        This server does not offer the DICOMweb metadata service (WADO-RS) yet, so the attributes of
        stored images cannot be shown. The images themselves are safely archived.
      </Alert>
    );
  }
  if (isNotFound(error)) {
    return (
      <Alert
        color="yellow"
        variant="light"
        icon={<IconAlertTriangle />}
        title="No metadata for this image"
      >
        The archive has no stored object for this instance. It may have been replaced by a newer
        version: reload the page.
      </Alert>
    );
  }
  return (
    <Alert color="red" icon={<IconAlertTriangle />} title="Could not load the tags" role="alert">
      {errorMessage(error)}
      <Button variant="subtle" size="xs" ml="sm" onClick={retry}>
        Try again
      </Button>
    </Alert>
  );
}

/** The Tags tab: pick an instance, filter its attributes, read them as a table. */
export function TagsPanel({
  detail,
  sopUid,
  onSelectSop,
}: {
  detail: StudyDetail;
  /** The instance asked for in the URL, or null for the first one. */
  sopUid: string | null;
  onSelectSop: (sopUid: string) => void;
}) {
  const options = useMemo(() => instanceOptions(detail), [detail]);
  const [filter, setFilter] = useState('');
  const current = detail.instances.find((i) => i.sopUid === sopUid) ?? detail.instances[0];
  const metadata = useInstanceMetadata(
    current
      ? { studyUid: detail.study.studyUid, seriesUid: current.seriesUid, sopUid: current.sopUid }
      : null,
  );
  const rows = useMemo(() => (metadata.data ? toTagRows(metadata.data) : []), [metadata.data]);
  const shown = useMemo(() => filterTagRows(rows, filter), [rows, filter]);

  if (!current) {
    return (
      <Text c="dimmed" size="sm" py="lg" ta="center">
        This study has no images yet.
      </Text>
    );
  }
  return (
    <Stack gap="md">
      <Group gap="sm" align="flex-end">
        <LabelledSelect
          label="Instance"
          data={options}
          value={current.sopUid}
          onChange={(v) => v && onSelectSop(v)}
          allowDeselect={false}
          w={340}
          style={{ maxWidth: '100%' }}
        />
        <TextInput
          label="Filter tags"
          placeholder="Tag, keyword or value, e.g. 0010 or PatientName"
          leftSection={<IconSearch size={16} />}
          value={filter}
          onChange={(e) => setFilter(e.currentTarget.value)}
          style={{ flex: 1, minWidth: 220 }}
        />
      </Group>
      <Text size="xs" c="dimmed" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
        SOP Instance UID {current.sopUid}
      </Text>
      {metadata.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading tags" />
        </Center>
      ) : metadata.error ? (
        <MetadataError error={metadata.error} retry={() => void metadata.refetch()} />
      ) : (
        <Paper withBorder radius="md">
          <TagTable rows={shown} expandAll={filter.trim() !== ''} />
          {shown.length === 0 && (
            <Text c="dimmed" ta="center" py="lg" size="sm">
              No attribute matches “{filter}”.
            </Text>
          )}
        </Paper>
      )}
    </Stack>
  );
}
