import { Anchor, Box, Center, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { BrandMark } from '../../app/components/BrandMark';

/** The frame of the sign-in screens: product name, one-line description and a card. */
export function AuthFrame({ children, width = 420 }: { children: ReactNode; width?: number }) {
  return (
    <Box
      mih="100vh"
      style={{
        background:
          'radial-gradient(circle at 20% 0%, var(--mantine-color-blue-light) 0%, transparent 55%), var(--mantine-color-body)',
      }}
    >
      <Center mih="100vh" p="md">
        <Stack w="100%" maw={width} gap="lg">
          <Stack gap={6} align="center">
            <BrandMark size="xl" />
            <Text c="dimmed" size="sm" ta="center">
              Teleradiology for chest X-ray reading centres and the clinics they serve.
            </Text>
          </Stack>
          <Paper withBorder shadow="md" p="xl" radius="lg">
            {children}
          </Paper>
          <Stack gap={4} align="center">
            <Text c="dimmed" size="xs" ta="center">
              Access is restricted to authorised staff. Activity is audited.
            </Text>
            <Anchor component={Link} to="/conformance" size="xs">
              DICOM conformance statement
            </Anchor>
          </Stack>
        </Stack>
      </Center>
    </Box>
  );
}
