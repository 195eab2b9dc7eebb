import { Group, Paper, Select, Stack, Text } from '@mantine/core';
import { IconChecklist } from '@tabler/icons-react';
import type { AttentionItem } from '@telerad/contracts';
import { useState } from 'react';
import { EmptyTableState } from '../../app/components/EmptyTableState';
import { PageHeader } from '../../app/components/PageHeader';
import { QueryState } from '../../app/components/QueryState';
import { notifyError } from '../../app/notify';
import { useClinics } from '../admin/clinics/api';
import { AttentionTable } from './AttentionTable';
import { IdentityDrawer } from './IdentityDrawer';
import { useAttention, useReviewFlags } from './api';

/**
 * Needs attention: studies the archive stored as sent but flagged: no Patient ID (kept out of
 * the worklist until an assistant enters it), incomplete headers, missing images, new versions.
 */
export function AttentionPage() {
  const [clinicId, setClinicId] = useState<string | null>(null);
  const [editing, setEditing] = useState<AttentionItem | null>(null);
  const clinics = useClinics();
  const attention = useAttention(clinicId);
  const review = useReviewFlags();
  const waiting = attention.data?.items.filter((i) => i.awaitingIdentity).length ?? 0;

  return (
    <>
      <PageHeader
        title="Needs attention"
        description="Studies stored as the clinic sent them but flagged. Those without a Patient ID wait here, outside the reading worklist, until you enter the applicant’s ID and name."
      />
      <Stack gap="md">
        <Group gap="md">
          <Select
            w={320}
            aria-label="Clinic"
            placeholder="All clinics"
            searchable
            clearable
            value={clinicId}
            onChange={setClinicId}
            data={(clinics.data ?? []).map((c) => ({
              value: c.id,
              label: `${c.code} · ${c.name}`,
            }))}
          />
          {attention.data && attention.data.total > 0 && (
            <Text size="sm" c="dimmed">
              {attention.data.total} {attention.data.total === 1 ? 'study' : 'studies'}
              {waiting > 0 ? ` · ${waiting} waiting for an ID` : ''}
            </Text>
          )}
        </Group>
        <QueryState query={attention}>
          {(page) =>
            page.items.length === 0 ? (
              <EmptyTableState
                icon={<IconChecklist size={32} />}
                title="Nothing needs attention"
                description={
                  clinicId
                    ? 'This clinic’s studies all have an identity and complete headers. Choose “All clinics” to see the others.'
                    : 'Every study has a Patient ID and a complete header. Studies appear here when a clinic sends one without an ID, without an image or with a changed copy; enter the ID or mark them reviewed.'
                }
              />
            ) : (
              <Paper withBorder radius="md">
                <AttentionTable
                  items={page.items}
                  onIdentity={setEditing}
                  reviewing={review.isPending ? (review.variables ?? null) : null}
                  onReviewed={(s) =>
                    review.mutate(s.studyUid, {
                      onError: (e) => notifyError(e, 'Could not mark reviewed'),
                    })
                  }
                />
              </Paper>
            )
          }
        </QueryState>
      </Stack>
      <IdentityDrawer
        key={editing?.studyUid ?? 'closed'}
        item={editing}
        onClose={() => setEditing(null)}
      />
    </>
  );
}
