import { Alert, Text, TextInput, Textarea } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import type { AttentionItem } from '@telerad/contracts';
import { useState } from 'react';
import { FormDrawer } from '../../app/components/FormDrawer';
import { errorMessage } from '../../app/apiError';
import { notifySuccess } from '../../app/notify';
import { formatPersonName } from '../archive/studyFormat';
import { useCorrectIdentity } from './api';

/**
 * The study the drawer is for: an attention item, or a desk item (which knows no header identity
 * or clinic code; the drawer then names the clinic alone).
 */
export type IdentityTarget = Pick<
  AttentionItem,
  'studyUid' | 'clinicName' | 'patientId' | 'patientName'
> &
  Partial<Pick<AttentionItem, 'clinicCode' | 'receivedPatientId' | 'receivedPatientName'>>;

/**
 * Enter the applicant's ID and name for a study whose header lacks them. The stored DICOM stays
 * as the clinic sent it; the worklist, viewer, reports and deliveries use what is entered here.
 */
export function IdentityDrawer({
  item,
  onClose,
}: {
  item: IdentityTarget | null;
  onClose: () => void;
}) {
  const correct = useCorrectIdentity();
  // The page mounts one drawer per study (its key), so the fields start from that study.
  const [family = '', given = ''] = (item?.patientName ?? '').split('^');
  const [patientId, setPatientId] = useState(item?.patientId ?? '');
  const [familyName, setFamilyName] = useState(family);
  const [givenName, setGivenName] = useState(given);
  const [reason, setReason] = useState('');

  const submit = () =>
    item &&
    correct.mutate(
      { studyUid: item.studyUid, body: { patientId, familyName, givenName, reason } },
      {
        onSuccess: (r) => {
          notifySuccess(
            r.worklist === 'created'
              ? `${r.patientId} is now in the reading worklist.`
              : `${r.patientId} saved; the study joins the worklist when all its images are in.`,
            'Identity saved',
          );
          onClose();
        },
      },
    );

  return (
    <FormDrawer
      opened={item !== null}
      onClose={onClose}
      title="Enter the applicant’s identity"
      onSubmit={submit}
      saving={correct.isPending}
      error={correct.error ? errorMessage(correct.error) : null}
      submitLabel="Save identity"
      size="md"
    >
      {item && (
        <>
          <Alert variant="light" color="blue" icon={<IconInfoCircle />}>
            <Text size="sm">
              {item.clinicCode ? `${item.clinicCode} · ` : ''}
              {item.clinicName}. Copy the ID and name from the clinic’s register or request form.
              The images keep what the clinic sent
              {(item.receivedPatientId ?? null) !== null || item.patientId
                ? ` (received: ${(item.receivedPatientId ?? item.patientId) || 'no ID'}, ${formatPersonName(item.receivedPatientName ?? item.patientName) || 'no name'})`
                : ''}
              .
            </Text>
          </Alert>
          <TextInput
            label="Applicant ID"
            required
            data-autofocus
            maxLength={64}
            value={patientId}
            onChange={(e) => setPatientId(e.currentTarget.value)}
          />
          <TextInput
            label="Family name"
            required
            maxLength={64}
            value={familyName}
            onChange={(e) => setFamilyName(e.currentTarget.value)}
          />
          <TextInput
            label="Given names"
            maxLength={64}
            value={givenName}
            onChange={(e) => setGivenName(e.currentTarget.value)}
          />
          <Textarea
            label="Where the identity comes from"
            placeholder="e.g. clinic register, phoned by the radiographer"
            maxLength={500}
            autosize
            minRows={2}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
        </>
      )}
    </FormDrawer>
  );
}
