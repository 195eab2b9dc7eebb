import { CLAIM_REFUSAL_CODES } from '@telerad/contracts';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../app/apiError';
import { claimRefusalNotice } from './claimRefusals';

describe('claimRefusalNotice', () => {
  it('explains every refusal code in words of its own, never the generic title', () => {
    for (const code of CLAIM_REFUSAL_CODES) {
      const notice = claimRefusalNotice(new ApiError(409, code, 'server words'));
      expect(notice.title).not.toBe('Could not open this study');
      expect(notice.message).not.toBe('server words');
    }
  });

  it('names the reader of a held read and the reader of a taken one', () => {
    expect(
      claimRefusalNotice(
        new ApiError(409, 'TASK_HELD_FOR_CONSULTATION', 'x', { readerName: 'Dr Rosa Reyes' }),
      ),
    ).toEqual({
      title: 'Held for consultation',
      message: expect.stringContaining('Dr Rosa Reyes signed this read'),
    });
    expect(
      claimRefusalNotice(new ApiError(409, 'TASK_TAKEN', 'x', { assigneeName: 'Dr Ben Ochieng' }))
        .message,
    ).toContain('Dr Ben Ochieng is reading it now');
  });

  it("shows the catalogue's own message for a code it has no sentence for", () => {
    const later = new ApiError(409, 'SOME_LATER_REFUSAL', 'The catalogue says why.');
    expect(claimRefusalNotice(later)).toEqual({
      title: 'Could not open this study',
      message: 'The catalogue says why.',
    });
  });
});
