import { Badge, Button, Card, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconTags } from '@tabler/icons-react';
import type { StudyDetail } from '@telerad/contracts';
import { thumbnailUrl } from './api';
import { formatBytes } from './studyFormat';
import { THUMB_SIZE, Thumbnail } from './Thumbnail';
import { useCan } from '../../app/useCan';
import { sopClassName, transferSyntaxName } from './transferSyntaxes';

type Series = StudyDetail['series'][number];
type Instance = StudyDetail['instances'][number];

/**
 * The series' heading: number, description and body part for the centre's staff; for clinic
 * staff, who do not speak of series, what the images show ("Chest PA · CHEST").
 */
function seriesTitle(s: Series, technical: boolean): string {
  const parts = [
    technical ? (s.seriesNumber === null ? 'Series' : `Series ${s.seriesNumber}`) : null,
    s.seriesDescription,
    s.bodyPart,
  ].filter(Boolean);
  return parts.join(' · ') || 'Images';
}

function InstanceCard({
  studyUid,
  series,
  instance,
  onShowTags,
}: {
  studyUid: string;
  series: Series;
  instance: Instance;
  onShowTags: (sopUid: string) => void;
}) {
  const label = `Image ${instance.instanceNumber ?? '?'}${series.viewPosition ? ` ${series.viewPosition}` : ''}`;
  const technical = useCan('archive:technical');
  const size =
    instance.rows && instance.columns ? `${instance.columns} × ${instance.rows}` : 'no pixel size';
  return (
    <Card withBorder padding="xs" radius="md" w={THUMB_SIZE + 22} aria-label={label}>
      <Thumbnail
        src={thumbnailUrl({ studyUid, seriesUid: series.seriesUid, sopUid: instance.sopUid })}
        alt={`Thumbnail of ${label}`}
      />
      <Stack gap={2} mt="xs">
        <Group gap={6} justify="space-between" wrap="nowrap">
          <Text size="sm" fw={600}>
            #{instance.instanceNumber ?? '—'}
          </Text>
          {series.viewPosition && (
            <Badge size="xs" variant="outline" radius="sm">
              {series.viewPosition}
            </Badge>
          )}
          {technical && instance.version > 1 && (
            <Tooltip label="A different object with this UID arrived later and replaced the first">
              <Badge size="xs" color="yellow" variant="light">
                v{instance.version}
              </Badge>
            </Tooltip>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {size} · {formatBytes(instance.sizeBytes)}
        </Text>
        {/* Encodings, object classes and tags are for staff; a clinic sees the image. */}
        {technical && (
          <>
            <Tooltip label={instance.transferSyntaxUid} openDelay={300}>
              <Text size="xs" c="dimmed" truncate>
                {transferSyntaxName(instance.transferSyntaxUid)}
              </Text>
            </Tooltip>
            <Tooltip label={instance.sopClassUid} openDelay={300}>
              <Text size="xs" c="dimmed" truncate>
                {sopClassName(instance.sopClassUid)}
              </Text>
            </Tooltip>
            <Button
              size="compact-xs"
              variant="subtle"
              leftSection={<IconTags size={12} />}
              onClick={() => onShowTags(instance.sopUid)}
              aria-label={`Show tags of ${label}`}
            >
              Tags
            </Button>
          </>
        )}
      </Stack>
    </Card>
  );
}

/** The Images tab: each series with its instances' thumbnails in a grid. */
export function SeriesImages({
  detail,
  onShowTags,
}: {
  detail: StudyDetail;
  onShowTags: (sopUid: string) => void;
}) {
  const technical = useCan('archive:technical');
  if (detail.series.length === 0) {
    return (
      <Text c="dimmed" size="sm" py="lg" ta="center">
        No images of this study have arrived yet.
      </Text>
    );
  }
  return (
    <Group gap="md" align="stretch">
      {detail.series.map((series) => {
        const instances = detail.instances
          .filter((i) => i.seriesUid === series.seriesUid)
          .sort((a, b) => (a.instanceNumber ?? 0) - (b.instanceNumber ?? 0));
        return (
          <Paper
            key={series.seriesUid}
            withBorder
            radius="md"
            p="md"
            component="section"
            aria-label={seriesTitle(series, technical)}
            style={{ flex: '0 1 auto', maxWidth: '100%' }}
          >
            <Group justify="space-between" mb="sm" gap="xs">
              <Group gap="xs">
                <Text fw={600}>{seriesTitle(series, technical)}</Text>
                {technical && series.modality && (
                  <Badge variant="light" radius="sm" size="sm">
                    {series.modality}
                  </Badge>
                )}
              </Group>
              <Text size="xs" c="dimmed">
                {series.numInstances} image{series.numInstances === 1 ? '' : 's'}
              </Text>
            </Group>
            <Group gap="sm" align="flex-start">
              {instances.map((instance) => (
                <InstanceCard
                  key={instance.sopUid}
                  studyUid={detail.study.studyUid}
                  series={series}
                  instance={instance}
                  onShowTags={onShowTags}
                />
              ))}
            </Group>
          </Paper>
        );
      })}
    </Group>
  );
}
