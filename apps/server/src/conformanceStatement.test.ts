import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { QUERY_KEYS } from './modules/archive';
import {
  LOCAL_SCHEME,
  REPORT_SOP_CLASSES,
  SIDE_CODES,
  SR_CONCEPTS,
  ZONE_CODES,
  codeOf,
} from './modules/delivery';
import { FRAME_TYPES } from './modules/dicomweb';
import { TRANSFER_SYNTAXES } from './modules/transcode';
import {
  IMPLEMENTATION_CLASS_UID,
  IMPLEMENTATION_VERSION,
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

  it('the transfer syntaxes transcoding reads and produces without loss', () => {
    const rows = tableAfter('Transcoding: transfer syntaxes read and produced');
    const yes = (cell: string | undefined) => cell === 'Yes';
    expect(
      sorted(rows.map((r) => `${code(r.UID)} read=${yes(r.Read)} produced=${yes(r.Produced)}`)),
    ).toEqual(
      sorted(TRANSFER_SYNTAXES.map((t) => `${t.uid} read=${t.read} produced=${t.produce}`)),
    );
    const lossy = TRANSFER_SYNTAXES.filter((t) => t.lossy).map((t) => t.uid);
    expect(sorted(rows.filter((r) => /lossy/.test(r.Notes ?? '')).map((r) => code(r.UID)))).toEqual(
      sorted(lossy),
    );
  });

  it('the media types of compressed frames per stored transfer syntax', () => {
    const rows = tableAfter('8.3 Frames');
    expect(
      Object.fromEntries(rows.map((r) => [code(r.UID), code(r['Frame media type as stored'])])),
    ).toEqual(FRAME_TYPES);
    expect(rows).toHaveLength(Object.keys(FRAME_TYPES).length);
  });

  it('the implementation identifying information', () => {
    const rows = tableAfter('Implementation identifying information');
    expect(rows.map((r) => code(r.Value))).toEqual([
      IMPLEMENTATION_CLASS_UID,
      IMPLEMENTATION_VERSION,
    ]);
  });

  it('the standard codes of the SR content tree, and its local coding scheme', () => {
    const rows = tableAfter('7.1 Enhanced SR: the report');
    // A cell may hold several codes: "24028007 / 7771000 / 51440002", "121070–121075".
    const listed = new Set<string>();
    for (const r of rows)
      for (const piece of (r.Code ?? '').split(/[/,]/).map((x) => x.trim())) {
        const [from, to = from] = piece.split('–');
        if (/^\d+$/.test(from!) && /^\d+$/.test(to!))
          for (let n = Number(from); n <= Number(to); n++) listed.add(`${r.Scheme}:${n}`);
        else listed.add(`${r.Scheme}:${piece}`);
      }
    const standard = [
      ...Object.values(SR_CONCEPTS),
      ...Object.values(SIDE_CODES),
      ...Object.values(ZONE_CODES),
    ].filter((c) => c.CodingSchemeDesignator !== LOCAL_SCHEME);
    for (const c of standard)
      expect(listed, `${c.CodingSchemeDesignator} ${codeOf(c)} ${c.CodeMeaning}`).toContain(
        `${c.CodingSchemeDesignator}:${codeOf(c)}`,
      );
    expect(rows.map((r) => r.Scheme)).toContain(LOCAL_SCHEME);
  });
});
