import { Anchor, Badge, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconBook, IconSearch } from '@tabler/icons-react';
import { INCIDENT_TYPE_LABELS } from '@telerad/contracts';
import { Fragment, useState } from 'react';
import { Link } from 'react-router';
import { EmptyTableState } from '../../app/components/EmptyTableState';
import { PageHeader } from '../../app/components/PageHeader';
import { QueryState } from '../../app/components/QueryState';
import { formatDate } from '../../app/format';
import { useCan } from '../../app/useCan';
import { useLessons } from './api';

/** The excerpt with its «matched» words in bold. */
function Marked({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/(«[^»]*»)/)
        .map((part, i) =>
          part.startsWith('«') ? (
            <mark key={i}>{part.slice(1, -1)}</mark>
          ) : (
            <Fragment key={i}>{part}</Fragment>
          ),
        )}
    </>
  );
}

/** The knowledge base: lessons learned from closed incidents, searched by their words. */
export function LessonsPage() {
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 250);
  const lessons = useLessons(debounced.trim());
  const incidents = useCan('incidents:read');
  return (
    <>
      <PageHeader
        title="Lessons learned"
        description="What each closed incident taught us, written by the quality officer who closed it. Search by any words."
      />
      <Stack gap="md" maw={900}>
        <TextInput
          leftSection={<IconSearch size={16} />}
          placeholder="Search lessons, e.g. “upload interrupted”"
          aria-label="Search lessons"
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          autoFocus
        />
        <QueryState query={lessons}>
          {({ lessons: rows }) =>
            rows.length === 0 ? (
              <EmptyTableState
                icon={<IconBook size={32} />}
                title={debounced.trim() ? 'No lesson matches these words' : 'No lessons yet'}
                description={
                  debounced.trim()
                    ? 'Try fewer or other words: the search matches word forms (“dropped” finds “drops”).'
                    : 'A lesson is published here when a quality officer closes an incident.'
                }
              />
            ) : (
              rows.map((l) => (
                <Paper key={l.id} withBorder radius="md" p="md" data-testid="lesson">
                  <Stack gap={4}>
                    <Group justify="space-between" wrap="nowrap">
                      <Title order={4}>{l.title}</Title>
                      <Badge variant="light" color="gray">
                        {INCIDENT_TYPE_LABELS[l.incidentType]}
                      </Badge>
                    </Group>
                    <Text size="sm">
                      <Marked text={debounced.trim() ? l.excerpt : l.body} />
                    </Text>
                    <Text size="xs" c="dimmed">
                      {incidents ? (
                        <Anchor component={Link} to={`/incidents/${l.incidentId}`} inherit>
                          {l.incidentRef}
                        </Anchor>
                      ) : (
                        l.incidentRef
                      )}{' '}
                      · published {formatDate(l.publishedAt)}
                    </Text>
                  </Stack>
                </Paper>
              ))
            )
          }
        </QueryState>
      </Stack>
    </>
  );
}
