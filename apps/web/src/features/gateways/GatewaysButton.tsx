import { ActionIcon, Drawer, Tooltip } from '@mantine/core';
import { IconRouter } from '@tabler/icons-react';
import { useState } from 'react';
import { GatewaysPanel } from './GatewaysPanel';

/** Opens a clinic's gateways (`GatewaysPanel`) in a drawer, from a row of the clinics list. */
export function GatewaysButton({ clinic }: { clinic: { id: string; code: string } }) {
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Tooltip label="Gateways">
        <ActionIcon
          variant="subtle"
          aria-label={`Gateways of clinic ${clinic.code}`}
          onClick={() => setOpened(true)}
        >
          <IconRouter size={16} />
        </ActionIcon>
      </Tooltip>
      <Drawer
        opened={opened}
        onClose={() => setOpened(false)}
        title={`Gateways of ${clinic.code}`}
        position="right"
        size="lg"
      >
        {opened && <GatewaysPanel clinicId={clinic.id} />}
      </Drawer>
    </>
  );
}
