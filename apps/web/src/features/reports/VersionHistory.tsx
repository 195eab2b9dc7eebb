import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import type { CriticalResult, ReportVersion, ReportVersionKind } from '@telerad/contracts';
import { formatDateTime } from '../../app/format';
import { CriticalHistoryEntry } from '../critical/CriticalHistoryEntry';
import { reportPdfUrl } from './api';

/** How each kind of version reads in the history. */
export const VERSION_KIND_LABELS: Record<ReportVersionKind, string> = {
  signed: 'Signed',
  consultant_concur: 'Consultant concurred',
  consultant_amend: 'Consultant amended',
  addendum: 'Addendum',
};

const signer = (v: ReportVersion) =>
  `${v.authorName}${v.authorCredentials ? `, ${v.authorCredentials}` : ''}`;

/** The addenda of a report, newest last, as the clinic reads them. */
export function Addenda({ versions }: { versions: readonly ReportVersion[] }) {
  const addenda = versions.filter((v) => v.kind === 'addendum' && v.addendum);
  if (!addenda.length) return null;
  return (
    <Stack gap={4} aria-label="Addenda" role="region">
      <Text size="xs" fw={700} tt="uppercase" c="dimmed">
        Addenda
      </Text>
      {addenda.map((v) => (
        <Stack
          key={v.version}
          gap={0}
          pl="xs"
          style={{ borderLeft: '2px solid var(--mantine-color-blue-7)' }}
        >
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {v.addendum}
          </Text>
          <Text size="xs" c="dimmed">
            Version {v.version} · {signer(v)} · {formatDateTime(v.createdAt)}
          </Text>
        </Stack>
      ))}
    </Stack>
  );
}

/**
 * Every version of a report with who made it and when, and its PDF where released; the newest
 * entry is the critical result's closed loop, once a clinic user acknowledged it.
 */
export function VersionHistory({
  reportId,
  versions,
  pdf,
  critical = null,
}: {
  reportId: string;
  versions: readonly ReportVersion[];
  pdf: boolean;
  critical?: CriticalResult | null;
}) {
  if (!versions.length) return null;
  return (
    <Stack gap={2} aria-label="Versions" role="region">
      <Text size="xs" fw={700} tt="uppercase" c="dimmed">
        Versions
      </Text>
      {critical && <CriticalHistoryEntry critical={critical} />}
      {[...versions].reverse().map((v) => (
        <Group key={v.version} gap={6} wrap="nowrap">
          <Badge size="xs" variant="light" radius="sm" w={32}>
            v{v.version}
          </Badge>
          <Text size="xs" style={{ flex: 1 }} lineClamp={2}>
            {VERSION_KIND_LABELS[v.kind]} — {signer(v)}, {formatDateTime(v.createdAt)}
            {v.comment ? ` — “${v.comment}”` : ''}
          </Text>
          {pdf && (
            <Anchor size="xs" href={reportPdfUrl(reportId, v.version)} target="_blank">
              PDF
            </Anchor>
          )}
        </Group>
      ))}
    </Stack>
  );
}
