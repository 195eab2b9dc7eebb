import { ActionIcon, Kbd, Popover, Table, Text } from '@mantine/core';
import { IconKeyboard } from '@tabler/icons-react';
import { usePopover } from '../../app/usePopover';
import { REPORT_KEYS } from './reportKeys';

/** The report form's shortcuts, one click away. */
export function KeysPopover() {
  const popover = usePopover();
  return (
    <Popover {...popover.props} position="bottom-end" withArrow shadow="md">
      <Popover.Target>
        <ActionIcon
          variant="subtle"
          size="sm"
          aria-label="Report keys"
          title="Report keys"
          onClick={popover.toggle}
        >
          <IconKeyboard size={16} />
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown>
        <Text size="xs" fw={700} mb={4}>
          Report keys
        </Text>
        <Table withRowBorders={false} verticalSpacing={2} fz="xs">
          <Table.Tbody>
            {REPORT_KEYS.map((k) => (
              <Table.Tr key={k.action}>
                <Table.Td>
                  <Kbd size="xs">{k.keys}</Kbd>
                </Table.Td>
                <Table.Td>{k.label}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="xs" c="dimmed" mt={4}>
          Single letters stay with the viewer; in a text box they type.
        </Text>
      </Popover.Dropdown>
    </Popover>
  );
}
