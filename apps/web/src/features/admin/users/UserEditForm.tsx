import { UserUpdate, type User } from '@telerad/contracts';
import { useState } from 'react';
import { errorMessage } from '../../../app/apiError';
import { FormDrawer } from '../../../app/components/FormDrawer';
import { useFieldErrors } from '../../../app/formErrors';
import { notifySuccess } from '../../../app/notify';
import { useUpdateUser } from './api';
import { UserAccountActions } from './UserAccountActions';
import { managedOf, UserFields, type UserDraft } from './UserFields';

function draftOf(u: User): UserDraft {
  return {
    username: u.username,
    displayName: u.displayName,
    email: u.email ?? '',
    credentials: u.credentials ?? '',
    roles: u.roles,
    clinicIds: u.clinicIds,
    managedClinicIds: u.managedClinicIds,
    centreId: u.centreId,
    active: u.active,
  };
}

/** Edits a user account in a drawer; account actions (reset, unlock) sit below the fields. */
export function UserEditForm({
  user,
  opened,
  onClose,
}: {
  user: User;
  opened: boolean;
  onClose: () => void;
}) {
  const [draft, setDraft] = useState<UserDraft>(() => draftOf(user));
  const { errors, validate, fromServer, clear } = useFieldErrors();
  const update = useUpdateUser();
  const set = <K extends keyof UserDraft>(key: K, value: UserDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    clear(key);
  };

  const submit = () => {
    const body = validate(UserUpdate, {
      displayName: draft.displayName,
      email: draft.email.trim() || null,
      credentials: draft.credentials.trim() || null,
      roles: draft.roles,
      clinicIds: draft.clinicIds,
      managedClinicIds: managedOf(draft),
      centreId: draft.centreId,
      active: draft.active,
    });
    if (!body) return;
    update.mutate(
      { id: user.id, body },
      {
        onSuccess: (saved) => {
          notifySuccess(`${saved.displayName} (${saved.username}) saved.`, 'User updated');
          onClose();
        },
        onError: fromServer,
      },
    );
  };

  return (
    <FormDrawer
      opened={opened}
      onClose={onClose}
      title={`Edit ${user.username}`}
      onSubmit={submit}
      saving={update.isPending}
      error={update.error ? errorMessage(update.error) : null}
    >
      <UserFields draft={draft} set={set} errors={errors} usernameLocked />
      <UserAccountActions user={user} />
    </FormDrawer>
  );
}
