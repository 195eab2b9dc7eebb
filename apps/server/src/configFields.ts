/**
 * The shapes of single environment values the one config (`config.ts`) validates: ports,
 * seconds and counts with bounds, flags, SMTP URLs and mailboxes. Each message names what is
 * allowed, so a bad variable stops the boot with words an operator can act on.
 */
import { z } from 'zod';

/** A TCP port number, defaulting to `dflt`; messages name the variable `name`. */
export const port = (name: string, dflt: number) =>
  z.coerce
    .number({ error: `${name} must be a port number from 1 to 65535` })
    .int(`${name} must be a whole port number`)
    .min(1, `${name} must be from 1 to 65535`)
    .max(65535, `${name} must be from 1 to 65535`)
    .default(dflt);

/** A whole number of seconds from `min` to `max`, defaulting to `dflt`. */
export const seconds = (min: number, max: number, dflt: number) =>
  z.coerce
    .number({ error: 'must be a number of seconds' })
    .int('must be a whole number of seconds')
    .min(min, `must be at least ${min} second${min === 1 ? '' : 's'}`)
    .max(max, `must be at most ${max} seconds`)
    .default(dflt);

/** A whole count from `min` to `max`, defaulting to `dflt`. */
export const count = (min: number, max: number, dflt: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`)
    .default(dflt);

/** `0`/`1`/`true`/`false`, read as a boolean. */
export const flag = z
  .enum(['0', '1', 'true', 'false'], { error: 'must be 0 or 1' })
  .transform((v) => v === '1' || v === 'true');

/** An SMTP URL nodemailer accepts: smtp or smtps scheme and a host. */
export function isSmtpUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return (u.protocol === 'smtp:' || u.protocol === 'smtps:') && u.hostname.length > 0;
  } catch {
    return false;
  }
}

const ADDRESS = /^[^\s@<>]+@[^\s@<>]+$/;
/** `alerts@example.org` or `Telerad Alerts <alerts@example.org>`. */
export function isMailbox(v: string): boolean {
  const named = /^[^<>]*<([^<>]+)>$/.exec(v.trim());
  return ADDRESS.test(named ? named[1]! : v.trim());
}
