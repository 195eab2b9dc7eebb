import { Group, Kbd, Modal, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { HELP_ENTRIES, type HelpEntry } from './keyboard';

const GROUPS: HelpEntry['group'][] = ['Tools', 'Display', 'Window presets', 'Layout', 'CAD'];

const keyLabel = (k: string) => (k === 'Escape' ? 'Esc' : k);

/** The viewer's keyboard shortcuts and the CAD strip's, from the data their handlers use. */
export function HelpOverlay({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Viewer shortcuts" size="lg">
      <SimpleGrid cols={2} spacing="lg">
        {GROUPS.map((g) => (
          <Stack key={g} gap={4}>
            <Title order={6}>{g}</Title>
            {HELP_ENTRIES.filter((s) => s.group === g).map((s) => (
              <Group key={s.label} justify="space-between" wrap="nowrap">
                <Text size="sm">{s.label}</Text>
                <Group gap={4}>
                  {s.keys.map((k) => (
                    <Kbd key={k}>{keyLabel(k)}</Kbd>
                  ))}
                </Group>
              </Group>
            ))}
          </Stack>
        ))}
      </SimpleGrid>
      <Text size="xs" c="dimmed" mt="md">
        Mouse: left drag uses the chosen tool, right drag adjusts the window (zooms when the window
        tool is chosen), middle drag pans. Keys are ignored while typing in the report.
      </Text>
    </Modal>
  );
}
