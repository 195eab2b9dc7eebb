import { Alert, Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/apiError';
import { useStudyThread } from './api';
import { ThreadView } from './ThreadView';

/**
 * The conversation about one study (the clinic, its assistant and the reader), opened (and
 * created on first use) from the study's UID: on the study page and the reading screen.
 */
export function StudyThread({
  studyUid,
  dark = false,
  height = 380,
}: {
  studyUid: string;
  dark?: boolean;
  height?: number | string;
}) {
  const { t } = useTranslation('messaging');
  const thread = useStudyThread(studyUid);
  if (thread.isPending)
    return (
      <Center py="md">
        <Loader size="sm" aria-label={t('thread.opening')} />
      </Center>
    );
  if (thread.isError) return <Alert color="red">{errorMessage(thread.error)}</Alert>;
  return <ThreadView threadId={thread.data.id} dark={dark} height={height} />;
}
