import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The repository root: the real `eslint.config.js` is what is tested, not a copy. */
const ROOT = path.resolve(import.meta.dirname, '../../../..');
const eslint = new ESLint({ cwd: ROOT });

/** The boundary errors ESLint reports for `code` as if it were the file at `file`. */
async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'telerad/module-boundaries')
    .map((m) => m.message);
}

describe('module boundaries (eslint.config.js)', () => {
  const inReports = 'apps/server/src/modules/reports/example.ts';

  it('refuses a deep import of another module and names its index', async () => {
    const errors = await boundaryErrors(
      inReports,
      "import { completeTask } from '../worklist/completion';\nexport const f = completeTask;\n",
    );
    expect(errors).toEqual([
      "'../worklist/completion' reaches into module 'worklist': import it from its index ('../worklist').",
    ]);
  });

  it('sees the same deep import however the path is spelled, and in re-exports and import()', async () => {
    const errors = await boundaryErrors(
      inReports,
      [
        "import type { Db } from '../../modules/worklist/tasks';",
        "export { slaDueAt } from './../worklist/sla.ts';",
        "export const load = () => import('../worklist/queries');",
        'export type T = Db;',
      ].join('\n'),
    );
    expect(errors).toHaveLength(3);
  });

  it("allows another module's index, the module's own files and packages", async () => {
    const errors = await boundaryErrors(
      inReports,
      [
        "import { completeTask } from '../worklist';",
        "import { emitTaskEvents } from '../worklist/index';",
        "import { releaseVersion } from './release';",
        "import { appError } from '../../platform/errors';",
        "import { z } from 'zod';",
        'export const all = [completeTask, emitTaskEvents, releaseVersion, appError, z];',
      ].join('\n'),
    );
    expect(errors).toEqual([]);
  });

  it("lets only test code use another module's testSupport", async () => {
    const code = "import { newTask } from '../reports/testSupport';\nexport const f = newTask;\n";
    expect(await boundaryErrors('apps/server/src/modules/delivery/x.int.test.ts', code)).toEqual(
      [],
    );
    expect(await boundaryErrors('apps/server/src/modules/delivery/service.ts', code)).toHaveLength(
      1,
    );
  });

  it('refuses any import of modules/ from platform/, index or not', async () => {
    const errors = await boundaryErrors(
      'apps/server/src/platform/example.ts',
      "import { completeTask } from '../modules/worklist';\nexport const f = completeTask;\n",
    );
    expect(errors).toEqual([
      "platform/ never imports modules/ ('../modules/worklist'): pass what it needs in instead.",
    ]);
  });

  it('lets only platform/jobs.ts make a job queue, so every queue has its heartbeat', async () => {
    const code = "export const f = (b: { createQueue(n: string): void }) => b.createQueue('x');\n";
    const restricted = async (file: string) => {
      const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
      return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax');
    };
    expect(await restricted('apps/server/src/modules/delivery/x.ts')).toHaveLength(1);
    expect(await restricted('apps/server/src/platform/jobs.ts')).toHaveLength(0);
    expect(await restricted('apps/server/src/modules/delivery/x.int.test.ts')).toHaveLength(0);
  });
});
