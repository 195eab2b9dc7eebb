import { describe, expect, it } from 'vitest';
import { messageLink, raisedPriority, telHref } from './links';

describe('desk links', () => {
  it("message the study's thread, else the clinic's channel", () => {
    expect(messageLink({ clinicId: 'c1', studyUid: '1.2.3' })).toBe('/studies/1.2.3?tab=messages');
    expect(messageLink({ clinicId: 'c1', studyUid: null })).toBe('/messages?clinic=c1');
  });
  it('dial digits and a leading plus only', () => {
    expect(telHref('+254 (20) 123-4567')).toBe('tel:+254201234567');
  });
  it('raise priority one step, never past stat', () => {
    expect(raisedPriority('routine')).toBe('urgent');
    expect(raisedPriority('urgent')).toBe('stat');
    expect(raisedPriority('stat')).toBeNull();
    expect(raisedPriority(undefined)).toBeNull();
  });
});
