import {
  ActionIcon,
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import type { QcRules, QcRulesAnswer, QcSampling } from '@telerad/contracts';
import { useState } from 'react';
import { errorMessage } from '../../app/apiError';
import { QueryState } from '../../app/components/QueryState';
import { useCan } from '../../app/useCan';
import { useQcRules, useSaveQcRules } from './api';
import { SAMPLING_MODES, samplingText, withMode } from './samplingWords';

function SamplingField({
  label,
  value,
  onChange,
  readOnly,
}: {
  label: string;
  value: QcSampling;
  onChange: (s: QcSampling) => void;
  readOnly: boolean;
}) {
  return (
    <Group gap="xs" align="flex-end" wrap="wrap">
      <Select
        label={label}
        data={SAMPLING_MODES}
        value={value.mode}
        allowDeselect={false}
        disabled={readOnly}
        onChange={(m) => m && onChange(withMode(m as QcSampling['mode'], value))}
        w={220}
      />
      {value.mode === 'percent' && (
        <NumberInput
          label="Percentage"
          aria-label={`${label}: percentage`}
          min={0}
          max={100}
          suffix=" %"
          w={140}
          disabled={readOnly}
          value={value.percent}
          onChange={(v) => onChange({ mode: 'percent', percent: Number(v) || 0 })}
        />
      )}
    </Group>
  );
}

/**
 * The QC programme's sampling rules (QA): the default for every clinic, and clinics with a rule
 * of their own. Saved as a whole; applies to clinic reads sent from then on.
 */
export function QcRulesCard() {
  const rules = useQcRules();
  return (
    <QueryState query={rules}>{(r) => <RulesForm key={JSON.stringify(r)} answer={r} />}</QueryState>
  );
}

function RulesForm({ answer }: { answer: QcRulesAnswer }) {
  const canWrite = useCan('qc:rules:write');
  const [draft, setDraft] = useState<QcRules>({ default: answer.default, clinics: answer.clinics });
  const save = useSaveQcRules();
  const named = new Set(draft.clinics.map((c) => c.clinicId));
  const free = answer.clinicOptions.filter((c) => !named.has(c.id));
  const nameOf = (id: string) => {
    const c = answer.clinicOptions.find((o) => o.id === id);
    return c ? `${c.code} — ${c.name}` : id;
  };
  const changed =
    JSON.stringify(draft) !== JSON.stringify({ default: answer.default, clinics: answer.clinics });
  return (
    <Paper withBorder p="md" radius="sm" aria-label="QC sampling rules" component="section">
      <Stack gap="sm">
        <div>
          <Title order={4}>Which clinic reads the centre re-reads</Title>
          <Text size="sm" c="dimmed">
            A clinic read chosen here becomes a QC read on the worklist; the radiologist reads it
            blind and sees the clinic’s read only after signing. In force:{' '}
            {samplingText(answer.default)} by default
            {answer.clinics.length
              ? `; ${answer.clinics.length} ${answer.clinics.length === 1 ? 'clinic has' : 'clinics have'} a rule of its own`
              : ''}
            .
          </Text>
        </div>
        <SamplingField
          label="Default for every clinic"
          value={draft.default}
          readOnly={!canWrite}
          onChange={(s) => setDraft((d) => ({ ...d, default: s }))}
        />
        {draft.clinics.map((c, i) => (
          <Group key={c.clinicId} align="flex-end" gap="xs">
            <SamplingField
              label={nameOf(c.clinicId)}
              value={c.sampling}
              readOnly={!canWrite}
              onChange={(s) =>
                setDraft((d) => ({
                  ...d,
                  clinics: d.clinics.map((x, j) => (j === i ? { ...x, sampling: s } : x)),
                }))
              }
            />
            {canWrite && (
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={`Remove the rule of ${nameOf(c.clinicId)}`}
                onClick={() =>
                  setDraft((d) => ({ ...d, clinics: d.clinics.filter((_, j) => j !== i) }))
                }
              >
                <IconTrash size={16} />
              </ActionIcon>
            )}
          </Group>
        ))}
        {canWrite && (
          <Group gap="xs" align="flex-end">
            <Select
              label="Give a clinic its own rule"
              placeholder={free.length ? 'Choose a clinic' : 'Every clinic has its own rule'}
              data={free.map((c) => ({ value: c.id, label: `${c.code} — ${c.name}` }))}
              value={null}
              disabled={!free.length}
              searchable
              w={280}
              onChange={(id) =>
                id &&
                setDraft((d) => ({
                  ...d,
                  clinics: [...d.clinics, { clinicId: id, sampling: { mode: 'all' } }],
                }))
              }
            />
          </Group>
        )}
        {save.error && (
          <Alert color="red" role="alert" title="Not saved">
            {errorMessage(save.error)}
          </Alert>
        )}
        {canWrite && (
          <Group>
            <Button
              disabled={!changed}
              loading={save.isPending}
              onClick={() =>
                save.mutate(draft, {
                  onSuccess: () =>
                    notifications.show({ color: 'teal', message: 'QC sampling rules saved.' }),
                })
              }
            >
              Save rules
            </Button>
            <Button
              variant="subtle"
              disabled={!changed}
              onClick={() => setDraft({ default: answer.default, clinics: answer.clinics })}
            >
              Undo changes
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
