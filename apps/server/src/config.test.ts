import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

function errorOf(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('uses the documented defaults for an empty environment', () => {
    const c = loadConfig({});
    expect(c.dataDir).toBe(path.resolve('./data'));
    expect(c.http).toEqual({ port: 8080, host: '0.0.0.0' });
    expect(c.dicom).toEqual({ port: 11112, aeTitle: 'TELERAD' });
    expect(c.databaseUrl).toBeUndefined();
    expect(c.demo).toBe(false);
    expect(c.demoStudies).toBe(true);
    expect(c.adminPassword).toBeUndefined();
    expect(c.logLevel).toBe('info');
    expect(c.secureCookies).toBe(false);
  });

  it('treats empty strings as unset', () => {
    const c = loadConfig({ TELERAD_HTTP_PORT: '', DATABASE_URL: '', TELERAD_DEMO: '' });
    expect(c.http.port).toBe(8080);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.demo).toBe(false);
  });

  it('reads every documented variable', () => {
    const c = loadConfig({
      TELERAD_DATA_DIR: '/srv/telerad',
      TELERAD_HTTP_PORT: '9090',
      TELERAD_DICOM_PORT: '104',
      TELERAD_AE_TITLE: 'CENTRE_1',
      DATABASE_URL: 'postgres://u@db.example/telerad',
      TELERAD_DEMO: '1',
      TELERAD_DEMO_STUDIES: '0',
      TELERAD_ADMIN_PASSWORD: 'a-long-enough-password',
    });
    expect(c.dataDir).toBe('/srv/telerad');
    expect(c.http.port).toBe(9090);
    expect(c.dicom).toEqual({ port: 104, aeTitle: 'CENTRE_1' });
    expect(c.databaseUrl).toBe('postgres://u@db.example/telerad');
    expect(c.demo).toBe(true);
    expect(c.demoStudies).toBe(false);
    expect(c.adminPassword).toBe('a-long-enough-password');
  });

  it('accepts a postgresql:// URL, "true" and "false", and a 16-character AE title', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/postgres',
      TELERAD_DEMO: 'true',
      TELERAD_DEMO_STUDIES: 'false',
      TELERAD_AE_TITLE: 'A'.repeat(16),
    });
    expect(c.databaseUrl).toBe('postgresql://postgres@127.0.0.1:5432/postgres');
    expect(c.demo).toBe(true);
    expect(c.demoStudies).toBe(false);
    expect(c.dicom.aeTitle).toBe('AAAAAAAAAAAAAAAA');
  });

  const bad: Array<[string, string, RegExp]> = [
    ['TELERAD_HTTP_PORT', 'abc', /port number from 1 to 65535/],
    ['TELERAD_HTTP_PORT', '70000', /from 1 to 65535/],
    ['TELERAD_HTTP_PORT', '0', /from 1 to 65535/],
    ['TELERAD_HTTP_PORT', '80.5', /whole port number/],
    ['TELERAD_DICOM_PORT', '-1', /from 1 to 65535/],
    ['TELERAD_AE_TITLE', 'A'.repeat(17), /1–16 printable ASCII characters/],
    ['TELERAD_AE_TITLE', 'BAD\\AE', /no backslash/],
    ['TELERAD_AE_TITLE', 'CAFÉ', /printable ASCII/],
    ['DATABASE_URL', 'mysql://x', /postgres:\/\/ or postgresql:\/\//],
    ['TELERAD_DEMO', 'maybe', /must be 0 or 1/],
    ['TELERAD_DEMO_STUDIES', 'yes', /must be 0 or 1/],
    ['TELERAD_ADMIN_PASSWORD', 'short', /at least 12 characters/],
  ];
  it.each(bad)('rejects %s=%s, naming the variable and what is allowed', (name, value, allowed) => {
    const e = errorOf({ [name]: value });
    expect(e.name).toBe('ConfigError');
    expect(e.problems).toHaveLength(1);
    expect(e.problems[0]).toContain(`${name}=${JSON.stringify(value)}`);
    expect(e.problems[0]).toMatch(allowed);
    expect(e.message).toContain(e.problems[0]);
  });

  it('reports every bad variable at once', () => {
    const e = errorOf({
      TELERAD_HTTP_PORT: 'abc',
      TELERAD_DEMO: 'maybe',
      DATABASE_URL: 'mysql://x',
    });
    expect(e.problems).toHaveLength(3);
    for (const name of ['TELERAD_HTTP_PORT', 'TELERAD_DEMO', 'DATABASE_URL']) {
      expect(e.message).toContain(name);
    }
  });
});

describe('loadConfig: SMTP', () => {
  it('leaves e-mail off without TELERAD_SMTP_URL', () => {
    expect(loadConfig({}).smtp).toBeUndefined();
    expect(loadConfig({ TELERAD_SMTP_FROM: 'alerts@example.org' }).smtp).toBeUndefined();
  });

  it('reads the URL and a plain or named From address', () => {
    expect(loadConfig({ TELERAD_SMTP_URL: 'smtp://u:p@mail.example.org:587' }).smtp).toEqual({
      url: 'smtp://u:p@mail.example.org:587',
      from: 'Telerad <telerad@localhost>',
    });
    expect(
      loadConfig({
        TELERAD_SMTP_URL: 'smtps://mail.example.org',
        TELERAD_SMTP_FROM: 'Telerad Alerts <alerts@example.org>',
      }).smtp?.from,
    ).toBe('Telerad Alerts <alerts@example.org>');
  });

  it.each(['mail.example.org', 'http://mail.example.org', 'smtp://', 'not a url'])(
    'refuses TELERAD_SMTP_URL=%j',
    (url) => {
      const e = errorOf({ TELERAD_SMTP_URL: url });
      expect(e.problems).toHaveLength(1);
      expect(e.message).toContain('TELERAD_SMTP_URL');
      expect(e.message).toContain('smtp://');
    },
  );

  it('reads how often live-update sockets re-check their credential', () => {
    expect(loadConfig({}).realtimeRecheckSeconds).toBe(60);
    expect(loadConfig({ TELERAD_REALTIME_RECHECK_SECONDS: '5' }).realtimeRecheckSeconds).toBe(5);
    expect(errorOf({ TELERAD_REALTIME_RECHECK_SECONDS: '0' }).message).toContain(
      'TELERAD_REALTIME_RECHECK_SECONDS',
    );
  });

  it('reads the delivery settings and the public URL, with defaults', () => {
    const d = loadConfig({ TELERAD_HTTP_PORT: '9090' });
    expect(d.publicUrl).toBe('http://localhost:9090');
    expect(d.publicUrlSetting).toBeUndefined();
    expect(d.delivery).toEqual({ maxAttempts: 8, retrySeconds: 30 });
    const c = loadConfig({
      TELERAD_PUBLIC_URL: 'https://telerad.example.org/',
      TELERAD_DELIVERY_MAX_ATTEMPTS: '3',
      TELERAD_DELIVERY_RETRY_SECONDS: '5',
    });
    expect(c.publicUrl).toBe('https://telerad.example.org');
    expect(c.publicUrlSetting).toBe('https://telerad.example.org');
    expect(c.delivery).toEqual({ maxAttempts: 3, retrySeconds: 5 });
    const e = errorOf({ TELERAD_PUBLIC_URL: 'ftp://x', TELERAD_DELIVERY_MAX_ATTEMPTS: '0' });
    expect(e.problems).toHaveLength(2);
    expect(e.message).toContain('TELERAD_PUBLIC_URL');
    expect(e.message).toContain('TELERAD_DELIVERY_MAX_ATTEMPTS');
  });

  it.each(['alerts', 'Telerad <alerts>', 'a b@example.org', '<>'])(
    'refuses TELERAD_SMTP_FROM=%j',
    (from) => {
      const e = errorOf({ TELERAD_SMTP_URL: 'smtp://mail.example.org', TELERAD_SMTP_FROM: from });
      expect(e.problems).toHaveLength(1);
      expect(e.message).toContain('TELERAD_SMTP_FROM');
    },
  );
});

describe('loadConfig: the HL7 v2 door', () => {
  it('is closed unless its port is set, with idle 300 s and 20 connections per address', () => {
    expect(loadConfig({}).hl7).toEqual({
      port: undefined,
      idleMs: 300_000,
      connectionsPerAddress: 20,
    });
    expect(
      loadConfig({
        TELERAD_HL7_PORT: '2575',
        TELERAD_HL7_IDLE_SECONDS: '60',
        TELERAD_HL7_CONNECTIONS_PER_ADDRESS: '5',
      }).hl7,
    ).toEqual({ port: 2575, idleMs: 60_000, connectionsPerAddress: 5 });
    expect(errorOf({ TELERAD_HL7_PORT: '70000' }).message).toContain('TELERAD_HL7_PORT');
  });
});

describe('loadConfig: connection limits', () => {
  it('defaults to ARTIM 30 s, idle 300 s, 20 waiting per address; 30 s, 60 s, 2000 for HTTP', () => {
    expect(loadConfig({}).doors).toEqual({
      dicom: { artimMs: 30_000, idleMs: 300_000, pendingPerAddress: 20 },
      http: { unauthenticatedMs: 30_000, bodyIdleMs: 60_000, maxConnections: 2000 },
    });
  });

  it('reads each limit from its variable, and names the ones out of range', () => {
    const c = loadConfig({
      TELERAD_DICOM_ARTIM_SECONDS: '5',
      TELERAD_DICOM_IDLE_SECONDS: '60',
      TELERAD_DICOM_PENDING_PER_ADDRESS: '4',
      TELERAD_HTTP_UNAUTHENTICATED_SECONDS: '10',
      TELERAD_HTTP_BODY_IDLE_SECONDS: '20',
      TELERAD_HTTP_MAX_CONNECTIONS: '300',
    });
    expect(c.doors).toEqual({
      dicom: { artimMs: 5000, idleMs: 60_000, pendingPerAddress: 4 },
      http: { unauthenticatedMs: 10_000, bodyIdleMs: 20_000, maxConnections: 300 },
    });
    const e = errorOf({ TELERAD_DICOM_ARTIM_SECONDS: '0', TELERAD_HTTP_MAX_CONNECTIONS: 'many' });
    expect(e.problems).toHaveLength(2);
    expect(e.message).toContain('TELERAD_DICOM_ARTIM_SECONDS');
    expect(e.message).toContain('TELERAD_HTTP_MAX_CONNECTIONS');
  });
});

describe('object storage settings', () => {
  it('keeps the filesystem by default and reads the S3 variables with TELERAD_STORAGE=s3', () => {
    expect(loadConfig({}).storage).toEqual({ kind: 'fs' });
    const c = loadConfig({
      TELERAD_STORAGE: 's3',
      TELERAD_S3_BUCKET: 'telerad-archive',
      TELERAD_S3_PREFIX: 'centre-a/',
      TELERAD_S3_ENDPOINT: 'http://minio.internal:9000',
      TELERAD_S3_ACCESS_KEY_ID: 'key',
      TELERAD_S3_SECRET_ACCESS_KEY: 'secret',
    });
    expect(c.storage).toEqual({
      kind: 's3',
      bucket: 'telerad-archive',
      prefix: 'centre-a/',
      endpoint: 'http://minio.internal:9000',
      region: 'us-east-1',
      credentials: { accessKeyId: 'key', secretAccessKey: 'secret' },
      forcePathStyle: true,
      cacheBytes: 2048 * 1024 * 1024,
    });
    // AWS itself: no endpoint, virtual-host addressing, the SDK's own credentials.
    expect(
      loadConfig({ TELERAD_STORAGE: 's3', TELERAD_S3_BUCKET: 'telerad-archive' }).storage,
    ).toMatchObject({ endpoint: undefined, forcePathStyle: false, credentials: undefined });
  });

  it('refuses S3 without a bucket, a bad bucket name, and half a key pair', () => {
    expect(errorOf({ TELERAD_STORAGE: 's3' }).message).toContain('TELERAD_S3_BUCKET must be set');
    expect(errorOf({ TELERAD_STORAGE: 'gcs' }).message).toContain('TELERAD_STORAGE');
    expect(errorOf({ TELERAD_STORAGE: 's3', TELERAD_S3_BUCKET: 'Bad_Bucket' }).message).toContain(
      'TELERAD_S3_BUCKET',
    );
    expect(
      errorOf({
        TELERAD_STORAGE: 's3',
        TELERAD_S3_BUCKET: 'ok-bucket',
        TELERAD_S3_ACCESS_KEY_ID: 'k',
      }).message,
    ).toContain('must be set together');
  });

  it('bounds the S3 read cache by TELERAD_S3_CACHE_MB, refusing what is not a sensible size', () => {
    const s3 = { TELERAD_STORAGE: 's3', TELERAD_S3_BUCKET: 'telerad-archive' };
    expect(loadConfig({ ...s3, TELERAD_S3_CACHE_MB: '512' }).storage).toMatchObject({
      cacheBytes: 512 * 1024 * 1024,
    });
    expect(errorOf({ ...s3, TELERAD_S3_CACHE_MB: '4' }).message).toContain('TELERAD_S3_CACHE_MB');
    expect(errorOf({ ...s3, TELERAD_S3_CACHE_MB: 'lots' }).message).toContain(
      'TELERAD_S3_CACHE_MB',
    );
  });
});

describe('TELERAD_ROLES', () => {
  it('runs every role by default, the one-node setup', () => {
    expect(loadConfig({}).roles).toEqual(['http', 'dimse', 'worker', 'realtime']);
  });

  it('reads a comma- or space-separated list in any order', () => {
    expect(loadConfig({ TELERAD_ROLES: 'worker' }).roles).toEqual(['worker']);
    expect(loadConfig({ TELERAD_ROLES: 'realtime, http' }).roles).toEqual(['http', 'realtime']);
    expect(loadConfig({ TELERAD_ROLES: 'dimse worker' }).roles).toEqual(['dimse', 'worker']);
  });

  it('refuses an unknown role, naming it and the roles there are', () => {
    expect(errorOf({ TELERAD_ROLES: 'http,jobs' }).message).toContain(
      'TELERAD_ROLES="http,jobs": unknown role jobs: the roles are http, dimse, worker, realtime',
    );
  });

  it('refuses a list that names no role, a role twice, or realtime without http', () => {
    expect(errorOf({ TELERAD_ROLES: ' , ' }).message).toContain('name at least one of');
    expect(errorOf({ TELERAD_ROLES: 'http,http' }).message).toContain('names a role twice');
    expect(errorOf({ TELERAD_ROLES: 'realtime,worker' }).message).toContain('realtime needs http');
  });
});

describe('TELERAD_TRUSTED_PROXIES', () => {
  it('trusts no proxy by default, and reads addresses and networks of either family', () => {
    expect(loadConfig({}).trustedProxies).toEqual([]);
    expect(
      loadConfig({ TELERAD_TRUSTED_PROXIES: '10.0.0.5, 10.0.1.0/24 2001:db8::/64' }).trustedProxies,
    ).toEqual(['10.0.0.5', '10.0.1.0/24', '2001:db8::/64']);
  });

  it('refuses an entry that is not an address or network, naming the variable and the entry', () => {
    const message = (v: string) => errorOf({ TELERAD_TRUSTED_PROXIES: v }).message;
    expect(message('10.0.0.5,haproxy.local')).toContain(
      'TELERAD_TRUSTED_PROXIES="10.0.0.5,haproxy.local": "haproxy.local" is not an IP address or CIDR network',
    );
    expect(message('10.0.0.0/33')).toContain('"10.0.0.0/33" has a prefix length that is not 0–32');
    expect(message('::/129')).toContain('not 0–128');
    expect(message('10.0.0.0/8/1')).toContain('is not an IP address');
  });

  it('is refused beside DICOM TLS, whose door does not read the header', () => {
    const pem = import.meta.filename;
    expect(
      errorOf({
        TELERAD_TRUSTED_PROXIES: '10.0.0.5',
        TELERAD_DICOM_TLS_CERT: pem,
        TELERAD_DICOM_TLS_KEY: pem,
      }).message,
    ).toContain('TELERAD_TRUSTED_PROXIES cannot be combined with DICOM TLS');
  });
});
