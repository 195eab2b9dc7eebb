import type { QcSampling } from '@telerad/contracts';

/** The sampling modes as the rules form offers them. */
export const SAMPLING_MODES: { value: QcSampling['mode']; label: string }[] = [
  { value: 'none', label: 'No re-reads' },
  { value: 'all', label: 'Every read' },
  { value: 'percent', label: 'A percentage' },
  { value: 'abnormal', label: 'Every abnormal read' },
];

/** A rule in a few words (the rules list). */
export function samplingText(s: QcSampling): string {
  switch (s.mode) {
    case 'none':
      return 'No re-reads';
    case 'all':
      return 'Every clinic read';
    case 'percent':
      return `${s.percent} % of clinic reads, at random`;
    case 'abnormal':
      return 'Every read the clinic called abnormal';
  }
}

/** A rule with its mode changed, keeping a sensible percentage. */
export function withMode(mode: QcSampling['mode'], before: QcSampling): QcSampling {
  if (mode === 'percent') return { mode, percent: before.mode === 'percent' ? before.percent : 10 };
  return { mode };
}
