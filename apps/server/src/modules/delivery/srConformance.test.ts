/**
 * Every SR the product sends, checked by independent readers: DCMTK's dsrdump (which enforces the
 * SR IOD's relationship constraints, PS3.3 Table A.35.2-2, and refuses the object otherwise) and
 * dicom3tools' dciodvfy (the IOD's modules and attributes). Each text written into the content
 * tree must read back unchanged, both from the Part 10 file and from what a PACS receives by
 * C-STORE (DCMTK storescp).
 */
import { execFile, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { FINDINGS, REPORT_FORMS, type FindingCode, type ReportForm } from '@telerad/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesystemStorage } from '../../platform/storage';
import {
  buildSrDataset,
  SOP,
  toPart10,
  type DocumentContext,
  type InstanceRef,
} from './dicomObjects';
import { srSopClass } from './documents';
import { cstore } from './dicomSend';
import type { ReleasedReport } from './load';
import { srContentTree, type ContentItem } from './srContent';
import { testReport } from './testReport';
import { freePort, startStorescp } from './testSupport';

const KEY: InstanceRef = {
  seriesUid: '2.25.1001',
  sopClassUid: '1.2.840.10008.5.1.4.1.1.1.1',
  sopUid: '2.25.1002',
};
const CTX: DocumentContext = { evidence: [KEY] };

/** stdout, stderr and exit code of a command. */
function run(cmd: string, args: string[]): Promise<{ out: string; err: string; code: number }> {
  return new Promise((resolve) =>
    execFile(cmd, args, { encoding: 'utf8' }, (e, out, err) =>
      resolve({ out, err, code: e ? Number((e as { code?: number }).code ?? 1) : 0 }),
    ),
  );
}

/** Every TextValue, CodeMeaning and PersonName written in the tree. */
function textsOf(item: ContentItem, out: string[] = []): string[] {
  if (typeof item.TextValue === 'string') out.push(item.TextValue);
  for (const c of item.ConceptNameCodeSequence) out.push(c.CodeMeaning);
  for (const c of (item.ConceptCodeSequence as { CodeMeaning: string }[] | undefined) ?? [])
    out.push(c.CodeMeaning);
  for (const p of (item.PersonName as { Alphabetic: string }[] | undefined) ?? [])
    out.push(p.Alphabetic);
  for (const c of item.ContentSequence ?? []) textsOf(c, out);
  return out;
}

/** Two located findings of the form (side, zones, one with a note) and one without location. */
function findingsFor(form: ReportForm, note: string) {
  const located = (code: FindingCode) => FINDINGS.find((d) => d.code === code)?.located;
  const withPlace = form.items.filter((i) => located(i.finding)).slice(0, 2);
  const without = form.items.find((i) => !located(i.finding));
  return [
    {
      code: withPlace[0]!.finding,
      formItem: withPlace[0]!.id,
      side: 'right' as const,
      zones: ['upper' as const, 'middle' as const],
    },
    {
      code: withPlace[1]!.finding,
      formItem: withPlace[1]!.id,
      side: 'bilateral' as const,
      zones: ['lower' as const],
      note,
    },
    ...(without ? [{ code: without.finding, formItem: without.id }] : []),
  ];
}

const abnormal = (form: ReportForm) => form.results.find((r) => r.kind !== 'normal')!.id;
const normal = (form: ReportForm) => form.results.find((r) => r.kind === 'normal')!.id;

/** A report with non-ASCII names and text everywhere the product takes free text. */
function international(form: ReportForm): ReleasedReport {
  const r = testReport({
    formId: form.id,
    content: {
      result: abnormal(form),
      findings: findingsFor(form, '小さい — petite opacité'),
      impression: 'Cavité apicale droite — 活動性結核の疑い',
      remarks: 'Vergleich mit Voraufnahmen — 前回画像と比較',
    },
  });
  return {
    ...r,
    signer: { ...r.signer, name: 'Dr José Müller-Ñúñez' },
    study: {
      ...r.study,
      patientName: '山田^太郎',
      attributes: {
        ...r.study.attributes,
        '00100010': { vr: 'PN', Value: [{ Alphabetic: 'Yamada^Tarō=山田^太郎' }] },
      },
    },
  };
}

/** Every variant: each form abnormal, normal and not taken; addendum; consultant amendment. */
function variants(): {
  name: string;
  report: ReleasedReport;
  ctx: DocumentContext;
  key?: InstanceRef;
}[] {
  const out: { name: string; report: ReleasedReport; ctx: DocumentContext; key?: InstanceRef }[] =
    [];
  for (const form of REPORT_FORMS) {
    out.push({
      name: `${form.id} abnormal, findings with side, zones and note`,
      report: testReport({
        formId: form.id,
        content: { result: abnormal(form), findings: findingsFor(form, 'small') },
      }),
      ctx: CTX,
      key: KEY,
    });
    out.push({
      name: `${form.id} normal`,
      report: testReport({
        formId: form.id,
        content: {
          result: normal(form),
          findings: [],
          recommendations: [],
          impression: '',
          remarks: '',
        },
      }),
      ctx: CTX,
    });
    out.push({
      name: `${form.id} not taken`,
      report: testReport({
        formId: form.id,
        content: {
          result: undefined,
          notTaken: 'pregnant',
          findings: [],
          quality: undefined,
          comparison: undefined,
          recommendations: [],
          impression: '',
        },
      }),
      ctx: CTX,
    });
    out.push({
      name: `${form.id} non-ASCII names and text`,
      report: international(form),
      ctx: CTX,
      key: KEY,
    });
  }
  const predecessor = {
    seriesUid: '2.25.77',
    sopUid: '2.25.78',
    sopClassUid: '1.2.840.10008.5.1.4.1.1.88.11',
  };
  out.push({
    name: 'addendum',
    report: testReport({
      version: 2,
      kind: 'addendum',
      addendum: 'Sputum results — requested 至急.',
    }),
    ctx: { ...CTX, predecessorSr: predecessor },
    key: KEY,
  });
  out.push({
    name: 'flagged critical',
    report: testReport({
      critical: {
        category: 'active_tb_cavitation',
        label: 'Active TB with cavitation',
        note: null,
      },
    }),
    ctx: CTX,
    key: KEY,
  });
  out.push({
    name: 'flagged critical, another finding with a non-ASCII note',
    report: testReport({
      critical: {
        category: 'other',
        label: 'Other urgent finding: masse hilaire — 肺門部腫瘤',
        note: 'masse hilaire — 肺門部腫瘤',
      },
    }),
    ctx: CTX,
  });
  out.push({ name: 'pilot report', report: testReport({ pilot: true }), ctx: CTX, key: KEY });
  out.push({
    name: 'pilot report flagged critical',
    report: testReport({
      pilot: true,
      critical: { category: 'tension_pneumothorax', label: 'Tension pneumothorax', note: null },
    }),
    ctx: CTX,
  });
  const amended = testReport({ version: 2, kind: 'consultant_amend' });
  out.push({
    name: 'consultant amendment',
    report: {
      ...amended,
      signer: {
        name: 'Prof Chloé Dubois',
        credentials: 'FRCR',
        at: new Date('2026-03-05T08:00:00Z'),
      },
      originalSigner: amended.signer,
    },
    ctx: { ...CTX, predecessorSr: predecessor },
    key: KEY,
  });
  return out;
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-sr-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Fails on anything dsrdump reports as an error, and on any text that does not read back. */
async function expectValidSr(file: string, tree: ContentItem) {
  const dump = await run('dsrdump', ['+Pl', file]);
  const problems = dump.err.split('\n').filter((l) => /^[EF]:|invalid|error/i.test(l));
  expect(problems, dump.err).toEqual([]);
  expect(dump.code, dump.err).toBe(0);
  for (const t of textsOf(tree)) expect(dump.out, `"${t}" not read back`).toContain(t);
  const iod = await run('dciodvfy', [file]);
  const errors = `${iod.out}${iod.err}`.split('\n').filter((l) => l.startsWith('Error'));
  expect(errors, iod.err).toEqual([]);
}

describe('the report SR, read by DCMTK and dicom3tools', () => {
  for (const v of variants())
    it(`${v.name}: passes dsrdump and dciodvfy, its text intact`, async () => {
      const tree = srContentTree(v.report, v.key);
      const file = path.join(dir, `${v.name.replace(/\W+/g, '-')}.dcm`);
      fs.writeFileSync(file, toPart10(buildSrDataset(v.report, v.ctx, tree)));
      await expectValidSr(file, tree);
    });

  it('carries the critical flag as a coded item DCMTK reads back', async () => {
    const report = testReport({
      critical: { category: 'tension_pneumothorax', label: 'Tension pneumothorax', note: null },
    });
    const file = path.join(dir, 'critical-coded.dcm');
    fs.writeFileSync(file, toPart10(buildSrDataset(report, CTX, srContentTree(report, KEY))));
    const dump = await run('dsrdump', ['+Pl', file]);
    expect(dump.out).toContain(
      '<contains CODE:(,,"Critical result")=(tension_pneumothorax,99TELERAD,"Tension pneumothorax")>',
    );
    const plain = path.join(dir, 'not-critical.dcm');
    const unflagged = testReport();
    fs.writeFileSync(plain, toPart10(buildSrDataset(unflagged, CTX, srContentTree(unflagged))));
    expect((await run('dsrdump', ['+Pl', plain])).out).not.toContain('Critical result');
  });
});

describe('the pilot mark in the report SR', () => {
  it('is a coded item beside the critical flag, absent from a report out of pilot', async () => {
    const report = testReport({ pilot: true });
    const file = path.join(dir, 'pilot-coded.dcm');
    fs.writeFileSync(file, toPart10(buildSrDataset(report, CTX, srContentTree(report, KEY))));
    const dump = await run('dsrdump', ['+Pl', file]);
    expect(dump.out).toContain(
      '<contains CODE:(,,"Pilot report")=(second-read,99TELERAD,"Second read pending")>',
    );
    const plain = path.join(dir, 'not-pilot.dcm');
    const live = testReport();
    fs.writeFileSync(plain, toPart10(buildSrDataset(live, CTX, srContentTree(live))));
    expect((await run('dsrdump', ['+Pl', plain])).out).not.toContain('Pilot report');
  });
});

describe('the report SR as a PACS receives it', () => {
  let pacs: ChildProcess | undefined;
  afterAll(() => pacs?.kill());

  it('keeps the text of the content tree (UTF-8 once) through C-STORE', async () => {
    for (const form of REPORT_FORMS) {
      const r = international(form);
      const tree = srContentTree(r, KEY);
      const ds = buildSrDataset(r, CTX, tree);
      const file = path.join(dir, `sent-${form.id}.dcm`);
      fs.writeFileSync(file, toPart10(ds));
      const port = await freePort();
      const into = path.join(dir, `pacs-${form.id}`);
      pacs = await startStorescp('PACS', port, into);
      await cstore('TELERAD', { aeTitle: 'PACS', host: '127.0.0.1', port }, [
        { path: file, sopClassUid: String(ds.SOPClassUID), sopUid: String(ds.SOPInstanceUID) },
      ]);
      pacs.kill();
      const [received] = fs.readdirSync(into);
      expect(received).toBeDefined();
      const bytes = fs.readFileSync(path.join(into, received!));
      // "—" twice encoded is C3 A2 E2 82 AC E2 80 9D; once it is E2 80 94.
      expect(bytes.includes(Buffer.from('â€', 'utf8'))).toBe(false);
      await expectValidSr(path.join(into, received!), tree);
    }
  });
});

describe('a stored SR', () => {
  it('is sent and referenced as the SOP class it was written with', async () => {
    const storage = filesystemStorage(path.join(dir, 'store'));
    const r = testReport();
    const classes: string[] = [];
    for (const sopClass of ['1.2.840.10008.5.1.4.1.1.88.11', SOP.enhancedSr]) {
      const ds = { ...buildSrDataset(r, CTX, srContentTree(r)), SOPClassUID: sopClass };
      const key = await storage.commit(await storage.stage(Readable.from([toPart10(ds)]), 1 << 20));
      const doc = {
        kind: 'sr' as const,
        storageKey: key,
        sizeBytes: 0,
        sopInstanceUid: null,
        seriesInstanceUid: null,
      };
      classes.push(await srSopClass(storage, doc));
    }
    expect(classes).toEqual(['1.2.840.10008.5.1.4.1.1.88.11', SOP.enhancedSr]);
  });
});
