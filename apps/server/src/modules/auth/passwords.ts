import { hash, verify } from '@node-rs/argon2';

// argon2id (Algorithm.Argon2id = 2) with OWASP's recommended minimum: 19 MiB, 2 passes.
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** Hashes a password with argon2id. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

let verifications = 0;
/**
 * How many argon2 verifications this process has run. Each costs tens of milliseconds of CPU and
 * 19 MiB, so tests count them to prove the credential cache spares them (a count, not a time).
 */
export function passwordVerifications(): number {
  return verifications;
}

/** True when `password` matches `stored`; false (never a throw) for a malformed hash. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  verifications++;
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** The hash unknown usernames are verified against, hashed once per process. */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword('telerad-timing-equaliser');
  return dummy;
}

/**
 * Spends the time of one verification when the username does not exist, so response time does
 * not reveal which usernames are real.
 */
export async function burnVerification(password: string): Promise<void> {
  await verifyPassword(await dummyHash(), password);
}
