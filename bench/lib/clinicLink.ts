import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

/**
 * The emulated clinic link of `npm run bench:gateway`: a network namespace for the gateway,
 * joined to the root namespace (the centre) by two TUN devices and the user-space link emulator
 * (linkEmulator.py), since this kernel has no netem qdisc.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const tag = Math.random().toString(36).slice(2, 7);
export const NS = `trdgw${tag}`;
const UP_IF = `tu${tag}`;
const DOWN_IF = `td${tag}`;
export const HOST_IP = '10.231.7.1';
const GW_IP = '10.231.7.2';
export const RATE_BPS = 2_000_000;

const sh = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: 'pipe' }).toString();
const inNs = (args: string[]) => sh('ip', ['netns', 'exec', NS, ...args]);

/** The link emulator (bench/lib/linkEmulator.py) and its latest counters. */
let emulator: ChildProcess | undefined;
export const link = { up: 0, down: 0 };

export async function setUpLink(): Promise<void> {
  sh('ip', ['netns', 'add', NS]);
  sh('ip', ['tuntap', 'add', 'dev', UP_IF, 'mode', 'tun']);
  sh('ip', ['tuntap', 'add', 'dev', DOWN_IF, 'mode', 'tun']);
  emulator = spawn(
    'python3',
    [
      path.join(ROOT, 'bench/lib/linkEmulator.py'),
      UP_IF,
      DOWN_IF,
      String(RATE_BPS),
      '150',
      '0.02',
      '0',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines = readline.createInterface({ input: emulator.stdout! });
  await new Promise<void>((resolve) => {
    lines.on('line', (l) => {
      const m = JSON.parse(l) as { ready?: boolean; up?: number; down?: number };
      if (m.ready) resolve();
      if (m.up !== undefined) Object.assign(link, m);
    });
  });
  sh('ip', ['link', 'set', UP_IF, 'netns', NS]);
  inNs(['ip', 'addr', 'add', GW_IP, 'peer', HOST_IP, 'dev', UP_IF]);
  inNs(['ip', 'link', 'set', UP_IF, 'up']);
  inNs(['ip', 'link', 'set', 'lo', 'up']);
  sh('ip', ['addr', 'add', HOST_IP, 'peer', GW_IP, 'dev', DOWN_IF]);
  sh('ip', ['link', 'set', DOWN_IF, 'up']);
}

export function tearDownLink(): void {
  if (emulator && emulator.exitCode === null) emulator.kill('SIGTERM');
  for (const args of [
    ['netns', 'del', NS],
    ['link', 'del', DOWN_IF],
  ])
    try {
      sh('ip', args);
    } catch {
      // never made, or gone with the namespace
    }
}

/** Cuts the link both ways (every packet lost) or restores it. */
export const setCut = (cut: boolean) => emulator?.kill(cut ? 'SIGUSR1' : 'SIGUSR2');

/** Bytes the gateway's interface handed to the link (IP packets, retransmissions included). */
export const txBytes = () =>
  Number(inNs(['cat', `/sys/class/net/${UP_IF}/statistics/tx_bytes`]).trim());
