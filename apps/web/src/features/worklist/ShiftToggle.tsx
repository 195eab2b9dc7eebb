import { Badge, Group, Switch, Tooltip } from '@mantine/core';
import { notifyError } from '../../app/notify';
import { useCan } from '../../app/useCan';
import { useSetShift, useShift } from './shift';

/**
 * The header's on/off-shift switch for readers (radiologists, consultants). On shift, push-mode
 * centres assign tasks to you; off shift, they do not. The server keeps the choice and resumes it
 * at the reader's next sign-in, on any device; until it has answered, the switch claims neither.
 * Others see nothing.
 */
export function ShiftToggle() {
  const isReader = useCan('worklist:claim');
  const shift = useShift(isReader);
  const setShift = useSetShift();
  if (!isReader) return null;
  const known = setShift.isPending || shift.data !== undefined;
  const on = setShift.isPending ? Boolean(setShift.variables) : (shift.data?.onShift ?? false);
  return (
    <Tooltip
      label={
        on
          ? 'On shift: push-mode centres assign tasks to you. You stay on shift when you sign in again, here or on another device; while you are signed out nothing is pushed to you. Switch off when you stop reading.'
          : 'Off shift: no tasks are pushed to you. Switch on to start reading; you stay on shift at your next sign-in until you switch off.'
      }
      multiline
      w={260}
    >
      <Group gap={6} wrap="nowrap">
        <Switch
          aria-label="On shift"
          checked={on}
          disabled={!known}
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
          {!known ? 'Shift' : on ? 'On shift' : 'Off shift'}
        </Badge>
      </Group>
    </Tooltip>
  );
}
