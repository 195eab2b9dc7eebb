import { Paper, Select, Text, Title } from '@mantine/core';
import { LANGUAGE_NAMES, LANGUAGES, type Language } from '@telerad/contracts';
import { useTranslation } from 'react-i18next';
import { notifyError } from '../../app/notify';
import { useMe } from '../auth/session';
import { useSetLanguage } from './api';

/** The choice that follows the clinic's default (a Select needs a string value). */
const FOLLOW = 'clinic';

/**
 * The user's language: their clinic's default, or one of their own. Saved as soon as it is
 * chosen; the page changes language in place. Each language is named in itself, so someone who
 * landed in a language they cannot read still finds their own.
 */
export function LanguageCard() {
  const me = useMe();
  const { t } = useTranslation('profile');
  const setLanguage = useSetLanguage();
  const fallback = me.clinicLanguage ?? 'en';
  const data = [
    {
      value: FOLLOW,
      label: me.clinicLanguage
        ? t('language.followClinic', { language: LANGUAGE_NAMES[fallback] })
        : t('language.followDefault', { language: LANGUAGE_NAMES[fallback] }),
    },
    ...LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] })),
  ];
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="language-title">
      <Title order={4} id="language-title">
        {t('language.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('language.description')}
      </Text>
      <Select
        label={t('language.label')}
        data={data}
        value={me.ownLanguage ?? FOLLOW}
        allowDeselect={false}
        disabled={setLanguage.isPending}
        onChange={(v) =>
          setLanguage.mutate(v === FOLLOW || v === null ? null : (v as Language), {
            onError: (e) => notifyError(e),
          })
        }
        maw={320}
        data-testid="language-choice"
      />
    </Paper>
  );
}
