import { describe, expect, it } from 'vitest';
import { RetakeRequestBody, retakeWhat } from './retakes';

describe('retake requests', () => {
  it('need a reason for a retake and a view for an extra view, and nothing of the other kind', () => {
    expect(RetakeRequestBody.safeParse({ kind: 'retake', reasons: ['motion'] }).success).toBe(true);
    expect(RetakeRequestBody.safeParse({ kind: 'retake', reasons: [] }).success).toBe(false);
    expect(RetakeRequestBody.safeParse({ kind: 'extra_view', views: [] }).success).toBe(false);
    expect(
      RetakeRequestBody.safeParse({ kind: 'extra_view', views: ['lateral'], reasons: ['motion'] })
        .success,
    ).toBe(false);
    expect(RetakeRequestBody.parse({ kind: 'extra_view', views: ['decubitus'] })).toEqual({
      kind: 'extra_view',
      views: ['decubitus'],
      note: '',
    });
  });

  it('names what a request asks for in words, by its kind', () => {
    expect(retakeWhat({ kind: 'retake', reasons: ['under_exposed', 'motion'], views: [] })).toEqual(
      ['Under-exposed', 'Motion'],
    );
    expect(retakeWhat({ kind: 'extra_view', reasons: [], views: ['apical_lordotic'] })).toEqual([
      'Apical lordotic',
    ]);
  });
});
