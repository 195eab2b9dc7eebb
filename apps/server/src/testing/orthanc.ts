import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from './serverProcess';

/** A Debian Orthanc started for a test: its REST base URL, its DICOM port and its process. */
export interface RunningOrthanc {
  url: string;
  dicomPort: number;
  process: ChildProcess;
}

/** Waits until Orthanc's REST API answers. */
async function ready(url: string, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${url}/system`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('Orthanc did not start');
}

/**
 * Starts `/usr/sbin/Orthanc` as the clinic PACS "CLINICPACS", on free ports, with its storage
 * and index under `dir`, local access only and no authentication; `config` adds or overrides
 * settings (modalities, plugins). Resolves once its REST API answers; kill `process` when done.
 */
export async function startOrthanc(
  dir: string,
  config: Record<string, unknown> = {},
): Promise<RunningOrthanc> {
  fs.mkdirSync(dir, { recursive: true });
  const [httpPort, dicomPort] = [await freePort(), await freePort()];
  const file = path.join(dir, 'orthanc.json');
  fs.writeFileSync(
    file,
    JSON.stringify({
      Name: 'clinic-pacs',
      DicomAet: 'CLINICPACS',
      DicomPort: dicomPort,
      HttpPort: httpPort,
      RemoteAccessAllowed: false,
      AuthenticationEnabled: false,
      StorageDirectory: path.join(dir, 'storage'),
      IndexDirectory: path.join(dir, 'index'),
      Plugins: [],
      ...config,
    }),
  );
  const process = spawn('/usr/sbin/Orthanc', [file], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${httpPort}`;
  try {
    await ready(url);
  } catch (err) {
    process.kill();
    throw err;
  }
  return { url, dicomPort, process };
}
