import { Badge, Group, Switch, Tooltip } from '@mantine/core';
import { notifyError } from '../../app/notify';
import { useCan } from '../../app/useCan';
import { useSetShift, useShift } from './shift';

/**
 * The header's on/off-shift switch for readers (radiologists, consultants). On shift, push-mode
 * centres assign tasks to you; off shift, they do not. Others see nothing.
 */
export function ShiftToggle() {
  const isReader = useCan('worklist:claim');
  const shift = useShift(isReader);
  const setShift = useSetShift();
  if (!isReader) return null;
  const on = setShift.isPending ? Boolean(setShift.variables) : (shift.data?.onShift ?? false);
  return (
    <Tooltip
      label={
        on
          ? 'On shift: push-mode centres assign tasks to you. Switch off when you stop reading.'
          : 'Off shift: no tasks are pushed to you. Switch on to start reading.'
      }
      multiline
      w={260}
    >
      <Group gap={6} wrap="nowrap">
        <Switch
          aria-label="On shift"
          checked={on}
          disabled={shift.isLoading}
          onChange={(e) =>
            setShift.mutate(e.currentTarget.checked, { onError: (err) => notifyError(err) })
          }
          color="teal"
        />
        <Badge
          visibleFrom="xs"
          variant={on ? 'filled' : 'light'}
          color={on ? 'teal' : 'gray'}
          data-testid="shift-state"
        >
          {on ? 'On shift' : 'Off shift'}
        </Badge>
      </Group>
    </Tooltip>
  );
}
