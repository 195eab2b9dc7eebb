import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import {
  TRAINING_TOPIC_LABELS,
  TRAINING_TOPICS,
  type OnboardingChecklist,
  type TrainingTopic,
} from '@telerad/contracts';
import { useState } from 'react';
import { notifyError, notifySuccess } from '../../app/notify';
import { useAddTraining, useRemoveTraining } from './api';

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Who at the clinic was trained, on what, by whom and when; support records a training (a clinic
 * user, or a person by name who has no account yet) and removes one entered by mistake.
 */
export function TrainingCard({ checklist }: { checklist: OnboardingChecklist }) {
  const add = useAddTraining(checklist.clinicId);
  const remove = useRemoveTraining(checklist.clinicId);
  const [userId, setUserId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [topics, setTopics] = useState<TrainingTopic[]>([]);
  const [on, setOn] = useState(today());
  const trainee = userId
    ? (checklist.clinicUsers.find((u) => u.id === userId)?.name ?? '')
    : name.trim();
  const submit = () =>
    add.mutate(
      { traineeUserId: userId, trainee, topics, trainedOn: on, note: '' },
      {
        onSuccess: () => {
          notifySuccess(`${trainee}’s training is recorded.`, 'Training recorded');
          setUserId(null);
          setName('');
          setTopics([]);
        },
        onError: (e) => notifyError(e, 'The training was not recorded'),
      },
    );
  return (
    <Stack gap="xs" mt="md" data-testid="training">
      <Title order={5}>Training records</Title>
      {checklist.training.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nobody at this clinic is recorded as trained yet.
          {checklist.editable ? ' Record each person below once you have trained them.' : ''}
        </Text>
      ) : (
        <Table striped withTableBorder fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Trained</Table.Th>
              <Table.Th>On</Table.Th>
              <Table.Th>When, by whom</Table.Th>
              {checklist.editable && <Table.Th aria-label="Remove" />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {checklist.training.map((t) => (
              <Table.Tr key={t.id}>
                <Table.Td>{t.trainee}</Table.Td>
                <Table.Td>{t.topics.map((x) => TRAINING_TOPIC_LABELS[x]).join(', ')}</Table.Td>
                <Table.Td>
                  {t.trainedOn}, {t.trainer.name}
                </Table.Td>
                {checklist.editable && (
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Remove ${t.trainee}’s training`}
                      loading={remove.isPending && remove.variables === t.id}
                      onClick={() =>
                        remove.mutate(t.id, { onError: (e) => notifyError(e, 'Not removed') })
                      }
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {checklist.editable && (
        <Stack gap="xs">
          <Group gap="sm" align="flex-end" wrap="wrap">
            <Select
              size="xs"
              label="Clinic user"
              placeholder={checklist.clinicUsers.length ? 'Choose' : 'No accounts yet'}
              clearable
              w={200}
              data={checklist.clinicUsers.map((u) => ({ value: u.id, label: u.name }))}
              value={userId}
              onChange={setUserId}
            />
            <TextInput
              size="xs"
              label="…or name, without an account"
              w={220}
              disabled={userId !== null}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
            />
            <TextInput
              size="xs"
              type="date"
              label="Date"
              w={150}
              value={on}
              onChange={(e) => setOn(e.currentTarget.value)}
            />
          </Group>
          <Checkbox.Group
            label="Topics"
            value={topics}
            onChange={(v) => setTopics(v as TrainingTopic[])}
          >
            <Group gap="md" mt={4}>
              {TRAINING_TOPICS.map((x) => (
                <Checkbox key={x} value={x} label={TRAINING_TOPIC_LABELS[x]} size="xs" />
              ))}
            </Group>
          </Checkbox.Group>
          <Group>
            <Button
              size="xs"
              disabled={!trainee || topics.length === 0 || !on}
              loading={add.isPending}
              onClick={submit}
            >
              Record training
            </Button>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
