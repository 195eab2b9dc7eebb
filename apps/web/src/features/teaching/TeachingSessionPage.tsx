import { Badge, Button, Group, Kbd, Loader, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import type { TeachingCase } from '@telerad/contracts';
import { useEffect } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { QueryState } from '../../app/components/QueryState';
import { formatCalendarDate } from '../archive/studyFormat';
import { ReadingHeader } from '../reading/ReadingHeader';
import { ReadingLayout } from '../reading/ReadingLayout';
import { isTyping, Viewer } from '../viewer';
import { teachingCaseBase, useSession } from './api';

/** Keys that step through a session's cases: the reader's J/K and the arrows. */
const NEXT = new Set(['ArrowRight', 'ArrowDown', 'j', 'J']);
const PREVIOUS = new Set(['ArrowLeft', 'ArrowUp', 'k', 'K']);

/**
 * `/teaching/:sessionId`: a teaching session in the reading screen's layout. The viewer shows the
 * current case's de-identified copy (from the case's own WADO-RS root, never the original
 * study); the panel lists the cases with the presenter's notes. J or → goes to the next case,
 * K or ← to the previous one; the case number is in the address, so a link opens it.
 */
export function TeachingSessionPage() {
  const { sessionId = '' } = useParams();
  const session = useSession(sessionId);
  const [params, setParams] = useSearchParams();
  const cases = session.data?.session.caseList ?? [];
  const index = Math.min(Math.max(Number(params.get('case') ?? '1') - 1, 0), cases.length - 1);
  const current: TeachingCase | undefined = cases[index];
  const go = (i: number) => {
    if (i < 0 || i >= cases.length) return;
    setParams({ case: String(i + 1) }, { replace: true });
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (NEXT.has(e.key)) go(index + 1);
      else if (PREVIOUS.has(e.key)) go(index - 1);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const s = session.data?.session;
  return (
    <ReadingLayout
      panelName="Cases"
      header={
        <ReadingHeader
          backTo="/teaching"
          backLabel="Teaching sessions"
          title={s ? s.title : <Loader size="xs" />}
          details={
            s && current
              ? `${formatCalendarDate(s.heldOn)} · case ${index + 1} of ${cases.length}`
              : undefined
          }
          actions={
            s && (
              <Group gap={4} wrap="nowrap">
                <Button
                  size="xs"
                  variant="default"
                  leftSection={<IconChevronLeft size={14} />}
                  disabled={index <= 0}
                  onClick={() => go(index - 1)}
                  title="Previous case (K or ←)"
                >
                  Previous
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  rightSection={<IconChevronRight size={14} />}
                  disabled={index >= cases.length - 1}
                  onClick={() => go(index + 1)}
                  title="Next case (J or →)"
                >
                  Next
                </Button>
              </Group>
            )
          }
        />
      }
      viewer={
        current ? (
          <Viewer
            key={current.id}
            studyUid={current.studyUid}
            dicomwebBase={teachingCaseBase(current.id)}
          />
        ) : (
          <QueryState query={session}>{() => null}</QueryState>
        )
      }
      reportPanel={
        <Stack gap="sm">
          {current && (
            <Stack gap={4} data-testid="teaching-current-note">
              <Text fw={700}>Case {index + 1}</Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {current.note || 'No note for this case.'}
              </Text>
              {current.withheldBurnedIn > 0 && (
                <Text size="xs" c="orange">
                  {current.withheldBurnedIn} image(s) left out: patient details are burned into
                  them.
                </Text>
              )}
            </Stack>
          )}
          <Stack gap={4}>
            {cases.map((c, i) => (
              <UnstyledButton
                key={c.id}
                onClick={() => go(i)}
                aria-current={i === index ? 'step' : undefined}
                data-testid="teaching-case"
                p={6}
                style={{
                  borderRadius: 6,
                  background: i === index ? 'var(--mantine-color-grape-9)' : undefined,
                }}
              >
                <Group gap="xs" wrap="nowrap">
                  <Badge variant={i === index ? 'filled' : 'light'} color="grape">
                    {i + 1}
                  </Badge>
                  <Text size="sm" truncate="end">
                    {c.note || `Case ${i + 1}`}
                  </Text>
                </Group>
              </UnstyledButton>
            ))}
          </Stack>
          <Text size="xs" c="dimmed">
            <Kbd>J</Kbd> or <Kbd>→</Kbd> next case · <Kbd>K</Kbd> or <Kbd>←</Kbd> previous ·{' '}
            <Kbd>?</Kbd> viewer keys
          </Text>
        </Stack>
      }
    />
  );
}
