import { Badge, Button, Code, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import type { ClinicOverview } from '@telerad/contracts';
import { Link } from 'react-router';
import { useCan } from '../../app/useCan';
import { countryName } from '../admin/clinics/countries';
import { STATUS_STYLE } from '../admin/clinics/status';
import { LastImageText } from './LastImageText';
import { LocalTime } from './LocalTime';

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <div>{children}</div>
    </Stack>
  );
}

/**
 * Who the clinic is at a glance: code, name, status, where and what time it is there, its home
 * centre, programmes and assistants, and, most prominent, when it last sent an image.
 */
export function ClinicHeader({ clinic }: { clinic: ClinicOverview }) {
  const canEdit = useCan('clinics:write');
  const status = STATUS_STYLE[clinic.status];
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" gap="sm">
          <Stack gap={4}>
            <Group gap="sm" align="center">
              <Code fz="lg" fw={700}>
                {clinic.code}
              </Code>
              <Title order={2}>{clinic.name}</Title>
              <Badge color={status.color} variant="light" size="lg">
                {status.label}
              </Badge>
              {clinic.openIncidents > 0 && (
                <Badge color="red" variant="filled" component="a" href="#incidents">
                  {clinic.openIncidents} open incident{clinic.openIncidents === 1 ? '' : 's'}
                </Badge>
              )}
            </Group>
            <Text size="sm" c="dimmed">
              {countryName(clinic.country)} · {clinic.timeZone} · local time{' '}
              <LocalTime timeZone={clinic.timeZone} />
            </Text>
          </Stack>
          {canEdit && (
            <Button
              component={Link}
              to={`/admin/clinics?edit=${encodeURIComponent(clinic.id)}`}
              variant="default"
              leftSection={<IconPencil size={16} />}
            >
              Edit clinic
            </Button>
          )}
        </Group>
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md">
          <Fact label="Last image received">
            <div data-testid="last-image">
              <LastImageText last={clinic.lastImage} prominent />
            </div>
          </Fact>
          <Fact label="Home centre">
            <Text size="sm">{clinic.homeCentre.name}</Text>
          </Fact>
          <Fact label="Programmes">
            <Group gap={4}>
              {clinic.programmes.map((p) => (
                <Badge key={p} size="sm" variant="outline">
                  {p}
                </Badge>
              ))}
            </Group>
          </Fact>
          <Fact label="Assistants">
            <Text size="sm" c={clinic.assistants.length ? undefined : 'dimmed'}>
              {clinic.assistants.length
                ? clinic.assistants.map((a) => a.displayName).join(', ')
                : 'None assigned: an administrator adds them on the clinic form'}
            </Text>
          </Fact>
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
