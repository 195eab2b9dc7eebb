import { Paper, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  PROGRAMME_LABELS,
  type CadVisibility,
  type CadVisibilityEntry,
  type CadVisibilityList,
} from '@telerad/contracts';
import { api } from '../../app/api';
import { PageHeader } from '../../app/components/PageHeader';
import { QueryState } from '../../app/components/QueryState';
import { formatDateTime } from '../../app/format';
import { notifyError, notifySuccess } from '../../app/notify';

const KEY = ['cad', 'visibility'] as const;

const OPTIONS: { value: CadVisibility; label: string }[] = [
  { value: 'blind_first', label: 'Blind first' },
  { value: 'from_start', label: 'From the start' },
];

/**
 * `/cad/viewer`: when each programme's readers see CAD (docs/adr/0043). Blind first, the default,
 * hides the score and heatmap from a reader until they have recorded a first impression; from the
 * start shows them at once. QA or an administrator sets it; each change is audited.
 */
export function CadVisibilityPage() {
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => api.get<CadVisibilityList>('/api/cad/visibility', undefined, signal),
  });
  const set = useMutation({
    mutationFn: (body: { programme: string; visibility: CadVisibility }) =>
      api.put<CadVisibilityEntry>('/api/cad/visibility', body),
    onSuccess: (e) => {
      void queryClient.invalidateQueries({ queryKey: KEY });
      notifySuccess(
        `${PROGRAMME_LABELS[e.programme]}: ${OPTIONS.find((o) => o.value === e.visibility)!.label.toLowerCase()}.`,
        'CAD visibility saved',
      );
    },
    onError: (err) => notifyError(err, 'CAD visibility not saved'),
  });
  return (
    <Stack gap="lg">
      <PageHeader
        title="CAD in the viewer"
        description="When readers see the CAD score and heatmap. Blind first (the default) shows them only after the reader records a first impression, normal or abnormal, so CAD checks the read instead of leading it. Both choices are kept for QA."
      />
      <QueryState query={list}>
        {(data) => (
          <Paper withBorder>
            <Table verticalSpacing="sm" aria-label="CAD visibility per programme">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Programme</Table.Th>
                  <Table.Th>Readers see CAD</Table.Th>
                  <Table.Th>Last set</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.programmes.map((p) => (
                  <Table.Tr key={p.programme} data-programme={p.programme}>
                    <Table.Td>{PROGRAMME_LABELS[p.programme]}</Table.Td>
                    <Table.Td>
                      <SegmentedControl
                        size="xs"
                        aria-label={`CAD visibility for ${PROGRAMME_LABELS[p.programme]}`}
                        data={OPTIONS}
                        value={p.visibility}
                        disabled={set.isPending}
                        onChange={(v) =>
                          set.mutate({ programme: p.programme, visibility: v as CadVisibility })
                        }
                      />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed">
                        {p.set && p.setAt
                          ? `${formatDateTime(p.setAt)}${p.setByName ? ` by ${p.setByName}` : ''}`
                          : 'Default'}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        )}
      </QueryState>
    </Stack>
  );
}
