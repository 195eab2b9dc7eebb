import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { readCadRunnerSettings, type CadRunnerSettings } from './modules/cadRunner/settings';
import { ProxiesEnvShape } from './configProxies';
import { count, flag, isMailbox, isSmtpUrl, port, seconds } from './configFields';
import { NODE_ROLES, rolesSchema, type NodeRole } from './configRoles';
import { StorageEnvShape, storageSettings, type StorageSettings } from './configStorage';

export { NODE_ROLES, type NodeRole } from './configRoles';

/** The environment variables Telerad reads (DESIGN.md §2, "Environment"). */
const EnvSchema = z.object({
  TELERAD_ROLES: rolesSchema,
  TELERAD_DATA_DIR: z.string().min(1).default('./data'),
  TELERAD_HTTP_PORT: port('TELERAD_HTTP_PORT', 8080),
  TELERAD_HTTP_HOST: z.string().min(1).default('0.0.0.0'),
  TELERAD_DICOM_PORT: port('TELERAD_DICOM_PORT', 11112),
  TELERAD_AE_TITLE: z
    .string()
    .regex(/^[\x20-\x5b\x5d-\x7e]{1,16}$/, 'must be 1–16 printable ASCII characters, no backslash')
    .default('TELERAD'),
  TELERAD_DICOM_TLS_CERT: z.string().optional(),
  TELERAD_DICOM_ARTIM_SECONDS: seconds(1, 600, 30),
  TELERAD_DICOM_IDLE_SECONDS: seconds(1, 86400, 300),
  TELERAD_DICOM_PENDING_PER_ADDRESS: count(1, 10000, 20),
  TELERAD_HTTP_UNAUTHENTICATED_SECONDS: seconds(1, 3600, 30),
  TELERAD_HTTP_BODY_IDLE_SECONDS: seconds(1, 3600, 60),
  TELERAD_HTTP_MAX_CONNECTIONS: count(1, 1_000_000, 2000),
  TELERAD_DICOM_TLS_KEY: z.string().optional(),
  TELERAD_HL7_PORT: z.coerce
    .number({ error: 'TELERAD_HL7_PORT must be a port number from 1 to 65535' })
    .int('TELERAD_HL7_PORT must be a whole port number')
    .min(1, 'TELERAD_HL7_PORT must be from 1 to 65535')
    .max(65535, 'TELERAD_HL7_PORT must be from 1 to 65535')
    .optional(),
  TELERAD_HL7_IDLE_SECONDS: seconds(1, 86400, 300),
  TELERAD_HL7_CONNECTIONS_PER_ADDRESS: count(1, 10000, 20),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  TELERAD_DEMO: flag.default(false),
  TELERAD_DEMO_STUDIES: flag.default(true),
  TELERAD_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  TELERAD_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
  TELERAD_SECURE_COOKIES: flag.default(false),
  TELERAD_WEB_DIR: z.string().optional(),
  TELERAD_MIN_FREE_MB: z.coerce
    .number({ error: 'must be a number of megabytes' })
    .int('must be a whole number of megabytes')
    .min(0, 'must be 0 or more')
    .default(1024),
  TELERAD_MAX_OBJECT_MB: z.coerce
    .number({ error: 'must be a number of megabytes' })
    .int('must be a whole number of megabytes')
    .min(1, 'must be at least 1')
    .max(16384, 'must be at most 16384')
    .default(2048),
  ...StorageEnvShape,
  ...ProxiesEnvShape,
  TELERAD_STABLE_SECONDS: z.coerce
    .number({ error: 'must be a number of seconds' })
    .min(1, 'must be at least 1 second')
    .max(3600, 'must be at most 3600 seconds')
    .default(10),
  TELERAD_SMTP_URL: z
    .string()
    .refine(
      isSmtpUrl,
      'must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.org:587',
    )
    .optional(),
  TELERAD_SMTP_FROM: z
    .string()
    .refine(
      isMailbox,
      'must be an e-mail address, or a name and address: Telerad <alerts@example.org>',
    )
    .default('Telerad <telerad@localhost>'),
  TELERAD_CLAIM_TIMEOUT_SECONDS: z.coerce
    .number({ error: 'must be a number of seconds' })
    .int('must be a whole number of seconds')
    .min(10, 'must be at least 10 seconds')
    .max(86400, 'must be at most 86400 seconds')
    .default(120),
  TELERAD_REALTIME_RECHECK_SECONDS: z.coerce
    .number({ error: 'must be a number of seconds' })
    .min(1, 'must be at least 1 second')
    .max(3600, 'must be at most 3600 seconds')
    .default(60),
  TELERAD_PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
    .optional(),
  TELERAD_DELIVERY_MAX_ATTEMPTS: z.coerce
    .number({ error: 'must be a number of attempts' })
    .int('must be a whole number of attempts')
    .min(1, 'must be at least 1')
    .max(100, 'must be at most 100')
    .default(8),
  TELERAD_DELIVERY_RETRY_SECONDS: z.coerce
    .number({ error: 'must be a number of seconds' })
    .min(0, 'must be 0 or more')
    .max(3600, 'must be at most 3600 seconds')
    .default(30),
  TELERAD_CAD_RUNNER_CONFIG: z.string().optional(),
});

/** The one typed configuration object, validated once at boot. */
export interface Config {
  /**
   * What this node runs (docs/adr/0047), in the order of NODE_ROLES: all four by default.
   * `http` the API and web app; `dimse` the DICOM and HL7 doors; `worker` the job consumers and
   * sweeps; `realtime` the LISTEN connection and the `/api/realtime` WebSockets.
   */
  roles: readonly NodeRole[];
  dataDir: string;
  http: { port: number; host: string };
  dicom: {
    port: number;
    aeTitle: string;
    /** PEM files for DICOM TLS on the DICOM port; plain TCP when absent. */
    tls: { certPath: string; keyPath: string } | undefined;
  };
  /**
   * The HL7 v2 MLLP door for clinics' orders (modules/hl7): off unless TELERAD_HL7_PORT is set.
   */
  hl7: {
    port: number | undefined;
    /** A connection that sends nothing for this long is closed. */
    idleMs: number;
    /** Connections open at once from one address. */
    connectionsPerAddress: number;
  };
  /** How long and how many connections may wait on a peer (docs/connection-limits.md). */
  doors: {
    dicom: {
      /** ARTIM (PS3.8 §9.1.5): a connection without an A-ASSOCIATE-RQ for this long is closed. */
      artimMs: number;
      /** An association with no PDU for this long, while owed nothing, is aborted. */
      idleMs: number;
      /** Connections per remote address that have not asked for an association yet. */
      pendingPerAddress: number;
    };
    http: {
      /** Headers, and the body of a request without credentials, must arrive within this. */
      unauthenticatedMs: number;
      /** The longest a request body may bring under 1 KiB before it is cut. */
      bodyIdleMs: number;
      /** Open HTTP connections; more are closed as they arrive. */
      maxConnections: number;
    };
  };
  /**
   * Load balancers whose PROXY protocol header (DICOM, HL7) and X-Forwarded-For (HTTP) name the
   * client (docs/adr/0049): addresses and CIDR networks; empty when the node faces clients itself.
   */
  trustedProxies: readonly string[];
  databaseUrl: string | undefined;
  demo: boolean;
  demoStudies: boolean;
  adminPassword: string | undefined;
  logLevel: z.infer<typeof EnvSchema>['TELERAD_LOG_LEVEL'];
  /** Send cookies with `Secure`: set when served over HTTPS. */
  secureCookies: boolean;
  /** Directory of the built web app; served at `/` when it exists. */
  webDir: string;
  /** Where objects are stored: the data directory, or an S3 bucket (docs/adr/0046). */
  storage: StorageSettings;
  archive: {
    /** New objects are refused while free disk is below this many bytes. */
    minFreeBytes: number;
    /** Largest object accepted, in bytes. */
    maxObjectBytes: number;
    /** Quiet period after the last instance before a study is stable. */
    stableSeconds: number;
  };
  worklist: {
    /** A claim without a heartbeat for this long returns to the queue. */
    claimTimeoutSeconds: number;
  };
  /** Public base URL of this server (links in webhooks and FHIR), without a trailing slash. */
  publicUrl: string;
  /**
   * TELERAD_PUBLIC_URL as set, without a trailing slash, or undefined when it is not set: the
   * base of the absolute links in DICOMweb answers, which otherwise follow the request's host.
   */
  publicUrlSetting: string | undefined;
  /** How often an open live-update socket re-checks its session or token, in seconds. */
  realtimeRecheckSeconds: number;
  delivery: {
    /** Attempts per report delivery before it is failed and shown to support. */
    maxAttempts: number;
    /** Wait after the first failed attempt, doubled after each further one (at most 1 h). */
    retrySeconds: number;
  };
  /** Outgoing e-mail (escalation alerts); none when TELERAD_SMTP_URL is unset. */
  smtp: { url: string; from: string } | undefined;
  /**
   * The centre's own CAD model (docs/adr/0042), read from the JSON file TELERAD_CAD_RUNNER_CONFIG
   * names; no runner when it is unset.
   */
  cadRunner: CadRunnerSettings | undefined;
}

/** A configuration value that is not allowed: names the variable and what is allowed. */
export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment. Throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(
    Object.keys(EnvSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]),
  );
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map(
        (i) => `${String(i.path[0])}=${JSON.stringify(cleaned[String(i.path[0])])}: ${i.message}`,
      ),
    );
  }
  const e = parsed.data;
  const tlsProblems = dicomTlsProblems(e.TELERAD_DICOM_TLS_CERT, e.TELERAD_DICOM_TLS_KEY);
  if (tlsProblems.length) throw new ConfigError(tlsProblems);
  if (e.TELERAD_DICOM_TLS_CERT && e.TELERAD_TRUSTED_PROXIES.length)
    // The PROXY header comes before the TLS handshake, which Node's TLS server reads from the
    // socket itself: the DICOM TLS door does not read one yet (docs/adr/0049).
    throw new ConfigError([
      'TELERAD_TRUSTED_PROXIES cannot be combined with DICOM TLS (TELERAD_DICOM_TLS_CERT) yet: terminate DICOM TLS on the load balancer, or leave the list empty',
    ]);
  const runner = e.TELERAD_CAD_RUNNER_CONFIG
    ? readCadRunnerSettings(e.TELERAD_CAD_RUNNER_CONFIG)
    : undefined;
  if (runner?.problems.length) throw new ConfigError(runner.problems);
  const storage = storageSettings(e);
  if (Array.isArray(storage)) throw new ConfigError(storage);
  const dataDir = path.resolve(e.TELERAD_DATA_DIR);
  return {
    roles: e.TELERAD_ROLES ?? NODE_ROLES,
    dataDir,
    http: { port: e.TELERAD_HTTP_PORT, host: e.TELERAD_HTTP_HOST },
    dicom: {
      port: e.TELERAD_DICOM_PORT,
      aeTitle: e.TELERAD_AE_TITLE,
      tls:
        e.TELERAD_DICOM_TLS_CERT && e.TELERAD_DICOM_TLS_KEY
          ? {
              certPath: path.resolve(e.TELERAD_DICOM_TLS_CERT),
              keyPath: path.resolve(e.TELERAD_DICOM_TLS_KEY),
            }
          : undefined,
    },
    hl7: {
      port: e.TELERAD_HL7_PORT,
      idleMs: e.TELERAD_HL7_IDLE_SECONDS * 1000,
      connectionsPerAddress: e.TELERAD_HL7_CONNECTIONS_PER_ADDRESS,
    },
    doors: {
      dicom: {
        artimMs: e.TELERAD_DICOM_ARTIM_SECONDS * 1000,
        idleMs: e.TELERAD_DICOM_IDLE_SECONDS * 1000,
        pendingPerAddress: e.TELERAD_DICOM_PENDING_PER_ADDRESS,
      },
      http: {
        unauthenticatedMs: e.TELERAD_HTTP_UNAUTHENTICATED_SECONDS * 1000,
        bodyIdleMs: e.TELERAD_HTTP_BODY_IDLE_SECONDS * 1000,
        maxConnections: e.TELERAD_HTTP_MAX_CONNECTIONS,
      },
    },
    trustedProxies: e.TELERAD_TRUSTED_PROXIES,
    databaseUrl: e.DATABASE_URL,
    demo: e.TELERAD_DEMO,
    demoStudies: e.TELERAD_DEMO_STUDIES,
    adminPassword: e.TELERAD_ADMIN_PASSWORD,
    logLevel: e.TELERAD_LOG_LEVEL,
    secureCookies: e.TELERAD_SECURE_COOKIES,
    webDir: path.resolve(e.TELERAD_WEB_DIR ?? path.join(import.meta.dirname, '../../web/dist')),
    storage,
    archive: {
      minFreeBytes: e.TELERAD_MIN_FREE_MB * 1024 * 1024,
      maxObjectBytes: e.TELERAD_MAX_OBJECT_MB * 1024 * 1024,
      stableSeconds: e.TELERAD_STABLE_SECONDS,
    },
    worklist: { claimTimeoutSeconds: e.TELERAD_CLAIM_TIMEOUT_SECONDS },
    publicUrl: (
      e.TELERAD_PUBLIC_URL ??
      `http://${e.TELERAD_HTTP_HOST === '0.0.0.0' ? 'localhost' : e.TELERAD_HTTP_HOST}:${e.TELERAD_HTTP_PORT}`
    ).replace(/\/+$/, ''),
    publicUrlSetting: e.TELERAD_PUBLIC_URL?.replace(/\/+$/, ''),
    realtimeRecheckSeconds: e.TELERAD_REALTIME_RECHECK_SECONDS,
    delivery: {
      maxAttempts: e.TELERAD_DELIVERY_MAX_ATTEMPTS,
      retrySeconds: e.TELERAD_DELIVERY_RETRY_SECONDS,
    },
    smtp: e.TELERAD_SMTP_URL ? { url: e.TELERAD_SMTP_URL, from: e.TELERAD_SMTP_FROM } : undefined,
    cadRunner: runner?.settings ?? undefined,
  };
}

/** DICOM TLS needs both PEM files, and both must be readable. */
function dicomTlsProblems(cert: string | undefined, key: string | undefined): string[] {
  if (!cert && !key) return [];
  if (!cert || !key)
    return [
      'TELERAD_DICOM_TLS_CERT and TELERAD_DICOM_TLS_KEY must be set together (PEM certificate and key)',
    ];
  const problems: string[] = [];
  for (const [name, file] of [
    ['TELERAD_DICOM_TLS_CERT', cert],
    ['TELERAD_DICOM_TLS_KEY', key],
  ] as const) {
    try {
      fs.accessSync(file, fs.constants.R_OK);
    } catch {
      problems.push(`${name}=${JSON.stringify(file)}: the file does not exist or is not readable`);
    }
  }
  return problems;
}
