import { Paper, SimpleGrid, Text, UnstyledButton } from '@mantine/core';
import type { WorklistPage } from '@telerad/contracts';

type Counts = WorklistPage['counts'];

/** Filter applied when a count tile is clicked. */
export type CountTarget = 'waiting' | 'queued' | 'in_progress' | 'overdue';

const TILES: { key: keyof Counts; target: CountTarget; label: string; color?: string }[] = [
  { key: 'waiting', target: 'waiting', label: 'Waiting' },
  { key: 'queued', target: 'queued', label: 'Queued' },
  { key: 'inProgress', target: 'in_progress', label: 'In progress' },
  { key: 'overdue', target: 'overdue', label: 'Overdue', color: 'red' },
];

/** Tasks per state across the caller's scope; a tile click shows that state. */
export function WorklistCounts({
  counts,
  active,
  onPick,
}: {
  counts: Counts | undefined;
  active: CountTarget | null;
  onPick: (target: CountTarget) => void;
}) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" role="group" aria-label="Tasks per state">
      {TILES.map((t) => {
        const value = counts?.[t.key];
        const selected = active === t.target;
        return (
          <UnstyledButton
            key={t.key}
            onClick={() => onPick(t.target)}
            aria-pressed={selected}
            aria-label={`${t.label}: ${value ?? 'loading'}`}
          >
            <Paper
              withBorder
              radius="md"
              px="md"
              py={8}
              style={selected ? { borderColor: 'var(--mantine-primary-color-filled)' } : undefined}
            >
              <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
                {t.label}
              </Text>
              <Text
                size="xl"
                fw={700}
                c={t.color && value ? t.color : undefined}
                style={{ fontVariantNumeric: 'tabular-nums' }}
              >
                {value ?? '–'}
              </Text>
            </Paper>
          </UnstyledButton>
        );
      })}
    </SimpleGrid>
  );
}
