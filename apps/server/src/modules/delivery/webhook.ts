import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ReleasedReport } from './load';

/** The JSON body POSTed to a clinic's webhook when a report version is released. */
export interface ReleasedEvent {
  event: 'report.released';
  reportId: string;
  version: number;
  studyInstanceUid: string;
  clinicCode: string;
  releasedAt: string;
  links: { pdf: string; fhir: string };
}

/** The event of a released version, with absolute links under `baseUrl`. */
export function releasedEvent(r: ReleasedReport, baseUrl: string): ReleasedEvent {
  return {
    event: 'report.released',
    reportId: r.reportId,
    version: r.version,
    studyInstanceUid: r.study.uid,
    clinicCode: r.clinic.code,
    releasedAt: r.releasedAt.toISOString(),
    links: {
      pdf: `${baseUrl}/api/reports/${r.reportId}/pdf?version=${r.version}`,
      fhir: `${baseUrl}/api/fhir/DiagnosticReport/${r.reportId}`,
    },
  };
}

/** A new webhook secret: 32 random bytes, base64url, prefixed so it is recognisable. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/**
 * `X-Telerad-Signature`: `sha256=` and the hex HMAC-SHA256, keyed with the clinic's secret, of
 * `${timestamp}.${body}`. The timestamp (Unix seconds, also sent as `X-Telerad-Timestamp`) is
 * signed so a receiver can refuse replays of old deliveries.
 */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does: recomputes the signature and compares in constant time. */
export function verifyWebhookSignature(
  secret: string,
  timestamp: string,
  body: string,
  signature: string,
): boolean {
  const expected = Buffer.from(webhookSignature(secret, Number(timestamp), body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Longest wait for a clinic's endpoint to answer. */
const WEBHOOK_TIMEOUT_MS = 15_000;

/**
 * POSTs the event, signed. Resolves when the endpoint answered 2xx; throws with the status (and
 * the start of the answer) or the network error otherwise, so the delivery is retried.
 */
export async function postWebhook(
  url: string,
  secret: string,
  event: ReleasedEvent,
  now: Date = new Date(),
): Promise<void> {
  const body = JSON.stringify(event);
  const timestamp = Math.floor(now.getTime() / 1000);
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Telerad-Webhook/1',
        'x-telerad-event': event.event,
        'x-telerad-timestamp': String(timestamp),
        'x-telerad-signature': webhookSignature(secret, timestamp, body),
      },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    throw new Error(
      `webhook request failed: ${cause?.code ?? cause?.message ?? (e as Error).message}`,
    );
  }
  if (res.status >= 200 && res.status < 300) {
    await res.body?.cancel();
    return;
  }
  const text = (await res.text().catch(() => '')).slice(0, 200);
  throw new Error(`webhook answered HTTP ${res.status}${text ? `: ${text}` : ''}`);
}
