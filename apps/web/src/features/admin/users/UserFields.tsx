import { Checkbox, SimpleGrid, Switch, TextInput } from '@mantine/core';
import { LabelledMultiSelect, LabelledSelect } from '../../../app/components/LabelledSelect';
import { ROLES, ROLE_LABELS, type Role } from '@telerad/contracts';
import type { FieldErrors } from '../../../app/formErrors';
import { useCentres } from '../centres/api';
import { useClinics } from '../clinics/api';

/** The editable profile of a user account, shared by create and edit. */
export interface UserDraft {
  username: string;
  displayName: string;
  email: string;
  credentials: string;
  roles: Role[];
  clinicIds: string[];
  /** Of `clinicIds`, those the user manages (clinic staff only): they get its daily summary. */
  managedClinicIds: string[];
  /** The centre the user works for; null: every centre. */
  centreId: string | null;
  active: boolean;
}

/**
 * The clinics a draft manages as saved: only clinic staff manage, and only clinics they belong
 * to, so removing a membership or the clinic role quietly ends managing it.
 */
export function managedOf(draft: UserDraft): string[] {
  return draft.roles.includes('clinic')
    ? draft.managedClinicIds.filter((c) => draft.clinicIds.includes(c))
    : [];
}

/** The form fields of a user account. The username is fixed once created. */
export function UserFields({
  draft,
  set,
  errors,
  usernameLocked,
}: {
  draft: UserDraft;
  set: <K extends keyof UserDraft>(key: K, value: UserDraft[K]) => void;
  errors: FieldErrors;
  usernameLocked: boolean;
}) {
  const clinics = useClinics();
  const clinicOptions = (clinics.data ?? []).map((c) => ({
    value: c.id,
    label: `${c.code} — ${c.name}`,
  }));
  const centres = useCentres();
  const centreOptions = (centres.data ?? []).map((c) => ({ value: c.id, label: c.name }));
  const needsClinic = draft.roles.includes('clinic') && draft.clinicIds.length === 0;

  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label="Username"
          description={usernameLocked ? 'Cannot be changed' : 'Lower-case letters, digits, . _ -'}
          required={!usernameLocked}
          disabled={usernameLocked}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          value={draft.username}
          onChange={(e) => set('username', e.currentTarget.value.toLowerCase())}
          error={errors.username}
        />
        <TextInput
          label="Display name"
          description="Full name, as shown on reports"
          required
          value={draft.displayName}
          onChange={(e) => set('displayName', e.currentTarget.value)}
          error={errors.displayName}
        />
        <TextInput
          label="Email"
          type="email"
          value={draft.email}
          onChange={(e) => set('email', e.currentTarget.value)}
          error={errors.email}
        />
        <TextInput
          label="Credentials"
          description="e.g. MD, FRCR — printed after the name on signed reports"
          value={draft.credentials}
          onChange={(e) => set('credentials', e.currentTarget.value)}
          error={errors.credentials}
        />
      </SimpleGrid>
      <Checkbox.Group
        label="Roles"
        description="A user may hold several roles"
        withAsterisk
        value={draft.roles}
        onChange={(v) => set('roles', v as Role[])}
        error={errors.roles}
      >
        <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing="xs">
          {ROLES.map((r) => (
            <Checkbox key={r} value={r} label={ROLE_LABELS[r]} />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
      <LabelledMultiSelect
        label="Clinic memberships"
        description="Clinic staff see only these clinics' data; assistants look after them"
        data={clinicOptions}
        value={draft.clinicIds}
        onChange={(v) => set('clinicIds', v)}
        searchable
        clearable
        placeholder={clinicOptions.length === 0 ? 'No clinics yet' : 'Choose clinics'}
        nothingFoundMessage="No matching clinic"
        error={
          errors.clinicIds ??
          (needsClinic ? 'Clinic staff need at least one clinic to see anything' : undefined)
        }
      />
      {draft.roles.includes('clinic') && draft.clinicIds.length > 0 && (
        <LabelledMultiSelect
          label="Manages"
          description="A clinic manager gets the clinic's daily summary e-mail at 07:00 their time: yesterday's studies, turnaround and what waits"
          data={clinicOptions.filter((o) => draft.clinicIds.includes(o.value))}
          value={managedOf(draft)}
          onChange={(v) => set('managedClinicIds', v)}
          clearable
          placeholder="Choose clinics"
          error={errors.managedClinicIds}
        />
      )}
      <LabelledSelect
        label="Centre"
        description="Readers get push-assigned tasks and supervisors get alerts of this centre; none means every centre"
        data={centreOptions}
        value={draft.centreId}
        onChange={(v) => set('centreId', v)}
        clearable
        placeholder="Every centre"
        error={errors.centreId}
      />
      <Switch
        label="Active"
        description="Inactive accounts cannot sign in"
        checked={draft.active}
        onChange={(e) => set('active', e.currentTarget.checked)}
      />
    </>
  );
}
