import { ActionIcon, Anchor, Group, Popover, Stack, Text, Tooltip } from '@mantine/core';
import { IconMail, IconPhone, IconPhoneCall } from '@tabler/icons-react';
import type { DeskClinic } from '@telerad/contracts';
import { usePopover } from '../../app/usePopover';
import { telHref } from './links';

/** A clinic's contacts as telephone and e-mail links, or what to do when it has none. */
export function ContactList({ clinic }: { clinic: Pick<DeskClinic, 'name' | 'contacts'> }) {
  if (clinic.contacts.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No contacts recorded for {clinic.name}. An administrator adds them on the clinic’s form.
      </Text>
    );
  return (
    <Stack gap={6}>
      {clinic.contacts.map((c, i) => (
        <Stack key={i} gap={0}>
          <Text size="sm" fw={600}>
            {c.name}
            {c.role && (
              <Text span size="sm" c="dimmed" fw={400}>
                {' '}
                · {c.role}
              </Text>
            )}
          </Text>
          <Group gap="md" wrap="wrap">
            {c.phone && (
              <Anchor size="sm" href={telHref(c.phone)}>
                <Group gap={4} wrap="nowrap">
                  <IconPhone size={14} />
                  {c.phone}
                </Group>
              </Anchor>
            )}
            {c.email && (
              <Anchor size="sm" href={`mailto:${c.email}`}>
                <Group gap={4} wrap="nowrap">
                  <IconMail size={14} />
                  {c.email}
                </Group>
              </Anchor>
            )}
          </Group>
          {c.preferredHours && (
            <Text size="xs" c="dimmed">
              Best reached: {c.preferredHours}
            </Text>
          )}
        </Stack>
      ))}
    </Stack>
  );
}

/** The "call the clinic" button of a desk row: its contacts in a popover. */
export function CallClinicButton({ clinic }: { clinic: DeskClinic | undefined }) {
  const popover = usePopover();
  if (!clinic) return null;
  return (
    <Popover {...popover.props} width={300} position="bottom-end" withArrow shadow="md">
      <Popover.Target>
        <Tooltip label={`Call ${clinic.name}`} disabled={popover.opened}>
          <ActionIcon variant="subtle" aria-label={`Call ${clinic.name}`} onClick={popover.toggle}>
            <IconPhoneCall size={16} />
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown>
        <ContactList clinic={clinic} />
      </Popover.Dropdown>
    </Popover>
  );
}
