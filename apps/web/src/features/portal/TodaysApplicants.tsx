import { Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconSearch, IconUsers } from '@tabler/icons-react';
import type { ApplicantRow } from '@telerad/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyTableState } from '../../app/components/EmptyTableState';
import { QueryState } from '../../app/components/QueryState';
import { useCan } from '../../app/useCan';
import { LIVE_BURST_MS, useLiveQueryRefresh } from '../../app/useLiveQueryRefresh';
import { LiveIndicator } from '../worklist/LiveIndicator';
import { isTaskMessage } from '../worklist/realtime';
import { useServerNow } from '../worklist/useServerNow';
import { APPLICANTS_KEY, useApplicants } from './api';
import { ApplicantCards, ApplicantTable } from './ApplicantList';
import type { OnAction } from './ApplicantParts';
import { StudyActionDialog, type StudyAction } from './StudyActionDialog';

const PAGE = 50;
/** Below this width the list turns into cards: a phone held upright. */
const PHONE_QUERY = '(max-width: 36em)';

/**
 * The clinic portal's list: today's applicants of the user's clinics, each study's state in the
 * clinic's words, the time since its arrival, its due time on the clinic's clock and its report
 * once released. It changes live (task events over the WebSocket refresh it). Search by name or
 * applicant ID across days, or pick a day.
 */
export function TodaysApplicants() {
  const { t } = useTranslation('portal');
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const [date, setDate] = useState('');
  const [pages, setPages] = useState(1);
  const [open, setOpen] = useState<{ row: ApplicantRow; action: StudyAction } | null>(null);
  const canAct = useCan('studies:request');
  const live = useLiveQueryRefresh({
    queryKey: APPLICANTS_KEY,
    onMessage: isTaskMessage,
    debounceMs: LIVE_BURST_MS,
  });
  const applicants = useApplicants({ q, date, limit: PAGE * pages });
  const nowMs = useServerNow(0);
  const now = new Date(Math.floor(nowMs / 60_000) * 60_000);
  const searching = q !== '' || date !== '';
  const phone = useMediaQuery(PHONE_QUERY, false, { getInitialValueInEffect: false });
  const onAction: OnAction = (row, action) => setOpen({ row, action });

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <Stack gap={2}>
          <Title order={3}>{t('title')}</Title>
          <Text size="sm" c="dimmed">
            {t('description')}
          </Text>
        </Stack>
        <LiveIndicator status={live} />
      </Group>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setQ(search.trim());
          setPages(1);
        }}
      >
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            label={t('searchLabel')}
            placeholder={t('searchPlaceholder')}
            leftSection={<IconSearch size={14} />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            w={260}
          />
          <TextInput
            type="date"
            label={t('dateLabel')}
            value={date}
            onChange={(e) => {
              setDate(e.currentTarget.value);
              setPages(1);
            }}
            w={170}
          />
          <Button type="submit" variant="light">
            {t('searchLabel')}
          </Button>
          {searching && (
            <Button
              variant="subtle"
              onClick={() => {
                setSearch('');
                setQ('');
                setDate('');
                setPages(1);
              }}
            >
              {t('clearSearch')}
            </Button>
          )}
        </Group>
      </form>
      <QueryState query={applicants}>
        {(page) =>
          page.rows.length === 0 ? (
            <EmptyTableState
              icon={<IconUsers size={32} />}
              title={searching ? t('emptySearch.title') : t('emptyToday.title')}
              description={searching ? t('emptySearch.description') : t('emptyToday.description')}
              action={
                !searching && (
                  <Button component={Link} to="/send" variant="light">
                    {t('sendImages')}
                  </Button>
                )
              }
            />
          ) : (
            <Stack gap="xs">
              {searching && (
                <Text size="sm" c="dimmed">
                  {t('found', { count: page.total })}
                </Text>
              )}
              {phone ? (
                <ApplicantCards rows={page.rows} now={now} canAct={canAct} onAction={onAction} />
              ) : (
                <ApplicantTable rows={page.rows} now={now} canAct={canAct} onAction={onAction} />
              )}
              {page.total > page.rows.length && (
                <Group justify="center">
                  <Button variant="subtle" onClick={() => setPages((n) => n + 1)}>
                    {t('more')}
                  </Button>
                </Group>
              )}
            </Stack>
          )
        }
      </QueryState>
      <StudyActionDialog
        row={open?.row ?? null}
        action={open?.action ?? null}
        onClose={() => setOpen(null)}
      />
    </Stack>
  );
}
