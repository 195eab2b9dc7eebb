import { Alert, Button, Skeleton, Stack } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { SignReportAnswer, ViewerAnnotation } from '@telerad/contracts';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../app/apiError';
import { useTaskReport } from './api';
import { DraftReport } from './DraftReport';
import { SignedReport } from './SignedReport';

/** Skeleton of the panel while the task's report loads. */
export function PanelSkeleton() {
  return (
    <Stack gap={6} aria-busy="true" aria-label="Loading the report">
      <Skeleton height={18} width="70%" />
      <Skeleton height={28} />
      <Skeleton height={60} />
      <Skeleton height={220} />
      <Skeleton height={80} />
    </Stack>
  );
}

/**
 * The report panel of the reading screen for a primary read: the programme form while the
 * report is a draft, and what became of it once signed.
 */
export function ReportPanel({
  taskId,
  annotations,
  loadAnnotations,
  onDone,
}: {
  taskId: string;
  /** The viewer's measurements and annotations, saved with the report. */
  annotations?: ViewerAnnotation[];
  /** Puts the draft's saved annotations back on the images. */
  loadAnnotations?: (list: readonly ViewerAnnotation[]) => number;
  /** Called once the report is no longer a draft (the claim needs no more heartbeats). */
  onDone?: () => void;
}) {
  const answer = useTaskReport(taskId);
  const [signed, setSigned] = useState<SignReportAnswer | null>(null);
  const state = answer.data?.report?.state;
  const finished = signed !== null || (state !== undefined && state !== 'draft');
  useEffect(() => {
    if (finished) onDone?.();
  }, [finished, onDone]);
  if (answer.isPending) return <PanelSkeleton />;
  if (answer.error || !answer.data)
    return (
      <Alert
        color="red"
        icon={<IconAlertTriangle />}
        title="Could not load the report"
        role="alert"
      >
        {errorMessage(answer.error)}
        <Button size="compact-xs" variant="subtle" ml="xs" onClick={() => void answer.refetch()}>
          Try again
        </Button>
      </Alert>
    );
  if (signed) return <SignedReport report={signed.report} matchedRules={signed.matchedRules} />;
  const report = answer.data.report;
  if (report && report.state !== 'draft')
    return <SignedReport report={report} matchedRules={report.matchedRules} />;
  return (
    <DraftReport
      key={taskId}
      taskId={taskId}
      answer={answer.data}
      annotations={annotations}
      loadAnnotations={loadAnnotations}
      onSigned={setSigned}
    />
  );
}
