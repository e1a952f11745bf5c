/**
 * The PDF worker thread: renders ONE pdfmake document definition and exits.
 * It loads pdfmake as soon as it starts, then waits for its job, so core can
 * start the next worker ahead of time (renderPdf.ts keeps one spare).
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
 *   ← parent    { doc, fonts, allowedRoot }   one message; JSON only, no functions
 *   → parent    { type: 'progress', done, total, step }
 *               { type: 'done', bytes: ArrayBuffer (transferred), pages }
 *               { type: 'error', code }      a stable code, never the message
 * Cancel = the parent terminates the thread.
 */
import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { parentPort } from 'node:worker_threads';
import pdfmake from 'pdfmake';

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
    return json === null ? null : guardSvg(JSON.parse(json.replace(PAGE, String(currentPage)).replace(PAGES, String(pageCount))), allowed);
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
    if ('svg' in node) {
      node.options = {
        ...node.options,
        imageCallback: (link) => {
          const href = String(link).trim();
          if (href.startsWith('data:') || allowed(href)) return href;
          throw new Error(DENIED);
        },
      };
    }
    for (const value of Object.values(node)) if (value && typeof value === 'object') guardSvg(value, allowed);
  }
  return node;
}

/** Room a heading needs below its top: itself and about four lines of what follows (pt). */
const MIN_BELOW_HEADING = 72;

/**
 * A heading never ends a page: it moves to the next page with its section when
 * it starts in the last few lines of a page, or when only headings follow it on
 * its page. Consecutive headings (a section title, then a sub-title) count as
 * one: the room below the last of them decides, so they move together. The room
 * left is what counts, not the nodes pdfmake lists as following on the page:
 * it keeps the positions where it first tried a block that it then moved to the
 * next page (a table's header row, a kept-together entry), so such a block can
 * look as if it were still below the heading. Never at the top of a page (that
 * would only add an empty page).
 */
function keepHeadingsWithText(node, nodes) {
  if (node.headlineLevel !== 1) return false;
  const at = node.startPosition;
  if (!at || at.verticalRatio < 0.05) return false;
  const following = nodes.getFollowingNodesOnPage();
  let last = at;
  for (const next of following) {
    if (next.headlineLevel !== 1) break;
    last = next.startPosition;
  }
  const below = last.pageInnerHeight * (1 - last.verticalRatio);
  return below < MIN_BELOW_HEADING || following.every((next) => next.headlineLevel === 1);
}

/**
 * A heading inside a block kept together (unbreakable, or a row that never
 * breaks) already moves with its block; a page break before it would split the
 * block, and pdfmake keeps only the first page of a split unbreakable block.
 * So such headings are plain text for keepHeadingsWithText.
 */
function plainNestedHeadings(node, inside) {
  if (Array.isArray(node)) {
    for (const child of node) plainNestedHeadings(child, inside);
  } else if (node && typeof node === 'object') {
    if (inside && node.headlineLevel !== undefined) delete node.headlineLevel;
    const kept = inside || node.unbreakable === true;
    for (const [key, value] of Object.entries(node)) {
      if (!value || typeof value !== 'object') continue;
      plainNestedHeadings(value, kept || (key === 'table' && value.dontBreakRows === true));
    }
  }
  return node;
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
    content: guardSvg(plainNestedHeadings(doc.content, false), allowed),
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
port.once('message', (job) => {
  render(port, job).catch((error) => port.postMessage({ type: 'error', code: codeOf(error) }));
});
