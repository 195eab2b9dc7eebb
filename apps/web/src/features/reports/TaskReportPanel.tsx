import type { ViewerAnnotation, WorklistTask } from '@telerad/contracts';
import { PeerReviewPanel } from '../peerReview/PeerReviewPanel';
import { QcReadPanel } from '../qc/QcReadPanel';
import { SecondOpinionPanel } from '../secondOpinions/SecondOpinionPanel';
import { ConsultationPanel } from './ConsultationPanel';
import { ReportPanel } from './ReportPanel';

/**
 * What the reading screen shows beside the viewer for a task: the reviewer's scoring panel for a
 * peer review, the blind QC read for a clinic read sampled for QC, the consultant's view for a
 * consultation task, the question and consult note for a second opinion, the reader's report
 * form otherwise.
 */
export function TaskReportPanel({
  task,
  annotations,
  loadAnnotations,
  onDone,
}: {
  task: Pick<WorklistTask, 'id' | 'type'>;
  annotations?: ViewerAnnotation[];
  /** Puts a draft's saved annotations back on the images. */
  loadAnnotations?: (list: readonly ViewerAnnotation[]) => number;
  /** Called once the report is signed or the consultation settled. */
  onDone?: () => void;
}) {
  if (task.type === 'peer_review')
    return <PeerReviewPanel key={task.id} taskId={task.id} onDone={onDone} />;
  if (task.type === 'qc_read')
    return <QcReadPanel key={task.id} taskId={task.id} onDone={onDone} />;
  if (task.type === 'second_opinion')
    return <SecondOpinionPanel key={task.id} taskId={task.id} onDone={onDone} />;
  return task.type === 'consultation' ? (
    <ConsultationPanel key={task.id} taskId={task.id} annotations={annotations} onDone={onDone} />
  ) : (
    <ReportPanel
      key={task.id}
      taskId={task.id}
      annotations={annotations}
      loadAnnotations={loadAnnotations}
      onDone={onDone}
    />
  );
}

/** The `renderReportPanel` of the reading page. */
export const renderTaskReportPanel = (ctx: {
  task: Pick<WorklistTask, 'id' | 'type'>;
  annotations: ViewerAnnotation[];
  loadAnnotations?: (list: readonly ViewerAnnotation[]) => number;
  onDone?: () => void;
}) => (
  <TaskReportPanel
    task={ctx.task}
    annotations={ctx.annotations}
    loadAnnotations={ctx.loadAnnotations}
    onDone={ctx.onDone}
  />
);
