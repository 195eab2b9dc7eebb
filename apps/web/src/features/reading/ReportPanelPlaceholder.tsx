import { Text } from '@mantine/core';

/** What the report panel shows until the reports feature mounts its form. */
export function ReportPanelPlaceholder() {
  return (
    <Text size="sm" c="dimmed">
      The structured report form appears here.
    </Text>
  );
}
