/**
 * Building blocks for document bodies: every document (court report, referral
 * letter, assessment summary, statistics) is made of these, so they all look
 * alike and none breaks on bad input. Rules:
 * - an empty section, table or text prints an explicit "no records" line;
 * - a missing value prints "—";
 * - long text breaks across pages paragraph by paragraph and line by line;
 * - a table repeats its header row on every page and never splits a row;
 * - a heading never ends a page (headlineLevel, see pdfWorker.mjs);
 * - a signature block is never split across pages.
 *
 *   const b = documentBlocks('tr');
 *   body.content = [...b.section('Kronoloji', [b.table({ columns, rows })]), b.signatures([...])];
 */
import type { Language } from '../../../shared/i18n/languages';
import { translator } from '../../../shared/i18n';
import { COLORS } from './frame';
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

export function documentBlocks(language: Language) {
  const t = translator(language);
  const dash = '—';
  const show = (value: Value): string => (isBlank(value) ? dash : cleanText(String(value)));

  const noRecords = (text: string = t('documents.noRecords')): Content => ({ text, style: 'noRecords' });

  const heading = (text: string, level: 1 | 2 = 1): Content =>
    level === 1 ? { text: cleanText(text), style: 'h1', headlineLevel: 1 } : { text: cleanText(text), style: 'h2', headlineLevel: 1 };

  /** A heading and its blocks; no blocks (or only empty ones) → the "no records" line. */
  const section = (title: string, body: Content[] | null | undefined, options: { emptyText?: string; level?: 1 | 2 } = {}): Content[] => {
    const blocks = (body ?? []).filter((block) => !(Array.isArray(block) && block.length === 0));
    return [heading(title, options.level ?? 1), ...(blocks.length > 0 ? blocks : [noRecords(options.emptyText)])];
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
        dontBreakRows: true,
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
        keepWithHeaderRows: 1,
        dontBreakRows: true,
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

  return { heading, section, longText, keyValue, table, list, signatures, noRecords, show };
}

export type DocumentBlocks = ReturnType<typeof documentBlocks>;
