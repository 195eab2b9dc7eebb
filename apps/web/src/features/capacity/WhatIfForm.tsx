import {
  Button,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { CapacityClinicWhatIf, CapacityHoursWhatIf } from '@telerad/contracts';
import { useState, type FormEvent } from 'react';
import { LabelledSelect } from '../../app/components/LabelledSelect';
import { TimeZoneSelect } from '../../app/components/TimeZoneSelect';

/** The what-ifs a plan is asked about. */
export interface WhatIf {
  hours?: CapacityHoursWhatIf;
  newClinic?: CapacityClinicWhatIf;
}

const hourChoices = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => {
    const h = from + i;
    return { value: String(h), label: `${String(h).padStart(2, '0')}:00` };
  });

/**
 * What if a new clinic joined, or a centre moved its hours? Either or both; the plan then shows
 * each centre's week with them, against the plan without.
 */
export function WhatIfForm({
  centres,
  active,
  onApply,
  onClear,
}: {
  centres: readonly { centreId: string; name: string }[];
  active: boolean;
  onApply: (w: WhatIf) => void;
  onClear: () => void;
}) {
  const first = centres[0]?.centreId ?? '';
  const [name, setName] = useState('');
  const [volume, setVolume] = useState<number | string>('');
  const [timeZone, setTimeZone] = useState('');
  const [home, setHome] = useState(first);
  const [hoursCentre, setHoursCentre] = useState<string | null>(null);
  const [open, setOpen] = useState('6');
  const [close, setClose] = useState('24');
  const [error, setError] = useState<string | null>(null);
  const centreChoices = centres.map((c) => ({ value: c.centreId, label: c.name }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const w: WhatIf = {};
    // A name or a volume asks about a clinic; a time zone left from an earlier what-if does not.
    const clinicStarted = name.trim() !== '' || volume !== '';
    if (clinicStarted) {
      if (!name.trim() || typeof volume !== 'number' || volume < 1 || !timeZone || !home) {
        setError(
          'A new clinic needs a name, the studies it sends a day, its time zone and its home centre.',
        );
        return;
      }
      w.newClinic = { name: name.trim(), dailyVolume: volume, timeZone, homeCentreId: home };
    }
    if (hoursCentre) {
      if (Number(open) >= Number(close)) {
        setError('The centre must open before it closes.');
        return;
      }
      w.hours = { centreId: hoursCentre, open: Number(open), close: Number(close) };
    }
    if (!w.newClinic && !w.hours) {
      setError('Describe a new clinic, or choose a centre whose hours to change.');
      return;
    }
    setError(null);
    onApply(w);
  };

  return (
    <Paper withBorder radius="md" p="md" component="form" onSubmit={submit} aria-label="What if">
      <Stack gap="md">
        <div>
          <Title order={3} size="h4">
            What if…
          </Title>
          <Text size="sm" c="dimmed">
            A new clinic starts sending studies, or a centre opens at other hours. Its arrivals
            follow the existing clinics’ day on its own clock, and studies go where routing would
            send them.
          </Text>
        </div>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
          <Stack gap="xs">
            <Text fw={600} size="sm">
              A new clinic
            </Text>
            <TextInput
              label="Clinic name"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              placeholder="e.g. Cebu screening site"
              maxLength={80}
            />
            <NumberInput
              label="Studies a day"
              value={volume}
              onChange={setVolume}
              min={1}
              max={5000}
              allowDecimal={false}
            />
            <TimeZoneSelect
              value={timeZone}
              onChange={setTimeZone}
              label="Clinic time zone"
              required={false}
            />
            <LabelledSelect
              label="Home centre"
              data={centreChoices}
              value={home || null}
              onChange={(v) => setHome(v ?? '')}
              allowDeselect={false}
            />
          </Stack>
          <Stack gap="xs">
            <Text fw={600} size="sm">
              Other hours for a centre
            </Text>
            <LabelledSelect
              label="Centre"
              data={centreChoices}
              value={hoursCentre}
              onChange={setHoursCentre}
              placeholder="Keep every centre’s hours"
              clearable
            />
            <Group grow>
              <LabelledSelect
                label="Opens (its time)"
                data={hourChoices(0, 23)}
                value={open}
                onChange={(v) => setOpen(v ?? '0')}
                allowDeselect={false}
                disabled={!hoursCentre}
              />
              <LabelledSelect
                label="Closes"
                data={hourChoices(1, 24)}
                value={close}
                onChange={(v) => setClose(v ?? '24')}
                allowDeselect={false}
                disabled={!hoursCentre}
              />
            </Group>
            <Text size="xs" c="dimmed">
              Every day of the week, in place of its usual hours.
            </Text>
          </Stack>
        </SimpleGrid>
        {error && (
          <Text c="red" size="sm" role="alert">
            {error}
          </Text>
        )}
        <Group>
          <Button type="submit">Show the effect</Button>
          {active && (
            <Button variant="default" onClick={onClear}>
              Back to today’s plan
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
