import { randomInt } from 'node:crypto';
import { sha256 } from '../auth';

/** How long an enrolment code works: a day, enough for a technician to reach the gateway. */
export const ENROL_CODE_TTL_MS = 24 * 3_600_000;

// No 0/O, 1/I/L: a code is read aloud over the phone and typed on a clinic's keyboard.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/**
 * A new one-time enrolment code like `K3F9-Q2M8-XD4R-7HTN`: 16 characters of a 31-letter
 * alphabet, about 79 bits, unguessable within its day behind the enrol door's rate limit.
 */
export function newEnrolCode(): string {
  const chars = Array.from({ length: 16 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return chars.match(/.{4}/g)!.join('-');
}

/**
 * The stored form of a code: SHA-256 of its letters in upper case without separators, so a
 * code typed in lower case or without its dashes still matches.
 */
export function enrolCodeHash(code: string): string {
  return sha256(code.toUpperCase().replace(/[^A-Z0-9]/g, ''));
}
