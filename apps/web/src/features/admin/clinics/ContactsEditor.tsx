import { ActionIcon, Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { ClinicContact } from '@telerad/contracts';
import type { FieldErrors } from '../../../app/formErrors';

/** A contact row as the form edits it (every field present). */
export type ContactDraft = ClinicContact;

/** An empty contact row. */
export const EMPTY_CONTACT: ContactDraft = {
  name: '',
  role: '',
  phone: null,
  email: null,
  preferredHours: '',
};

/**
 * Editor of whom the centre calls at a clinic: name, what they do, telephone, e-mail and when
 * to call. Assistants see them on their desk as telephone and e-mail links.
 */
export function ContactsEditor({
  value,
  onChange,
  errors,
}: {
  value: ContactDraft[];
  onChange: (next: ContactDraft[]) => void;
  errors: FieldErrors;
}) {
  const update = (index: number, patch: Partial<ContactDraft>) =>
    onChange(value.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  return (
    <Stack gap="xs">
      <Text size="sm" fw={600}>
        Contacts
      </Text>
      {value.length === 0 && (
        <Text size="sm" c="dimmed">
          None yet: add the people assistants call when a study waits on the clinic.
        </Text>
      )}
      {value.map((row, index) => {
        const n = index + 1;
        const err = (field: keyof ContactDraft) => errors[`contacts.${index}.${field}`];
        return (
          <Paper key={index} withBorder p="xs" radius="md">
            <Group gap="xs" align="flex-start" wrap="wrap">
              <TextInput
                label={`Contact ${n} name`}
                required
                maxLength={120}
                value={row.name}
                onChange={(e) => update(index, { name: e.currentTarget.value })}
                error={err('name')}
                style={{ flex: 1, minWidth: 180 }}
              />
              <TextInput
                label={`Contact ${n} role`}
                placeholder="Lead technician"
                maxLength={80}
                value={row.role}
                onChange={(e) => update(index, { role: e.currentTarget.value })}
                error={err('role')}
                style={{ flex: 1, minWidth: 160 }}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                mt={28}
                onClick={() => onChange(value.filter((_, i) => i !== index))}
                aria-label={`Remove contact ${row.name || n}`}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
            <Group gap="xs" align="flex-start" wrap="wrap" mt="xs">
              <TextInput
                label={`Contact ${n} phone`}
                placeholder="+254 20 123 4567"
                type="tel"
                maxLength={40}
                value={row.phone ?? ''}
                onChange={(e) => update(index, { phone: e.currentTarget.value || null })}
                error={err('phone')}
                style={{ flex: 1, minWidth: 160 }}
              />
              <TextInput
                label={`Contact ${n} e-mail`}
                placeholder="name@clinic.example"
                type="email"
                maxLength={254}
                value={row.email ?? ''}
                onChange={(e) => update(index, { email: e.currentTarget.value || null })}
                error={err('email')}
                style={{ flex: 1, minWidth: 200 }}
              />
              <TextInput
                label={`Contact ${n} preferred hours`}
                placeholder="Mon–Fri 08:00–16:00 local"
                maxLength={120}
                value={row.preferredHours}
                onChange={(e) => update(index, { preferredHours: e.currentTarget.value })}
                error={err('preferredHours')}
                style={{ flex: 1, minWidth: 200 }}
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
        onClick={() => onChange([...value, { ...EMPTY_CONTACT }])}
        disabled={value.length >= 20}
      >
        Add contact
      </Button>
    </Stack>
  );
}
