import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconFileTypePdf, IconMessageQuestion, IconUserQuestion } from '@tabler/icons-react';
import type { ConsultNoteAddendum, SecondOpinion } from '@telerad/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../app/components/QueryState';
import { useCan } from '../../app/useCan';
import { useDateFormat } from '../../i18n/useDateFormat';
import { AskSecondOpinionDialog } from './AskSecondOpinionDialog';
import { ConsultNoteAddendumButton } from './ConsultNoteAddendumButton';
import { consultNotePdfUrl, useStudySecondOpinions, useWithdrawSecondOpinion } from './api';

const STATE_COLOURS: Record<SecondOpinion['state'], string> = {
  open: 'blue',
  answered: 'teal',
  withdrawn: 'gray',
};

/** A signature's name with its credentials. */
const signerOf = (s: ConsultNoteAddendum) =>
  s.signedByCredentials ? `${s.signedByName}, ${s.signedByCredentials}` : s.signedByName;

/** One question, its state and, once answered, the consultant's signed note. */
function QuestionCard({ o, studyUid }: { o: SecondOpinion; studyUid: string }) {
  const { t } = useTranslation('reports');
  const canCorrect = useCan('secondOpinion:answer');
  const fmt = useDateFormat();
  const withdraw = useWithdrawSecondOpinion(studyUid);
  return (
    <Paper withBorder p="md" radius="md" data-testid="second-opinion">
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap={6}>
            <Badge color={STATE_COLOURS[o.state]} variant="light">
              {t(`secondOpinion.states.${o.state}`)}
            </Badge>
            {o.urgent && (
              <Badge color="orange" variant="light">
                {t('secondOpinion.urgentBadge')}
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {t('secondOpinion.askedBy', { name: o.requesterName, date: fmt.dateTime(o.askedAt) })}
          </Text>
        </Group>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {o.question}
        </Text>
        {o.state === 'open' && (
          <Group justify="space-between" gap="xs">
            <Text size="xs" c="dimmed">
              {t('secondOpinion.dueBy', { date: fmt.dateTime(o.dueAt) })}
            </Text>
            {o.mine && (
              <Button
                size="xs"
                variant="subtle"
                color="gray"
                loading={withdraw.isPending}
                onClick={() => withdraw.mutate(o.id)}
              >
                {t('secondOpinion.withdraw')}
              </Button>
            )}
          </Group>
        )}
        {o.note && (
          <Paper
            bg="var(--mantine-color-teal-light)"
            p="sm"
            radius="sm"
            aria-label={t('secondOpinion.answer')}
            component="section"
          >
            <Text size="xs" fw={700} tt="uppercase" c="dimmed">
              {t('secondOpinion.answer')}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {o.note.text}
            </Text>
            <Group justify="space-between" mt={6} gap="xs">
              <Text size="xs" c="dimmed">
                {t('secondOpinion.signedBy', {
                  name: signerOf(o.note),
                  date: fmt.dateTime(o.note.signedAt),
                })}
              </Text>
              <Group gap="xs">
                {canCorrect && <ConsultNoteAddendumButton id={o.id} studyUid={studyUid} />}
                <Anchor size="sm" href={consultNotePdfUrl(o.id)} download>
                  <Group gap={4} component="span">
                    <IconFileTypePdf size={16} />
                    {t('secondOpinion.downloadPdf')}
                  </Group>
                </Anchor>
              </Group>
            </Group>
            {o.note.addenda.map((a) => (
              <Stack
                key={a.signedAt}
                gap={2}
                mt="xs"
                pt="xs"
                style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
              >
                <Text size="xs" fw={700} c="dimmed">
                  {t('secondOpinion.addendum', { date: fmt.dateTime(a.signedAt) })}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {a.text}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('secondOpinion.signedBy', {
                    name: signerOf(a),
                    date: fmt.dateTime(a.signedAt),
                  })}
                </Text>
              </Stack>
            ))}
          </Paper>
        )}
      </Stack>
    </Paper>
  );
}

/**
 * The Second opinions section of the study page: the questions asked about the study with the
 * consultants' signed answers, and "Ask for a second opinion" for those who may ask.
 */
export function StudySecondOpinions({ studyUid }: { studyUid: string }) {
  const { t } = useTranslation('reports');
  const canRead = useCan('secondOpinion:read');
  const canAsk = useCan('secondOpinion:request');
  const list = useStudySecondOpinions(studyUid);
  const [asking, setAsking] = useState(false);
  const [sent, setSent] = useState(false);
  if (!canRead) return null;
  return (
    <Stack gap="sm" mb="lg" component="section" aria-label={t('secondOpinion.section')}>
      <Group justify="space-between">
        <Title order={4}>{t('secondOpinion.section')}</Title>
        {canAsk && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconUserQuestion size={16} />}
            onClick={() => {
              setSent(false);
              setAsking(true);
            }}
          >
            {t('secondOpinion.ask')}
          </Button>
        )}
      </Group>
      {sent && (
        <Alert color="teal" variant="light" withCloseButton onClose={() => setSent(false)}>
          {t('secondOpinion.sent')}
        </Alert>
      )}
      <QueryState query={list}>
        {({ items }) =>
          items.length === 0 ? (
            <Alert variant="light" color="gray" icon={<IconMessageQuestion />}>
              <Text size="sm">{t('secondOpinion.none')}</Text>
            </Alert>
          ) : (
            <>
              {items.map((o) => (
                <QuestionCard key={o.id} o={o} studyUid={studyUid} />
              ))}
            </>
          )
        }
      </QueryState>
      {canAsk && (
        <AskSecondOpinionDialog
          studyUid={studyUid}
          opened={asking}
          onClose={() => setAsking(false)}
          onSent={() => {
            setAsking(false);
            setSent(true);
          }}
        />
      )}
    </Stack>
  );
}
