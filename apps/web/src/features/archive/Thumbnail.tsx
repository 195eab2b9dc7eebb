import { Center, Stack, Text } from '@mantine/core';
import { IconPhotoOff } from '@tabler/icons-react';
import { useState } from 'react';

/** Side of the square box every thumbnail sits in, so the grid never jumps while images load. */
export const THUMB_SIZE = 160;

/**
 * An instance thumbnail in a fixed black box, loaded lazily. When the server has no thumbnail
 * (not rendered yet, or a non-image object) the box shows an icon and "No preview" instead.
 */
export function Thumbnail({ src, alt }: { src: string; alt: string }) {
  const [failed, setFailed] = useState(false);
  return (
    <Center
      w={THUMB_SIZE}
      h={THUMB_SIZE}
      bg="black"
      style={{ borderRadius: 'var(--mantine-radius-sm)', overflow: 'hidden', flex: 'none' }}
    >
      {failed ? (
        <Stack gap={4} align="center" c="gray.6">
          <IconPhotoOff size={28} stroke={1.5} aria-hidden />
          <Text size="xs">No preview</Text>
        </Stack>
      ) : (
        <img
          src={src}
          alt={alt}
          loading="lazy"
          decoding="async"
          width={THUMB_SIZE}
          height={THUMB_SIZE}
          onError={() => setFailed(true)}
          style={{ objectFit: 'contain', display: 'block' }}
        />
      )}
    </Center>
  );
}
