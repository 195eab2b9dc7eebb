import { Stack } from '@mantine/core';
import type { ReportContent, ReportForm, ReportIssue } from '@telerad/contracts';
import { ComparisonSection, ImpressionSection, QualitySection } from './ReportDetails';
import { FindingsSection, ResultSection } from './ReportFindings';

/**
 * The whole programme form, rendered from its data: result, findings by group, quality,
 * comparison and recommendations, impression. The reader's panel and the consultant's
 * "Amend" use it alike.
 */
export function ReportEditor({
  form,
  content,
  issues,
  readOnly = false,
  askConsultant = true,
  onChange,
}: {
  form: ReportForm;
  content: ReportContent;
  issues: readonly ReportIssue[];
  readOnly?: boolean;
  /** Offers the "uncertain, ask a consultant" flag (not on a clinic's read or a QC re-read). */
  askConsultant?: boolean;
  onChange: (update: (c: ReportContent) => ReportContent) => void;
}) {
  const props = { form, content, issues, readOnly, onChange };
  const unreadable = content.quality.grade === 4;
  return (
    <Stack gap={6}>
      <QualitySection {...props} />
      {!unreadable && <ResultSection {...props} />}
      {!unreadable && !content.notTaken && <FindingsSection {...props} />}
      <ComparisonSection {...props} />
      <ImpressionSection {...props} askConsultant={askConsultant} />
    </Stack>
  );
}
