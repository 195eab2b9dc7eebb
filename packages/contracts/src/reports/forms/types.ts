import type { Programme } from '../../org';
import type { FindingCode } from '../vocabulary';
import type { NotTakenReason } from '../content';

/**
 * What a result option means, whatever its label: `normal`; `abnormal` (any finding, US);
 * `non_tb` (abnormal, not TB); `tb` (old, inactive or active TB). Validation reasons on kinds.
 */
export type ResultKind = 'normal' | 'abnormal' | 'non_tb' | 'tb';

export interface FormResultOption {
  id: string;
  label: string;
  kind: ResultKind;
}

export interface FormGroup {
  id: string;
  label: string;
  hint?: string;
  /** Findings of this group may be recorded with a `normal` result (e.g. UK minor findings). */
  allowedWithNormal?: boolean;
  /** Findings of this group support a `tb` result (e.g. UK 3.x, "occasionally associated"). */
  supportsTb?: boolean;
}

/** One tick-box of a programme form, recorded as a canonical finding. */
export interface FormItem {
  /** The programme's own code, e.g. "4.7", or a stable id for forms without codes. */
  id: string;
  label: string;
  group: string;
  finding: FindingCode;
}

/**
 * A programme's CXR form as data, versioned: a signed report keeps the form id and version it
 * was written on, and renders with that version forever.
 */
export interface ReportForm {
  id: string;
  version: string;
  title: string;
  /** The source the question set follows, shown on the PDF. */
  source: string;
  programmes: readonly Programme[];
  /** Whether the question set is verified against the programme's own instructions. */
  verified: boolean;
  resultLabel: string;
  results: readonly FormResultOption[];
  groups: readonly FormGroup[];
  items: readonly FormItem[];
  notTakenReasons?: readonly NotTakenReason[];
}
