import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ViewerAnnotation, WorklistTask } from '@telerad/contracts';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { claimRefusalNotice } from '../worklist/claimRefusals';
import { ReadingThreadButton } from '../messaging/ReadingThreadButton';
import { formatPersonName, sexAndAge } from '../archive/studyFormat';
import { AnnotationList, Viewer, type ViewerHandle } from '../viewer';

export { warmStudy, warmViewer } from '../viewer';
import { useClaimForReading, useHeartbeat } from './api';
import { ClinicRequestLine } from '../portal/ClinicRequestLine';
import { ReadingHeader } from './ReadingHeader';
import { ReadingLayout } from './ReadingLayout';
import { ReportPanelPlaceholder } from './ReportPanelPlaceholder';
import { FlagTeachingButton } from '../teaching/FlagTeachingButton';

/** Router state the worklist hands over: the task it has just claimed. */
export interface ReadingOpenState {
  task?: WorklistTask;
}

/** What the reports feature gets to build its panel. */
export interface ReportPanelContext {
  task: WorklistTask;
  /** The measurements and annotations now on the images (save them with the report). */
  annotations: ViewerAnnotation[];
  /** Puts saved annotations back on the images (e.g. from a draft); answers how many. */
  loadAnnotations: (list: readonly ViewerAnnotation[]) => number;
  /** The report is signed (or the consultation settled): the claim needs no more heartbeats. */
  onDone: () => void;
}

/**
 * `/read/:taskId`: claims the task (or takes the claim the worklist just made), keeps the claim
 * alive with a heartbeat every 30 s, and lays out the viewer beside the report panel.
 * `renderReportPanel` lets the reports feature mount its form, `renderHeaderActions` the
 * retakes feature its button.
 */
export function ReadingPage({
  renderReportPanel,
  renderHeaderActions,
}: {
  renderReportPanel?: (ctx: ReportPanelContext) => ReactNode;
  /** Actions on the read in the header (the retakes feature's request button). */
  renderHeaderActions?: (ctx: { task: WorklistTask }) => ReactNode;
}) {
  const { taskId = '' } = useParams();
  const handed = (useLocation().state as ReadingOpenState | null)?.task;
  const claim = useClaimForReading();
  const [task, setTask] = useState<WorklistTask | null>(
    handed && handed.id === taskId ? handed : null,
  );
  const [annotations, setAnnotations] = useState<ViewerAnnotation[]>([]);
  const viewerRef = useRef<ViewerHandle>(null);
  // Annotations asked for before the image is on screen wait for it (they need its geometry).
  const imageShown = useRef(false);
  const pendingAnnotations = useRef<readonly ViewerAnnotation[] | null>(null);
  const loadAnnotations = useCallback((list: readonly ViewerAnnotation[]) => {
    if (imageShown.current) return viewerRef.current?.loadAnnotations(list) ?? 0;
    pendingAnnotations.current = list;
    return 0;
  }, []);
  // The image comes first: the report panel mounts once it is on screen (or after 1.5 s).
  const [panelReady, setPanelReady] = useState(false);
  const onImageShown = useCallback(() => {
    imageShown.current = true;
    setPanelReady(true);
    const pending = pendingAnnotations.current;
    pendingAnnotations.current = null;
    if (pending) viewerRef.current?.loadAnnotations(pending);
  }, []);
  useEffect(() => {
    const id = window.setTimeout(() => setPanelReady(true), 1500);
    return () => window.clearTimeout(id);
  }, []);
  const { mutate } = claim;
  useEffect(() => {
    if (task?.id === taskId) return;
    mutate(taskId, { onSuccess: setTask });
  }, [taskId, task, mutate]);
  const [done, setDone] = useState(false);
  const onDone = useCallback(() => setDone(true), []);
  const lost = useHeartbeat(task && !done ? task.id : null);

  if (claim.isError) {
    const refusal = claimRefusalNotice(claim.error);
    return (
      <Center h="100vh">
        <Stack align="center">
          <Alert color="red" icon={<IconAlertTriangle size={16} />} title={refusal.title} maw={520}>
            {refusal.message}
          </Alert>
          <Button component={Link} to="/worklist" variant="default">
            Back to the worklist
          </Button>
        </Stack>
      </Center>
    );
  }
  if (!task)
    return (
      <Center h="100vh" bg="dark.8">
        <Loader aria-label="Opening the task" />
      </Center>
    );
  return (
    <ReadingLayout
      header={
        <ReadingHeader
          backTo="/worklist"
          backLabel="Worklist"
          title={formatPersonName(task.patientName)}
          details={`${task.patientId} · ${sexAndAge(task)} · ${task.clinicName}`}
          badge={task.priority === 'urgent' ? 'Urgent' : task.type.replace(/_/g, ' ')}
          actions={
            <>
              <ReadingThreadButton studyUid={task.studyUid} />
              <FlagTeachingButton studyUid={task.studyUid} hotkey />
              {!done && renderHeaderActions?.({ task })}
            </>
          }
          request={<ClinicRequestLine studyUid={task.studyUid} />}
        />
      }
      viewer={
        <>
          {lost && (
            <Alert color="orange" icon={<IconAlertTriangle size={16} />} m={4} py={4}>
              Your claim on this task could not be renewed: {lost}
            </Alert>
          )}
          <Viewer
            studyUid={task.studyUid}
            clinicName={task.clinicName}
            patient={{ id: task.patientId, name: task.patientName }}
            onAnnotationsChange={setAnnotations}
            ref={viewerRef}
            onImageShown={onImageShown}
            cadTaskId={task.id}
          />
        </>
      }
      panelTop={<AnnotationList annotations={annotations} />}
      reportPanel={
        !panelReady ? (
          <Center py="xl">
            <Loader size="sm" aria-label="Loading the report" />
          </Center>
        ) : renderReportPanel ? (
          renderReportPanel({ task, annotations, loadAnnotations, onDone })
        ) : (
          <ReportPanelPlaceholder />
        )
      }
    />
  );
}
