import { Checkbox, Divider, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { LabelledSelect, LabelledMultiSelect } from '../../../app/components/LabelledSelect';
import {
  ClinicCreate,
  LANGUAGE_NAMES,
  LANGUAGES,
  ORDER_POLICIES,
  PROGRAMMES,
  PROGRAMME_LABELS,
  type Clinic,
  type ClinicAe,
  type ClinicStatus,
  type Language,
  type OrderPolicy,
  type Programme,
} from '@telerad/contracts';
import { useMemo, useState } from 'react';
import { errorMessage } from '../../../app/apiError';
import { FormDrawer } from '../../../app/components/FormDrawer';
import { TimeZoneSelect } from '../../../app/components/TimeZoneSelect';
import { useFieldErrors } from '../../../app/formErrors';
import { notifySuccess } from '../../../app/notify';
import { useCentres } from '../centres/api';
import { useUsers } from '../users/api';
import { useCan } from '../../../app/useCan';
import { AeTitlesEditor } from './AeTitlesEditor';
import { ContactsEditor, type ContactDraft } from './ContactsEditor';
import { WebhookSettings } from './WebhookSettings';
import { useSaveClinic } from './api';
import { countryOptions } from './countries';
import { StatusHelp, statusChoices } from './StatusHelp';
import { STATUS_STYLE } from './status';

interface Draft {
  code: string;
  name: string;
  country: string;
  timeZone: string;
  homeCentreId: string;
  programmes: Programme[];
  aeTitles: ClinicAe[];
  status: ClinicStatus;
  language: Language;
  orderPolicy: OrderPolicy;
  assistantIds: string[];
  contacts: ContactDraft[];
}

function draftOf(c: Clinic | null): Draft {
  if (c) {
    const {
      code,
      name,
      country,
      timeZone,
      homeCentreId,
      programmes,
      aeTitles,
      status,
      language,
      orderPolicy,
      assistantIds,
      contacts,
    } = c;
    return {
      code,
      name,
      country,
      timeZone,
      homeCentreId,
      programmes,
      aeTitles,
      status,
      language,
      orderPolicy,
      assistantIds,
      contacts,
    };
  }
  return {
    code: '',
    name: '',
    country: '',
    timeZone: '',
    homeCentreId: '',
    programmes: [],
    aeTitles: [],
    status: 'onboarding',
    language: 'en',
    orderPolicy: 'none',
    assistantIds: [],
    contacts: [],
  };
}

/** The clinic's order policy in the administrator's words. */
const ORDER_POLICY_LABELS: Record<OrderPolicy, string> = {
  none: 'Applicants are not registered',
  match: 'Match images to registered applicants',
  require: 'Hold images until matched to a registered applicant',
};

/** Field a duplicate-conflict code belongs to. */
const CONFLICT_FIELD: Record<string, string> = {
  DUPLICATE_CLINIC_CODE: 'code',
  DUPLICATE_AE_TITLE: 'aeTitles',
  CLINIC_STATUS_VIA_ONBOARDING: 'status',
};

/** Create or edit a clinic in a drawer. `clinic` null means a new one. */
export function ClinicForm({
  clinic,
  opened,
  onClose,
}: {
  clinic: Clinic | null;
  opened: boolean;
  onClose: () => void;
}) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(clinic));
  const { errors, setErrors, validate, fromServer, clear } = useFieldErrors();
  const centres = useCentres();
  const users = useUsers();
  const save = useSaveClinic();
  const countries = useMemo(countryOptions, []);
  const canEditWebhook = useCan('clinics:write');
  const assistants = useMemo(
    () =>
      (users.data ?? [])
        .filter((u) => u.roles.includes('assistant') || draft.assistantIds.includes(u.id))
        .map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` })),
    [users.data, draft.assistantIds],
  );
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    clear(key);
  };

  const submit = () => {
    const body = validate(ClinicCreate, draft);
    if (!body) return;
    save.mutate(
      { id: clinic?.id ?? null, body },
      {
        onSuccess: (saved) => {
          notifySuccess(
            `Clinic ${saved.code} saved.`,
            clinic ? 'Clinic updated' : 'Clinic created',
          );
          onClose();
        },
        onError: (error) => {
          if (fromServer(error)) return;
          const code = (error as { code?: string }).code;
          const field = code ? CONFLICT_FIELD[code] : undefined;
          if (field) setErrors({ [field]: errorMessage(error) });
        },
      },
    );
  };

  return (
    <FormDrawer
      opened={opened}
      onClose={onClose}
      title={clinic ? `Edit clinic ${clinic.code}` : 'New clinic'}
      onSubmit={submit}
      saving={save.isPending}
      error={save.error ? errorMessage(save.error) : null}
      size="xl"
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label="Clinic code"
          description="2–16 upper-case letters, digits, - or _"
          required
          value={draft.code}
          onChange={(e) => set('code', e.currentTarget.value.toUpperCase())}
          error={errors.code}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        />
        <TextInput
          label="Clinic name"
          description="As shown on reports"
          required
          value={draft.name}
          onChange={(e) => set('name', e.currentTarget.value)}
          error={errors.name}
        />
        <LabelledSelect
          label="Country"
          required
          searchable
          data={countries}
          value={draft.country || null}
          onChange={(v) => set('country', v ?? '')}
          error={errors.country}
          placeholder="Search by name or code"
          nothingFoundMessage="No matching country"
          limit={40}
        />
        <TimeZoneSelect
          value={draft.timeZone}
          onChange={(tz) => set('timeZone', tz)}
          error={errors.timeZone}
        />
        <LabelledSelect
          label="Home centre"
          required
          data={(centres.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={draft.homeCentreId || null}
          onChange={(v) => set('homeCentreId', v ?? '')}
          error={
            errors.homeCentreId ??
            (centres.data?.length === 0 ? 'Create a centre first' : undefined)
          }
          placeholder={centres.isPending ? 'Loading…' : 'Choose a centre'}
        />
        <LabelledSelect
          label="Status"
          description={<StatusHelp clinic={clinic} />}
          required
          allowDeselect={false}
          data={statusChoices(clinic).map((s) => ({ value: s, label: STATUS_STYLE[s].label }))}
          value={draft.status}
          onChange={(v) => v && set('status', v as ClinicStatus)}
          error={errors.status}
        />
        <LabelledSelect
          label="Language"
          description="Of the clinic's pages and e-mails; each user may choose their own"
          required
          allowDeselect={false}
          data={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
          value={draft.language}
          onChange={(v) => v && set('language', v as Language)}
          error={errors.language}
        />
        <LabelledSelect
          label="Registered applicants"
          description="Whether the clinic registers applicants before the CXR, and what an image without a registration does"
          required
          allowDeselect={false}
          data={ORDER_POLICIES.map((p) => ({ value: p, label: ORDER_POLICY_LABELS[p] }))}
          value={draft.orderPolicy}
          onChange={(v) => v && set('orderPolicy', v as OrderPolicy)}
          error={errors.orderPolicy}
        />
      </SimpleGrid>
      <Checkbox.Group
        label="Programmes"
        description="Receiving countries this clinic screens for"
        withAsterisk
        value={draft.programmes}
        onChange={(v) => set('programmes', v as Programme[])}
        error={errors.programmes}
      >
        <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing="xs">
          {PROGRAMMES.map((p) => (
            <Checkbox key={p} value={p} label={PROGRAMME_LABELS[p]} />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
      <Divider />
      <Stack gap={4}>
        <AeTitlesEditor
          value={draft.aeTitles}
          onChange={(v) => set('aeTitles', v)}
          errors={errors}
        />
        {errors.aeTitles && (
          <div role="alert" style={{ color: 'var(--mantine-color-error)', fontSize: 12 }}>
            {errors.aeTitles}
          </div>
        )}
      </Stack>
      {clinic && canEditWebhook && (
        <>
          <Divider />
          <WebhookSettings clinicId={clinic.id} />
        </>
      )}
      <Divider />
      <LabelledMultiSelect
        label="Assistants"
        description="Teleradiology assistants who look after this clinic"
        data={assistants}
        value={draft.assistantIds}
        onChange={(v) => set('assistantIds', v)}
        searchable
        clearable
        error={errors.assistantIds}
        placeholder={
          assistants.length === 0 ? 'No user has the assistant role yet' : 'Choose assistants'
        }
        nothingFoundMessage="No matching assistant"
      />
      <Divider />
      <ContactsEditor value={draft.contacts} onChange={(v) => set('contacts', v)} errors={errors} />
    </FormDrawer>
  );
}
