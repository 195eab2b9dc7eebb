import { describe, expect, it } from 'vitest';
import { testReport } from './testReport';
import {
  newWebhookSecret,
  releasedEvent,
  verifyWebhookSignature,
  webhookSignature,
} from './webhook';

describe('webhook signature', () => {
  it('is sha256= and the hex HMAC-SHA256 of "timestamp.body" (known answer)', () => {
    // Computed independently: python3 hmac.new(b'whsec_test', b'1767225600.{...}', sha256).
    expect(webhookSignature('whsec_test', 1767225600, '{"event":"report.released"}')).toBe(
      'sha256=d1bb0d3e82eb8da9155cdc38f381a2a56d2d8086ef32b165e0c4fbc9405d8f62',
    );
  });

  it('verifies the signature and refuses a changed body, timestamp or secret', () => {
    const body = JSON.stringify(releasedEvent(testReport(), 'https://telerad.example'));
    const sig = webhookSignature('s3cret', 1767225600, body);
    expect(verifyWebhookSignature('s3cret', '1767225600', body, sig)).toBe(true);
    expect(verifyWebhookSignature('s3cret', '1767225601', body, sig)).toBe(false);
    expect(verifyWebhookSignature('other', '1767225600', body, sig)).toBe(false);
    expect(verifyWebhookSignature('s3cret', '1767225600', `${body} `, sig)).toBe(false);
    expect(verifyWebhookSignature('s3cret', '1767225600', body, 'sha256=00')).toBe(false);
  });

  it('makes distinct, long secrets', () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(newWebhookSecret()).not.toBe(a);
  });
});

describe('report.released event', () => {
  it('carries the release and absolute links to the PDF and FHIR report', () => {
    const r = testReport({ version: 2, kind: 'addendum', addendum: 'Lateral reviewed.' });
    expect(releasedEvent(r, 'https://telerad.example')).toEqual({
      event: 'report.released',
      reportId: r.reportId,
      version: 2,
      studyInstanceUid: r.study.uid,
      clinicCode: 'DEMO1',
      releasedAt: '2026-03-04T10:15:00.000Z',
      links: {
        pdf: `https://telerad.example/api/reports/${r.reportId}/pdf?version=2`,
        fhir: `https://telerad.example/api/fhir/DiagnosticReport/${r.reportId}`,
      },
    });
  });
});
