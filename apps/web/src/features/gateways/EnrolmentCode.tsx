import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import type { GatewayEnrolmentCode } from '@telerad/contracts';
import { formatDateTime } from '../../app/format';

/** The command a clinic technician runs on the gateway computer with a code. */
export function enrolCommand(code: string, force: boolean): string {
  return `npx telerad-gateway enrol ${force ? '--force ' : ''}--code ${code}`;
}

function Copy({ value, label }: { value: string; label: string }) {
  return (
    <CopyButton value={value}>
      {({ copied, copy }) => (
        <Button size="compact-xs" variant="light" onClick={copy} aria-label={label}>
          {copied ? 'Copied' : 'Copy'}
        </Button>
      )}
    </CopyButton>
  );
}

/**
 * A gateway's one-time enrolment code, shown once after it was created or rotated: the code,
 * the exact command for the gateway computer, and until when it works.
 */
export function EnrolmentCode({
  issued,
  rotated,
  onDone,
}: {
  issued: GatewayEnrolmentCode;
  rotated: boolean;
  onDone: () => void;
}) {
  const command = enrolCommand(issued.code, rotated);
  return (
    <Alert color="yellow" title={`Enrolment code for ${issued.gateway.name}`} role="status">
      <Stack gap="xs">
        <Text size="sm">
          Shown this once: copy it now. It works once, until {formatDateTime(issued.expiresAt)}.
          {rotated
            ? ' The gateway keeps its current token until it enrols again with this code.'
            : ''}
        </Text>
        <Group gap="xs">
          <Code fz="md" data-testid="enrolment-code">
            {issued.code}
          </Code>
          <Copy value={issued.code} label="Copy the code" />
        </Group>
        <Text size="sm">On the gateway computer, run:</Text>
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <Code block style={{ flex: 1, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
            {command}
          </Code>
          <Copy value={command} label="Copy the command" />
        </Group>
        <Group justify="flex-end">
          <Button size="xs" variant="subtle" onClick={onDone}>
            I have copied it
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
