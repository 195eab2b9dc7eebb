import { Paper, Radio, SegmentedControl, Stack, Text, Group } from '@mantine/core';
import {
  NOT_TAKEN_REASONS,
  type NotTakenReason,
  type ReportContent,
  type ReportForm,
  type ReportIssue,
} from '@telerad/contracts';
import type { ReactNode } from 'react';
import { FieldIssues } from './FieldIssues';
import { FindingItemRow } from './FindingItemRow';
import { findingIndexes, issuesFor, itemIssues, toggleItem, updateFinding } from './formState';

const NOT_TAKEN_LABELS: Record<NotTakenReason, string> = {
  child: 'Child',
  pregnant: 'Pregnant',
  other: 'Other',
};

/** Section frame of the form: a dense titled box. */
export function Section({
  title,
  id,
  children,
}: {
  title: string;
  id: string;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p={8} radius="sm" id={id} component="section" aria-label={title}>
      <Text size="xs" fw={700} tt="uppercase" c="dimmed" mb={4}>
        {title}
      </Text>
      {children}
    </Paper>
  );
}

interface Props {
  form: ReportForm;
  content: ReportContent;
  issues: readonly ReportIssue[];
  readOnly: boolean;
  onChange: (update: (c: ReportContent) => ReportContent) => void;
}

/** The form's result choice and, on UKTBTI, why no CXR was taken. */
export function ResultSection({ form, content, issues, readOnly, onChange }: Props) {
  return (
    <Section title={form.resultLabel} id="report-result">
      <Radio.Group
        value={content.result ?? ''}
        onChange={(v) => !readOnly && onChange((c) => ({ ...c, result: v || undefined }))}
        aria-label={form.resultLabel}
      >
        <Group gap="md">
          {form.results.map((r) => (
            <Radio key={r.id} value={r.id} label={r.label} size="xs" disabled={readOnly} />
          ))}
        </Group>
      </Radio.Group>
      <FieldIssues issues={issuesFor(issues, 'result')} />
      {form.notTakenReasons && (
        <Group gap="xs" mt={6} id="report-notTaken">
          <Text size="xs" c="dimmed">
            CXR not taken
          </Text>
          <SegmentedControl
            size="xs"
            aria-label="CXR not taken"
            disabled={readOnly}
            value={content.notTaken ?? 'taken'}
            data={[
              { value: 'taken', label: 'Taken' },
              ...form.notTakenReasons
                .filter((r) => NOT_TAKEN_REASONS.includes(r))
                .map((r) => ({ value: r, label: NOT_TAKEN_LABELS[r] })),
            ]}
            onChange={(v) =>
              onChange((c) => ({
                ...c,
                notTaken: v === 'taken' ? undefined : (v as NotTakenReason),
              }))
            }
          />
          <FieldIssues issues={issuesFor(issues, 'notTaken')} />
        </Group>
      )}
    </Section>
  );
}

/** The form's tick-boxes, grouped as the form groups them. */
export function FindingsSection({ form, content, issues, readOnly, onChange }: Props) {
  return (
    <Section title="Findings" id="report-findings">
      <Stack gap={8}>
        {form.groups.map((g) => {
          const items = form.items.filter((i) => i.group === g.id);
          if (!items.length) return null;
          return (
            <Stack key={g.id} gap={3} role="group" aria-label={g.label}>
              <Text size="xs" fw={600}>
                {g.label}
              </Text>
              {g.hint && (
                <Text size="xs" c="dimmed">
                  {g.hint}
                </Text>
              )}
              {items.map((item) => {
                const index = findingIndexes(content, item.id)[0];
                return (
                  <FindingItemRow
                    key={item.id}
                    item={item}
                    finding={index === undefined ? undefined : content.findings[index]}
                    issues={itemIssues(issues, content, item.id)}
                    readOnly={readOnly}
                    onToggle={(on) => onChange((c) => toggleItem(c, item, on))}
                    onChange={(patch) =>
                      onChange((c) => {
                        const i = findingIndexes(c, item.id)[0];
                        return i === undefined ? c : updateFinding(c, i, patch);
                      })
                    }
                  />
                );
              })}
            </Stack>
          );
        })}
        <FieldIssues issues={issuesFor(issues, 'findings')} />
      </Stack>
    </Section>
  );
}
