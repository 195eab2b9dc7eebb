import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

const ISSUER = 'Telerad';

/** A fresh base32 TOTP secret (RFC 6238, 30 s period, 6 digits, SHA-1 as authenticator apps expect). */
export function newTotpSecret(): string {
  return generateSecret();
}

/** The `otpauth://` URL and its QR code as a PNG data URL, for enrolment. */
export async function totpEnrollment(
  username: string,
  secret: string,
): Promise<{ otpauthUrl: string; qrDataUrl: string }> {
  const otpauthUrl = generateURI({ issuer: ISSUER, label: username, secret });
  const qrDataUrl = await QRCode.toDataURL(otpauthUrl, { margin: 1, width: 220 });
  return { otpauthUrl, qrDataUrl };
}

/**
 * Checks a code, allowing one step of clock drift either way, and refuses any time step at or
 * before `lastStep` so a code cannot be replayed. Returns the matched time step, or null.
 */
export async function checkTotp(
  secret: string,
  code: string,
  lastStep: number | null,
): Promise<number | null> {
  const result = await verify({
    secret,
    token: code,
    epochTolerance: 30,
    ...(lastStep !== null ? { afterTimeStep: lastStep } : {}),
  });
  if (!result.valid) return null;
  return 'timeStep' in result ? (result.timeStep as number) : null;
}
