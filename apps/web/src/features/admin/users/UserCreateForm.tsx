import { PasswordInput } from '@mantine/core';
import { UserCreate } from '@telerad/contracts';
import { useState } from 'react';
import { ApiError, errorMessage } from '../../../app/apiError';
import { FormDrawer } from '../../../app/components/FormDrawer';
import { useFieldErrors } from '../../../app/formErrors';
import { notifySuccess } from '../../../app/notify';
import { useCreateUser } from './api';
import { managedOf, UserFields, type UserDraft } from './UserFields';

const EMPTY: UserDraft = {
  username: '',
  displayName: '',
  email: '',
  credentials: '',
  roles: [],
  clinicIds: [],
  managedClinicIds: [],
  centreId: null,
  active: true,
};

/** Creates a user account with an initial password, in a drawer. */
export function UserCreateForm({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [draft, setDraft] = useState<UserDraft>(EMPTY);
  const [password, setPassword] = useState('');
  const { errors, setErrors, validate, fromServer, clear } = useFieldErrors();
  const create = useCreateUser();
  const set = <K extends keyof UserDraft>(key: K, value: UserDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    clear(key);
  };

  const submit = () => {
    const body = validate(UserCreate, {
      ...draft,
      managedClinicIds: managedOf(draft),
      email: draft.email.trim() || null,
      credentials: draft.credentials.trim() || null,
      password,
    });
    if (!body) return;
    create.mutate(body, {
      onSuccess: (user) => {
        notifySuccess(`${user.displayName} (${user.username}) can now sign in.`, 'User created');
        onClose();
      },
      onError: (error) => {
        if (fromServer(error)) return;
        if (error instanceof ApiError && error.code === 'DUPLICATE_USERNAME') {
          setErrors({ username: error.message });
        }
      },
    });
  };

  return (
    <FormDrawer
      opened={opened}
      onClose={onClose}
      title="New user"
      onSubmit={submit}
      saving={create.isPending}
      error={create.error ? errorMessage(create.error) : null}
    >
      <UserFields draft={draft} set={set} errors={errors} usernameLocked={false} />
      <PasswordInput
        label="Initial password"
        description="At least 12 characters. Give it to the user through a separate channel."
        required
        autoComplete="new-password"
        value={password}
        onChange={(e) => {
          setPassword(e.currentTarget.value);
          clear('password');
        }}
        error={errors.password}
      />
    </FormDrawer>
  );
}
