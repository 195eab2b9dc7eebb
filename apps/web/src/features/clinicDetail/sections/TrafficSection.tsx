import { Center, Loader, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { QueryState } from '../../../app/components/QueryState';
import { useClinicTraffic } from '../api';
import { doorLabel } from '../LastImageText';
import { RecentStudiesTable } from './RecentStudiesTable';

const TrafficChart = lazy(() => import('./TrafficChart'));

/** What the clinic sent over 14 days, per door, and its last studies. */
export function TrafficSection({ clinicId }: { clinicId: string }) {
  const traffic = useClinicTraffic(clinicId);
  return (
    <QueryState query={traffic}>
      {({ days, recent }) => {
        const totals = new Map<string, number>();
        for (const d of days)
          for (const [door, n] of Object.entries(d.counts))
            totals.set(door, (totals.get(door) ?? 0) + n);
        const total = [...totals.values()].reduce((a, b) => a + b, 0);
        if (total === 0 && recent.length === 0)
          return (
            <Text size="sm" c="dimmed">
              Nothing received from this clinic yet. Once its modality sends to the centre (check
              the AE title and network above) or its staff upload a study, arrivals show here.
            </Text>
          );
        return (
          <Stack gap="md">
            <Text size="sm" c="dimmed">
              {total === 0
                ? 'No study in the last 14 days.'
                : `${total} ${total === 1 ? 'study' : 'studies'} in 14 days: ${[...totals]
                    .map(([door, n]) => `${n} by ${doorLabel(door)}`)
                    .join(', ')}.`}{' '}
              Days are the clinic’s own.
            </Text>
            <Suspense
              fallback={
                <Center h={240}>
                  <Loader size="sm" aria-label="Loading chart" />
                </Center>
              }
            >
              <TrafficChart days={days} />
            </Suspense>
            <Title order={4}>
              {recent.length === 1
                ? 'The last study received'
                : `The last ${recent.length} studies received`}
            </Title>
            <RecentStudiesTable studies={recent} />
          </Stack>
        );
      }}
    </QueryState>
  );
}
