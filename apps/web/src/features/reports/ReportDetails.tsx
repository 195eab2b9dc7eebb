import { Checkbox, Chip, Group, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import {
  COMPARISONS,
  COMPARISON_LABELS,
  EXTRA_VIEWS,
  QUALITY_GRADES,
  QUALITY_GRADE_LABELS,
  QUALITY_REASONS,
  QUALITY_REASON_LABELS,
  RECOMMENDATIONS,
  RECOMMENDATION_LABELS,
  type Comparison,
  type ExtraView,
  type QualityGrade,
  type QualityReason,
  type ReportContent,
  type ReportIssue,
} from '@telerad/contracts';
import { FieldIssues } from './FieldIssues';
import {
  issuesFor,
  setGrade,
  toggleExtraView,
  toggleIn,
  toggleReason,
  toggleRecommendation,
} from './formState';
import { Section } from './ReportFindings';

interface Props {
  content: ReportContent;
  issues: readonly ReportIssue[];
  readOnly: boolean;
  onChange: (update: (c: ReportContent) => ReportContent) => void;
}

const SHORT_GRADE: Record<QualityGrade, string> = {
  1: '1 Good',
  2: '2 Acceptable',
  3: '3 Poor',
  4: '4 Unreadable',
};

/** Image quality grade 1–4 with reason codes (asked from grade 2, required from 3). */
export function QualitySection({ content, issues, readOnly, onChange }: Props) {
  const grade = content.quality.grade;
  return (
    <Section title="Image quality" id="report-quality">
      <SegmentedControl
        size="xs"
        fullWidth
        aria-label="Image quality grade"
        disabled={readOnly}
        value={grade ? String(grade) : ''}
        data={QUALITY_GRADES.map((g) => ({
          value: String(g),
          label: SHORT_GRADE[g],
        }))}
        color={grade === 4 ? 'orange' : grade === 3 ? 'yellow' : 'blue'}
        onChange={(v) => onChange((c) => setGrade(c, Number(v) as QualityGrade))}
      />
      {grade !== undefined && grade >= 3 && (
        <Text size="xs" c="dimmed" mt={2}>
          {QUALITY_GRADE_LABELS[grade]}: give at least one reason
        </Text>
      )}
      {((grade !== undefined && grade >= 3) || content.quality.reasons.length > 0) && (
        <Chip.Group
          multiple
          value={content.quality.reasons}
          onChange={(v) =>
            !readOnly &&
            onChange((c) =>
              QUALITY_REASONS.reduce(
                (acc, r) => toggleReason(acc, r, (v as QualityReason[]).includes(r)),
                c,
              ),
            )
          }
        >
          <Group gap={4} mt={6} role="group" aria-label="Quality reasons">
            {QUALITY_REASONS.map((r) => (
              <Chip key={r} value={r} size="xs" radius="sm" disabled={readOnly}>
                {QUALITY_REASON_LABELS[r]}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      )}
      <FieldIssues issues={issuesFor(issues, 'quality')} />
    </Section>
  );
}

/** Comparison with the prior, and the recommendations with which extra views. */
export function ComparisonSection({ content, issues, readOnly, onChange }: Props) {
  return (
    <Section title="Comparison and recommendations" id="report-comparison">
      <Chip.Group
        value={content.comparison ?? ''}
        onChange={(v) =>
          !readOnly && onChange((c) => ({ ...c, comparison: (v || undefined) as Comparison }))
        }
      >
        <Group gap={4} role="radiogroup" aria-label="Comparison with prior">
          {COMPARISONS.map((k) => (
            <Chip key={k} value={k} size="xs" radius="sm" disabled={readOnly}>
              {COMPARISON_LABELS[k]}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      <FieldIssues issues={issuesFor(issues, 'comparison')} />
      <Stack gap={4} mt={8} id="report-recommendations">
        <Group gap={10} style={{ rowGap: 4 }}>
          {RECOMMENDATIONS.map((r) => (
            <Checkbox
              key={r}
              size="xs"
              label={RECOMMENDATION_LABELS[r]}
              checked={content.recommendations.includes(r)}
              disabled={readOnly}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                onChange((c) => toggleRecommendation(c, r, on));
              }}
            />
          ))}
        </Group>
        {content.recommendations.includes('extra_views') && (
          <Group gap={4} role="group" aria-label="Extra views needed">
            <Text size="xs" c="dimmed">
              Views:
            </Text>
            {EXTRA_VIEWS.map((v) => (
              <Chip
                key={v}
                size="xs"
                radius="sm"
                checked={content.extraViews.includes(v)}
                disabled={readOnly}
                onChange={(on) => onChange((c) => toggleExtraView(c, v as ExtraView, on))}
              >
                {v}
              </Chip>
            ))}
          </Group>
        )}
        <FieldIssues
          issues={[...issuesFor(issues, 'recommendations'), ...issuesFor(issues, 'extraViews')]}
        />
      </Stack>
    </Section>
  );
}

/**
 * Impression, remarks and the reader's "uncertain" flag (left out where no consultant can be
 * asked: a clinic's own read, a QC re-read).
 */
export function ImpressionSection({
  content,
  issues,
  readOnly,
  onChange,
  askConsultant = true,
}: Props & { askConsultant?: boolean }) {
  const uncertain = content.readerFlags.includes('uncertain');
  return (
    <Section title="Impression and remarks" id="report-impression">
      <Textarea
        id="report-impression-text"
        aria-label="Impression"
        autosize
        minRows={2}
        maxRows={8}
        size="xs"
        maxLength={4000}
        readOnly={readOnly}
        value={content.impression}
        onChange={(e) => {
          const v = e.currentTarget.value;
          onChange((c) => ({ ...c, impression: v }));
        }}
      />
      <FieldIssues issues={issuesFor(issues, 'impression')} />
      <Textarea
        id="report-remarks"
        label="Remarks"
        autosize
        minRows={1}
        maxRows={6}
        size="xs"
        mt={6}
        maxLength={4000}
        readOnly={readOnly}
        value={content.remarks}
        onChange={(e) => {
          const v = e.currentTarget.value;
          onChange((c) => ({ ...c, remarks: v }));
        }}
      />
      {askConsultant && (
        <Checkbox
          mt={8}
          size="xs"
          color="yellow"
          label="Uncertain — I would like a consultant to look at this read"
          checked={uncertain}
          disabled={readOnly}
          onChange={(e) => {
            const on = e.currentTarget.checked;
            onChange((c) => ({ ...c, readerFlags: toggleIn(c.readerFlags, 'uncertain', on) }));
          }}
        />
      )}
    </Section>
  );
}
