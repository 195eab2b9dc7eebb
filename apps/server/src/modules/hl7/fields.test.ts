import { Hl7Message } from '@medplum/core';
import { describe, expect, it } from 'vitest';
import { buildAck } from './ack';
import { escapeHl7, parseHl7DateTime, STANDARD_DELIMITERS, text, unescapeHl7 } from './fields';
import { readOrderMessage, viewsOf } from './orderMessage';
import { HL7_ERROR_CODES, Hl7ProblemError } from './problems';
import { scheduledInZone } from './schedule';

describe('HL7 v2 field values', () => {
  it('escapes and unescapes the delimiters (§2.7.1)', () => {
    const v = 'A|B^C&D~E\\F\nG';
    const escaped = escapeHl7(v);
    expect(escaped).toBe('A\\F\\B\\S\\C\\T\\D\\R\\E\\E\\F\\.br\\G');
    expect(unescapeHl7(escaped, STANDARD_DELIMITERS)).toBe(v);
  });

  it('reads a component, its first subcomponent, unescaped', () => {
    const m = Hl7Message.parse(
      'MSH|^~\\&|A|B|C|D|20260304||ORM^O01|1|P|2.5\rPID|1||X\\S\\1&sub^^^ISS||DOE^JANE',
    );
    const pid = m.getSegment('PID');
    expect(text(m, pid, 3)).toBe('X^1');
    expect(text(m, pid, 3, 4)).toBe('ISS');
    expect(text(m, pid, 5, 2)).toBe('JANE');
    expect(text(m, pid, 5, 2, 3)).toBe('');
    expect(text(m, pid, 30)).toBe('');
  });

  it('parses DTM values, refusing impossible dates', () => {
    expect(parseHl7DateTime('19910517')).toEqual({
      date: '1991-05-17',
      time: null,
      offsetMinutes: null,
    });
    expect(parseHl7DateTime('202603060115+0530')).toEqual({
      date: '2026-03-06',
      time: '01:15',
      offsetMinutes: 330,
    });
    expect(parseHl7DateTime('19911317')).toBeNull();
    expect(parseHl7DateTime('20260230')).toBeNull();
    expect(parseHl7DateTime('soon')).toBeNull();
  });

  it("puts a time with an offset on the clinic's wall clock, and keeps one without", () => {
    expect(scheduledInZone(parseHl7DateTime('202603052330+0000')!, 'Asia/Manila')).toEqual({
      date: '2026-03-06',
      time: '07:30',
    });
    expect(scheduledInZone(parseHl7DateTime('202603052330')!, 'Asia/Manila')).toEqual({
      date: '2026-03-05',
      time: '23:30',
    });
  });

  it('recognises views in a procedure', () => {
    expect(viewsOf('CXR Chest PA and LAT')).toEqual(['PA', 'LAT']);
    expect(viewsOf('CHEST-AP')).toEqual(['AP']);
    expect(viewsOf('Chest X-ray')).toEqual(['PA']);
  });
});

describe('the acknowledgement', () => {
  const msg = Hl7Message.parse(
    'MSH|^~\\&|RIS|CLINIC|TELERAD|CENTRE|20260304||ORM^O01|CTRL-9|P|2.5\rPID|1',
  );

  it('AA names the control id and swaps sender and receiver', () => {
    const ack = buildAck(msg, 'AA', undefined, 'Accepted: order A|1.');
    const lines = ack.toString().split('\r');
    expect(lines[0]).toMatch(/^MSH\|\^~\\&\|TELERAD\|CENTRE\|RIS\|CLINIC\|/);
    expect(lines[1]).toBe('MSA|AA|CTRL-9|Accepted: order A\\F\\1.');
    expect(lines).toHaveLength(2);
  });

  it('AE carries ERR with location, table 0357 code and message', () => {
    let problem;
    try {
      readOrderMessage(msg, 'UTC');
    } catch (e) {
      problem = (e as Hl7ProblemError).problem;
    }
    expect(problem).toMatchObject({ ack: 'AE', code: HL7_ERROR_CODES.segmentSequence });
    const lines = buildAck(msg, 'AE', problem).toString().split('\r');
    expect(lines[1]).toMatch(/^MSA\|AE\|CTRL-9\|The message has no ORC segment/);
    expect(lines[2]).toMatch(
      /^ERR\|\|ORC\^1\|100\^Segment sequence error\^HL70357\|E\|\|\|\|The message/,
    );
  });
});
