import type { AllowedSender } from '../config';
import { addressMatcher } from './addressRange';

/** The Verification SOP Class (PS3.4 Annex A), for C-ECHO. */
export const VERIFICATION = '1.2.840.10008.1.1';
/** Every Storage SOP Class of PS3.4 Annex B sits under this root. */
const STORAGE_ROOT = '1.2.840.10008.5.1.4.1.1.';

/** The Modality Worklist Information Model – FIND (PS3.4 §K.6.1). */
export const MODALITY_WORKLIST_FIND = '1.2.840.10008.5.1.4.31';
/** Implicit and Explicit VR Little Endian: the syntaxes a worklist query is read and answered in. */
const QUERY_SYNTAXES = ['1.2.840.10008.1.2', '1.2.840.10008.1.2.1'];

/**
 * Is `abstractSyntax` one the gateway serves: Verification, any Storage SOP Class, and the
 * Modality Worklist FIND when the gateway has a worklist?
 */
export function servesAbstractSyntax(abstractSyntax: string, worklist = false): boolean {
  return (
    abstractSyntax === VERIFICATION ||
    abstractSyntax.startsWith(STORAGE_ROOT) ||
    (worklist && abstractSyntax === MODALITY_WORKLIST_FIND)
  );
}

/**
 * The transfer syntax accepted for one presentation context: the first the sender proposed, its
 * own preference (PS3.7 §D.3.3.2). The gateway never decodes nor re-encodes what it forwards,
 * so any syntax is taken as sent. A worklist query is read, so it takes the first little endian
 * syntax proposed.
 */
export function chooseTransferSyntax(
  proposed: readonly string[],
  abstractSyntax = '',
): string | undefined {
  if (abstractSyntax === MODALITY_WORKLIST_FIND)
    return proposed.find((ts) => QUERY_SYNTAXES.includes(ts));
  return proposed.find((ts) => /^[0-9.]+$/.test(ts));
}

/** `::ffff:10.0.0.5` → `10.0.0.5`: an IPv4 peer on a dual-stack socket. */
export function plainAddress(address: string | undefined): string {
  return (address ?? '').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
}

/**
 * Why a calling AE may not associate, or null when it may: it must be listed, and when the list
 * gives addresses, call from one of them or from inside one of its CIDR ranges.
 */
export function refusal(
  allowed: readonly AllowedSender[],
  callingAeTitle: string,
  remoteAddress: string | undefined,
): string | null {
  const ae = callingAeTitle.trim();
  const entries = allowed.filter((a) => a.aeTitle === ae);
  if (!entries.length) return `calling AE title "${ae}" is not in allowedSenders`;
  const address = plainAddress(remoteAddress);
  if (entries.some((a) => a.addresses.length === 0 || addressMatcher(a.addresses)(address)))
    return null;
  return `calling AE title "${ae}" is not allowed from ${address}`;
}
