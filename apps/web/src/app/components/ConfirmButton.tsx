import { Button, Group, Popover, Stack, Text, type ButtonProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { usePopover } from '../usePopover';

/** A button that asks "are you sure?" in a popover before running `onConfirm`. */
export function ConfirmButton({
  children,
  question,
  confirmLabel,
  onConfirm,
  loading,
  ...buttonProps
}: ButtonProps & {
  children: ReactNode;
  question: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  loading?: boolean;
}) {
  const popover = usePopover();
  return (
    <Popover {...popover.props} width={280} withArrow shadow="md" trapFocus>
      <Popover.Target>
        <Button {...buttonProps} loading={loading} onClick={popover.toggle}>
          {children}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="sm">
          <Text size="sm">{question}</Text>
          <Group justify="flex-end" gap="xs">
            <Button size="xs" variant="default" onClick={popover.close}>
              Keep
            </Button>
            <Button
              size="xs"
              color={buttonProps.color ?? 'red'}
              onClick={() => {
                popover.close();
                onConfirm();
              }}
            >
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
