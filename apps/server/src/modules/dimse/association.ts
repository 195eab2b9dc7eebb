import type { Db } from '../../platform/db';
import type { ErrorCode } from '../../platform/errors';
import { syntaxSupport } from '../transcode';
import { CAD_OBJECT_CLASSES, findCadByAe, type CadAe } from '../cad';
import { findClinicByAe } from '../clinics';
import { addressAllowed } from './cidr';
import type { QueryModel } from './cfind';
import dimse, { type Association } from './dimse';
import { EXPLICIT_LE, isQueryTransferSyntax, isStorableTransferSyntax } from './transferSyntaxes';

const { PresentationContextResult, RejectReason, RejectResult, RejectSource, StorageClass } =
  dimse.constants;

/**
 * SOP classes other than storage that Telerad serves as SCP (PS3.4 Annexes A, C and K). The
 * conformance statement's table of them is held to this one by its test.
 */
export const SOP = {
  verification: '1.2.840.10008.1.1',
  patientRootFind: '1.2.840.10008.5.1.4.1.2.1.1',
  patientRootMove: '1.2.840.10008.5.1.4.1.2.1.2',
  patientRootGet: '1.2.840.10008.5.1.4.1.2.1.3',
  studyRootFind: '1.2.840.10008.5.1.4.1.2.2.1',
  studyRootMove: '1.2.840.10008.5.1.4.1.2.2.2',
  studyRootGet: '1.2.840.10008.5.1.4.1.2.2.3',
  /** Modality Worklist Information Model – FIND (PS3.4 §K.6.1). */
  modalityWorklistFind: '1.2.840.10008.5.1.4.31',
} as const;

export { EXPLICIT_LE, IMPLICIT_LE } from './transferSyntaxes';

/**
 * The storage SOP classes Telerad names (dcmjs-dimse's list, PS3.4 Table B.5-1 in part); the
 * conformance statement lists exactly these.
 */
export const NAMED_STORAGE_SOP_CLASSES: readonly string[] = Object.values(StorageClass) as string[];

/** Every storage class is under this root (PS3.6 Annex A, "Storage" SOP classes). */
export const STORAGE_SOP_CLASS_ROOT = '1.2.840.10008.5.1.4.1.1.';

const STORAGE_CLASSES = new Set<string>(NAMED_STORAGE_SOP_CLASSES);

/**
 * A storage SOP class (PS3.4 Annex B.5): the library's list, or any class under the
 * 1.2.840.10008.5.1.4.1.1 storage root (so classes newer than the library are accepted too).
 */
export function isStorageSopClass(uid: string): boolean {
  return STORAGE_CLASSES.has(uid) || uid.startsWith(STORAGE_SOP_CLASS_ROOT);
}

const QR_AND_ECHO = new Set<string>(Object.values(SOP));

/**
 * The order in which Telerad picks the transfer syntax to accept, per presentation context of a
 * storage SOP class that the SCU receives by C-GET (it proposed the SCP role for the class,
 * PS3.7 §D.3.3.4, PS3.4 §C.4.3), among the storable syntaxes it proposed (PS3.8 §9.3.3.2):
 * 1. Explicit VR Little Endian: objects stored in it go out as stored, and every object stored
 *    in a syntax Telerad decodes can be sent in it;
 * 2. `produced`: another syntax Telerad produces without loss (the transcoding module's table:
 *    Implicit VR Little Endian, Explicit VR Big Endian, JPEG-LS Lossless, RLE Lossless), in the
 *    SCU's order;
 * 3. `proposed`: any other storable syntax, in the SCU's order: only objects stored in it can be
 *    sent on that context.
 * Contexts the SCU sends C-STOREs on keep the first storable syntax proposed: the object is
 * stored as sent, so the sender need not convert it.
 */
export const RETRIEVE_SYNTAX_PREFERENCE = [EXPLICIT_LE, 'produced', 'proposed'] as const;

/** The syntax accepted for a C-GET storage context ({@link RETRIEVE_SYNTAX_PREFERENCE}). */
export function retrieveSyntax(proposed: readonly string[]): string | undefined {
  const storable = proposed.filter(isStorableTransferSyntax);
  for (const rank of RETRIEVE_SYNTAX_PREFERENCE) {
    const ts = storable.find((t) =>
      rank === 'produced' ? syntaxSupport(t)?.produce : rank === 'proposed' || t === rank,
    );
    if (ts) return ts;
  }
  return undefined;
}

/**
 * The storage SOP classes the SCU takes the SCP role for (to receive C-GET sub-operations).
 * dcmjs-dimse records a role on the first context of an abstract syntax only.
 */
function receivedClasses(association: Association): Set<string> {
  const classes = new Set<string>();
  for (const { id } of association.getPresentationContexts()) {
    const pc = association.getPresentationContext(id);
    if (pc.getProviderRole() === true) classes.add(pc.getAbstractSyntaxUid());
  }
  return classes;
}

/**
 * Decides every proposed presentation context (PS3.8 §9.3.3.2, PS3.7 §D.3.3): storage classes
 * with the first proposed transfer syntax Telerad stores as sent, or, for a class the SCU
 * receives by C-GET, the one {@link RETRIEVE_SYNTAX_PREFERENCE} ranks first; Verification, the Study and
 * Patient Root Q/R classes and the Modality Worklist in the first proposed little endian syntax; anything else rejected
 * with "abstract syntax not supported". SCP/SCU role proposals (for C-GET) are left as proposed,
 * which accepts them.
 */
export function negotiateContexts(
  association: Association,
  peer?: Pick<Peer, 'cad'>,
): { accepted: number } {
  let accepted = 0;
  const received = receivedClasses(association);
  for (const { id } of association.getPresentationContexts()) {
    const pc = association.getPresentationContext(id);
    const abstract = pc.getAbstractSyntaxUid();
    const storage = isStorageSopClass(abstract);
    // A CAD's AE stores its SRs and heatmaps and may echo; it neither queries nor retrieves, and
    // sends no images to read (docs/adr/0041).
    const refusedForCad =
      !!peer?.cad && abstract !== SOP.verification && !CAD_OBJECT_CLASSES.includes(abstract);
    if ((!storage && !QR_AND_ECHO.has(abstract)) || refusedForCad) {
      pc.setResult(PresentationContextResult.RejectAbstractSyntaxNotSupported);
      continue;
    }
    const proposed = pc.getTransferSyntaxUids();
    const ts =
      storage && received.has(abstract)
        ? retrieveSyntax(proposed)
        : proposed.find((t) => (storage ? isStorableTransferSyntax(t) : isQueryTransferSyntax(t)));
    if (ts) {
      pc.setResult(PresentationContextResult.Accept, ts);
      accepted++;
    } else pc.setResult(PresentationContextResult.RejectTransferSyntaxesNotSupported);
  }
  return { accepted };
}

/** The calling peer once admitted: its AE title, clinic and address. */
export interface Peer {
  callingAe: string;
  /** The clinic; empty for a CAD integration's AE, whose objects name their clinic. */
  clinicId: string;
  /** Set when the calling AE is a CAD integration's (docs/adr/0041). */
  cad?: CadAe;
  clinicCode: string;
  clinicStatus: string;
  remoteAddress: string | null;
}

/** An A-ASSOCIATE-RJ to send (PS3.8 §9.3.4), with the reason Telerad logs and audits. */
export interface Rejection {
  result: number;
  source: number;
  reason: number;
  why: string;
  /** The catalogue's name for the reason, as the network monitor records it. */
  code: ErrorCode;
  /** The clinic the calling AE title belongs to, when it is registered. */
  clinicId?: string | null;
}

/** The outcome of the association checks. */
export type Admission = { ok: true; peer: Peer } | { ok: false; rejection: Rejection };

const permanent = (
  reason: number,
  why: string,
  code: ErrorCode,
  clinicId: string | null = null,
): Admission => ({
  ok: false,
  rejection: {
    result: RejectResult.Permanent,
    source: RejectSource.ServiceUser,
    reason,
    why,
    code,
    clinicId,
  },
});

/**
 * The association checks, with one database query (the clinic register) per association:
 * the Called AE must be ours; the Calling AE must be registered to a clinic, or to a CAD
 * integration (admitted to store its CAD objects only, docs/adr/0041); a clinic AE's address
 * must be in that AE's allowed networks (empty = any). A suspended clinic is admitted (so echo
 * and support diagnostics work) and its C-STOREs are refused one by one with 0x0124. A database
 * failure is a transient rejection ("temporary congestion"), so the peer retries later.
 */
export async function admit(
  db: Db,
  ourAe: string,
  association: Association,
  remoteAddress: string | null,
): Promise<Admission> {
  const called = association.getCalledAeTitle().trim();
  const calling = association.getCallingAeTitle().trim();
  if (called !== ourAe.trim())
    return permanent(
      RejectReason.CalledAeNotRecognized,
      `called AE "${called}" is not ours`,
      'DIMSE_CALLED_AE_UNKNOWN',
    );
  let clinic: Awaited<ReturnType<typeof findClinicByAe>>;
  let cad: CadAe | undefined;
  try {
    clinic = await findClinicByAe(db, calling);
    if (!clinic) cad = await findCadByAe(db, calling);
  } catch {
    return {
      ok: false,
      rejection: {
        result: RejectResult.Transient,
        source: RejectSource.ServiceProviderPresentation,
        reason: RejectReason.TemporaryCongestion,
        why: 'the clinic register (database) is unreachable',
        code: 'DIMSE_BUSY',
      },
    };
  }
  if (!clinic && cad)
    return {
      ok: true,
      peer: {
        callingAe: calling,
        clinicId: '',
        clinicCode: `CAD ${cad.name}`,
        clinicStatus: 'live',
        remoteAddress,
        cad,
      },
    };
  if (!clinic)
    return permanent(
      RejectReason.CallingAeNotRecognized,
      `calling AE "${calling}" is unknown`,
      'DIMSE_CALLING_AE_UNKNOWN',
    );
  const networks = normaliseNetworks(clinic.allowedNetworks);
  if (!addressAllowed(remoteAddress, networks))
    return permanent(
      RejectReason.CallingAeNotRecognized,
      `address ${remoteAddress ?? '?'} is outside the networks allowed for "${calling}"`,
      'DIMSE_ADDRESS_NOT_ALLOWED',
      clinic.clinicId,
    );
  return {
    ok: true,
    peer: {
      callingAe: calling,
      clinicId: clinic.clinicId,
      clinicCode: clinic.code,
      clinicStatus: clinic.status,
      remoteAddress,
    },
  };
}

/** `cidr[]` arrives as an array, or as a `{a,b}` literal when no array parser is registered. */
function normaliseNetworks(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string')
    return v
      .replace(/^\{|\}$/g, '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return [];
}

/** Which information model a Q/R SOP class belongs to. */
export function modelOf(sopClassUid: string): QueryModel {
  return [SOP.patientRootFind, SOP.patientRootMove, SOP.patientRootGet].includes(
    sopClassUid as typeof SOP.patientRootFind,
  )
    ? 'patient'
    : 'study';
}
