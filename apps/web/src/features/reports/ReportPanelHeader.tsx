import { Group, Select, Text } from '@mantine/core';
import type { FormChoice } from '@telerad/contracts';
import type { ReactNode } from 'react';

/**
 * The panel's top row: the form (a picker when the clinic serves several programmes) and the
 * save status and keys on the right. The patient is in the reading screen's own header.
 */
export function ReportPanelHeader({
  forms,
  formKey,
  onPickForm,
  readOnly,
  right,
}: {
  forms: readonly FormChoice[];
  formKey: string;
  onPickForm: (key: string) => void;
  readOnly: boolean;
  right: ReactNode;
}) {
  return (
    <Group gap={6} wrap="nowrap">
      {forms.length > 1 ? (
        <div style={{ flex: 1, minWidth: 0 }}>
          <Select
            size="xs"
            w="100%"
            aria-label="Report form"
            id="report-form"
            allowDeselect={false}
            disabled={readOnly}
            value={formKey}
            // A long programme title can outgrow the panel: the whole of it on hover, and a
            // list as wide as its longest title.
            title={forms.find((f) => `${f.id}@${f.version}` === formKey)?.title}
            data={forms.map((f) => ({
              value: `${f.id}@${f.version}`,
              label: f.title,
            }))}
            onChange={(v) => v && onPickForm(v)}
            comboboxProps={{ withinPortal: true, width: 'max-content', position: 'bottom-start' }}
          />
        </div>
      ) : (
        <Text size="xs" c="dimmed" lineClamp={1} style={{ flex: 1 }}>
          {forms[0]?.title}
        </Text>
      )}
      {right}
    </Group>
  );
}
