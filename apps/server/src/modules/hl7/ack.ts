import { Hl7Segment, type Hl7Message } from '@medplum/core';
import { delimitersOf, escapeHl7 } from './fields';
import type { Hl7AckCode, Hl7Problem } from './problems';

/** MSA-3 of an accepted message when there is nothing more to say. */
const ACCEPTED = 'Message accepted';

/**
 * The acknowledgement of `message` (HL7 v2.5 §2.9.2, original acknowledgement mode): MSH with
 * sender and receiver swapped, MSA-1 the code, MSA-2 the message's control id (MSH-10), MSA-3
 * the reason in words, and for AE/AR an ERR segment: ERR-2 the field at fault (ERL
 * `segment^sequence^field^repetition^component`), ERR-3 the HL7 table 0357 code, ERR-4 the
 * severity (E), ERR-8 the reason again for the person reading it. Values are escaped with the
 * message's own delimiters, which the acknowledgement keeps.
 */
export function buildAck(
  message: Hl7Message,
  code: Hl7AckCode,
  problem?: Hl7Problem,
  /** MSA-3 of an accepted message. */
  accepted = ACCEPTED,
): Hl7Message {
  const d = delimitersOf(message);
  const errSegment = problem
    ? new Hl7Segment(
        [
          'ERR',
          '',
          problem.location
            ? [
                problem.location.segment,
                String(problem.location.sequence),
                problem.location.field ? String(problem.location.field) : '',
                problem.location.field ? '1' : '',
                problem.location.component ? String(problem.location.component) : '',
              ]
                .join(d.component)
                .replace(new RegExp(`${escapeRegExp(d.component)}+$`), '')
            : '',
          [problem.code.code, escapeHl7(problem.code.text, d), 'HL70357'].join(d.component),
          'E',
          '',
          '',
          '',
          escapeHl7(problem.message, d),
        ],
        message.context,
      )
    : undefined;
  const ack = message.buildAck({ ackCode: code, ...(errSegment ? { errSegment } : {}) });
  ack.getSegment('MSA')?.setField(3, escapeHl7(problem?.message ?? accepted, d));
  return ack;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
