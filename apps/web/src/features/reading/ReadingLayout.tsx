import { Box, Group, ScrollArea } from '@mantine/core';
import type { ReactNode } from 'react';

/** Props of {@link ReadingLayout}. */
export interface ReadingLayoutProps {
  /** The slim header: back link, patient, task state. */
  header: ReactNode;
  /** The viewer, left and centre. */
  viewer: ReactNode;
  /** Shown above the report panel (e.g. the measurements list). */
  panelTop?: ReactNode;
  /** The report form, mounted by the reports feature into `data-slot="report-panel"`. */
  reportPanel: ReactNode;
}

/**
 * The reading screen: a full-height dark frame with the viewer on the left and centre and the
 * report panel on the right. The viewer keeps every pixel the panel does not need.
 */
export function ReadingLayout({ header, viewer, panelTop, reportPanel }: ReadingLayoutProps) {
  return (
    <Box
      h="100vh"
      bg="dark.8"
      c="gray.2"
      style={{ display: 'flex', flexDirection: 'column', overflow: 'hidden' }}
      data-testid="reading-layout"
    >
      <Box
        px="sm"
        py={6}
        bg="dark.7"
        style={{ borderBottom: '1px solid var(--mantine-color-dark-4)', flex: 'none' }}
      >
        {header}
      </Box>
      <Group gap={0} align="stretch" wrap="nowrap" style={{ flex: 1, minHeight: 0 }}>
        <Box style={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
          {viewer}
        </Box>
        <Box
          w={420}
          bg="dark.7"
          style={{ flex: 'none', borderLeft: '1px solid var(--mantine-color-dark-4)' }}
        >
          <ScrollArea h="100%" type="auto">
            <Box p="sm">
              {panelTop}
              <div data-slot="report-panel">{reportPanel}</div>
            </Box>
          </ScrollArea>
        </Box>
      </Group>
    </Box>
  );
}
