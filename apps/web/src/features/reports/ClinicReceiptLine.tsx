import { Group, Text, Tooltip } from '@mantine/core';
import { IconEye, IconEyeOff } from '@tabler/icons-react';
import type { ClinicReceipt } from '@telerad/contracts';
import { receiptSummary } from './clinicReceipt';

/**
 * For staff: whether the clinic has opened the report's current version, in warning colour while
 * it has not (a released report nobody opened is not yet communicated).
 */
export function ClinicReceiptLine({ receipt }: { receipt: ClinicReceipt }) {
  const s = receiptSummary(receipt);
  const line = (
    <Group gap={6} wrap="nowrap" data-testid="clinic-receipt" data-opened={s.opened}>
      {s.opened ? (
        <IconEye size={16} color="var(--mantine-color-teal-text)" aria-hidden />
      ) : (
        <IconEyeOff size={16} color="var(--mantine-color-orange-text)" aria-hidden />
      )}
      <Text
        size="sm"
        c={s.opened ? 'var(--mantine-color-teal-text)' : 'var(--mantine-color-orange-text)'}
        fw={s.opened ? undefined : 600}
      >
        {s.text}
      </Text>
    </Group>
  );
  return s.detail ? (
    <Tooltip label={s.detail} multiline style={{ whiteSpace: 'pre-line' }}>
      {line}
    </Tooltip>
  ) : (
    line
  );
}
