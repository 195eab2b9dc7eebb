import { Alert, Button, Group, Text } from '@mantine/core';
import { IconCameraRotate, IconCheck, IconUpload } from '@tabler/icons-react';
import type { RetakeRequest } from '@telerad/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../app/apiError';
import { useCan } from '../../app/useCan';
import { useDateFormat } from '../../i18n/useDateFormat';
import { useRetakeAction } from './api';

/**
 * A retake or extra-view request as the clinic reads it, in the user's language (the `reports`
 * catalogue, `retake.*`): what is asked and why, by whom, who at the clinic took it on, and what
 * happens next. A clinic user acknowledges it here; an assistant reminds the clinic.
 */
export function RetakeNotice({ retake }: { retake: RetakeRequest }) {
  const { t } = useTranslation('reports');
  const format = useDateFormat();
  const canAcknowledge = useCan('retakes:acknowledge');
  const canChase = useCan('retakes:chase');
  const canSend = useCan('uploads:send');
  const acknowledge = useRetakeAction('acknowledge');
  const chase = useRetakeAction('chase');
  const open = !retake.fulfilledAt;
  const extra = retake.kind === 'extra_view';
  // The codes in the reader's words; the server's English label if the catalogue lacks one.
  const what = extra
    ? retake.views.map((v, i) => t(`retake.view.${v}`, { defaultValue: retake.viewLabels[i] }))
    : retake.reasons.map((r, i) =>
        t(`retake.reason.${r}`, { defaultValue: retake.reasonLabels[i] }),
      );
  const title = extra
    ? t(open ? 'retake.extraRequested' : 'retake.extraReceived')
    : t(open ? 'retake.requested' : 'retake.received');
  const failed = acknowledge.error ?? chase.error;
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconCameraRotate />}
      title={title}
      data-retake-id={retake.id}
    >
      <Text size="sm">
        {what.length ? what.join('; ') : t('retake.unreadable')}
        {retake.note ? ` — ${retake.note}` : ''}
      </Text>
      <Text size="xs" c="dimmed">
        {t('retake.requestedBy', {
          name: retake.requestedBy,
          date: format.dateTime(retake.requestedAt),
        })}{' '}
        {retake.acknowledgedBy && retake.acknowledgedAt
          ? t('retake.acknowledged', {
              name: retake.acknowledgedBy,
              date: format.dateTime(retake.acknowledgedAt),
            })
          : open
            ? t('retake.notAcknowledged')
            : ''}{' '}
        {retake.chaseCount > 0 && retake.chasedAt
          ? t('retake.chased', {
              count: retake.chaseCount,
              date: format.dateTime(retake.chasedAt),
            })
          : ''}
      </Text>
      <Text size="xs" c="dimmed">
        {open
          ? t('retake.sendNew')
          : t('retake.arrived', { date: format.dateTime(retake.fulfilledAt!) })}
      </Text>
      {open && (
        <Group gap="xs" mt="xs">
          {canAcknowledge && !retake.acknowledgedAt && (
            <Button
              size="xs"
              color="orange"
              leftSection={<IconCheck size={14} />}
              loading={acknowledge.isPending}
              onClick={() => acknowledge.mutate(retake.id)}
            >
              {t('retake.acknowledge')}
            </Button>
          )}
          {canSend && (
            <Button
              size="xs"
              variant="light"
              component={Link}
              to="/send"
              leftSection={<IconUpload size={14} />}
            >
              {t('retake.sendImages')}
            </Button>
          )}
          {canChase && (
            <Button
              size="xs"
              variant="default"
              loading={chase.isPending}
              onClick={() => chase.mutate(retake.id)}
            >
              {t('retake.chase')}
            </Button>
          )}
        </Group>
      )}
      {failed && (
        <Text size="xs" c="red" role="alert" mt={4}>
          {errorMessage(failed)}
        </Text>
      )}
    </Alert>
  );
}
