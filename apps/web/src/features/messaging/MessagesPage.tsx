import { Box, Button, Group, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { useDebouncedValue, useDisclosure, useMediaQuery } from '@mantine/hooks';
import { IconArrowLeft, IconTemplate } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/components/PageHeader';
import { QueryState } from '../../app/components/QueryState';
import { useCan } from '../../app/useCan';
import { useClinicChannel, useThread, useThreads } from './api';
import { TemplatesEditor } from './TemplatesEditor';
import { ThreadList, threadTitle } from './ThreadList';
import { ThreadView } from './ThreadView';

type Kind = 'all' | 'channel' | 'study';

/**
 * `/messages`: the user's conversations beside the open one. On a narrow screen (a tablet held
 * upright) the list and the conversation take turns. `?thread=<id>` opens one (the desk links
 * there).
 */
export function MessagesPage() {
  const { t } = useTranslation('messaging');
  const [params, setParams] = useSearchParams();
  // A link may name a clinic (the desk's "message the clinic"): open that clinic's channel.
  const channel = useClinicChannel(params.get('thread') ? null : params.get('clinic')).data;
  const selected = params.get('thread') ?? channel?.id ?? null;
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
        title={t('page.title')}
        description={technical ? t('page.staffDescription') : t('page.description')}
        actions={
          canEdit && (
            <Button variant="default" leftSection={<IconTemplate size={16} />} onClick={open}>
              {t('page.editTemplates')}
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
                  { value: 'all', label: t('page.all') },
                  { value: 'channel', label: t('page.channels') },
                  { value: 'study', label: t('page.applicants') },
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
                        {t('page.back')}
                      </Button>
                    )}
                    <Text fw={700} truncate="end">
                      {current ? threadTitle(current, t) : ''}
                    </Text>
                  </Group>
                  <ThreadView key={selected} threadId={selected} height="calc(100vh - 380px)" />
                </Stack>
              ) : (
                <Text c="dimmed" p="xl" ta="center">
                  {t('page.pick')}
                </Text>
              )}
            </Paper>
          </Box>
        )}
      </Group>
    </>
  );
}
