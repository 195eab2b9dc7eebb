import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { AgentJob } from '../gatewayAgent';
import { NS } from './clinicLink';

/**
 * Starts bench/gatewayAgent.ts (the real gateway receiver and upload) inside the clinic's network
 * namespace and follows its JSON lines.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const NODE = path.join(ROOT, 'node_modules/.bin/node');

/** The agent's last line: how the drain went. */
export interface Drained {
  seconds: number;
  wireBytes: number;
  originalBytes: number;
  successes: number;
  errors: string[];
}

/** What the agent prints, one JSON object a line. */
export type AgentLine = {
  type: string;
  n?: number;
  phase?: string;
  ms?: number[];
  association?: number[];
} & Drained;

/**
 * Runs the agent; `onLine` sees each line, and a `want-cut` line is answered on the agent's
 * stdin once `onLine` has returned (having cut the link).
 */
export async function runAgent(job: AgentJob, onLine?: (m: AgentLine) => void): Promise<Drained> {
  const jobFile = path.join(job.dataDir, 'job.json');
  fs.writeFileSync(jobFile, JSON.stringify(job));
  const child = spawn(
    'ip',
    ['netns', 'exec', NS, NODE, '--import', 'tsx', 'bench/gatewayAgent.ts', jobFile],
    { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  let drained: Drained | undefined;
  for await (const line of readline.createInterface({ input: child.stdout })) {
    const m = JSON.parse(line) as AgentLine;
    onLine?.(m);
    if (m.type === 'want-cut') child.stdin.write('cut\n');
    if (m.type === 'drained') drained = m;
  }
  if (!drained) throw new Error('the gateway agent ended without draining');
  return drained;
}
