import { Button, Group, Stack, Text } from '@mantine/core';
import { CadAeTitlesSet, type CadIntegrationSummary } from '@telerad/contracts';
import { useState } from 'react';
import { ApiError } from '../../../app/apiError';
import { LabelledTagsInput } from '../../../app/components/LabelledSelect';
import { useFieldErrors } from '../../../app/formErrors';
import { notifyError, notifySuccess } from '../../../app/notify';
import { useCadAeTitles } from './api';

/**
 * The calling AE titles a CAD sends its SRs and heatmaps back from (docs/adr/0041), in words,
 * and, for an administrator, the form that sets them. An object from an AE title no clinic and
 * no integration holds is refused, so a CAD with none cannot send its results by DICOM.
 */
export function CadAeTitles({
  integration: i,
  canManage,
}: {
  integration: CadIntegrationSummary;
  canManage: boolean;
}) {
  const [editing, setEditing] = useState(false);
  return (
    <Stack gap={4} mt="sm">
      <Group gap="xs" wrap="wrap">
        <Text size="sm">
          {i.aeTitles.length
            ? `Sends its results back from ${i.aeTitles.join(', ')}`
            : 'Sends no results back by DICOM: no calling AE title set'}
        </Text>
        {canManage && !editing && (
          <Button size="compact-sm" variant="subtle" onClick={() => setEditing(true)}>
            Change AE titles
          </Button>
        )}
      </Group>
      {editing && <AeTitlesForm integration={i} onDone={() => setEditing(false)} />}
    </Stack>
  );
}

function AeTitlesForm({
  integration: i,
  onDone,
}: {
  integration: CadIntegrationSummary;
  onDone: () => void;
}) {
  const [titles, setTitles] = useState(i.aeTitles);
  const { errors, setErrors, validate, fromServer } = useFieldErrors();
  const save = useCadAeTitles();
  const submit = () => {
    const body = validate(CadAeTitlesSet, { aeTitles: titles });
    if (!body) return;
    save.mutate(
      { id: i.id, body },
      {
        onSuccess: () => {
          notifySuccess(`${i.name} sends from ${body.aeTitles.join(', ') || 'no AE title'}`);
          onDone();
        },
        onError: (e) => {
          if (e instanceof ApiError && e.code === 'CAD_AE_TITLE_TAKEN')
            setErrors({ aeTitles: e.message });
          else if (!fromServer(e)) notifyError(e);
        },
      },
    );
  };
  const error = Object.entries(errors).find(([k]) => k.startsWith('aeTitles'))?.[1];
  return (
    <Group gap="xs" align="flex-end" wrap="wrap">
      <LabelledTagsInput
        label="Calling AE titles of this CAD"
        description="The AE titles its SRs and heatmaps arrive from; press Enter after each."
        placeholder="CAD4TB"
        value={titles}
        onChange={(next) => setTitles(next.map((t) => t.trim().toUpperCase()))}
        error={error}
        splitChars={[',', ' ']}
        style={{ flex: 1, minWidth: 260 }}
      />
      <Button size="sm" loading={save.isPending} onClick={submit}>
        Save AE titles
      </Button>
      <Button size="sm" variant="default" onClick={onDone}>
        Cancel
      </Button>
    </Group>
  );
}
