import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ADDRESS_RANGE_HINT, parseAddressRange } from './receive/addressRange';
import { TransferConfig } from './transfer';

/** Where the configuration is read from when `--config` is not given. */
export const DEFAULT_CONFIG_PATH = './telerad-gateway.json';

/** A DICOM tag written `(GGGG,EEEE)` or `GGGG,EEEE`, as in the standard's tables. */
const Tag = z
  .string()
  .regex(/^\(?[0-9A-Fa-f]{4},[0-9A-Fa-f]{4}\)?$/, 'write a DICOM tag as (GGGG,EEEE)');

/** An AE title (PS3.5 §6.2: at most 16 characters, no backslash or control characters). */
const AeTitle = z
  .string()
  .trim()
  .min(1)
  .max(16)
  .regex(/^[\x20-\x5b\x5d-\x7e]+$/, 'an AE title is printable ASCII without backslash');

/**
 * One priority rule. The first rule that matches an instance sets its priority: by the calling
 * AE title (an emergency room's modality, say), or by the value of a top-level attribute such as
 * (0040,1003) Requested Procedure Priority, (0032,000C) Study Priority ID or (0018,1030)
 * Protocol Name. Values compare trimmed and case-insensitively.
 */
export const PriorityRule = z.discriminatedUnion('match', [
  z.object({
    match: z.literal('callingAeTitle'),
    aeTitles: z.array(AeTitle).min(1),
    priority: z.enum(['urgent', 'routine']),
  }),
  z.object({
    match: z.literal('attribute'),
    tag: Tag,
    values: z.array(z.string().min(1)).min(1),
    priority: z.enum(['urgent', 'routine']),
  }),
]);
export type PriorityRule = z.infer<typeof PriorityRule>;

/** One modality or PACS allowed to send: its calling AE title and, optionally, its addresses. */
export const AllowedSender = z.object({
  aeTitle: AeTitle,
  /**
   * IP addresses or CIDR ranges (`192.168.1.0/24`, `fd00:1::/64`) this AE may call from; absent
   * or empty means any address.
   */
  addresses: z
    .array(
      z
        .string()
        .trim()
        .refine((s) => parseAddressRange(s) !== null, ADDRESS_RANGE_HINT),
    )
    .default([]),
});
export type AllowedSender = z.infer<typeof AllowedSender>;

/** The gateway's configuration file (JSON). Relative paths are relative to the file itself. */
export const GatewayConfig = z.object({
  /** The reading centre, e.g. `https://centre.example.org`. */
  centreUrl: z.url({ protocol: /^https?$/ }),
  /** Queue, credentials and state live here. */
  dataDir: z.string().min(1),
  /** The gateway's own AE title and DICOM port, as configured on the clinic's modalities. */
  aeTitle: AeTitle,
  port: z.number().int().min(1).max(65535).default(11112),
  /** Calling AE titles allowed to store; any other is refused at association. */
  allowedSenders: z.array(AllowedSender).min(1),
  /** A folder whose dropped Part 10 files are queued; absent means no folder watch. */
  watchFolder: z.string().min(1).optional(),
  priority: z
    .object({
      default: z.enum(['urgent', 'routine']).default('routine'),
      rules: z.array(PriorityRule).default([]),
    })
    .default({ default: 'routine', rules: [] }),
  /** The local status page, served on 127.0.0.1 only. */
  statusPort: z.number().int().min(1).max(65535).default(8787),
  heartbeatSeconds: z.number().int().min(5).max(3600).default(60),
  /**
   * Seconds between syncs of the local worklist copy with the centre (jittered ±20 %, backing off
   * while the centre cannot be reached). An unchanged list costs one bodiless answer.
   */
  worklistSyncSeconds: z.number().int().min(1).max(3600).default(45),
  /**
   * Settings of the upload side (transfer/config.ts), checked here so `run` refuses a bad value
   * at start, naming the field, rather than the upload loop failing later in the background. An
   * unknown key is refused too: a misspelt `bandwidthKbps` would otherwise leave the link unlimited.
   */
  transfer: TransferConfig.strict().prefault({}),
});
export type GatewayConfig = z.infer<typeof GatewayConfig>;

/** The configuration file is missing, unreadable or invalid; the message says what to fix. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Validates parsed JSON, resolving relative paths against `baseDir`. */
export function parseConfig(
  json: unknown,
  baseDir: string,
  source = 'configuration',
): GatewayConfig {
  const parsed = GatewayConfig.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (i) => `  - ${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`,
    );
    throw new ConfigError(
      `${source} is not valid:\n${lines.join('\n')}\n` +
        'Fix these settings (see apps/gateway/README.md for an example) and start again.',
    );
  }
  const config = parsed.data;
  return {
    ...config,
    dataDir: path.resolve(baseDir, config.dataDir),
    ...(config.watchFolder ? { watchFolder: path.resolve(baseDir, config.watchFolder) } : {}),
    transfer: {
      ...config.transfer,
      ...(config.transfer.stateDir
        ? { stateDir: path.resolve(baseDir, config.transfer.stateDir) }
        : {}),
    },
  };
}

/** Reads and validates the configuration file at `file`. */
export async function loadConfig(file: string): Promise<GatewayConfig> {
  const absolute = path.resolve(file);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConfigError(
      code === 'ENOENT'
        ? `No configuration file at ${absolute}. Create it (see apps/gateway/README.md) or pass --config <file>.`
        : `Cannot read the configuration file ${absolute} (${code ?? (e as Error).message}).`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${absolute} is not valid JSON: ${(e as Error).message}`);
  }
  return parseConfig(json, path.dirname(absolute), absolute);
}
