import type { Programme } from '../../org';
import { GENERIC_GRADED } from './generic';
import type { ReportForm } from './types';
import { UK_UKTBTI } from './uk';
import { US_DS3030 } from './us';

export type { FormGroup, FormItem, FormResultOption, ReportForm, ResultKind } from './types';
export { GENERIC_GRADED, UK_UKTBTI, US_DS3030 };

/** Every form version the product can render; signed reports name one of these forever. */
export const REPORT_FORMS: readonly ReportForm[] = [US_DS3030, UK_UKTBTI, GENERIC_GRADED];

/** A form by id and version (a signed report's own), or the newest version when none given. */
export function findForm(id: string, version?: string): ReportForm | undefined {
  const matches = REPORT_FORMS.filter((f) => f.id === id && (!version || f.version === version));
  return matches.at(-1);
}

/** The current form a programme's studies are reported on. */
export function formForProgramme(programme: Programme): ReportForm {
  const form = [...REPORT_FORMS].reverse().find((f) => f.programmes.includes(programme));
  return form ?? GENERIC_GRADED;
}
