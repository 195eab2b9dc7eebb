import { describe, expect, it } from 'vitest';
import { chooseAssignee, type AssignmentCandidate } from './assignment';

const c = (userId: string, load: number, last: string | null): AssignmentCandidate => ({
  userId,
  load,
  lastAssignedAt: last ? new Date(last) : null,
});

describe('chooseAssignee', () => {
  it('picks nobody when no reader is on shift', () => {
    expect(chooseAssignee([])).toBeNull();
  });

  it('picks the reader with the fewest tasks in progress', () => {
    expect(
      chooseAssignee([
        c('a', 3, null),
        c('b', 1, '2026-03-04T02:00:00Z'),
        c('c', 2, '2026-03-04T01:00:00Z'),
      ]),
    ).toBe('b');
  });

  it('breaks equal loads round-robin: never assigned first, then least recently', () => {
    expect(
      chooseAssignee([
        c('a', 1, '2026-03-04T02:00:00Z'),
        c('b', 1, '2026-03-04T01:00:00Z'),
        c('c', 1, null),
      ]),
    ).toBe('c');
    expect(
      chooseAssignee([c('a', 1, '2026-03-04T02:00:00Z'), c('b', 1, '2026-03-04T01:00:00Z')]),
    ).toBe('b');
  });

  it('rotates through equally loaded readers as assignments are made', () => {
    const pool = [c('a', 0, null), c('b', 0, null), c('c', 0, null)];
    const order: string[] = [];
    for (let i = 0; i < 6; i++) {
      const who = chooseAssignee(pool)!;
      order.push(who);
      const p = pool.find((x) => x.userId === who)!;
      // The reader finishes at once (load stays 0), so only recency decides.
      p.lastAssignedAt = new Date(Date.UTC(2026, 2, 4, 0, i));
    }
    expect(order).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
  });

  it('is deterministic on full ties (user id order)', () => {
    expect(chooseAssignee([c('b', 0, null), c('a', 0, null)])).toBe('a');
  });
});
