import { extractText, getDocumentProxy } from 'unpdf';

/** What a reader of a PDF sees: its text in reading order and how many pages it has. */
export interface PdfText {
  /** Every page's text, joined, with runs of whitespace collapsed to one space. */
  text: string;
  pages: number;
  /** The document's Title (its info dictionary), what a viewer shows in its title bar. */
  title: string | undefined;
}

/**
 * A PDF's text as PDF.js extracts it (unpdf). Tests assert on this rather than on the `%PDF-`
 * header so a document that opens but says the wrong thing (a missing name, a wrong figure)
 * fails; whitespace is collapsed because pdfkit's line breaks depend on the page width.
 */
export async function pdfText(bytes: Uint8Array): Promise<PdfText> {
  const doc = await getDocumentProxy(new Uint8Array(bytes));
  const { totalPages, text } = await extractText(doc, { mergePages: true });
  const { info } = (await doc.getMetadata()) as { info: { Title?: string } };
  return { text: text.replace(/\s+/g, ' '), pages: totalPages, title: info.Title };
}
