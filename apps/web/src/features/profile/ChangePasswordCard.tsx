import { Alert, Button, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { NewPassword } from '@telerad/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../app/apiError';
import { notifySuccess } from '../../app/notify';
import { useChangePassword } from './api';

/** Profile card: change one's own password. */
export function ChangePasswordCard() {
  const { t } = useTranslation('profile');
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<{ next?: string; repeat?: string }>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = NewPassword.safeParse(next);
    const found = {
      next: parsed.success ? undefined : parsed.error.issues[0]?.message,
      repeat: next === repeat ? undefined : t('password.differ'),
    };
    setErrors(found);
    if (found.next || found.repeat || !current) return;
    change.mutate(
      { currentPassword: current, newPassword: next },
      {
        onSuccess: () => {
          notifySuccess(t('password.changedText'), t('password.changed'));
          setCurrent('');
          setNext('');
          setRepeat('');
        },
        onError: (error) => {
          if (error instanceof ApiError && error.fieldIssues.length > 0) {
            setErrors({ next: error.fieldIssues[0]?.message });
          }
        },
      },
    );
  };

  return (
    <Paper withBorder p="lg" radius="md">
      <form onSubmit={submit} noValidate aria-label={t('password.submit')}>
        <Stack gap="sm">
          <Title order={4}>{t('password.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('password.hint')}
          </Text>
          {change.error && (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(change.error)}
            </Alert>
          )}
          <PasswordInput
            label={t('password.current')}
            autoComplete="current-password"
            required
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
          />
          <PasswordInput
            label={t('password.new')}
            autoComplete="new-password"
            required
            value={next}
            onChange={(e) => setNext(e.currentTarget.value)}
            error={errors.next}
          />
          <PasswordInput
            label={t('password.repeat')}
            autoComplete="new-password"
            required
            value={repeat}
            onChange={(e) => setRepeat(e.currentTarget.value)}
            error={errors.repeat}
          />
          <Button
            type="submit"
            w="fit-content"
            loading={change.isPending}
            disabled={!current || !next}
          >
            {t('password.submit')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
