import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPlus, IconSchool } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { EmptyTableState } from '../../app/components/EmptyTableState';
import { PageHeader } from '../../app/components/PageHeader';
import { QueryState } from '../../app/components/QueryState';
import { useCan } from '../../app/useCan';
import { formatCalendarDate } from '../archive/studyFormat';
import { useSessions } from './api';
import { SessionBuilder } from './SessionBuilder';

/**
 * Teaching sessions: every staff member finds the sessions to attend and opens one to step
 * through its cases; QA builds a new one from the cases readers flagged.
 */
export function TeachingSessionsPage() {
  const sessions = useSessions();
  const manage = useCan('teaching:manage');
  const [building, setBuilding] = useState(false);
  return (
    <>
      <PageHeader
        title="Teaching sessions"
        description="Cases readers flagged as worth showing, gathered by QA into viewing sessions. Patient and clinic are removed from every image."
        actions={
          manage && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setBuilding(true)}>
              New session
            </Button>
          )
        }
      />
      <Stack gap="sm" maw={900}>
        <QueryState query={sessions}>
          {({ sessions: rows }) =>
            rows.length === 0 ? (
              <EmptyTableState
                icon={<IconSchool size={32} />}
                title="No teaching sessions yet"
                description={
                  manage
                    ? 'Choose “New session” to gather flagged cases into one.'
                    : 'Flag an interesting case from the reading screen (Alt+T); QA builds sessions from flagged cases.'
                }
              />
            ) : (
              rows.map((s) => (
                <Paper
                  key={s.id}
                  withBorder
                  radius="md"
                  p="md"
                  component={Link}
                  to={`/teaching/${s.id}`}
                  style={{ color: 'inherit', textDecoration: 'none' }}
                  data-testid="teaching-session"
                >
                  <Group justify="space-between" wrap="nowrap">
                    <Stack gap={2}>
                      <Title order={4}>{s.title}</Title>
                      <Text size="sm" c="dimmed">
                        {formatCalendarDate(s.heldOn)} · prepared by {s.createdBy}
                      </Text>
                    </Stack>
                    <Badge variant="light" color="grape">
                      {s.cases} {s.cases === 1 ? 'case' : 'cases'}
                    </Badge>
                  </Group>
                </Paper>
              ))
            )
          }
        </QueryState>
      </Stack>
      {building && <SessionBuilder onClose={() => setBuilding(false)} />}
    </>
  );
}
