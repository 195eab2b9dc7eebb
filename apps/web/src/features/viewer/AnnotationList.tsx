import { Badge, Group, Stack, Text, Title } from '@mantine/core';
import type { AnnotationTool, ViewerAnnotation } from '@telerad/contracts';

const TOOL_LABELS: Record<AnnotationTool, string> = {
  length: 'Length',
  angle: 'Angle',
  ellipse: 'Ellipse',
  arrow: 'Arrow',
};

/** The measurements and annotations drawn on the images, as the report will save them. */
export function AnnotationList({ annotations }: { annotations: readonly ViewerAnnotation[] }) {
  return (
    <Stack gap={4} mb="md" aria-label="Measurements">
      <Group justify="space-between">
        <Title order={6}>Measurements</Title>
        <Badge variant="light" size="sm" data-testid="annotation-count">
          {annotations.length}
        </Badge>
      </Group>
      {annotations.length === 0 ? (
        <Text size="xs" c="dimmed">
          None yet. Press L for length, A angle, E ellipse or T for an arrow with text, then drag on
          the image.
        </Text>
      ) : (
        annotations.map((a) => (
          <Text key={a.id} size="sm" data-annotation-tool={a.tool}>
            {TOOL_LABELS[a.tool]}
            {a.measurement ? `: ${a.measurement.value} ${a.measurement.unit}` : ''}
            {a.text ? ` “${a.text}”` : ''}
          </Text>
        ))
      )}
    </Stack>
  );
}
