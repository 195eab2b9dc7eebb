import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { ClinicAe } from '@telerad/contracts';
import { LabelledTagsInput } from '../../../app/components/LabelledSelect';
import type { FieldErrors } from '../../../app/formErrors';

/**
 * Editor of a clinic's calling AE titles, each with optional allowed networks, and where the
 * AE listens (host and port: C-MOVE destination and, when it receives reports, where released
 * reports are sent as DICOM SR and PDF).
 */
export function AeTitlesEditor({
  value,
  onChange,
  errors,
}: {
  value: ClinicAe[];
  onChange: (next: ClinicAe[]) => void;
  errors: FieldErrors;
}) {
  const update = (index: number, patch: Partial<ClinicAe>) =>
    onChange(value.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  return (
    <Stack gap="xs">
      <Text size="sm" fw={600}>
        Calling AE titles
      </Text>
      {value.length === 0 && (
        <Text size="sm" c="dimmed">
          None yet: the clinic cannot send over DICOM until it has a calling AE title.
        </Text>
      )}
      {value.map((row, index) => {
        const n = index + 1;
        const networkError = Object.entries(errors).find(([k]) =>
          k.startsWith(`aeTitles.${index}.allowedNetworks`),
        )?.[1];
        return (
          <Paper key={index} withBorder p="xs" radius="md">
            <Group gap="xs" align="flex-start" wrap="wrap">
              <TextInput
                label={index === 0 ? 'AE title' : `AE title ${n}`}
                placeholder="CLINIC_CR1"
                maxLength={16}
                value={row.aeTitle}
                onChange={(e) => update(index, { aeTitle: e.currentTarget.value.toUpperCase() })}
                error={errors[`aeTitles.${index}.aeTitle`]}
                w={180}
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              />
              <LabelledTagsInput
                label={index === 0 ? 'Allowed networks' : `Allowed networks ${n}`}
                description="IP or CIDR; press Enter after each. Empty: any address."
                placeholder="203.0.113.0/24"
                value={row.allowedNetworks}
                onChange={(nets) => update(index, { allowedNetworks: nets })}
                error={networkError}
                style={{ flex: 1, minWidth: 220 }}
                splitChars={[',', ' ']}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                mt={28}
                onClick={() => onChange(value.filter((_, i) => i !== index))}
                aria-label={`Remove AE title ${row.aeTitle || n}`}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
            <Group gap="xs" align="flex-end" wrap="wrap" mt="xs">
              <TextInput
                label={`Host ${row.aeTitle || n}`}
                description="Where this AE listens; empty if it only sends."
                placeholder="pacs.clinic.example or 203.0.113.10"
                maxLength={253}
                value={row.host ?? ''}
                onChange={(e) => {
                  const host = e.currentTarget.value.trim();
                  update(index, host ? { host } : { host: null, port: null });
                }}
                error={errors[`aeTitles.${index}.host`]}
                style={{ flex: 1, minWidth: 200 }}
              />
              <NumberInput
                label={`Port ${row.aeTitle || n}`}
                placeholder="104"
                min={1}
                max={65535}
                allowDecimal={false}
                hideControls
                disabled={!row.host}
                value={row.port ?? ''}
                onChange={(v) => update(index, { port: typeof v === 'number' ? v : null })}
                error={errors[`aeTitles.${index}.port`]}
                w={130}
              />
              <Checkbox
                label="Receives reports"
                description="Send released reports here (DICOM SR + PDF)"
                disabled={!row.host}
                checked={row.receivesReports ?? true}
                onChange={(e) => update(index, { receivesReports: e.currentTarget.checked })}
                mb={4}
              />
            </Group>
          </Paper>
        );
      })}
      <Button
        variant="light"
        size="xs"
        w="fit-content"
        leftSection={<IconPlus size={14} />}
        onClick={() => onChange([...value, { aeTitle: '', allowedNetworks: [] }])}
        disabled={value.length >= 20}
      >
        Add AE title
      </Button>
    </Stack>
  );
}
