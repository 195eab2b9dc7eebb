import { Hl7Message } from '@medplum/core';
import { describe, expect, it } from 'vitest';
import { readOrderMessage } from './orderMessage';
import { Hl7ProblemError, type Hl7Problem } from './problems';

const MSH = 'MSH|^~\\&|RIS|CLINIC|TELERAD|CENTRE|20260304||ORM^O01|1|P|2.5';
const PID = 'PID|1||A-1^^^ISSUER||DOE^JANE||19800101|U';
const read = (...segments: string[]) =>
  readOrderMessage(Hl7Message.parse([MSH, ...segments].join('\r')), 'Asia/Manila');
const problemOf = (...segments: string[]): Hl7Problem => {
  try {
    read(...segments);
  } catch (e) {
    return (e as Hl7ProblemError).problem;
  }
  throw new Error('no problem');
};

describe('reading an order message', () => {
  it('reads each ORC group as an order, with its own notes', () => {
    const [a, b] = read(
      PID,
      'ORC|NW|PL-1',
      'OBR|1||ACC-F|CXR-CA^Chest PA',
      'NTE|1||first line',
      'NTE|2||second line',
      'ORC|NW|PL-2',
      'OBR|1|PL-2||CXR^Chest',
    );
    expect(a).toMatchObject({
      control: 'NW',
      placerNumber: 'PL-1',
      order: {
        accessionNumber: 'ACC-F',
        patientId: 'A-1',
        issuer: 'ISSUER',
        sex: 'O',
        programme: 'CA',
        note: 'first line\nsecond line',
      },
    });
    expect(b).toMatchObject({ placerNumber: 'PL-2', order: { programme: null, note: '' } });
  });

  it('needs only the placer number to cancel', () => {
    expect(read('ORC|CA|PL-1')).toEqual([
      expect.objectContaining({ control: 'CA', placerNumber: 'PL-1', order: null }),
    ]);
  });

  it('refuses a programme code it does not know, naming OBR-4', () => {
    expect(problemOf(PID, 'ORC|NW|PL-1', 'OBR|1||A|CXR-XX^Chest')).toMatchObject({
      ack: 'AE',
      code: { code: '103' },
      location: { segment: 'OBR', sequence: 1, field: 4, component: 1 },
    });
  });

  it('refuses an order without a placer number, naming ORC-2', () => {
    expect(problemOf(PID, 'ORC|NW', 'OBR|1||A|CXR')).toMatchObject({
      ack: 'AE',
      code: { code: '101' },
      location: { segment: 'ORC', sequence: 1, field: 2 },
    });
  });

  it('refuses a name the contract refuses, naming the field', () => {
    const p = problemOf('PID|1||A-1||DOE\\E\\X^JANE||19800101|F', 'ORC|NW|PL-1', 'OBR|1||A|CXR');
    expect(p).toMatchObject({ ack: 'AE', code: { code: '102' }, location: { field: 5 } });
    expect(p.message).toMatch(/backslash/);
  });
});
