import type { Hl7Message, Hl7Segment } from '@medplum/core';

/**
 * Reading and writing HL7 v2 field values (HL7 v2.5 chapter 2): the parsed message keeps values
 * as sent, with escape sequences (§2.7) in place and subcomponents joined, so every read goes
 * through `text`, and every value written into a message we send goes through `escapeHl7`.
 */

/** The delimiters of one message (MSH-1 and MSH-2). */
export interface Hl7Delimiters {
  field: string;
  component: string;
  repetition: string;
  escape: string;
  subcomponent: string;
}

/** The standard delimiters `|^~\&`, what every message we build uses. */
export const STANDARD_DELIMITERS: Hl7Delimiters = {
  field: '|',
  component: '^',
  repetition: '~',
  escape: '\\',
  subcomponent: '&',
};

/** The delimiters a parsed message declared. */
export function delimitersOf(message: Hl7Message): Hl7Delimiters {
  const c = message.context;
  return {
    field: c.fieldSeparator,
    component: c.componentSeparator,
    repetition: c.repetitionSeparator,
    escape: c.escapeCharacter,
    subcomponent: c.subcomponentSeparator,
  };
}

/**
 * A value with its escape sequences resolved (§2.7.1: `\F\ \S\ \T\ \R\ \E\` stand for the
 * delimiters); formatting sequences (`\H\`, `\.br\`, hex) are dropped rather than shown raw.
 */
export function unescapeHl7(value: string, d: Hl7Delimiters): string {
  if (!value.includes(d.escape)) return value;
  const e = d.escape.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return value.replace(new RegExp(`${e}([^${e}]*)${e}`, 'g'), (_m, code: string) => {
    switch (code) {
      case 'F':
        return d.field;
      case 'S':
        return d.component;
      case 'T':
        return d.subcomponent;
      case 'R':
        return d.repetition;
      case 'E':
        return d.escape;
      case '.br':
        return '\n';
      default:
        return '';
    }
  });
}

/** A text value escaped for a message with delimiters `d`, the standard ones by default (§2.7.1). */
export function escapeHl7(value: string, d: Hl7Delimiters = STANDARD_DELIMITERS): string {
  const codes: [string, string][] = [
    [d.field, 'F'],
    [d.component, 'S'],
    [d.subcomponent, 'T'],
    [d.repetition, 'R'],
  ];
  let out = '';
  for (const ch of value.replace(/\r\n|\r/g, '\n')) {
    if (ch === d.escape) out += `${d.escape}E${d.escape}`;
    else if (ch === '\n') out += `${d.escape}.br${d.escape}`;
    else {
      const code = codes.find(([c]) => c === ch)?.[1];
      out += code ? `${d.escape}${code}${d.escape}` : ch;
    }
  }
  return out;
}

/**
 * The value of `segment`-`field`, component `component` (1-based), repetition `repetition`
 * (0-based), its first subcomponent, unescaped and trimmed; '' when absent.
 */
export function text(
  message: Hl7Message,
  segment: Hl7Segment | undefined,
  field: number,
  component = 1,
  repetition = 0,
): string {
  const f = segment?.getField(field);
  if (!f || repetition >= f.components.length) return '';
  const raw = f.getComponent(component, 0, repetition);
  return unescapeHl7(raw, delimitersOf(message)).trim();
}

/** How many repetitions `segment`-`field` holds (0 when absent). */
export function repetitions(segment: Hl7Segment | undefined, field: number): number {
  return segment?.getField(field)?.components.length ?? 0;
}

/** A DTM/TS value's parts (§2.A.22): `YYYY[MM[DD[HH[MM[SS[.S+]]]]]][+/-ZZZZ]`. */
export interface Hl7DateTime {
  date: string | null;
  /** `HH:MM` when the value has hours and minutes. */
  time: string | null;
  /** Minutes east of UTC when the value carries an offset. */
  offsetMinutes: number | null;
}

/**
 * Parses a DTM/TS value; null when it is not one (a real calendar date is required when the
 * value reaches the day).
 */
export function parseHl7DateTime(value: string): Hl7DateTime | null {
  const m =
    /^(\d{4})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:\.\d{1,4})?)?)?)?)?)?([+-]\d{4})?$/.exec(
      value,
    );
  if (!m) return null;
  const [, y, mo, d, h, mi, , off] = m;
  let date: string | null = null;
  if (mo && d) {
    const iso = `${y}-${mo}-${d}`;
    const t = new Date(`${iso}T00:00:00Z`);
    if (Number.isNaN(t.getTime()) || t.toISOString().slice(0, 10) !== iso) return null;
    date = iso;
  }
  let time: string | null = null;
  if (date && h && mi) {
    if (Number(h) > 23 || Number(mi) > 59) return null;
    time = `${h}:${mi}`;
  }
  const offsetMinutes = off
    ? (off.startsWith('-') ? -1 : 1) * (Number(off.slice(1, 3)) * 60 + Number(off.slice(3, 5)))
    : null;
  return { date, time, offsetMinutes };
}

/** An instant as an HL7 DTM with its UTC offset: `YYYYMMDDHHMMSS+0000`. */
export function hl7Timestamp(at: Date): string {
  return `${at.toISOString().replace(/[-:T]/g, '').slice(0, 14)}+0000`;
}
