import { mkdir, stat } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { credentialsPath, readCredentials, writeCredentials } from './credentials';
import { centreEndpoint, enrol, EnrolError } from './enrol';
import { freePort, quietLog, tempDir, testConfig } from './testSupport';

const stored = {
  gatewayId: '6f1c1c8e-3f7a-4c47-9c55-2f6a1d0e6b11',
  clinicId: '0b8a9a43-1d2e-4b8e-8f8c-7b6b3c2d1e0f',
  clinicCode: 'DEMO1',
  token: 'trd_abc_secret',
  centreUrl: 'https://centre.example.org',
  enrolledAt: '2026-12-06T10:00:00.000Z',
};

describe('enrolment', () => {
  it('keeps the centre path prefix when building endpoints', () => {
    expect(centreEndpoint('https://c.example.org/telerad', '/api/gateways/enrol')).toBe(
      'https://c.example.org/telerad/api/gateways/enrol',
    );
  });

  it('stores credentials readable by the owner only, and refuses a second enrolment without --force', async () => {
    const config = testConfig(await tempDir());
    await mkdir(config.dataDir, { recursive: true });
    await writeCredentials(config.dataDir, stored);
    expect((await stat(credentialsPath(config.dataDir))).mode & 0o777).toBe(0o600);
    expect(await readCredentials(config.dataDir)).toEqual(stored);
    await expect(enrol(config, 'ABCDEFGH12', { log: quietLog() })).rejects.toThrow(
      /already enrolled \(clinic DEMO1.*--force/,
    );
  });

  it('says the centre cannot be reached, and stores nothing', async () => {
    const config = testConfig(await tempDir(), {
      centreUrl: `http://127.0.0.1:${await freePort()}`,
    });
    const failure = enrol(config, 'ABCDEFGH12', { log: quietLog(), force: true });
    await expect(failure).rejects.toBeInstanceOf(EnrolError);
    await expect(failure).rejects.toThrow(
      /Cannot reach the centre at http:\/\/127\.0\.0\.1:\d+\/api\/gateways\/enrol/,
    );
    expect(await readCredentials(config.dataDir)).toBeNull();
  });
});
