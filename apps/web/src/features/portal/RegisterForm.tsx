import {
  Alert,
  Button,
  Chip,
  Group,
  Select,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import {
  ORDER_VIEWS,
  OrderCreate,
  PROGRAMME_LABELS,
  type Order,
  type OrderSex,
  type Priority,
  type Programme,
} from '@telerad/contracts';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFieldErrors } from '../../app/formErrors';
import { notifyError, notifySuccess } from '../../app/notify';
import { useDuplicates, useRegisterOrder } from './ordersApi';

/** How long typing must pause before the duplicate check asks the server. */
const DUPLICATE_DEBOUNCE_MS = 400;

const EMPTY = {
  patientId: '',
  issuer: '',
  familyName: '',
  givenName: '',
  birthDate: '',
  // Asked every time: a default here would be saved unnoticed for every applicant.
  sex: '' as OrderSex | '',
  views: ['PA'] as string[],
  priority: 'routine' as Priority,
  scheduledDate: '',
  scheduledTime: '',
  accessionNumber: '',
  note: '',
};

/** Display form of a DICOM name `FAMILY^Given`. */
export const orderName = (o: Pick<Order, 'familyName' | 'givenName'>) =>
  [o.familyName, o.givenName].filter(Boolean).join(', ');

/**
 * The front desk's form, made for a tablet: large fields, the usual answers already chosen (PA
 * view, routine, today, the clinic's first programme), and a warning as soon as the ID, or the
 * name and birth date, match an applicant registered recently. After saving it empties and
 * puts the cursor back on the ID, for the next applicant in the queue.
 */
export function RegisterForm({
  clinicId,
  programmes,
}: {
  clinicId: string;
  programmes: readonly Programme[];
}) {
  const { t } = useTranslation('register');
  const [v, setV] = useState(EMPTY);
  const [programme, setProgramme] = useState<Programme | null>(programmes[0] ?? null);
  const { errors, validate, fromServer } = useFieldErrors();
  const register = useRegisterOrder(clinicId);
  const first = useRef<HTMLInputElement>(null);
  const [probe] = useDebouncedValue(
    { patientId: v.patientId, familyName: v.familyName, birthDate: v.birthDate },
    DUPLICATE_DEBOUNCE_MS,
  );
  const duplicates = useDuplicates(clinicId, probe);
  const set = (field: keyof typeof EMPTY) => (value: string | string[]) =>
    setV((old) => ({ ...old, [field]: value }));
  const input = (field: keyof typeof EMPTY) => ({
    value: v[field] as string,
    onChange: (e: { currentTarget: { value: string } }) => set(field)(e.currentTarget.value),
    error: errors[field],
    size: 'lg' as const,
  });

  const submit = () => {
    const body = validate(OrderCreate, {
      ...v,
      programme,
      scheduledDate: v.scheduledDate || null,
      scheduledTime: v.scheduledTime || null,
    });
    if (!body) return;
    register.mutate(body, {
      onSuccess: (order) => {
        notifySuccess(t('form.saved', { name: orderName(order), number: order.accessionNumber }));
        setV(EMPTY);
        first.current?.focus();
      },
      onError: (e) => {
        if (!fromServer(e)) notifyError(e);
      },
    });
  };

  const matches = duplicates.data?.items ?? [];
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput
            ref={first}
            label={t('form.patientId')}
            description={t('form.patientIdHint')}
            required
            autoComplete="off"
            data-autofocus
            {...input('patientId')}
          />
          <TextInput
            label={t('form.issuer')}
            description={t('form.issuerHint')}
            {...input('issuer')}
          />
          <TextInput
            label={t('form.familyName')}
            required
            autoComplete="off"
            {...input('familyName')}
          />
          <TextInput label={t('form.givenName')} autoComplete="off" {...input('givenName')} />
          <TextInput type="date" label={t('form.birthDate')} required {...input('birthDate')} />
          <Stack gap={4}>
            <Text size="lg" fw={600}>
              {t('form.sex')}
            </Text>
            <SegmentedControl
              size="lg"
              value={v.sex}
              onChange={(s) => set('sex')(s)}
              aria-label={t('form.sex')}
              data={(['F', 'M', 'O'] as const).map((s) => ({
                value: s,
                label: t(`form.sexes.${s}`),
              }))}
            />
            {errors.sex && (
              <Text size="sm" c="red">
                {errors.sex}
              </Text>
            )}
          </Stack>
        </SimpleGrid>
        {matches.length > 0 && (
          <Alert color="yellow" title={t('duplicate.title')} data-testid="duplicate-warning">
            <Stack gap={4}>
              {matches.map((m) => (
                <Text key={m.id} size="sm">
                  <b>
                    {m.matchedOn === 'patientId' ? t('duplicate.byId') : t('duplicate.byName')}:
                  </b>{' '}
                  {t('duplicate.line', {
                    name: orderName(m),
                    birth: m.birthDate,
                    id: m.patientId,
                    day: m.scheduledDate,
                    number: m.accessionNumber,
                  })}
                </Text>
              ))}
              <Text size="sm">{t('duplicate.advice')}</Text>
            </Stack>
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Select
            size="lg"
            label={t('form.programme')}
            data={programmes.map((p) => ({ value: p, label: PROGRAMME_LABELS[p] }))}
            value={programme}
            onChange={(p) => setProgramme(p as Programme | null)}
            allowDeselect={false}
            error={errors.programme}
          />
          <Stack gap={4}>
            <Text size="lg" fw={600}>
              {t('form.views')}
            </Text>
            <Chip.Group multiple value={v.views} onChange={(views) => set('views')(views)}>
              <Group gap="sm">
                {ORDER_VIEWS.map((view) => (
                  <Chip key={view} value={view} size="lg">
                    {view}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
            {errors.views && (
              <Text size="sm" c="red">
                {errors.views}
              </Text>
            )}
          </Stack>
          <Stack gap={4}>
            <Text size="lg" fw={600}>
              {t('form.priority')}
            </Text>
            <SegmentedControl
              size="lg"
              value={v.priority}
              onChange={(p) => set('priority')(p)}
              data={(['routine', 'urgent', 'stat'] as const).map((p) => ({
                value: p,
                label: t(`form.priorities.${p}`),
              }))}
            />
          </Stack>
          <Group grow align="flex-start">
            <TextInput
              type="date"
              label={t('form.scheduledDate')}
              description={t('form.scheduledDateHint')}
              {...input('scheduledDate')}
            />
            <TextInput type="time" label={t('form.scheduledTime')} {...input('scheduledTime')} />
          </Group>
          <TextInput
            label={t('form.orderNumber')}
            description={t('form.orderNumberHint')}
            maxLength={16}
            {...input('accessionNumber')}
          />
          <Textarea
            label={t('form.note')}
            placeholder={t('form.notePlaceholder')}
            autosize
            minRows={2}
            {...input('note')}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" size="lg" loading={register.isPending}>
            {t('form.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
