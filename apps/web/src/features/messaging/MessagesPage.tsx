import { Box, Button, Group, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { useDebouncedValue, useDisclosure, useMediaQuery } from '@mantine/hooks';
import { IconArrowLeft, IconTemplate } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { useState } from 'react';
import { PageHeader } from '../../app/components/PageHeader';
import { QueryState } from '../../app/components/QueryState';
import { useCan } from '../../app/useCan';
import { useThread, useThreads } from './api';
import { TemplatesEditor } from './TemplatesEditor';
import { ThreadList, threadTitle } from './ThreadList';
import { ThreadView } from './ThreadView';

const TEXT = {
  title: 'Messages',
  description:
    'Talk with the reading centre: your clinic’s channel, and one conversation per applicant.',
  staffDescription: 'Clinic channels and applicant conversations, newest first.',
  all: 'All',
  channels: 'Channels',
  studies: 'Applicants',
  pick: 'Choose a conversation on the left, or open an applicant’s study to start one about them.',
  back: 'All conversations',
  templates: 'Edit templates',
};

type Kind = 'all' | 'channel' | 'study';

/**
 * `/messages`: the user's conversations beside the open one. On a narrow screen (a tablet held
 * upright) the list and the conversation take turns. `?thread=<id>` opens one (the desk links
 * there).
 */
export function MessagesPage() {
  const [params, setParams] = useSearchParams();
  const selected = params.get('thread');
  const [kind, setKind] = useState<Kind>('all');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const threads = useThreads({ ...(kind === 'all' ? {} : { kind }), ...(q ? { q } : {}) }, false);
  const wide = useMediaQuery('(min-width: 62em)', true, { getInitialValueInEffect: false });
  const canEdit = useCan('messages:templates');
  const technical = useCan('archive:technical');
  const [editing, { open, close }] = useDisclosure(false);
  const select = (id: string | null) => setParams(id ? { thread: id } : {}, { replace: false });
  const current = useThread(selected).data?.thread;
  const showList = wide || !selected;
  const showThread = wide || Boolean(selected);

  return (
    <>
      <PageHeader
        title={TEXT.title}
        description={technical ? TEXT.staffDescription : TEXT.description}
        actions={
          canEdit && (
            <Button variant="default" leftSection={<IconTemplate size={16} />} onClick={open}>
              {TEXT.templates}
            </Button>
          )
        }
      />
      <TemplatesEditor opened={editing} onClose={close} />
      <Group align="flex-start" gap="md" wrap="nowrap">
        {showList && (
          <Box w={wide ? 360 : '100%'} style={{ flex: 'none' }}>
            <Stack gap="xs">
              <SegmentedControl
                fullWidth
                value={kind}
                onChange={(v) => setKind(v as Kind)}
                data={[
                  { value: 'all', label: TEXT.all },
                  { value: 'channel', label: TEXT.channels },
                  { value: 'study', label: TEXT.studies },
                ]}
              />
              <QueryState query={threads}>
                {(data) => (
                  <ThreadList
                    threads={data.threads}
                    selected={selected}
                    onSelect={select}
                    search={search}
                    onSearch={setSearch}
                    height="calc(100vh - 300px)"
                  />
                )}
              </QueryState>
            </Stack>
          </Box>
        )}
        {showThread && (
          <Box style={{ flex: 1, minWidth: 0 }}>
            <Paper withBorder p="sm" radius="md">
              {selected ? (
                <Stack gap="xs">
                  <Group gap="xs" wrap="nowrap">
                    {!wide && (
                      <Button
                        variant="subtle"
                        size="compact-sm"
                        leftSection={<IconArrowLeft size={14} />}
                        onClick={() => select(null)}
                      >
                        {TEXT.back}
                      </Button>
                    )}
                    <Text fw={700} truncate="end">
                      {current ? threadTitle(current) : ''}
                    </Text>
                  </Group>
                  <ThreadView key={selected} threadId={selected} height="calc(100vh - 380px)" />
                </Stack>
              ) : (
                <Text c="dimmed" p="xl" ta="center">
                  {TEXT.pick}
                </Text>
              )}
            </Paper>
          </Box>
        )}
      </Group>
    </>
  );
}
