import { describe, expect, it } from 'vitest';
import { CLINIC_STATE_LOOK, CLINIC_STUDY_STATES, clinicStudyState } from './clinicState';
import { READING_STATUSES, type ReadingStatus } from './readingStatus';

const base = { reportReleased: false, openRetake: false, needsAttention: false };
const of = (readingStatus: ReadingStatus | null, over: Partial<typeof base> = {}) =>
  clinicStudyState({ readingStatus, ...base, ...over });

describe("the clinic's state of a study", () => {
  it('follows the reading status in the clinic’s words', () => {
    expect(of(null)).toBe('received');
    expect(of('queued')).toBe('received');
    expect(of('waiting')).toBe('waiting_for_centre');
    expect(of('in_progress')).toBe('being_read');
    expect(of('held_for_consultation')).toBe('with_consultant');
    expect(of('awaiting_images')).toBe('retake_requested');
    expect(of('completed')).toBe('reported');
    expect(of('cancelled')).toBe('cancelled');
  });

  it('puts a released report first, then what asks the clinic to act', () => {
    expect(of('in_progress', { reportReleased: true, needsAttention: true })).toBe('reported');
    expect(of('queued', { openRetake: true, needsAttention: true })).toBe('retake_requested');
    expect(of('in_progress', { needsAttention: true })).toBe('needs_attention');
    expect(of(null, { needsAttention: true })).toBe('needs_attention');
  });

  it('has words for every state, none of them DICOM vocabulary', () => {
    const states = new Set(READING_STATUSES.map((s) => of(s)));
    for (const s of states) expect(CLINIC_STUDY_STATES).toContain(s);
    for (const s of CLINIC_STUDY_STATES) {
      const look = CLINIC_STATE_LOOK[s];
      expect(look.label.length).toBeGreaterThan(0);
      expect(`${look.label} ${look.note}`).not.toMatch(/dicom|modality|series|study instance/i);
    }
  });
});
