import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig } from './config';
import { tempDir, writeConfigFile } from './testSupport';

const minimal = {
  centreUrl: 'https://centre.example.org',
  dataDir: './gateway-data',
  aeTitle: 'CLINIC_GW',
  allowedSenders: [{ aeTitle: 'CR_ROOM1', addresses: ['192.168.1.20'] }],
};

describe('gateway configuration', () => {
  it('fills defaults, resolves paths against the file and keeps the transfer section as given', async () => {
    const dir = await tempDir();
    const file = await writeConfigFile(dir, {
      ...minimal,
      watchFolder: 'drop',
      transfer: { compression: 'htj2k', bandwidthKbps: 512 },
    });
    const config = await loadConfig(file);
    expect(config).toMatchObject({
      dataDir: path.join(dir, 'gateway-data'),
      watchFolder: path.join(dir, 'drop'),
      port: 11112,
      statusPort: 8787,
      heartbeatSeconds: 60,
      worklistSyncSeconds: 45,
      priority: { default: 'routine', rules: [] },
      transfer: {
        compression: 'htj2k',
        bandwidthKbps: 512,
        batchCount: 20,
        tusAboveBytes: 4194304,
      },
    });
  });

  it('checks the transfer section at load time and names the bad field', () => {
    const load = (transfer: unknown) => () =>
      parseConfig({ ...minimal, transfer }, '/tmp', 'telerad-gateway.json');
    expect(load({ compression: 'jpeg2000' })).toThrow(/- transfer\.compression:/);
    expect(load({ bandwidthKbps: -1 })).toThrow(/- transfer\.bandwidthKbps:/);
    expect(load({ windows: { mon: [{ start: '22:00', end: '06:00' }] } })).toThrow(
      /- transfer\.windows\.mon\.0: a window must end after it starts/,
    );
    expect(load({ backoffBaseMs: 5000, backoffCapMs: 1000 })).toThrow(
      /- transfer\.backoffBaseMs: backoffBaseMs must not exceed backoffCapMs/,
    );
    expect(load({ kbps: 512 })).toThrow(/- transfer: Unrecognized key: "kbps"/);
    expect(parseConfig({ ...minimal }, '/tmp').transfer).toMatchObject({
      compression: 'jpeg-ls',
      bandwidthKbps: 0,
    });
  });

  it('names every wrong setting in one actionable message', () => {
    let message = '';
    try {
      parseConfig(
        {
          centreUrl: 'ftp://centre',
          dataDir: '',
          aeTitle: 'A_TITLE_FAR_TOO_LONG',
          port: 70000,
          allowedSenders: [],
          priority: {
            rules: [{ match: 'attribute', tag: '0040-1003', values: ['STAT'], priority: 'urgent' }],
          },
          transfer: 'fast',
        },
        '/tmp',
        'telerad-gateway.json',
      );
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      message = (e as Error).message;
    }
    for (const field of [
      'centreUrl',
      'dataDir',
      'aeTitle',
      'port',
      'allowedSenders',
      'priority.rules.0.tag',
      'transfer',
    ])
      expect(message).toContain(`- ${field}:`);
    expect(message).toContain('telerad-gateway.json is not valid');
    expect(message).toContain('write a DICOM tag as (GGGG,EEEE)');
  });

  it('takes addresses and CIDR ranges for a sender, and names an entry that is neither', () => {
    const senders = (addresses: string[]) => () =>
      parseConfig(
        { ...minimal, allowedSenders: [{ aeTitle: 'DX', addresses }] },
        '/tmp',
        'telerad-gateway.json',
      );
    expect(
      senders(['10.0.0.5', '192.168.1.0/24', 'fd00:1::/64', '::ffff:10.0.0.0/104'])()
        .allowedSenders[0]!.addresses,
    ).toHaveLength(4);
    for (const bad of ['192.168.1.0/33', '10.0.0/8', 'fd00::/129', 'clinic-pc', '10.0.0.1/'])
      expect(senders(['10.0.0.5', bad])).toThrow(
        /- allowedSenders\.0\.addresses\.1: write an IP address or a CIDR range/,
      );
  });

  it('says what to do when the file is missing or not JSON', async () => {
    const dir = await tempDir();
    await expect(loadConfig(path.join(dir, 'none.json'))).rejects.toThrow(
      /No configuration file at .*pass --config/,
    );
    const bad = path.join(dir, 'bad.json');
    await writeFile(bad, '{ "centreUrl": ');
    await expect(loadConfig(bad)).rejects.toThrow(/bad\.json is not valid JSON/);
  });
});
