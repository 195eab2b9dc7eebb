import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Clinic pages speak the clinic's language: no imaging-standard vocabulary in what a `clinic`
 * user reads. The check reads the text of the clinic-facing components (JSX text and string
 * literals, not identifiers, imports, object keys or comments), so naming a variable `modality`
 * is fine but showing the word is not.
 */
const SRC = path.resolve(import.meta.dirname, '../..');

/**
 * The clinic-facing files: the portal, the clinic's home, a study's header, sending images, the
 * profile's two-factor set-up and API tokens, and the English catalogues of the clinic's pages
 * (where their sentences live).
 */
const CLINIC_FILES = [
  ...fs
    .readdirSync(path.join(SRC, 'features/portal'))
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts') && f !== 'ClinicRequestLine.tsx')
    .map((f) => `features/portal/${f}`),
  'app/ClinicHome.tsx',
  'features/archive/StudyHeader.tsx',
  'features/auth/MfaEnrollment.tsx',
  'features/auth/RecoveryCodes.tsx',
  'features/profile/MfaCard.tsx',
  'features/profile/ApiTokensCard.tsx',
  'features/upload/SendImagesPage.tsx',
  'features/upload/clinicChoice.tsx',
  'features/upload/resultWords.ts',
  'features/upload/fileChecks.ts',
  'i18n/locales/en/portal.ts',
  'i18n/locales/en/clinic.ts',
  'i18n/locales/en/upload.ts',
  'i18n/locales/en/register.ts',
  'i18n/locales/en/profile.ts',
];

/**
 * The words a clinic should never have to read. "DICOM" alone is refused; the DICOMDIR of a CD
 * (the file a clinic sees on its disc, named on the upload page) is one word and passes.
 */
const DENIED: RegExp[] = [
  /\bDICOM\b/i,
  /\bmodalit(y|ies)\b/i,
  /\bseries\b/i,
  /\bSOP\b/,
  /\binstance UID\b/i,
  /\baccession\b/i,
  /\bAE title\b/i,
];

/** Attributes whose value never reaches the reader's eyes. */
const INVISIBLE_ATTRIBUTES = new Set(['to', 'href', 'data-testid', 'key', 'type', 'id', 'name']);

/** The texts of `source` a user may read: JSX text, string and template literal parts. */
function visibleTexts(source: string, fileName = 'x.tsx'): string[] {
  const file = ts.createSourceFile(
    fileName,
    source,
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TSX,
  );
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if (ts.isJsxAttribute(node) && INVISIBLE_ATTRIBUTES.has(node.name.getText(file))) return;
    // A catalogue's `staff` block holds words only centre staff read (the DICOM view of a
    // study on a page both share); the page shows them behind `archive:technical`.
    if (ts.isPropertyAssignment(node) && node.name.getText(file) === 'staff') return;
    // A property name (`{ modality: … }`) or an indexed key is code, not text.
    if (ts.isPropertyAssignment(node)) return visit(node.initializer);
    if (ts.isElementAccessExpression(node)) return visit(node.expression);
    if (ts.isJsxText(node)) out.push(node.getText(file));
    else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
      out.push(node.text);
    else if (ts.isTemplateExpression(node)) {
      out.push(node.head.text, ...node.templateSpans.map((s) => s.literal.text));
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  // A catalogue's placeholders ({{modality}}) are names in code; what fills them is checked
  // where it is written.
  return out.map((t) => t.replace(/\{\{[^}]*\}\}/g, '').trim()).filter(Boolean);
}

/** What in `source` a clinic should not read. */
function deniedWords(source: string): string[] {
  return visibleTexts(source).flatMap((text) =>
    DENIED.filter((re) => re.test(text)).map((re) => `${re.source} in "${text}"`),
  );
}

describe('words a clinic uses', () => {
  it.each(CLINIC_FILES)('%s shows no imaging-standard vocabulary', (file) => {
    expect(deniedWords(fs.readFileSync(path.join(SRC, file), 'utf8'))).toEqual([]);
  });

  it('notices such a word in text, and not in code', () => {
    expect(deniedWords(`const t = <Text>Choose the modality</Text>;`)).toHaveLength(1);
    expect(deniedWords(`const w = { title: 'Series of the study' };`)).toHaveLength(1);
    expect(deniedWords('const w = `${n} DICOM files`;')).toHaveLength(1);
    expect(deniedWords(`<TextInput label="Accession number" />`)).toHaveLength(1);
    expect(deniedWords(`const ok = facts.modality === 'CR'; const w = { modality: 1 };`)).toEqual(
      [],
    );
    expect(deniedWords(`<Text>a CD folder with DICOMDIR works too</Text>`)).toEqual([]);
    expect(deniedWords(`const m = { hint: 'It says "{{modality}}"' };`)).toEqual([]);
    expect(deniedWords(`import dicomParser from 'dicom-parser';`)).toEqual([]);
    expect(deniedWords(`const c = { table: { staff: { modality: 'Modality' } } };`)).toEqual([]);
  });
});
