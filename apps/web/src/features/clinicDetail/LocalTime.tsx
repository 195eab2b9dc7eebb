import { Text } from '@mantine/core';
import { useEffect, useState } from 'react';

/** The time now in `timeZone`, e.g. "Tue 14:05", refreshed every 30 s. */
export function LocalTime({ timeZone }: { timeZone: string }) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  let text: string;
  try {
    text = now.toLocaleTimeString(undefined, {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
    });
  } catch {
    text = 'unknown';
  }
  return (
    <Text span size="sm" fw={600} data-testid="clinic-local-time">
      {text}
    </Text>
  );
}
