import { Anchor, List, Paper, Text } from '@mantine/core';
import type { ReportContent, ReportIssue } from '@telerad/contracts';
import { fieldAnchor } from './formState';

/** Scrolls to and focuses the first control of a field. */
function jumpTo(id: string): void {
  const el = document.getElementById(id);
  if (!el) return;
  el.scrollIntoView({ block: 'center', behavior: 'smooth' });
  el.querySelector<HTMLElement>('input, textarea, button')?.focus({ preventScroll: true });
}

/**
 * What signing still needs (errors) and what to check (warnings), each a link to its field.
 * Errors block the Sign button; warnings are shown in amber and do not.
 */
export function IssueSummary({
  issues,
  content,
}: {
  issues: readonly ReportIssue[];
  content: ReportContent;
}) {
  if (!issues.length) return null;
  const errors = issues.filter((i) => i.severity === 'error');
  const warnings = issues.filter((i) => i.severity === 'warning');
  return (
    <Paper
      p={8}
      radius="sm"
      withBorder
      aria-label="Before signing"
      role="region"
      style={{
        borderColor: errors.length ? 'var(--mantine-color-red-8)' : 'var(--mantine-color-yellow-8)',
      }}
    >
      <Text size="xs" fw={700} mb={2}>
        {errors.length
          ? `Before signing: ${errors.length} thing${errors.length > 1 ? 's' : ''} to fix`
          : 'Check before signing'}
      </Text>
      <List size="xs" spacing={0}>
        {[...errors, ...warnings].map((i, n) => (
          <List.Item key={n}>
            <Anchor
              component="button"
              type="button"
              size="xs"
              c={i.severity === 'error' ? 'red.5' : 'yellow.5'}
              onClick={() => jumpTo(fieldAnchor(i.field, content))}
              style={{ textAlign: 'left' }}
            >
              {i.message}
            </Anchor>
          </List.Item>
        ))}
      </List>
    </Paper>
  );
}
