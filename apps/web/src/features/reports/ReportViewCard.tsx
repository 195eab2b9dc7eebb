import { Badge, Divider, Group, List, Stack, Text, Title } from '@mantine/core';
import {
  NOT_TAKEN_REASONS,
  buildReportView,
  findForm,
  type ReportContent,
  type ReportView,
} from '@telerad/contracts';
import type { ReactNode } from 'react';

const NOT_TAKEN_LABELS: Record<(typeof NOT_TAKEN_REASONS)[number], string> = {
  child: 'Child (CXR not required)',
  pregnant: 'Pregnant (CXR deferred)',
  other: 'Other reason',
};

/** Colour of the result: red for TB, amber for other abnormalities, teal for normal. */
function resultColor(view: ReportView): string {
  if (view.tbSuggestive) return 'red';
  if (view.result === 'Unreadable') return 'orange';
  const kind = findForm(view.formId, view.formVersion)?.results.find(
    (r) => r.label === view.result,
  )?.kind;
  if (kind === 'tb') return 'red';
  if (kind === 'normal') return 'teal';
  return 'yellow';
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap="xs" align="flex-start" wrap="nowrap">
      <Text size="xs" c="dimmed" w={120} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <div style={{ minWidth: 0, flex: 1 }}>{children}</div>
    </Group>
  );
}

/**
 * A report laid out from `buildReportView`, the same layout the PDF and the SR use: result,
 * findings by the form's groups with their location, quality, comparison, recommendations,
 * impression and remarks. Read-only; used by the sign dialog, the consultant and the portal.
 */
export function ReportViewCard({ view, footer }: { view: ReportView; footer?: ReactNode }) {
  return (
    <Stack gap={6} data-testid="report-view">
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="xs" c="dimmed" lineClamp={1}>
          {view.formTitle} · v{view.formVersion}
        </Text>
      </Group>
      <Row label={view.resultLabel}>
        {view.result ? (
          <Badge color={resultColor(view)} variant="light" size="lg" radius="sm" tt="none">
            {view.result}
          </Badge>
        ) : view.notTaken ? (
          <Text size="sm">
            CXR not taken —{' '}
            {NOT_TAKEN_LABELS[view.notTaken as keyof typeof NOT_TAKEN_LABELS] ?? view.notTaken}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            Not given
          </Text>
        )}
      </Row>
      {view.classHint && (
        <Row label="Classification">
          <Text size="sm">{view.classHint}</Text>
        </Row>
      )}
      <Row label="Findings">
        {view.groups.length === 0 ? (
          <Text size="sm" c="dimmed">
            None recorded
          </Text>
        ) : (
          <Stack gap={4}>
            {view.groups.map((g) => (
              <div key={g.id}>
                <Text size="xs" fw={600} c="dimmed">
                  {g.label}
                </Text>
                <List size="sm" spacing={0}>
                  {g.findings.map((f, i) => (
                    <List.Item key={`${f.formItem}-${i}`}>
                      <Text span size="sm" fw={f.tbSuggestive ? 600 : undefined}>
                        {f.label}
                      </Text>
                      {f.location && (
                        <Text span size="sm" c="dimmed">
                          {' '}
                          — {f.location}
                        </Text>
                      )}
                      {f.note && (
                        <Text span size="sm" fs="italic">
                          {' '}
                          ({f.note})
                        </Text>
                      )}
                    </List.Item>
                  ))}
                </List>
              </div>
            ))}
          </Stack>
        )}
      </Row>
      <Row label="Image quality">
        <Text size="sm">{view.quality ?? '—'}</Text>
      </Row>
      <Row label="Comparison">
        <Text size="sm">{view.comparison ?? '—'}</Text>
      </Row>
      <Row label="Recommendations">
        <Text size="sm">
          {view.recommendations.length ? view.recommendations.join('; ') : 'None'}
        </Text>
      </Row>
      <Divider my={2} />
      <Title order={6}>Impression</Title>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {view.impression || '—'}
      </Text>
      {view.remarks && (
        <>
          <Title order={6}>Remarks</Title>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {view.remarks}
          </Text>
        </>
      )}
      {footer}
    </Stack>
  );
}

/** The view of stored content, or null when its form version is unknown to this app. */
export function viewOf(content: ReportContent): ReportView | null {
  const form = findForm(content.formId, content.formVersion);
  return form ? buildReportView(form, content) : null;
}
