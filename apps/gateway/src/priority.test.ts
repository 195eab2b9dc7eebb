import { describe, expect, it } from 'vitest';
import { parseConfig } from './config';
import { priorityOf, ruleTags, tagKey } from './priority';
import { readHeader } from './receive/header';
import { part10, type TestInstance } from './testSupport';

const priority = parseConfig(
  {
    centreUrl: 'https://centre.example.org',
    dataDir: 'd',
    aeTitle: 'GW',
    allowedSenders: [{ aeTitle: 'ER_DX' }],
    priority: {
      rules: [
        { match: 'callingAeTitle', aeTitles: ['ER_DX'], priority: 'urgent' },
        { match: 'attribute', tag: '(0040,1003)', values: ['STAT', 'high'], priority: 'urgent' },
        { match: 'attribute', tag: '(0018,1030)', values: ['CHEST PA'], priority: 'routine' },
        { match: 'attribute', tag: '0032,000C', values: ['URGENT'], priority: 'urgent' },
      ],
    },
  },
  '/',
).priority;

/** The priority of a real Part 10 instance with `attributes`, as reception computes it. */
function priorityOfInstance(
  attributes: TestInstance['attributes'],
  callingAeTitle: string | null = 'CR1',
) {
  const header = readHeader(part10({ attributes }).bytes, ruleTags(priority));
  return priorityOf(priority, { callingAeTitle, attribute: (t) => header.attributes[t] });
}

describe('priority rules', () => {
  it('reads tags as written in the standard', () => {
    expect(tagKey('(0040,1003)')).toBe('00401003');
    expect(tagKey('0032,000c')).toBe('0032000C');
  });

  it('makes an instance urgent by calling AE or by attribute value, first matching rule wins', () => {
    expect(priorityOfInstance({}, 'ER_DX')).toBe('urgent');
    expect(priorityOfInstance({}, null)).toBe('routine');
    expect(priorityOfInstance({ '00401003': { vr: 'SH', Value: ['HIGH '] } })).toBe('urgent');
    expect(priorityOfInstance({ '00401003': { vr: 'SH', Value: ['ROUTINE'] } })).toBe('routine');
    expect(priorityOfInstance({ '0032000C': { vr: 'CS', Value: ['URGENT'] } })).toBe('urgent');
    // The protocol rule comes first and says routine, so the later Study Priority ID rule never runs.
    expect(
      priorityOfInstance({
        '00181030': { vr: 'LO', Value: ['Chest PA'] },
        '0032000C': { vr: 'CS', Value: ['URGENT'] },
      }),
    ).toBe('routine');
  });
});
