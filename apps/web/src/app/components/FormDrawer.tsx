import { Alert, Button, Drawer, Group, Stack } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { FormEvent, ReactNode } from 'react';

/**
 * A right-hand drawer holding one form, with a sticky Save / Cancel row and a place for the
 * server's message when saving fails.
 */
export function FormDrawer({
  opened,
  onClose,
  title,
  onSubmit,
  saving,
  error,
  children,
  submitLabel = 'Save',
  size = 'lg',
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  onSubmit: () => void;
  saving: boolean;
  error: string | null;
  children: ReactNode;
  submitLabel?: string;
  size?: string;
}) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      title={title}
      position="right"
      size={size}
      padding="lg"
      styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      <form onSubmit={submit} noValidate aria-label={title}>
        <Stack gap="md">
          {error && (
            <Alert
              color="red"
              variant="light"
              icon={<IconAlertTriangle />}
              role="alert"
              title="Not saved"
            >
              {error}
            </Alert>
          )}
          {children}
          <Group
            justify="flex-end"
            gap="sm"
            pt="sm"
            pb="xs"
            style={{
              position: 'sticky',
              bottom: 0,
              background: 'var(--mantine-color-body)',
              borderTop: '1px solid var(--mantine-color-default-border)',
            }}
          >
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={saving}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Drawer>
  );
}
