import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { QueryState } from '../../app/components/QueryState';
import { useMe } from '../auth/session';
import { ClinicHeader } from './ClinicHeader';
import { useClinicOverview } from './api';
import { sectionsFor } from './sections';

/** Scrolls to a section without changing the route (the jump bar). */
function jumpTo(id: string) {
  document.getElementById(id)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
}

/**
 * Support → Clinics → one clinic: its header first, then each section of the registry
 * (`sections.tsx`) the user's roles see, with a jump bar to reach them. Sections load their own
 * data once the header is in, so a slow link shows who the clinic is first.
 */
export function ClinicDetailPage() {
  const { clinicId = '' } = useParams();
  const overview = useClinicOverview(clinicId);
  const sections = sectionsFor(useMe().roles);
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/support/clinics" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          All clinics
        </Group>
      </Anchor>
      <QueryState query={overview}>
        {(clinic) => (
          <>
            <ClinicHeader clinic={clinic} />
            <Group gap="xs" component="nav" aria-label="Sections of this page" wrap="wrap">
              <Text size="sm" c="dimmed">
                Jump to:
              </Text>
              {sections.map((s) => (
                <Anchor
                  key={s.id}
                  href={`#${s.id}`}
                  size="sm"
                  onClick={(ev) => {
                    ev.preventDefault();
                    jumpTo(s.id);
                  }}
                >
                  {s.title}
                </Anchor>
              ))}
            </Group>
            {sections.map(({ id, title, Component }) => (
              <Paper
                key={id}
                id={id}
                withBorder
                radius="md"
                p="md"
                component="section"
                aria-labelledby={`${id}-title`}
                style={{ scrollMarginTop: 72 }}
              >
                <Title order={3} id={`${id}-title`} mb="sm">
                  {title}
                </Title>
                <Component clinicId={clinic.id} />
              </Paper>
            ))}
          </>
        )}
      </QueryState>
    </Stack>
  );
}
