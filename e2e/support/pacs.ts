import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../apps/server/src/testing/serverProcess';
import { apiCall, apiLogin } from './api';

/**
 * A DCMTK storescp standing in for a clinic PACS that receives reports, shared by the delivery
 * and structured-report e2e tests: start it, register it for a clinic through the admin API, and
 * wait for the report objects (Enhanced SR and Encapsulated PDF) of a study to arrive.
 */

/** SOP Class UIDs of the objects a released report is delivered as. */
export const ENHANCED_SR = '1.2.840.10008.5.1.4.1.1.88.22';
export const ENCAPSULATED_PDF = '1.2.840.10008.5.1.4.1.1.104.1';

/** Whether something accepts TCP connections on 127.0.0.1:`port`. */
function accepts(port: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => resolve(Boolean(s.destroy())));
    s.once('error', () => resolve(false));
  });
}

/** Study Instance UID and SOP Class UID of a Part 10 file, by dcmdump; undefined if unreadable. */
function identify(file: string): { study: string; sopClass: string } | undefined {
  try {
    const out = execFileSync('dcmdump', ['-q', '-Un', '+P', '0020,000d', '+P', '0008,0016', file], {
      stdio: ['ignore', 'pipe', 'ignore'],
    }).toString();
    const value = (t: string) => new RegExp(`^\\(${t}\\) UI \\[([^\\]]*)\\]`, 'm').exec(out)?.[1];
    const study = value('0020,000d');
    const sopClass = value('0008,0016');
    return study && sopClass ? { study, sopClass } : undefined;
  } catch {
    return undefined; // still being written
  }
}

/** A running DCMTK storescp writing every object it receives into `dir`. */
export class StoreScp {
  private constructor(
    readonly aeTitle: string,
    readonly port: number,
    readonly dir: string,
    private readonly child: ChildProcess,
  ) {}

  /** Starts storescp as `aeTitle` on `port`, writing into `dir`; resolves once it listens. */
  static async start(aeTitle: string, port: number, dir: string): Promise<StoreScp> {
    fs.mkdirSync(dir, { recursive: true });
    const child = spawn('storescp', ['-aet', aeTitle, '+xa', '-od', dir, String(port)], {
      stdio: 'ignore',
    });
    const scp = new StoreScp(aeTitle, port, dir, child);
    for (let i = 0; i < 200; i++) {
      if (child.exitCode !== null) break;
      if (await accepts(port)) return scp;
      await new Promise((r) => setTimeout(r, 50));
    }
    scp.stop();
    throw new Error(`storescp ${aeTitle} did not start on port ${port}`);
  }

  stop(): void {
    if (this.child.exitCode === null) this.child.kill();
  }

  /** Paths of the files received so far. */
  received(): string[] {
    return fs.existsSync(this.dir)
      ? fs.readdirSync(this.dir).map((f) => path.join(this.dir, f))
      : [];
  }

  /** Waits until `n` files arrived (storescp acknowledges each C-STORE after writing it). */
  async files(n: number, ms = 60_000): Promise<string[]> {
    const end = Date.now() + ms;
    for (;;) {
      const files = this.received();
      if (files.length >= n) return files;
      if (Date.now() > end) throw new Error(`fewer than ${n} objects arrived at ${this.aeTitle}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /**
   * Waits (up to `ms`) until an Enhanced SR and an Encapsulated PDF of the study `studyUid`
   * have arrived; answers their paths. Objects of other studies are ignored.
   */
  async report(studyUid: string, ms = 30_000): Promise<{ sr: string; pdf: string }> {
    const end = Date.now() + ms;
    const sopClass = new Map<string, string>();
    for (;;) {
      for (const f of this.received()) {
        if (sopClass.has(f)) continue;
        // A file still being written is read again on the next round.
        const id = identify(f);
        if (id) sopClass.set(f, id.study === studyUid ? id.sopClass : '');
      }
      const find = (uid: string) => [...sopClass].find(([, c]) => c === uid)?.[0];
      const sr = find(ENHANCED_SR);
      const pdf = find(ENCAPSULATED_PDF);
      if (sr && pdf) return { sr, pdf };
      if (Date.now() > end)
        throw new Error(
          `${this.aeTitle} got no ${sr ? 'PDF' : pdf ? 'SR' : 'SR or PDF'} of study ${studyUid}`,
        );
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** A clinic PACS for one test: its storescp, and a way to put the clinic back as it was. */
export interface ClinicPacs {
  scp: StoreScp;
  /** Stops storescp, restores the clinic's AE titles and removes the received files. */
  close(): Promise<void>;
}

/**
 * Starts a storescp as `aeTitle` on a free port and registers it (host 127.0.0.1, receives
 * reports) among the AE titles of clinic `clinicCode` through the admin API. Use a distinct AE
 * title per test, and `close()` it when done so later tests do not deliver to it.
 */
export async function registerClinicPacs(
  baseUrl: string,
  clinicCode: string,
  aeTitle: string,
): Promise<ClinicPacs> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `telerad-e2e-pacs-${aeTitle}-`));
  const scp = await StoreScp.start(aeTitle, await freePort(), dir);
  const admin = await apiLogin(baseUrl, 'admin');
  const clinics = await apiCall<{ id: string; code: string }[]>(
    baseUrl,
    admin,
    'GET',
    '/api/clinics',
  );
  const id = clinics.find((c) => c.code === clinicCode)?.id;
  if (!id) throw new Error(`no clinic ${clinicCode}`);
  const { aeTitles } = await apiCall<{ aeTitles: unknown[] }>(
    baseUrl,
    admin,
    'GET',
    `/api/clinics/${id}`,
  );
  await apiCall(baseUrl, admin, 'PATCH', `/api/clinics/${id}`, {
    aeTitles: [...aeTitles, { aeTitle, host: '127.0.0.1', port: scp.port, receivesReports: true }],
  });
  return {
    scp,
    async close() {
      scp.stop();
      await apiCall(baseUrl, admin, 'PATCH', `/api/clinics/${id}`, { aeTitles });
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
