import {
  Button,
  Group,
  NumberInput,
  Paper,
  Radio,
  Stack,
  Switch,
  Text,
  Title,
} from '@mantine/core';
import { RoutingRules, type Centre, type Clinic } from '@telerad/contracts';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../../app/apiError';
import { PageHeader } from '../../../app/components/PageHeader';
import { QueryState } from '../../../app/components/QueryState';
import { CriticalEscalationSettings } from '../../critical/CriticalEscalationSettings';
import { SecondOpinionSlaSettings } from '../../secondOpinions/SecondOpinionSlaSettings';
import { issuesToErrors, type FieldErrors } from '../../../app/formErrors';
import { notifyError, notifySuccess } from '../../../app/notify';
import { useCentres } from '../centres/api';
import { useClinics } from '../clinics/api';
import { useRoutingRules, useSaveRoutingRules } from './api';
import { draftOf, draftProblems, rulesOf, toFormErrors, type RoutingDraft } from './draft';
import { RoutingTargetsEditor } from './RoutingTargetsEditor';
import { SlaTargetsEditor } from './SlaTargetsEditor';

function RoutingForm({
  initial,
  centres,
  clinics,
}: {
  initial: RoutingRules;
  centres: Centre[];
  clinics: Clinic[];
}) {
  const [draft, setDraft] = useState<RoutingDraft>(() => draftOf(initial));
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useSaveRoutingRules();
  const update = (fn: (d: RoutingDraft) => RoutingDraft) => setDraft(fn);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems = draftProblems(draft);
    const parsed = RoutingRules.safeParse(rulesOf(draft));
    const schemaErrors = parsed.success
      ? {}
      : toFormErrors(issuesToErrors(parsed.error.issues), draft);
    const all = { ...schemaErrors, ...problems };
    setErrors(all);
    if (Object.keys(all).length || !parsed.success) {
      notifyError(
        new Error('Some rules are not valid: see the fields marked in red.'),
        'Not saved',
      );
      return;
    }
    save.mutate(parsed.data, {
      onSuccess: (saved) => {
        setDraft(draftOf(saved));
        notifySuccess('New tasks are routed by these rules from now on.', 'Routing rules saved');
      },
      onError: (error) => {
        const issues = error instanceof ApiError ? error.fieldIssues : [];
        if (issues.length) {
          const byPath: FieldErrors = {};
          for (const i of issues)
            byPath[i.path.replace(/^\/?body[./]?/, '').replace(/\//g, '.')] ??= i.message;
          setErrors(toFormErrors(byPath, draft));
        }
        notifyError(error, 'Not saved');
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Routing and SLA rules">
      <Stack gap="lg" maw={900}>
        <Paper withBorder p="lg" radius="md">
          <RoutingTargetsEditor
            draft={draft}
            update={update}
            errors={errors}
            clinics={clinics}
            centres={centres}
          />
        </Paper>
        <Paper withBorder p="lg" radius="md">
          <SlaTargetsEditor draft={draft} update={update} errors={errors} clinics={clinics} />
        </Paper>
        <Paper withBorder p="lg" radius="md">
          <Stack gap="md">
            <Title order={4}>When a centre closes</Title>
            <Radio.Group
              label="Unread, unclaimed tasks at a centre that closes"
              value={draft.onCentreClose}
              onChange={(v) =>
                update((d) => ({ ...d, onCentreClose: v === 'flag' ? 'flag' : 'reroute' }))
              }
            >
              <Stack gap="xs" mt="xs">
                <Radio
                  value="reroute"
                  label="Move them to an open centre (follow the sun); with none open, flag them"
                />
                <Radio value="flag" label="Keep them in place and flag them “centre closed”" />
              </Stack>
            </Radio.Group>
            <Title order={4}>Escalation</Title>
            <NumberInput
              label="Alert before the due time"
              description="Assistants of the clinic and supervisors of the centre are alerted this long before a task is due, and again when it is overdue."
              maw={360}
              min={1}
              max={1440}
              allowDecimal={false}
              suffix=" min"
              value={draft.escalationLeadMinutes}
              onChange={(v) =>
                update((d) => ({ ...d, escalationLeadMinutes: v === '' ? '' : Number(v) }))
              }
              error={errors.escalationLeadMinutes}
            />
            <Title order={4}>CAD triage</Title>
            <Switch
              label="Raise a routine read when its CAD score reaches the triage threshold"
              description="Only scores of a product version with thresholds calibrated by QA count; an uncalibrated score never changes priority. Each raise is recorded with its reason."
              checked={draft.cadTriage.enabled}
              onChange={(e) => {
                const enabled = e.currentTarget.checked;
                update((d) => ({ ...d, cadTriage: { ...d.cadTriage, enabled } }));
              }}
            />
          </Stack>
        </Paper>
        <Group>
          <Button type="submit" loading={save.isPending}>
            Save rules
          </Button>
          <Text size="xs" c="dimmed">
            Changes apply to tasks routed from now on; SLA targets of queued tasks stay.
          </Text>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * Admin → Routing & SLA: pins, priority overrides, SLA targets, centre-close and escalation, and
 * when unacknowledged critical results escalate.
 */
export function RoutingRulesPage() {
  const rules = useRoutingRules();
  const centres = useCentres();
  const clinics = useClinics();
  return (
    <>
      <PageHeader
        title="Routing and SLA"
        description="Where studies are read, how fast, and what happens when a centre closes."
      />
      <QueryState query={rules}>
        {(data) => (
          <QueryState query={centres}>
            {(centreList) => (
              <QueryState query={clinics}>
                {(clinicList) => (
                  <RoutingForm initial={data} centres={centreList} clinics={clinicList} />
                )}
              </QueryState>
            )}
          </QueryState>
        )}
      </QueryState>
      <CriticalEscalationSettings />
      <SecondOpinionSlaSettings />
    </>
  );
}
