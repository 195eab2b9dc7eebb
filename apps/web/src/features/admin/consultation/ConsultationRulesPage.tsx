import { ActionIcon, Button, Group, Switch, Table, Text, Tooltip } from '@mantine/core';
import { IconPencil, IconPlus, IconScale, IconTrash } from '@tabler/icons-react';
import {
  ConsultationRule,
  ConsultationRules,
  type ConsultationRules as Rules,
} from '@telerad/contracts';
import { useState } from 'react';
import { errorMessage } from '../../../app/apiError';
import { ConfirmButton } from '../../../app/components/ConfirmButton';
import { DenseTable } from '../../../app/components/DenseTable';
import { EmptyTableState } from '../../../app/components/EmptyTableState';
import { FormDrawer } from '../../../app/components/FormDrawer';
import { PageHeader } from '../../../app/components/PageHeader';
import { QueryState } from '../../../app/components/QueryState';
import { useFieldErrors } from '../../../app/formErrors';
import { notifyError, notifySuccess } from '../../../app/notify';
import { useCan } from '../../../app/useCan';
import { useConsultationRules, useSaveConsultationRules } from './api';
import { RuleFields, draftCondition, draftOf, type RuleDraft } from './RuleForm';
import { conditionText, ruleIdFor, upsertRule } from './ruleText';

const NEW_RULE: RuleDraft = draftOf({
  id: '',
  name: '',
  enabled: true,
  when: { kind: 'finding', codes: [] },
});

/** The add/edit drawer of one rule. */
function RuleDrawer({
  rules,
  editing,
  onClose,
}: {
  rules: Rules;
  editing: { draft: RuleDraft; replacing: string | null } | null;
  onClose: () => void;
}) {
  const save = useSaveConsultationRules();
  const [draft, setDraft] = useState<RuleDraft | null>(editing?.draft ?? null);
  const { errors, setErrors, validate, fromServer } = useFieldErrors();
  const [error, setError] = useState<string | null>(null);
  if (!editing || !draft) return null;

  const submit = () => {
    setError(null);
    if (draft.kind === 'tb_suggestive_under_age' && draft.age === '') {
      setErrors({ 'when.age': 'Give the age below which the rule applies' });
      return;
    }
    const id =
      editing.replacing ??
      ruleIdFor(
        draft.name,
        rules.map((r) => r.id),
      );
    const rule = validate(ConsultationRule, {
      id,
      name: draft.name.trim(),
      enabled: draft.enabled,
      when: draftCondition(draft),
    });
    if (!rule) return;
    const next = ConsultationRules.safeParse(upsertRule(rules, rule, editing.replacing));
    if (!next.success) {
      setError(next.error.issues[0]?.message ?? 'These rules are not valid.');
      return;
    }
    save.mutate(next.data, {
      onSuccess: () => {
        notifySuccess(`“${rule.name}” saved.`, 'Rule saved');
        onClose();
      },
      onError: (e) => {
        if (!fromServer(e)) setError(errorMessage(e));
      },
    });
  };

  return (
    <FormDrawer
      opened
      onClose={onClose}
      title={editing.replacing ? 'Edit rule' : 'Add rule'}
      onSubmit={submit}
      saving={save.isPending}
      error={error}
      size="md"
    >
      <RuleFields draft={draft} onChange={setDraft} errors={errors} />
    </FormDrawer>
  );
}

/**
 * Admin/QA → Consultation rules: which signed reports are held for a consultant before the
 * clinic sees them. Rules are data; toggling or editing one saves the whole list.
 */
export function ConsultationRulesPage() {
  const rules = useConsultationRules();
  const save = useSaveConsultationRules();
  const canEdit = useCan('rules:consultation:write');
  const [editing, setEditing] = useState<{ draft: RuleDraft; replacing: string | null } | null>(
    null,
  );
  const put = (next: Rules, message: string) =>
    save.mutate(next, {
      onSuccess: () => notifySuccess(message, 'Rules saved'),
      onError: (e) => notifyError(e, 'Rules not saved'),
    });

  return (
    <>
      <PageHeader
        title="Consultation rules"
        description="A signed report matching any enabled rule is held until a consultant concurs or amends it."
        actions={
          canEdit && (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setEditing({ draft: NEW_RULE, replacing: null })}
            >
              Add rule
            </Button>
          )
        }
      />
      <QueryState query={rules}>
        {(list) =>
          list.length === 0 ? (
            <EmptyTableState
              icon={<IconScale size={32} />}
              title="No consultation rules"
              description="Every signed report goes straight to the clinic. Add a rule to hold, for example, any cavity finding for a consultant."
            />
          ) : (
            <DenseTable label="Consultation rules">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={90}>Enabled</Table.Th>
                  <Table.Th>Rule</Table.Th>
                  <Table.Th>Holds a report when</Table.Th>
                  <Table.Th w={90} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((r) => (
                  <Table.Tr key={r.id} data-rule-id={r.id}>
                    <Table.Td>
                      <Switch
                        aria-label={`Enable ${r.name}`}
                        checked={r.enabled}
                        disabled={!canEdit || save.isPending}
                        onChange={(e) => {
                          const enabled = e.currentTarget.checked;
                          put(
                            list.map((x) => (x.id === r.id ? { ...x, enabled } : x)),
                            `“${r.name}” ${enabled ? 'enabled' : 'disabled'}.`,
                          );
                        }}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {r.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {r.id}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'normal' }}>
                      <Text size="sm">{conditionText(r.when)}</Text>
                    </Table.Td>
                    <Table.Td>
                      {canEdit && (
                        <Group gap={4} wrap="nowrap">
                          <Tooltip label="Edit">
                            <ActionIcon
                              variant="subtle"
                              aria-label={`Edit ${r.name}`}
                              onClick={() => setEditing({ draft: draftOf(r), replacing: r.id })}
                            >
                              <IconPencil size={16} />
                            </ActionIcon>
                          </Tooltip>
                          <ConfirmButton
                            size="compact-xs"
                            variant="subtle"
                            color="red"
                            aria-label={`Delete ${r.name}`}
                            question={`Delete “${r.name}”? Reports matching it will no longer be held.`}
                            confirmLabel="Delete"
                            onConfirm={() =>
                              put(
                                list.filter((x) => x.id !== r.id),
                                `“${r.name}” deleted.`,
                              )
                            }
                          >
                            <IconTrash size={14} />
                          </ConfirmButton>
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </DenseTable>
          )
        }
      </QueryState>
      {editing && rules.data && (
        <RuleDrawer
          key={editing.replacing ?? 'new'}
          rules={rules.data}
          editing={editing}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
