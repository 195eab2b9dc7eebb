import { Box, Group, ScrollArea, Text, UnstyledButton } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconChevronDown, IconChevronUp } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';

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
  /** What the panel is called on its fold-away bar (a tablet upright): "Report" by default. */
  panelName?: string;
}

/** A screen taller than wide and too narrow for image and panel side by side: a tablet upright. */
const PORTRAIT_QUERY = '(orientation: portrait) and (max-width: 1100px)';

/**
 * The reading screen: a full-height dark frame with the viewer on the left and centre and the
 * report panel on the right. The viewer keeps every pixel the panel does not need. On a tablet
 * held upright the panel moves below the image, at most two fifths of the height, and folds away
 * to a one-line bar so the image can take the whole screen; the report form stays mounted either
 * way, so nothing typed is lost.
 */
export function ReadingLayout({
  header,
  viewer,
  panelTop,
  reportPanel,
  panelName = 'Report',
}: ReadingLayoutProps) {
  const portrait = useMediaQuery(PORTRAIT_QUERY, false, { getInitialValueInEffect: false });
  const [folded, setFolded] = useState(false);
  return (
    <Box
      h="100vh"
      bg="dark.8"
      c="gray.2"
      style={{ display: 'flex', flexDirection: 'column', overflow: 'hidden' }}
      data-testid="reading-layout"
      data-layout={portrait ? 'portrait' : 'landscape'}
    >
      <Box
        px="sm"
        py={6}
        bg="dark.7"
        style={{ borderBottom: '1px solid var(--mantine-color-dark-4)', flex: 'none' }}
      >
        {header}
      </Box>
      <Group
        gap={0}
        align="stretch"
        wrap="nowrap"
        style={{ flex: 1, minHeight: 0, flexDirection: portrait ? 'column' : 'row' }}
      >
        <Box
          style={{ flex: 1, minWidth: 0, minHeight: 0, display: 'flex', flexDirection: 'column' }}
        >
          {viewer}
        </Box>
        {/* One element in both shapes, so turning the tablet never remounts the report form. */}
        <Box
          bg="dark.7"
          w={portrait ? undefined : 420}
          h={portrait && !folded ? '40%' : undefined}
          style={{
            flex: 'none',
            display: 'flex',
            flexDirection: 'column',
            ...(portrait
              ? { borderTop: '1px solid var(--mantine-color-dark-4)' }
              : { borderLeft: '1px solid var(--mantine-color-dark-4)' }),
          }}
        >
          {portrait && (
            <UnstyledButton
              onClick={() => setFolded((f) => !f)}
              aria-expanded={!folded}
              aria-controls="report-panel-body"
              px="sm"
              py={6}
              style={{ flex: 'none', borderBottom: '1px solid var(--mantine-color-dark-5)' }}
            >
              <Group justify="space-between" wrap="nowrap">
                <Text size="sm" fw={600}>
                  {panelName}
                </Text>
                <Group gap={4} wrap="nowrap">
                  <Text size="xs" c="dimmed">
                    {folded
                      ? `Show the ${panelName.toLowerCase()}`
                      : 'Fold away for a larger image'}
                  </Text>
                  {folded ? <IconChevronUp size={16} /> : <IconChevronDown size={16} />}
                </Group>
              </Group>
            </UnstyledButton>
          )}
          <Box
            id="report-panel-body"
            style={{ flex: 1, minHeight: 0, display: portrait && folded ? 'none' : undefined }}
          >
            <ScrollArea h="100%" type="auto">
              <Box p="sm">
                {panelTop}
                <div data-slot="report-panel">{reportPanel}</div>
              </Box>
            </ScrollArea>
          </Box>
        </Box>
      </Group>
    </Box>
  );
}
