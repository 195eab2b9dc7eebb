import { useAddAddendum } from './api';
import { SignedAddendumButton } from './SignedAddendumButton';

/**
 * "Add addendum" on a released report: the signed text never changes; the addendum becomes a
 * new version, released to the clinic like the first (MFA asked when configured).
 */
export function AddendumButton({ reportId }: { reportId: string }) {
  const add = useAddAddendum(reportId);
  return (
    <SignedAddendumButton
      title="Add addendum"
      explanation="The report stays as signed; the addendum is added as a new version and sent to the clinic."
      sign={async (text, mfaCode) => {
        const answer = await add.mutateAsync({ text, mfaCode });
        return `Version ${answer.report.currentVersion} released to the clinic.`;
      }}
    />
  );
}
