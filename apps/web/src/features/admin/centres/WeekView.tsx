import { Box, Group, Stack, Text, Tooltip } from '@mantine/core';
import type { WeeklyInterval } from '@telerad/contracts';
import { WEEKDAYS, minutes } from './schedule';

const HEIGHT = 168;
const TICKS = [0, 6, 12, 18, 24];

/** A read-only week at a glance: seven day columns with open hours shaded. */
export function WeekView({ intervals }: { intervals: readonly WeeklyInterval[] }) {
  return (
    <Group
      gap={6}
      wrap="nowrap"
      align="flex-start"
      aria-label="Week view of service hours"
      role="img"
    >
      <Box pos="relative" h={HEIGHT} w={28} mt={20}>
        {TICKS.map((h) => (
          <Text key={h} size="10px" c="dimmed" pos="absolute" top={(h / 24) * HEIGHT - 6} right={2}>
            {String(h).padStart(2, '0')}
          </Text>
        ))}
      </Box>
      {WEEKDAYS.map((day) => (
        <Stack key={day.value} gap={4} style={{ flex: 1, minWidth: 0 }}>
          <Text size="xs" ta="center" fw={600} h={16}>
            {day.short}
          </Text>
          <Box
            pos="relative"
            h={HEIGHT}
            style={{
              borderRadius: 6,
              background: 'var(--mantine-color-default-hover)',
              border: '1px solid var(--mantine-color-default-border)',
              overflow: 'hidden',
            }}
          >
            {intervals
              .filter((i) => i.day === day.value)
              .map((i) => {
                const top = (minutes(i.open) / 1440) * HEIGHT;
                const height = Math.max(2, ((minutes(i.close) - minutes(i.open)) / 1440) * HEIGHT);
                return (
                  <Tooltip key={`${i.open}-${i.close}`} label={`${day.long} ${i.open}–${i.close}`}>
                    <Box
                      pos="absolute"
                      left={2}
                      right={2}
                      top={top}
                      h={height}
                      style={{
                        borderRadius: 4,
                        background: 'var(--mantine-color-blue-filled)',
                        opacity: 0.8,
                      }}
                    />
                  </Tooltip>
                );
              })}
          </Box>
        </Stack>
      ))}
    </Group>
  );
}
