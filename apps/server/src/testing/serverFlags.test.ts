import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS } from './serverProcess';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const scripts = (
  JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  }
).scripts;

/** Every .ts file under `dir`, tests excluded. */
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

describe('the V8 flags the server runs with (docs/adr/0005)', () => {
  it('are on the command line of npm start, and npm run demo gives the same ones', () => {
    expect(SERVER_NODE_FLAGS).toContain('--max-semi-space-size=8');
    expect(SERVER_NODE_FLAGS).toContain('--heap-growing-percent=100');
    const flags = SERVER_NODE_FLAGS.join(' ');
    expect(scripts.start).toContain(`node ${flags} --import tsx apps/server/src/main.ts`);
    expect(scripts.demo).toContain(`node ${flags} --import tsx apps/server/src/main.ts`);
  });

  it('are never set at run time by server code', () => {
    const setters = sources(path.join(ROOT, 'apps/server/src')).filter((f) =>
      /setFlagsFromString\s*\(/.test(fs.readFileSync(f, 'utf8')),
    );
    expect(setters).toEqual([]);
  });
});
