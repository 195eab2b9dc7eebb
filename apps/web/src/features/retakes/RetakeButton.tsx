import { Button, Kbd } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCameraRotate } from '@tabler/icons-react';
import type { WorklistTask } from '@telerad/contracts';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { useRequestRetake } from './api';
import { isRetakeKey, RETAKE_KEY } from './retakeKeys';
import { RetakeRequestDialog } from './RetakeRequestDialog';

/**
 * "Retake" on the reading screen's header (and Alt+R anywhere on it): opens the request dialog;
 * once sent, the read has left the worklist, so the reader goes back to it.
 */
export function RetakeButton({ task }: { task: Pick<WorklistTask, 'id' | 'patientId'> }) {
  const [opened, setOpened] = useState(false);
  const send = useRequestRetake(task.id);
  const navigate = useNavigate();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isRetakeKey(e)) return;
      e.preventDefault();
      setOpened(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <>
      <Button
        size="compact-sm"
        variant="light"
        color="orange"
        leftSection={<IconCameraRotate size={14} />}
        rightSection={
          <Kbd size="xs" visibleFrom="lg">
            {RETAKE_KEY.keys}
          </Kbd>
        }
        // Never squeezed by a long name: the patient's name truncates instead.
        style={{ flexShrink: 0 }}
        title={`${RETAKE_KEY.label} (${RETAKE_KEY.keys})`}
        onClick={() => setOpened(true)}
      >
        Retake
      </Button>
      <RetakeRequestDialog
        opened={opened}
        onClose={() => setOpened(false)}
        onSubmit={async (body) => {
          await send.mutateAsync(body);
          setOpened(false);
          notifications.show({
            color: 'orange',
            title: body.kind === 'retake' ? 'Retake requested' : 'Extra view requested',
            message: `The clinic has been told. ${task.patientId} returns to the worklist when the new images arrive.`,
          });
          navigate('/worklist');
        }}
      />
    </>
  );
}

/** The `renderHeaderActions` of the reading page: the retake button on a primary read. */
export const renderRetakeAction = (ctx: { task: WorklistTask }) =>
  ctx.task.type === 'primary_read' ? <RetakeButton task={ctx.task} /> : null;
