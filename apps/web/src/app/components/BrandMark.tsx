import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconRadar2 } from '@tabler/icons-react';

/** The product mark: icon and name "Telerad". */
export function BrandMark({ size = 'lg' }: { size?: 'lg' | 'xl' }) {
  return (
    <Group gap={8} wrap="nowrap">
      <ThemeIcon size={size === 'xl' ? 40 : 32} radius="md" variant="filled">
        <IconRadar2 size={size === 'xl' ? 24 : 20} />
      </ThemeIcon>
      <Text fw={750} fz={size === 'xl' ? 26 : 20} style={{ letterSpacing: '-0.01em' }}>
        Telerad
      </Text>
    </Group>
  );
}
