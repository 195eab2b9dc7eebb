import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REPORT_SOP_CLASSES } from './modules/delivery';
import { QUERY_KEYS } from './modules/archive';
import { FRAME_TYPES } from './modules/dicomweb';
import {
  NAMED_STORAGE_SOP_CLASSES,
  QUERY_TRANSFER_SYNTAXES,
  SCP_SOP_CLASSES,
  STORAGE_SOP_CLASS_ROOT,
  STORAGE_TRANSFER_SYNTAXES,
} from './modules/dimse';

/**
 * The DICOM Conformance Statement (docs/conformance/DICOM.md) cannot drift from the server: each
 * of its tables of SOP classes, transfer syntaxes and query keys must list exactly what the
 * server's own tables hold, which are the ones association negotiation, C-FIND, QIDO-RS and
 * WADO-RS read. Adding a SOP class, a transfer syntax or a matching key to the server without
 * the statement fails here.
 */

const STATEMENT = new URL('../../../docs/conformance/DICOM.md', import.meta.url);
const md = fs.readFileSync(STATEMENT, 'utf8').split('\n');

/** The rows of the first table after the heading `title`, as objects keyed by column name. */
function tableAfter(title: string): Record<string, string>[] {
  const at = md.findIndex((l) => /^#+ /.test(l) && l.replace(/^#+\s*/, '').trim() === title);
  if (at < 0) throw new Error(`the statement has no heading "${title}"`);
  const start = md.findIndex((l, i) => i > at && l.startsWith('|'));
  const next = md.findIndex((l, i) => i > at && /^#+ /.test(l));
  if (start < 0 || (next >= 0 && next < start))
    throw new Error(`no table under the heading "${title}"`);
  const lines: string[] = [];
  for (let i = start; i < md.length && md[i]!.startsWith('|'); i++) lines.push(md[i]!);
  const cells = (l: string) =>
    l
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((c) => c.trim());
  const [head, , ...rows] = lines.map(cells);
  return rows.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i] ?? ''])));
}

const code = (cell: string | undefined) => (cell ?? '').replace(/`/g, '').trim();
/** `(0010,0020)` or `00100020` as the server's 8-hex-digit tag. */
const tag = (cell: string | undefined) => code(cell).replace(/[(),]/g, '').toUpperCase();
const sorted = (xs: Iterable<string>) => [...xs].sort();

describe('the DICOM Conformance Statement lists exactly what the server does', () => {
  it('the Verification and Query/Retrieve SOP classes the SCP accepts', () => {
    const rows = tableAfter('Verification and Query/Retrieve SOP classes (SCP)');
    expect(sorted(rows.map((r) => code(r.UID)))).toEqual(sorted(Object.values(SCP_SOP_CLASSES)));
    for (const r of rows) expect(r.SCP, r.UID).toBe('Yes');
  });

  it('the storage SOP classes it names, and the storage root it accepts beyond them', () => {
    const rows = tableAfter('Storage SOP classes (SCP)');
    expect(sorted(rows.map((r) => code(r.UID)))).toEqual(sorted(NAMED_STORAGE_SOP_CLASSES));
    expect(md.join('\n')).toContain(`\`${STORAGE_SOP_CLASS_ROOT}\``);
  });

  it('the SOP classes of the report objects it sends to the clinic PACS', () => {
    const rows = tableAfter('SOP classes Telerad sends (SCU)');
    expect(sorted(rows.map((r) => code(r.UID)))).toEqual(sorted(Object.values(REPORT_SOP_CLASSES)));
  });

  it('the transfer syntaxes a C-STORE is accepted in, retired ones marked', () => {
    const rows = tableAfter('Storage transfer syntaxes (SCP)');
    expect(sorted(rows.map((r) => code(r.UID)))).toEqual(
      sorted(STORAGE_TRANSFER_SYNTAXES.map((t) => t.uid)),
    );
    const retired = STORAGE_TRANSFER_SYNTAXES.filter((t) => t.retired).map((t) => t.uid);
    expect(
      sorted(rows.filter((r) => /retired/i.test(r.Notes ?? '')).map((r) => code(r.UID))),
    ).toEqual(sorted(retired));
  });

  it('the transfer syntaxes of Verification and Query/Retrieve contexts', () => {
    const rows = tableAfter('Query transfer syntaxes (SCP)');
    expect(sorted(rows.map((r) => code(r.UID)))).toEqual(
      sorted(QUERY_TRANSFER_SYNTAXES.map((t) => t.uid)),
    );
  });

  it('the matching keys of C-FIND and QIDO-RS, by level', () => {
    const rows = tableAfter('Activity: answer queries (C-FIND SCP)');
    expect(sorted(rows.map((r) => `${r.Level} ${tag(r.Tag)} ${code(r.Keyword)}`))).toEqual(
      sorted(QUERY_KEYS.map((k) => `${k.level} ${k.tag} ${k.keyword}`)),
    );
  });

  it('the media types of compressed frames per stored transfer syntax', () => {
    const rows = tableAfter('8.3 Frames');
    expect(
      Object.fromEntries(rows.map((r) => [code(r.UID), code(r['Frame media type as stored'])])),
    ).toEqual(FRAME_TYPES);
    expect(rows).toHaveLength(Object.keys(FRAME_TYPES).length);
  });
});
