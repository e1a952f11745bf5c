/**
 * Building blocks for document bodies: every document (court report, referral
 * letter, assessment summary, statistics) is made of these, so they all look
 * alike and none breaks on bad input. Rules:
 * - an empty section, table or text prints an explicit "no records" line;
 * - a missing value prints "—";
 * - long text breaks across pages paragraph by paragraph and line by line;
 * - a table repeats its header row on every page and never splits a row;
 * - a heading never ends a page (headlineLevel, see pdfWorker.mjs);
 * - a signature block is never split across pages;
 * - nothing that could be taller than a page is ever made unbreakable (pdfmake
 *   would keep only its first page): a table or key/value list with a very long
 *   cell lets that table's rows break instead, and a chronology entry keeps its
 *   heading with its text only when the first paragraph is short.
 *
 *   const b = documentBlocks('tr');
 *   body.content = [...b.section('Kronoloji', [b.table({ columns, rows })]), b.signatures([...])];
 */
import type { Language } from '../../../shared/i18n/languages';
import { translator } from '../../../shared/i18n';
import { COLORS, contentWidth } from './frame';
import type { ColumnWidth, Content, TableNode } from './pdfTypes';

export type Value = string | number | null | undefined;

export interface TableColumn {
  header: string;
  width?: ColumnWidth;
  alignment?: 'left' | 'right' | 'center';
}

export interface Signer {
  /** What the person signs as: "Hazırlayan", "Onaylayan", "Teslim alan" … */
  role: string;
  name?: string | null;
  title?: string | null;
}

// Control characters (other than tab and newline) print as boxes or break text measuring.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Normalises user text for printing: line endings, control characters, tabs. */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL, '').replace(/\t/g, '    ');
}

const isBlank = (value: Value): boolean => value === null || value === undefined || String(value).trim() === '';

/** Characters of printed text in a value or a content node (an estimate of its height). */
function textSize(value: unknown): { chars: number; breaks: number } {
  if (value === null || value === undefined) return { chars: 0, breaks: 0 };
  if (typeof value === 'string' || typeof value === 'number') {
    const text = String(value);
    return { chars: text.length, breaks: (text.match(/\n/g) ?? []).length };
  }
  if (Array.isArray(value)) {
    return value.reduce<{ chars: number; breaks: number }>((sum, item) => {
      const size = textSize(item);
      return { chars: sum.chars + size.chars, breaks: sum.breaks + size.breaks + 1 };
    }, { chars: 0, breaks: 0 });
  }
  if (typeof value === 'object') {
    const node = value as { text?: unknown; stack?: unknown; columns?: unknown; ul?: unknown; ol?: unknown };
    return textSize(node.text ?? node.stack ?? node.columns ?? node.ul ?? node.ol ?? null);
  }
  return { chars: 0, breaks: 0 };
}

/**
 * Could this cell be taller than a page in a narrow column? (~12 characters a
 * line in a 60 pt column at 9 pt; a page holds ~60 lines.) Then its table must
 * let rows break: an unbreakable row taller than a page would lose its end.
 */
export const LONG_CELL_LINES = 40;
const mayOverflow = (value: unknown): boolean => {
  const { chars, breaks } = textSize(value);
  return chars / 12 + breaks > LONG_CELL_LINES;
};

/** A first paragraph this short (~8 lines) is kept on the page of its heading. */
const KEEP_WITH_HEADING_CHARS = 700;
const KEEP_WITH_HEADING_BREAKS = 8;

/**
 * `missing: 'notStated'` prints "Belirtilmemiş" / "Not stated" for a missing value instead of "—"
 * (documents read outside the office — the social inquiry report, official letters).
 */
export function documentBlocks(language: Language, options: { missing?: 'dash' | 'notStated' } = {}) {
  const t = translator(language);
  const dash = options.missing === 'notStated' ? t('documents.notStated') : '—';
  const show = (value: Value): string => (isBlank(value) ? dash : cleanText(String(value)));

  const noRecords = (text: string = t('documents.noRecords')): Content => ({ text, style: 'noRecords' });

  const heading = (text: string, level: 1 | 2 = 1): Content =>
    level === 1 ? { text: cleanText(text), style: 'h1', headlineLevel: 1 } : { text: cleanText(text), style: 'h2', headlineLevel: 1 };

  /**
   * A heading and the blocks under it. When the first block is kept together on
   * one page (a chronology entry), the heading joins it, so the two move together.
   */
  const headed = (head: Content, blocks: Content[]): Content[] => {
    const [first, ...rest] = blocks;
    if (first && typeof first === 'object' && !Array.isArray(first) && 'stack' in first && first.unbreakable) {
      const { headlineLevel: _dropped, ...plain } = head as { headlineLevel?: number };
      void _dropped;
      return [{ ...first, stack: [plain as Content, ...first.stack] }, ...rest];
    }
    return [head, ...blocks];
  };

  /** A heading and its blocks; no blocks (or only empty ones) → the "no records" line. */
  const section = (title: string, body: Content[] | null | undefined, options: { emptyText?: string; level?: 1 | 2 } = {}): Content[] => {
    const blocks = (body ?? []).filter((block) => !(Array.isArray(block) && block.length === 0));
    return headed(heading(title, options.level ?? 1), blocks.length > 0 ? blocks : [noRecords(options.emptyText)]);
  };

  /** Text typed by users (notes, opinions): paragraphs at blank lines, line breaks kept, any length. */
  const longText = (text: string | null | undefined, options: { emptyText?: string } = {}): Content[] => {
    const paragraphs = cleanText(text ?? '')
      .split(/\n[ \t]*\n+/)
      .map((p) => p.replace(/^\n+|\s+$/g, ''))
      .filter((p) => p.trim() !== '');
    if (paragraphs.length === 0) return [noRecords(options.emptyText)];
    return paragraphs.map((p) => ({ text: p, style: 'paragraph' }));
  };

  /** Label → value pairs in two columns. Missing values print "—"; no pairs → "no records". */
  const keyValue = (rows: Array<[string, Value | Content]>, options: { labelWidth?: number; emptyText?: string } = {}): Content => {
    if (rows.length === 0) return noRecords(options.emptyText);
    return {
      layout: 'kalkanKeyValue',
      margin: [0, 0, 0, 8],
      table: {
        widths: [options.labelWidth ?? 150, '*'],
        dontBreakRows: !rows.some(([, value]) => mayOverflow(value)),
        body: rows.map(([label, value]) => [
          { text: cleanText(label), style: 'label' },
          typeof value === 'object' && value !== null ? value : { text: show(value as Value) },
        ]),
      },
    };
  };

  /** A data table; the header row repeats on each page, rows never split; no rows → one "no records" row. */
  const table = (spec: { columns: TableColumn[]; rows: Array<Array<Value | Content>>; emptyText?: string }): TableNode => {
    const { columns } = spec;
    const headerRow: Content[] = columns.map((c) => ({ text: cleanText(c.header), style: 'tableHeader', alignment: c.alignment ?? 'left' }));
    const cell = (value: Value | Content, i: number): Content =>
      typeof value === 'object' && value !== null
        ? value
        : { text: show(value as Value), style: 'cell', alignment: columns[i]?.alignment ?? 'left' };
    const body: Content[][] =
      spec.rows.length > 0
        ? spec.rows.map((row) => columns.map((_, i) => cell(row[i], i)))
        : [[{ ...(noRecords(spec.emptyText) as object), style: ['cell', 'noRecords'], margin: [0, 0, 0, 0], colSpan: columns.length }, ...columns.slice(1).map(() => '')]];
    return {
      layout: 'kalkanData',
      margin: [0, 2, 0, 10],
      table: {
        widths: columns.map((c) => c.width ?? '*'),
        headerRows: 1,
        // Keeping the first row with the header makes it unbreakable too: not when it could outgrow a page.
        keepWithHeaderRows: spec.rows.length > 0 && spec.rows[0]!.some(mayOverflow) ? 0 : 1,
        dontBreakRows: !spec.rows.some((row) => row.some(mayOverflow)),
        body: [headerRow, ...body],
      },
    };
  };

  /** Bulleted list; empty → "no records". */
  const list = (items: Value[], options: { emptyText?: string } = {}): Content => {
    const shown = items.filter((item) => !isBlank(item)).map((item) => ({ text: show(item) }));
    return shown.length > 0 ? { ul: shown, margin: [0, 0, 0, 8] } : noRecords(options.emptyText);
  };

  /** Signature lines side by side (2–3 per row), kept together on one page. */
  const signatures = (signers: Signer[], options: { perRow?: number } = {}): Content => {
    const perRow = Math.max(1, Math.min(options.perRow ?? 2, 3));
    const lineWidth = perRow === 3 ? 140 : 200;
    const one = (s: Signer): Content => ({
      stack: [
        { text: cleanText(s.role), bold: true, fontSize: 9.5 },
        { text: '', margin: [0, 0, 0, 30] },
        { canvas: [{ type: 'line', x1: 0, y1: 0, x2: lineWidth, y2: 0, lineWidth: 0.6, lineColor: COLORS.text }] },
        { text: isBlank(s.name) ? t('documents.signature.nameTitle') : cleanText(String(s.name)), fontSize: 9.5, margin: [0, 3, 0, 0], color: isBlank(s.name) ? COLORS.muted : COLORS.text },
        ...(isBlank(s.title) ? [] : [{ text: cleanText(String(s.title)), fontSize: 8.5, color: COLORS.muted }]),
        { text: `${t('documents.signature.date')}: ..................`, fontSize: 8.5, color: COLORS.muted, margin: [0, 6, 0, 0] },
      ],
    });
    const rows: Content[] = [];
    for (let i = 0; i < signers.length; i += perRow) {
      const chunk = signers.slice(i, i + perRow).map(one);
      while (chunk.length < perRow) chunk.push({ text: '' });
      rows.push({ columns: chunk, columnGap: 24, margin: [0, i === 0 ? 0 : 14, 0, 0] });
    }
    return { stack: rows, margin: [0, 14, 0, 0], unbreakable: true };
  };

  /**
   * One dated entry of a chronology (a note, a report, a change): a heading line
   * ("25.11.2026 15:37  Ev ziyareti"), optional details in small print, then the
   * text, any length, breaking across pages paragraph by paragraph. The heading
   * never ends a page: it is kept with a short first paragraph, or else marked
   * as a heading (moved to the next page when it would be alone).
   */
  const entry = (spec: { when: string; title: string; details?: Array<string | null | undefined>; text?: string | null; emptyText?: string | null }): Content[] => {
    const details = (spec.details ?? []).filter((d): d is string => !isBlank(d)).map(cleanText);
    // One text node, so it can be marked as a heading as a whole.
    const head: Content = {
      text: [
        { text: cleanText(spec.when), bold: true },
        { text: '   ' },
        { text: cleanText(spec.title), bold: true, color: COLORS.accent },
        ...(details.length ? [{ text: `\n${details.join('  ·  ')}`, fontSize: 8.5, color: COLORS.muted, bold: false }] : []),
      ],
      fontSize: 10,
      margin: [0, 8, 0, 3],
    };
    const hasText = !isBlank(spec.text);
    const paragraphs: Content[] = hasText ? longText(spec.text) : spec.emptyText === null ? [] : [noRecords(spec.emptyText ?? t('documents.noText'))];
    const first = paragraphs[0];
    const size = first ? textSize(first) : { chars: 0, breaks: 0 };
    if (size.chars <= KEEP_WITH_HEADING_CHARS && size.breaks <= KEEP_WITH_HEADING_BREAKS) {
      return [{ stack: [head, ...(first ? [first] : [])], unbreakable: true }, ...paragraphs.slice(1)];
    }
    return [{ ...(head as object), headlineLevel: 1 } as Content, ...paragraphs];
  };

  /**
   * "Label ________": a line to fill in by hand (reply slips). `lines` > 1 adds
   * blank lines below; `tall` leaves room above the line (a signature, a stamp).
   */
  const fillIn = (rows: Array<{ label: string; lines?: number; tall?: boolean }>, options: { labelWidth?: number } = {}): Content => ({
    layout: 'kalkanFill',
    margin: [0, 0, 0, 4],
    table: {
      widths: [options.labelWidth ?? 150, '*'],
      dontBreakRows: true,
      body: rows.flatMap(({ label, lines, tall }) => {
        const count = Math.max(1, lines ?? 1);
        return Array.from({ length: count }, (_, i): Content[] => [
          { text: i === 0 ? cleanText(label) : '', fontSize: 9.5, border: [false, false, false, false] },
          { text: tall ? '\n\n\n' : ' ', border: [false, false, false, true] },
        ]);
      }),
    },
  });

  /**
   * A part to cut off and send back (a reply slip): a dashed cut line with a
   * note, then its content, all kept together on one page.
   */
  const detachable = (cutText: string, content: Content[]): Content => ({
    unbreakable: true,
    margin: [0, 18, 0, 0],
    stack: [
      { canvas: [{ type: 'line', x1: 0, y1: 0, x2: contentWidth(), y2: 0, lineWidth: 0.8, lineColor: COLORS.muted, dash: { length: 4, space: 3 } }] },
      { text: `✂  ${cleanText(cutText)}`, fontSize: 7.5, color: COLORS.muted, alignment: 'right', margin: [0, 2, 0, 8] },
      ...content,
    ],
  });

  return { heading, headed, section, longText, keyValue, table, list, signatures, noRecords, show, entry, fillIn, detachable, missing: dash };
}

export type DocumentBlocks = ReturnType<typeof documentBlocks>;
