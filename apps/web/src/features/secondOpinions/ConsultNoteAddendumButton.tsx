import { SignedAddendumButton } from '../reports/SignedAddendumButton';
import { useAddConsultNoteAddendum } from './api';

/**
 * "Add addendum" on a signed consult note (consultants): the note stays as signed; the signed
 * addendum is shown beside it and the asker is told (a code is asked when signing asks one).
 */
export function ConsultNoteAddendumButton({ id, studyUid }: { id: string; studyUid: string }) {
  const add = useAddConsultNoteAddendum(studyUid);
  return (
    <SignedAddendumButton
      title="Add an addendum to the consult note"
      explanation="The note stays as signed; the addendum is shown under it and sent to whoever asked."
      sign={async (text, mfaCode) => {
        await add.mutateAsync({ id, body: { text, mfaCode } });
        return 'The asker is told and reads it under the note.';
      }}
    />
  );
}
