import { Checkbox, Chip, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import {
  findingDefinition,
  type Finding,
  type FormItem,
  type ReportIssue,
  type Side,
  type Zone,
} from '@telerad/contracts';
import { firstError, itemAnchor } from './formState';

// Whole words: as letters, side "L" (left) and zone "L" (lower) sat side by side, and a reader
// at 3 a.m. could not tell which control a lone "L" belonged to.
const SIDE_DATA = [
  { value: 'right', label: 'Right' },
  { value: 'left', label: 'Left' },
  { value: 'bilateral', label: 'Both' },
];
const ZONE_LABELS: Record<Zone, string> = { upper: 'Upper', middle: 'Middle', lower: 'Lower' };
const ZONES: Zone[] = ['upper', 'middle', 'lower'];
const coded = /^\d+\.\d+$/;

/**
 * One tick-box of the form. Once ticked, a located finding asks for its side (Right/Left/Both)
 * and zones (Upper/Middle/Lower), and any finding takes a short note.
 */
export function FindingItemRow({
  item,
  finding,
  issues,
  readOnly,
  onToggle,
  onChange,
}: {
  item: FormItem;
  finding: Finding | undefined;
  issues: ReportIssue[];
  readOnly: boolean;
  onToggle: (on: boolean) => void;
  onChange: (patch: { side?: Side | null; zones?: Zone[]; note?: string }) => void;
}) {
  const located = findingDefinition(item.finding).located;
  const error = firstError(issues);
  const label = coded.test(item.id) ? `${item.id} ${item.label}` : item.label;
  return (
    <Stack gap={2} id={itemAnchor(item.id)} data-item={item.id}>
      <Checkbox
        size="xs"
        label={label}
        checked={finding !== undefined}
        disabled={readOnly}
        onChange={(e) => onToggle(e.currentTarget.checked)}
        error={error && !finding ? error : undefined}
        styles={{ label: { fontSize: 13 } }}
      />
      {finding && (
        <Group gap={6} pl={26} wrap="wrap">
          {located && (
            <>
              <SegmentedControl
                size="xs"
                aria-label={`Side of ${item.label}`}
                data={SIDE_DATA}
                value={finding.side ?? ''}
                disabled={readOnly}
                onChange={(v) => onChange({ side: v as Side })}
                color={finding.side ? 'blue' : undefined}
              />
              <Chip.Group
                multiple
                value={finding.zones ?? []}
                onChange={(v) => !readOnly && onChange({ zones: v as Zone[] })}
              >
                <Group gap={4} role="group" aria-label={`Zones of ${item.label}`}>
                  {ZONES.map((z) => (
                    <Chip
                      key={z}
                      value={z}
                      size="xs"
                      radius="sm"
                      disabled={readOnly}
                      aria-label={`${z} zone`}
                      title={`${z} zone`}
                    >
                      {ZONE_LABELS[z]}
                    </Chip>
                  ))}
                </Group>
              </Chip.Group>
            </>
          )}
          <TextInput
            size="xs"
            placeholder="Note (optional)"
            aria-label={`Note for ${item.label}`}
            value={finding.note ?? ''}
            readOnly={readOnly}
            maxLength={500}
            onChange={(e) => onChange({ note: e.currentTarget.value })}
            style={{ flex: 1, minWidth: 140 }}
          />
        </Group>
      )}
      {finding && issues.length > 0 && (
        <Stack gap={0} pl={26}>
          {issues.map((i, n) => (
            <Text key={n} size="xs" c={i.severity === 'error' ? 'red' : 'yellow'}>
              {i.message}
            </Text>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
