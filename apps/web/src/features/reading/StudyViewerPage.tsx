import { Loader, Text } from '@mantine/core';
import type { ViewerAnnotation } from '@telerad/contracts';
import { useQuery } from '@tanstack/react-query';
import type { StudyDetail } from '@telerad/contracts';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../../app/api';
import { formatPersonName, sexAndAge } from '../archive/studyFormat';
import { studyPath } from '../archive/studyLinks';
import { AnnotationList, Viewer } from '../viewer';
import { FlagTeachingButton } from '../teaching/FlagTeachingButton';
import { ReadingHeader } from './ReadingHeader';
import { ReadingLayout } from './ReadingLayout';

/** `/studies/:studyUid/view`: the viewer for a study from the archive browser (no task). */
export function StudyViewerPage() {
  const { studyUid = '' } = useParams();
  const [annotations, setAnnotations] = useState<ViewerAnnotation[]>([]);
  const study = useQuery({
    queryKey: ['studies', 'detail', studyUid],
    queryFn: ({ signal }) =>
      api.get<StudyDetail>(`/api/studies/${encodeURIComponent(studyUid)}`, undefined, signal),
  });
  const s = study.data?.study;
  return (
    <ReadingLayout
      header={
        <ReadingHeader
          backTo={studyPath(studyUid)}
          backLabel="Study"
          title={s ? formatPersonName(s.patientName) : <Loader size="xs" />}
          details={s ? `${s.patientId} · ${sexAndAge(s)} · ${s.clinicName}` : undefined}
          actions={<FlagTeachingButton studyUid={studyUid} hotkey />}
        />
      }
      viewer={
        <Viewer
          studyUid={studyUid}
          clinicName={s?.clinicName ?? null}
          patient={s ? { id: s.patientId, name: s.patientName } : null}
          onAnnotationsChange={setAnnotations}
        />
      }
      panelTop={<AnnotationList annotations={annotations} />}
      reportPanel={
        <Text size="sm" c="dimmed">
          Viewing from the archive: measurements drawn here are not saved. Reports are written from
          a claimed task on the worklist.
        </Text>
      }
    />
  );
}
