/** A valid UID (PS3.5 §9.1): dot-separated numbers, no leading zeros, at most 64 characters. */
export function isValidUid(uid: string): boolean {
  return uid.length > 0 && uid.length <= 64 && /^(0|[1-9]\d*)(\.(0|[1-9]\d*))*$/.test(uid);
}

/**
 * A new UID under the `2.25` root from a random UUID (PS3.5 §B.2), so no registered root is needed.
 * Uses Web Crypto, so it runs in Node and in browsers alike.
 */
export function newUid(): string {
  return `2.25.${BigInt(`0x${globalThis.crypto.randomUUID().replace(/-/g, '')}`).toString(10)}`;
}
