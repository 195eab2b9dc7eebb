import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { haproxyConfig, HaproxyConfigError, type LoadBalancedNode } from './haproxyConfig';

const a: LoadBalancedNode = {
  name: 'a',
  host: '10.0.0.1',
  httpPort: 8081,
  realtime: true,
  dicomPort: 11113,
};
const b: LoadBalancedNode = {
  name: 'b',
  host: '10.0.0.2',
  httpPort: 8081,
  realtime: false,
  dicomPort: null,
};
const base = { httpBind: '0.0.0.0:80', dicomBind: '0.0.0.0:104' };
const ROOT = path.resolve(import.meta.dirname, '../../../../..');

/** `npm run haproxy:config -- …args`, as an operator runs it. */
function cli(...args: string[]) {
  return spawnSync(
    path.join(ROOT, 'node_modules/.bin/node'),
    [
      '--import',
      'tsx',
      'scripts/haproxy-config.ts',
      '--node',
      'a=10.0.0.1:8081,11113,realtime',
      ...args,
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
}

describe('the HAProxy configuration for several nodes', () => {
  it('sends WebSockets to realtime nodes only, DICOM to dimse nodes only, and checks health', () => {
    const cfg = haproxyConfig({ ...base, nodes: [a, b] });
    const section = (name: string) => cfg.split(/\n\n/).find((s) => s.startsWith(name))!;
    expect(section('backend telerad_http')).toContain('server a 10.0.0.1:8081 check');
    expect(section('backend telerad_http')).toContain('server b 10.0.0.2:8081 check');
    expect(section('backend telerad_http')).toContain('option httpchk GET /api/health');
    expect(section('backend telerad_realtime')).toContain('server a 10.0.0.1:8081');
    expect(section('backend telerad_realtime')).not.toContain('server b');
    expect(section('backend telerad_dicom')).toContain('server a 10.0.0.1:11113 check');
    expect(section('backend telerad_dicom')).not.toContain('server b');
    expect(section('frontend telerad_dicom')).toContain('mode tcp');
    expect(cfg).not.toContain('send-proxy');
    const proxied = haproxyConfig({ ...base, nodes: [a], proxyProtocol: true });
    expect(proxied).toContain('server a 10.0.0.1:11113 check send-proxy-v2 check-send-proxy');
    expect(proxied).toContain('TELERAD_TRUSTED_PROXIES');
    expect(cfg).not.toContain('TELERAD_TRUSTED_PROXIES');
  });

  it('has npm run haproxy:config send the PROXY header unless told not to (docs/adr/0049)', () => {
    const byDefault = cli();
    expect(byDefault.status).toBe(0);
    expect(byDefault.stdout).toContain(
      'server a 10.0.0.1:11113 check send-proxy-v2 check-send-proxy',
    );
    const without = cli('--no-proxy-protocol');
    expect(without.status).toBe(0);
    expect(without.stdout).toContain('server a 10.0.0.1:11113 check\n');
    expect(without.stdout).not.toContain('send-proxy');
  });

  it('refuses a set of nodes that leaves a door without a node, or a name twice', () => {
    expect(() => haproxyConfig({ ...base, nodes: [b] })).toThrow(/realtime/);
    expect(() => haproxyConfig({ ...base, nodes: [{ ...a, dicomPort: null }] })).toThrow(/dimse/);
    expect(() => haproxyConfig({ ...base, nodes: [a, { ...a }] })).toThrow(/twice/);
    expect(() => haproxyConfig({ ...base, nodes: [{ ...a, name: 'a b' }] })).toThrow(
      HaproxyConfigError,
    );
    expect(() => haproxyConfig({ ...base, hl7Bind: '0.0.0.0:2575', nodes: [a] })).toThrow(/MLLP/);
  });

  it.runIf(spawnSync('haproxy', ['-v']).status === 0)(
    'is a configuration HAProxy itself accepts',
    () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-haproxy-cfg-'));
      const file = path.join(dir, 'haproxy.cfg');
      fs.writeFileSync(
        file,
        haproxyConfig({
          ...base,
          nodes: [{ ...a, hl7Port: 2576 }, b],
          hl7Bind: '0.0.0.0:2575',
          statsBind: '127.0.0.1:8404',
          proxyProtocol: true,
        }),
      );
      const r = spawnSync('haproxy', ['-c', '-f', file], { encoding: 'utf8' });
      fs.rmSync(dir, { recursive: true, force: true });
      expect(r.stderr + r.stdout).not.toMatch(/ALERT|WARNING/);
      expect(r.status).toBe(0);
    },
  );
});
