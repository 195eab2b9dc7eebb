import { spawn } from 'node:child_process';
import fs from 'node:fs';

/** One system call seen by strace: where its start and its end are in the trace's order. */
export interface Syscall {
  tid: number;
  name: string;
  /** Its arguments as strace printed them (with `-yy`, each descriptor followed by its path). */
  args: string;
  /** Its return, as printed (`0`, `6`, `-1 ENOENT (…)`). */
  ret: string;
  /** Position of its entry in the trace; a call that ran while others ran has start < end. */
  start: number;
  end: number;
}

/**
 * Parses the output of `strace -f -yy -x -o FILE` (one line per call, each starting with the
 * thread id; a call that another thread's call interrupts is split into "<unfinished ...>" and
 * "<... name resumed>" lines). Line order is the order strace saw the calls enter and return,
 * which is the order they happened in for calls that wait on each other.
 */
export function parseStrace(text: string): Syscall[] {
  const calls: Syscall[] = [];
  const open = new Map<number, Omit<Syscall, 'ret' | 'end'>>();
  text.split('\n').forEach((line, i) => {
    const m = /^(\d+)\s+(.*)$/.exec(line);
    if (!m) return;
    const tid = Number(m[1]);
    const body = m[2]!;
    const resumed = /^<\.\.\. (\w+) resumed>(.*)\) += (.*)$/.exec(body);
    if (resumed) {
      const begun = open.get(tid);
      open.delete(tid);
      if (begun) calls.push({ ...begun, args: begun.args + resumed[2], ret: resumed[3]!, end: i });
      return;
    }
    const unfinished = /^(\w+)\((.*) <unfinished \.\.\.>$/.exec(body);
    if (unfinished) {
      open.set(tid, { tid, name: unfinished[1]!, args: unfinished[2]!, start: i });
      return;
    }
    const whole = /^(\w+)\((.*)\) += (.*)$/.exec(body);
    if (whole)
      calls.push({ tid, name: whole[1]!, args: whole[2]!, ret: whole[3]!, start: i, end: i });
  });
  return calls.sort((a, b) => a.start - b.start);
}

/** The path strace gave a call's first argument, a descriptor (`-yy`: `21</dir/file>`). */
export function fdPath(call: Syscall): string | null {
  return /^\d+<(.*?)>(?:,|$)/.exec(call.args)?.[1] ?? null;
}

/** The quoted strings among a call's arguments (paths, with `-x`), in order. */
export function quoted(call: Syscall): string[] {
  return [...call.args.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!);
}

/** A running strace attached to every thread of a process. */
export interface Tracer {
  /** Detaches, and returns the calls seen. */
  stop(): Promise<Syscall[]>;
}

/**
 * Attaches strace to every thread of `pid` (`-f -p`), recording `calls`, and resolves once it
 * is attached: when `poke` (something that makes the process write to a socket) shows up in
 * the trace. Needs the right to trace the process (root, or ptrace_scope 0).
 */
export async function traceProcess(
  pid: number,
  calls: string[],
  out: string,
  poke: () => Promise<unknown>,
): Promise<Tracer> {
  const tracer = spawn(
    'strace',
    [
      '-f',
      '-qq',
      '-x',
      '-yy',
      '-s',
      '2',
      '-e',
      `trace=${calls.join(',')}`,
      '-o',
      out,
      '-p',
      `${pid}`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let err = '';
  tracer.stderr.on('data', (b: Buffer) => (err += b.toString()));
  const exited = new Promise<void>((r) => tracer.once('exit', () => r()));
  const until = Date.now() + 20_000;
  for (;;) {
    if (tracer.exitCode !== null) throw new Error(`strace exited: ${err}`);
    await poke();
    if (fs.existsSync(out) && /TCP:\[/.test(fs.readFileSync(out, 'utf8'))) break;
    if (Date.now() > until) throw new Error(`strace did not attach: ${err}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    stop: async () => {
      tracer.kill('SIGINT');
      await exited;
      return parseStrace(fs.readFileSync(out, 'utf8'));
    },
  };
}
