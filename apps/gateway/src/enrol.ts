import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import { GatewayEnrolment, type GatewayEnrolRequest } from '@telerad/contracts';
import type { GatewayConfig } from './config';
import { credentialsPath, readCredentials, writeCredentials } from './credentials';
import type { Logger } from './log';
import { GATEWAY_VERSION } from './version';

/** Enrolment did not happen; the message tells the clinic's IT person what to do. */
export class EnrolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnrolError';
  }
}

/** The centre's address for `path`, keeping any path prefix of `centreUrl`. */
export function centreEndpoint(centreUrl: string, path: string): string {
  return new URL(
    path.replace(/^\//, ''),
    centreUrl.endsWith('/') ? centreUrl : `${centreUrl}/`,
  ).toString();
}

/**
 * Exchanges a one-time enrolment code for the gateway's API token (`POST /api/gateways/enrol`)
 * and stores it in `<dataDir>/credentials.json`, mode 0600. Refuses when already enrolled unless
 * `force`. The token is never logged.
 */
export async function enrol(
  config: GatewayConfig,
  code: string,
  opts: { force?: boolean; log: Logger; fetchImpl?: typeof fetch },
): Promise<{ gatewayId: string; clinicCode: string }> {
  await mkdir(config.dataDir, { recursive: true });
  const existing = await readCredentials(config.dataDir).catch(() => null);
  if (existing && !opts.force)
    throw new EnrolError(
      `This gateway is already enrolled (clinic ${existing.clinicCode}, ${credentialsPath(config.dataDir)}). ` +
        'To replace its token, run enrol again with --force.',
    );
  const body: GatewayEnrolRequest = {
    code: code.trim(),
    hostName: os.hostname().slice(0, 120),
    version: GATEWAY_VERSION,
  };
  const url = centreEndpoint(config.centreUrl, '/api/gateways/enrol');
  let response: Response;
  try {
    response = await (opts.fetchImpl ?? fetch)(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (e) {
    throw new EnrolError(
      `Cannot reach the centre at ${url} (${(e as Error).message}). Check centreUrl and the internet link, then try again.`,
    );
  }
  if (!response.ok) {
    const detail = await response.text().catch(() => '');
    const hint =
      response.status === 400 ||
      response.status === 404 ||
      response.status === 410 ||
      response.status === 401
        ? "The code was refused: it may be mistyped, used already or expired. Ask the centre's support for a new code."
        : 'The centre could not enrol the gateway now; try again later.';
    throw new EnrolError(
      `Enrolment failed (HTTP ${response.status}). ${hint}${detail ? `\nCentre said: ${detail.slice(0, 300)}` : ''}`,
    );
  }
  const parsed = GatewayEnrolment.safeParse(await response.json().catch(() => null));
  if (!parsed.success)
    throw new EnrolError(
      `The centre at ${url} answered with something that is not an enrolment; check centreUrl.`,
    );
  const { token, gatewayId, clinicId, clinicCode } = parsed.data;
  await writeCredentials(config.dataDir, {
    gatewayId,
    clinicId,
    clinicCode,
    token,
    centreUrl: config.centreUrl,
    enrolledAt: new Date().toISOString(),
  });
  opts.log.info({ event: 'gateway.enrolled', gatewayId, clinicCode }, 'gateway enrolled');
  return { gatewayId, clinicCode };
}
