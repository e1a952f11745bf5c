/**
 * Ekler (issue 17): the case's attachments a document lists under "Ekler" and,
 * when asked, appends to the printed file.
 *
 * Page numbering (our choice): the document's own pages keep "Sayfa x / y"
 * (y = the document's own pages, as rendered); each appended PDF follows with
 * its pages unchanged, every one stamped on its top edge with
 * "Ek-n: <file name> · <document number> · Sayfa i / k" (k = that annex's
 * pages), so a loose page is traced back to its letter. No cover pages: the
 * file has exactly the document's pages plus the annexes' pages. The stamp is
 * set in DejaVu Sans (every Turkish letter), embedded as a subset.
 *
 * Only PDFs are appended; other attachments (images, office files) are listed
 * only. An encrypted or unreadable PDF is refused ('documents.annexUnreadable'
 * { attachmentId }); appending and a PDF password together are refused
 * ('documents.annexWithPassword'): the appended file could not be encrypted
 * again here. The register's SHA-256 and page count are those of the final file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFPage } from 'pdf-lib';
import { CodedError } from '../../../shared/api/envelope';
import { translator } from '../../../shared/i18n';
import type { Language } from '../../../shared/i18n/languages';
import { getAttachment, readBytes } from '../attachments/attachmentsRepo';
import type { Db } from '../db/open';
import { resourcesDir } from './renderPdf';

/** One attachment listed under Ekler; `pdf` holds the bytes when it is to be appended. */
export interface Annex {
  id: number;
  fileName: string;
  kind: string;
  pdf: Buffer | null;
}

/**
 * The chosen attachments of the case, in the order given (duplicates dropped).
 * An id that is not a live attachment of this case answers 'api.notFound'
 * ({ field }), like any id out of sight. With `append`, PDF attachments carry their bytes.
 */
export function loadAnnexes(db: Db, caseId: number, ids: readonly number[], append: boolean, options: { field?: string; skipGone?: boolean } = {}): Annex[] {
  const field = options.field ?? 'attachmentIds';
  return [...new Set(ids)].flatMap((id, i) => {
    let meta;
    try {
      meta = getAttachment(db, id);
    } catch {
      meta = null;
    }
    if (!meta || meta.caseId !== caseId || meta.deleted) {
      // A stored draft may name an attachment deleted since: it is no longer listed.
      if (options.skipGone) return [];
      throw new CodedError('api.notFound', { field: `${field}.${i}` });
    }
    const isPdf = meta.kind === 'pdf';
    return [{ id, fileName: meta.fileName, kind: meta.kind, pdf: append && isPdf ? readBytes(db, id) : null }];
  });
}

/** "Ek-n: name" lines for the Ekler list; `first` is n of the first one (a letter's reply slip is Ek-1). */
export function annexLines(annexes: readonly Annex[], language: Language, first = 1): string[] {
  const t = translator(language);
  return annexes.map((a, i) => {
    const label = t('documents.annex.label', { n: first + i, name: a.fileName });
    return a.pdf ? `${label} ${t('documents.annex.appended')}` : label;
  });
}

/**
 * Appends the annexes' PDFs to the rendered document and stamps their pages;
 * returns the final bytes and page count. Without a PDF to append, the bytes are returned as they are.
 */
export async function appendAnnexes(
  document: Buffer,
  annexes: readonly Annex[],
  context: { documentNumber: string; language: Language; first?: number },
): Promise<{ bytes: Buffer; pages: number } | null> {
  const toAppend = annexes.map((a, i) => ({ a, n: (context.first ?? 1) + i })).filter((x) => x.a.pdf !== null);
  if (!toAppend.length) return null;
  const t = translator(context.language);
  const out = await PDFDocument.load(document);
  out.registerFontkit(fontkit);
  const font = await out.embedFont(readFileSync(join(resourcesDir(), 'fonts', 'DejaVuSans.ttf')), { subset: true });
  for (const { a, n } of toAppend) {
    let pages: PDFPage[];
    try {
      const source = await PDFDocument.load(a.pdf!, { updateMetadata: false });
      pages = await out.copyPages(source, source.getPageIndices());
      if (!pages.length) throw new Error('no pages');
    } catch {
      // Encrypted (pdf-lib refuses those), without pages, or not a PDF it can read.
      throw new CodedError('documents.annexUnreadable', { attachmentId: a.id });
    }
    pages.forEach((page, i) => {
      out.addPage(page);
      const stamp = t('documents.annex.stamp', { n, name: a.fileName, number: context.documentNumber, page: i + 1, pages: pages.length });
      // On the top edge, on a white band so it reads over the annex's own content; cut with … on a narrow page.
      const size = 8;
      const { width, height } = page.getSize();
      const room = width - 48;
      const full = font.widthOfTextAtSize(stamp, size);
      const text = full > room ? `${stamp.slice(0, Math.max(10, Math.floor((room / full) * stamp.length) - 1))}…` : stamp;
      page.drawRectangle({ x: 18, y: height - 22, width: Math.min(width - 36, font.widthOfTextAtSize(text, size) + 12), height: 14, color: rgb(1, 1, 1), opacity: 0.85 });
      page.drawText(text, { x: 24, y: height - 18, size, font, color: rgb(0.08, 0.21, 0.36) });
    });
  }
  const bytes = Buffer.from(await out.save());
  return { bytes, pages: out.getPageCount() };
}
