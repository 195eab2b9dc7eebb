import { describe, expect, it } from 'vitest';
import { QueryFlag } from './common';
import { NotificationQuery } from './notificationsApi';
import { PeerScoreQuery } from './peerReview';
import { WorklistQuery } from './worklistApi';

describe('query-string flags', () => {
  it('reads "false" and "0" as false, "true" and "1" as true, and refuses anything else', () => {
    expect(QueryFlag.parse('false')).toBe(false);
    expect(QueryFlag.parse('0')).toBe(false);
    expect(QueryFlag.parse('true')).toBe(true);
    expect(QueryFlag.parse('1')).toBe(true);
    expect(QueryFlag.parse(false)).toBe(false);
    expect(QueryFlag.safeParse('yes').success).toBe(false);
  });

  it('every list query that takes a flag gets the filter the client asked for', () => {
    expect(WorklistQuery.parse({ mine: 'false', overdue: 'false' })).toMatchObject({
      mine: false,
      overdue: false,
    });
    expect(NotificationQuery.parse({ unread: 'false' }).unread).toBe(false);
    expect(PeerScoreQuery.parse({ mine: 'false', scored: 'false' })).toMatchObject({
      mine: false,
      scored: false,
    });
    expect(PeerScoreQuery.parse({})).toMatchObject({ mine: false, scored: true });
  });
});
