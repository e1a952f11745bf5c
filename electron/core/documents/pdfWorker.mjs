/**
 * The PDF worker thread: renders pdfmake document definitions, one at a time.
 * It loads pdfmake as soon as it starts, then waits for its first job, so core
 * can start a worker ahead of time; a worker that finished a document cleanly
 * is kept for the next one (renderPdf.ts), with its compiled code warm.
 *
 * Plain JavaScript on purpose: the same file runs untranspiled under tsx and
 * vitest (next to the TypeScript sources) and in the Electron build (copied
 * verbatim beside out/main/index.js by electron.vite.config.ts), so nothing
 * has to compile it at run time. Everything that decides WHAT is printed is
 * built in TypeScript on the calling side (frame.ts, blocks.ts); this file only
 * knows HOW to print: fonts, resource policies, named table layouts, and the
 * page-numbered header/footer templates.
 *
 * Protocol (types in workerProtocol.ts):
 *   ← parent    { doc, fonts, allowedRoot }   one message per document; JSON only, no functions
 *   → parent    { type: 'progress', done, total, step }
 *               { type: 'done', bytes: ArrayBuffer (transferred), pages }
 *               { type: 'error', code }      a stable code, never the message
 * Cancel = the parent terminates the thread.
 */
import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, relative, resolve } from 'node:path';
import { parentPort } from 'node:worker_threads';
import pdfmake from 'pdfmake';

/** Words laid out per font file before its shared layout cache starts afresh (a bound on a long-lived worker's memory). */
const MAX_SHARED_RUNS = 200_000;

/**
 * One parsed font per font file for all the documents this worker renders.
 * pdfkit parses a font file anew for every document and shapes every word
 * anew with it (fontkit: glyph tables, GSUB/GPOS lookups), which was a good
 * part of each document's cost. The first document opens the font as usual;
 * the next ones get an EmbeddedFont of their own (their own subset, widths and
 * ToUnicode map, the same font id pdfkit would give) on the same parsed
 * fontkit font, and share its cache of laid-out words (pdfkit never changes a
 * laid-out run: it copies what it adjusts). pdfmake asks for fonts through
 * PDFDocument.provideFont, so that is the one place this hooks into: the
 * access policy still checks the font file on every call.
 */
function shareParsedFonts() {
  const require = createRequire(import.meta.url);
  const PdfmakeDocument = createRequire(require.resolve('pdfmake'))('./PDFDocument.js').default;
  const provide = PdfmakeDocument.prototype.provideFont;
  if (typeof provide !== 'function') return; // another pdfmake: fonts are parsed per document, as before
  /** @type {Map<string, { EmbeddedFont: Function, font: object, runs: object }>} */
  const parsed = new Map();
  PdfmakeDocument.prototype.provideFont = function provideFont(familyName, bold, italics) {
    const ready = this.fontCache[familyName]?.[this.getFontType(bold, italics)];
    if (ready) return ready;
    const file = this.getFontFile(familyName, bold, italics);
    const known = typeof file === 'string' ? parsed.get(file) : undefined;
    if (known && !this._fontFamilies[file]) {
      // What pdfkit's font(file) does for a new file, minus reading and parsing it.
      const font = new known.EmbeddedFont(this, known.font, `F${++this._fontCount}`);
      if (font.layoutCache) {
        if (Object.keys(known.runs).length > MAX_SHARED_RUNS) known.runs = Object.create(null);
        font.layoutCache = known.runs;
      }
      this._fontFamilies[file] = font;
    }
    const font = provide.call(this, familyName, bold, italics);
    if (!known && typeof file === 'string' && font && font.font && font.layoutCache) {
      keepCodePoints(font.font);
      parsed.set(file, { EmbeddedFont: font.constructor, font: font.font, runs: font.layoutCache });
    }
    return font;
  };
}

/**
 * fontkit keeps one glyph object per glyph id, with the characters it was
 * first asked for. Subsetting a document asks for the components of composed
 * glyphs (the o of ö, the s of ş) without characters; on a shared font the
 * next document would then print an o with no text behind it (the ToUnicode
 * map, what copying and pdftotext read). So a glyph asked for with characters
 * gets them when it has none yet, as it would on a font of its own.
 */
function keepCodePoints(font) {
  const getGlyph = font.getGlyph;
  font.getGlyph = function keptGetGlyph(id, characters) {
    const glyph = getGlyph.call(this, id, characters);
    if (glyph && characters && characters.length > 0 && (!glyph.codePoints || glyph.codePoints.length === 0)) glyph.codePoints = characters;
    return glyph;
  };
}
shareParsedFonts();

const PAGE = /%PAGE%/g;
const PAGES = /%PAGES%/g;

/** @param {string} root @returns {(path: string) => boolean} */
function insideRoot(root) {
  const realRoot = realpathSync(root);
  return (path) => {
    try {
      const rel = relative(realRoot, realpathSync(resolve(path)));
      return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
    } catch {
      return false; // missing files are refused too
    }
  };
}

/** A JSON header/footer template → pdfmake's per-page function; "%PAGE% / %PAGES%" become numbers. */
function paged(template, onPage, allowed) {
  const json = template === undefined || template === null ? null : JSON.stringify(template);
  return (currentPage, pageCount) => {
    onPage(pageCount);
    if (json === null) return null;
    // headlineLevel 3 marks page furniture for keepHeadingsWithText: pdfmake lists it after the page's content.
    return { stack: [guardSvg(JSON.parse(json.replace(PAGE, String(currentPage)).replace(PAGES, String(pageCount))), allowed)], headlineLevel: 3 };
  };
}

const GREY_LINE = '#9aa3ad';
const LIGHT_LINE = '#d5dae0';
const HEADER_FILL = '#eef1f4';

/** Table layouts by name (layouts are functions, so they live here, not in the JSON). */
const TABLE_LAYOUTS = {
  /** Data tables: shaded header row, light rules between rows, outer frame. */
  kalkanData: {
    hLineWidth: (i, node) => (i === 0 || i === node.table.body.length || i === node.table.headerRows ? 0.8 : 0.4),
    vLineWidth: (i, node) => (i === 0 || i === node.table.widths.length ? 0.8 : 0),
    hLineColor: (i, node) => (i === 0 || i === node.table.body.length || i === node.table.headerRows ? GREY_LINE : LIGHT_LINE),
    vLineColor: () => GREY_LINE,
    fillColor: (row, node) => (row < (node.table.headerRows ?? 0) ? HEADER_FILL : null),
    paddingLeft: () => 5,
    paddingRight: () => 5,
    paddingTop: () => 3,
    paddingBottom: () => 3,
  },
  /** Label → value pairs: no vertical lines, a light rule under each pair. */
  kalkanKeyValue: {
    hLineWidth: (i) => (i === 0 ? 0 : 0.4),
    vLineWidth: () => 0,
    hLineColor: () => LIGHT_LINE,
    paddingLeft: (i) => (i === 0 ? 0 : 8),
    paddingRight: () => 4,
    paddingTop: () => 3,
    paddingBottom: () => 3,
  },
  /** Boxed cells (the recovery key's groups). */
  kalkanBoxes: {
    hLineWidth: () => 1,
    vLineWidth: () => 1,
    hLineColor: () => GREY_LINE,
    vLineColor: () => GREY_LINE,
    paddingLeft: () => 6,
    paddingRight: () => 6,
    paddingTop: () => 4,
    paddingBottom: () => 5,
  },
  /** Lines to fill in by hand (reply slips): only the cells with a bottom border draw one. */
  kalkanFill: {
    hLineWidth: () => 0.6,
    vLineWidth: () => 0,
    hLineColor: () => '#1f2328',
    paddingLeft: (i) => (i === 0 ? 0 : 4),
    paddingRight: () => 0,
    paddingTop: () => 9,
    paddingBottom: () => 1,
  },
  /** Layout only (signature columns, title block): no lines, no padding. */
  kalkanPlain: {
    hLineWidth: () => 0,
    vLineWidth: () => 0,
    paddingLeft: () => 0,
    paddingRight: () => 0,
    paddingTop: () => 0,
    paddingBottom: () => 0,
  },
};

const DENIED = 'Access to file denied by resource access policy';

/**
 * pdfmake checks its own image and file reads against the policies, but an SVG's
 * <image href> goes straight to pdfkit: give every SVG node an image callback that
 * applies the same rule (data: URLs or files under the allowed root), else refuse.
 */
function guardSvg(node, allowed) {
  if (Array.isArray(node)) {
    for (const child of node) guardSvg(child, allowed);
  } else if (node && typeof node === 'object') {
    for (const key in node) {
      const value = node[key];
      if (value && typeof value === 'object') guardSvg(value, allowed);
    }
    if ('svg' in node) guardSvgNode(node, allowed);
  }
  return node;
}

function guardSvgNode(node, allowed) {
  node.options = {
    ...node.options,
    imageCallback: (link) => {
      const href = String(link).trim();
      if (href.startsWith('data:') || allowed(href)) return href;
      throw new Error(DENIED);
    },
  };
}

/** Room a heading needs below its top: itself and about four lines of what follows (pt). */
const MIN_BELOW_HEADING = 72;

const isHeadline = (node) => Boolean(node) && typeof node === 'object' && !Array.isArray(node) && node.headlineLevel === 1 && node.unbreakable !== true;

/** Average advance of a DejaVu Sans character in em (a little above the real mean: estimates err on the tall side). */
const CHAR_EM = 0.6;

/**
 * A generous estimate (pt) of the part of a block pdfmake keeps together at its
 * start: all of an unbreakable block, a table's header row with the rows kept
 * with it (or its first row when rows never break); 0 when its first line may
 * start under a heading by itself. Text is counted in lines of CHAR_EM
 * characters; it only has to be near: a block taller than the reservation
 * still moves its heading through keepHeadingsWithText (one more layout).
 */
function keptStart(node, width, look) {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return 0;
  if (node.unbreakable === true) return estimateHeight(node, width, look);
  if (node.table && Array.isArray(node.table.body)) {
    const kept = (node.table.headerRows ?? 0) + (node.table.keepWithHeaderRows ?? 0) || (node.table.dontBreakRows ? 1 : 0);
    if (kept === 0) return 0;
    const widths = columnWidths(node.table.widths, node.table.body[0]?.length ?? 1, width);
    const margin = marginOf(node, look);
    let height = margin[1];
    for (const row of node.table.body.slice(0, kept)) {
      height += 8 + Math.max(0, ...row.map((cell, i) => estimateHeight(cell, (widths[i] ?? width) - 10, look)));
    }
    return height;
  }
  return 0;
}

function columnWidths(widths, count, width) {
  const list = Array.isArray(widths) ? widths : Array.from({ length: count }, () => '*');
  const fixed = list.reduce((sum, w) => sum + (typeof w === 'number' ? w : 0), 0);
  const flexible = list.filter((w) => typeof w !== 'number').length;
  return list.map((w) => (typeof w === 'number' ? w : Math.max(20, (width - fixed) / Math.max(1, flexible))));
}

function marginOf(node, look) {
  const styles = Array.isArray(node.style) ? node.style : node.style ? [node.style] : [];
  let margin = node.margin;
  for (const name of styles) margin = look.styles[name]?.margin ?? margin;
  if (node.margin !== undefined) margin = node.margin;
  if (typeof margin === 'number') return [margin, margin, margin, margin];
  if (Array.isArray(margin) && margin.length === 2) return [margin[0], margin[1], margin[0], margin[1]];
  return Array.isArray(margin) && margin.length === 4 ? margin : [0, 0, 0, 0];
}

function fontSizeOf(node, look, inherited) {
  const styles = Array.isArray(node.style) ? node.style : node.style ? [node.style] : [];
  let size = inherited;
  for (const name of styles) size = look.styles[name]?.fontSize ?? size;
  return node.fontSize ?? size;
}

const plainText = (value) => (typeof value === 'string' || typeof value === 'number' ? String(value) : Array.isArray(value) ? value.map(plainText).join('') : value && typeof value === 'object' ? plainText(value.text) : '');

function estimateHeight(node, width, look, size = look.fontSize) {
  if (node === null || node === undefined) return 0;
  if (typeof node === 'string' || typeof node === 'number') return estimateHeight({ text: String(node) }, width, look, size);
  if (Array.isArray(node)) return node.reduce((sum, child) => sum + estimateHeight(child, width, look, size), 0);
  const margin = marginOf(node, look);
  const inner = Math.max(20, width - margin[0] - margin[2]);
  const fontSize = fontSizeOf(node, look, size);
  let height = 0;
  if (node.stack) height = estimateHeight(node.stack, inner, look, fontSize);
  else if (node.columns) height = Math.max(0, ...node.columns.map((c) => estimateHeight(c, inner / Math.max(1, node.columns.length), look, fontSize)));
  else if (node.ul || node.ol) height = estimateHeight(node.ul ?? node.ol, inner - 12, look, fontSize);
  else if (node.table) height = keptStart({ table: { ...node.table, headerRows: node.table.body.length, keepWithHeaderRows: 0 } }, inner, look);
  else if (node.canvas) height = Math.max(0, ...node.canvas.map((c) => Math.max(c.y1 ?? 0, c.y2 ?? 0, (c.y ?? 0) + (c.h ?? 0))));
  else if (node.text !== undefined) {
    const perLine = Math.max(1, Math.floor(inner / (fontSize * CHAR_EM)));
    const lines = plainText(node.text)
      .split('\n')
      .reduce((sum, piece) => sum + Math.max(1, Math.ceil(piece.length / perLine)), 0);
    height = lines * fontSize * (node.lineHeight ?? look.lineHeight) * 1.17;
  } else if (node.image || node.svg) height = node.height ?? node.fit?.[1] ?? 60;
  return height + margin[1] + margin[3];
}

/**
 * Keep-with-next in ONE layout pass. Before each run of headings in a vertical
 * list (the content, a stack) goes an invisible canvas as tall as the headings
 * and what must follow them on their page (MIN_BELOW_HEADING below the last
 * heading's top, or the kept-together start of the next block, see keptStart),
 * then an empty node whose negative top margin takes that height back. pdfmake
 * moves a canvas that does not fit to the next page, so the headings start
 * where there is room for them and the start of their text, which then
 * follows right under them as before. Both spacers are marked headlineLevel 2.
 * Nothing is made unbreakable (the positions pdfmake records inside an
 * unbreakable block are not where it finally puts it).
 *
 * This replaces the page-break callback as the rule: that callback makes
 * pdfmake lay out the WHOLE document again for every heading it moves (many
 * passes on long documents). keepHeadingsWithText stays as the safety net for
 * what a reservation cannot see (a kept-together start taller than estimated,
 * headings in table cells), so it rarely asks for a second pass. Nested plain
 * arrays in a vertical list are flattened first (an array there is a stack
 * without style or margin, so nothing changes in the layout).
 */
function keepWithNext(node, width, look) {
  if (Array.isArray(node)) return keepWithNextList(node, width, look);
  if (node && typeof node === 'object' && node.unbreakable !== true && Array.isArray(node.stack)) {
    const margin = marginOf(node, look);
    node.stack = keepWithNextList(node.stack, width - margin[0] - margin[2], look);
  }
  return node;
}

function keepWithNextList(list, width, look) {
  const flat = [];
  const flatten = (items) => {
    for (const item of items) {
      if (Array.isArray(item)) flatten(item);
      else flat.push(item);
    }
  };
  flatten(list);
  const out = [];
  for (let i = 0; i < flat.length; ) {
    if (!isHeadline(flat[i])) {
      out.push(keepWithNext(flat[i], width, look));
      i += 1;
      continue;
    }
    const headings = [];
    while (i < flat.length && isHeadline(flat[i])) headings.push(flat[(i += 1) - 1]);
    const heights = headings.map((h) => estimateHeight(h, width, look) + 1);
    const all = heights.reduce((a, b) => a + b, 0);
    const last = headings[headings.length - 1];
    const lastTop = all - heights[heights.length - 1] + marginOf(last, look)[1];
    const reserve = Math.min(look.maxReserve, Math.ceil(Math.max(lastTop + MIN_BELOW_HEADING + 2, all + keptStart(flat[i], width, look))));
    out.push(
      // An invisible line as tall as the room wanted (an empty canvas has no height).
      { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 0, y2: reserve, lineWidth: 0.1, strokeOpacity: 0 }], headlineLevel: 2 },
      { canvas: [], margin: [0, -reserve, 0, 0], headlineLevel: 2 },
      ...headings,
    );
  }
  return out;
}

/**
 * The safety net: a heading never ends a page. It moves to the next page with
 * its section when it starts in the last few lines of a page, or when only
 * headings follow it on its page. Consecutive headings (a section title, then
 * a sub-title) count as one: the room below the last of them decides, so they
 * move together; the spacers keepWithNext puts before a heading (headlineLevel
 * 2) are skipped, and the page's header and footer (3, listed after all of the
 * content) end the page. The room left is what counts, not only the nodes pdfmake
 * lists as following on the page: it keeps the positions where it first tried a block
 * that it then moved to the next page (a table's header row, a kept-together
 * entry), so such a block can look as if it were still below the heading.
 * Never at the top of a page (that would only add an empty page). Each true
 * answer costs a new layout of the whole document, so keepWithNext does the
 * usual case in the first pass.
 */
function keepHeadingsWithText(node, nodes) {
  if (node.headlineLevel !== 1) return false;
  const at = node.startPosition;
  if (!at || at.verticalRatio < 0.05) return false;
  const following = nodes.getFollowingNodesOnPage();
  let last = at;
  let index = 0;
  let textFollows = false;
  for (; index < following.length; index += 1) {
    const next = following[index];
    if (next.headlineLevel === 2) continue;
    if (next.headlineLevel === 3) break; // the page's header and footer: nothing of the content follows
    if (next.headlineLevel !== 1) {
      textFollows = true;
      break;
    }
    last = next.startPosition;
  }
  const below = last.pageInnerHeight * (1 - last.verticalRatio);
  return !textFollows || below < MIN_BELOW_HEADING;
}

/**
 * A heading inside a block kept together (unbreakable, or a row that never
 * breaks) already moves with its block; a page break before it would split the
 * block, and pdfmake keeps only the first page of a split unbreakable block.
 * So such headings are plain text for keepHeadingsWithText (a keep-with-next
 * block's own headings keep their mark 2: they are never moved by themselves).
 */
function plainNestedHeadings(node, inside, allowed) {
  if (Array.isArray(node)) {
    for (const child of node) plainNestedHeadings(child, inside, allowed);
  } else if (node && typeof node === 'object') {
    if (inside && node.headlineLevel === 1) delete node.headlineLevel;
    const kept = inside || node.unbreakable === true;
    for (const key in node) {
      const value = node[key];
      if (!value || typeof value !== 'object') continue;
      plainNestedHeadings(value, kept || (key === 'table' && value.dontBreakRows === true), allowed);
    }
    // The same walk guards the SVGs (see guardSvg): one pass over the content instead of two.
    if ('svg' in node) guardSvgNode(node, allowed);
  }
  return node;
}

const A4 = { width: 595.28, height: 841.89 };

function pageMarginsOf(doc) {
  const m = doc.pageMargins;
  if (typeof m === 'number') return [m, m, m, m];
  if (Array.isArray(m) && m.length === 2) return [m[0], m[1], m[0], m[1]];
  return Array.isArray(m) && m.length === 4 ? m : [40, 40, 40, 40];
}

const pageOf = (doc) => (doc.pageOrientation === 'landscape' ? { width: A4.height, height: A4.width } : A4);

const contentWidth = (doc) => pageOf(doc).width - pageMarginsOf(doc)[0] - pageMarginsOf(doc)[2];

/** What the estimates need to know of the document's look. */
function lookOf(doc) {
  const margins = pageMarginsOf(doc);
  return {
    styles: doc.styles ?? {},
    fontSize: doc.defaultStyle?.fontSize ?? 12,
    lineHeight: doc.defaultStyle?.lineHeight ?? 1,
    // Never reserve more than half a page: a taller start moves through the safety net.
    maxReserve: (pageOf(doc).height - margins[1] - margins[3]) / 2,
  };
}

function codeOf(error) {
  const message = error instanceof Error ? error.message : String(error);
  return /resource access policy/.test(message) ? 'documents.resourceDenied' : 'documents.renderFailed';
}

async function render(port, job) {
  const { doc, fonts, allowedRoot } = job;

  pdfmake.setFonts(fonts);
  pdfmake.setUrlAccessPolicy(() => false); // never fetch anything
  const allowed = insideRoot(allowedRoot);
  pdfmake.setLocalAccessPolicy(allowed);
  pdfmake.setTableLayouts(TABLE_LAYOUTS);

  let percent = -1;
  pdfmake.setProgressCallback((fraction) => {
    const next = Math.floor(fraction * 100);
    if (next === percent) return;
    percent = next;
    port.postMessage({ type: 'progress', done: next, total: 100, step: 'documents.step.render' });
  });

  let pages = 0;
  const onPage = (count) => {
    pages = count;
  };
  const definition = {
    ...doc,
    content: keepWithNext(plainNestedHeadings(doc.content, false, allowed), contentWidth(doc), lookOf(doc)),
    background: guardSvg(doc.background, allowed),
    header: paged(doc.header, onPage, allowed),
    footer: paged(doc.footer, onPage, allowed),
    pageBreakBefore: keepHeadingsWithText,
  };

  port.postMessage({ type: 'progress', done: 0, total: 100, step: 'documents.step.layout' });
  const buffer = await pdfmake.createPdf(definition).getBuffer();
  const bytes = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
  port.postMessage({ type: 'done', bytes, pages }, [bytes]);
}

if (!parentPort) throw new Error('pdfWorker.mjs runs only as a worker thread');
const port = parentPort;
// One job at a time (the parent sends the next only after 'done'); a worker that failed or was
// cancelled is terminated by the parent, so only a clean worker ever gets a second job.
port.on('message', (job) => {
  render(port, job).catch((error) => port.postMessage({ type: 'error', code: codeOf(error) }));
});
