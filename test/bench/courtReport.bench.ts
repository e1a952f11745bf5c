/**
 * Court-report benchmark (issue 7): a real court report of 50+ pages — a case
 * with three and a half years of notes and one very long social-examination
 * note, made through the router (test/fixtures/documentCase.ts) — against raw
 * pdfkit writing the same text, as the floor:
 *   report — documents.courtReport through the router, as the app prints it:
 *            load the case, number, frame, lay out and render in the worker,
 *            SHA-256, register row and audit row in the encrypted vault;
 *   render — renderPdf() of the same framed definition only (the worker);
 *   pdfkit — the report's text (headings, paragraphs, table rows, header and
 *            footer "Sayfa x / y") written with raw pdfkit in-process, same fonts
 *            and margins, no layout engine, no chart.
 * Each mode runs in its own child process (the case is built there first, then
 * the baseline is taken), so its peak RSS (getrusage maxRSS, worker threads
 * included) is its own. Time = median of RUNS after one warm-up.
 *
 *   npx tsx test/bench/courtReport.bench.ts      (or npm run bench -- courtReport)
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import type { DocumentResult } from '../../shared/api/methods/documents';
import { actorOf } from '../../electron/core/cases/access';
import { courtReportBody, loadCourtReport } from '../../electron/core/documents/courtReport';
import { frameDocument, PAGE_MARGINS, type FrameInfo } from '../../electron/core/documents/frame';
import type { Content } from '../../electron/core/documents/pdfTypes';
import { fontTable, renderPdf } from '../../electron/core/documents/renderPdf';
import { documentCase } from '../fixtures/documentCase';
import { measure, type Figures as MeasuredFigures } from './measure';

const RUNS = 3;
const PAUSE_MS = 1500;
const MODES = ['report', 'render', 'pdfkit'] as const;
type Mode = (typeof MODES)[number];
const OPINION = 'Çocuğun annesinin yanında kalması yüksek yararınadır; anne koruyucu davranıyor.\n\nBabayla görüşmeler gözetimli sürmelidir.';
const RECOMMENDATION = 'Bireysel psikolojik danışmanlık tedbirinin altı ay uzatılması ve aile danışmanlığı önerilir.';

type Figures = MeasuredFigures<Mode>;

// --- the floor: the report's text with raw pdfkit ----------------------------------------

type Block = { kind: 'h1' | 'h2' | 'p' | 'small'; text: string } | { kind: 'row'; cells: string[]; header: boolean };

const inline = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(inline).join('');
  return inline((value as { text?: unknown }).text);
};

/** The text of a pdfmake body in reading order, by kind (what a hand-written pdfkit report would print). */
function flatten(node: Content | undefined, out: Block[]): void {
  if (node === undefined || node === null) return;
  if (typeof node === 'string') {
    if (node.trim()) out.push({ kind: 'p', text: node });
    return;
  }
  if (Array.isArray(node)) {
    for (const child of node) flatten(child, out);
    return;
  }
  if ('table' in node) {
    const headerRows = node.table.headerRows ?? 0;
    node.table.body.forEach((row, i) => out.push({ kind: 'row', cells: row.map((cell) => (typeof cell === 'object' && cell !== null && 'stack' in cell ? '' : inline(cell))), header: i < headerRows }));
    return;
  }
  if ('stack' in node) return flatten(node.stack, out);
  if ('columns' in node) {
    const text = node.columns.map((c) => inline(c)).filter(Boolean).join('   ');
    if (text.trim()) out.push({ kind: 'p', text });
    return;
  }
  if ('ul' in node || 'ol' in node) {
    for (const item of node.ul ?? node.ol ?? []) out.push({ kind: 'p', text: `• ${inline(item)}` });
    return;
  }
  if ('text' in node) {
    const style = Array.isArray(node.style) ? node.style[0] : node.style;
    const text = inline(node.text);
    if (text.trim()) out.push({ kind: style === 'h1' ? 'h1' : style === 'h2' ? 'h2' : style === 'label' || style === 'small' ? 'small' : 'p', text });
  }
}

function renderWithPdfkit(blocks: Block[], info: FrameInfo, subtitle: string): Promise<{ bytes: Buffer; pages: number }> {
  const fonts = fontTable();
  const [left, top, right, bottom] = PAGE_MARGINS;
  const doc = new PDFDocument({ size: 'A4', margins: { top, bottom, left, right }, bufferPages: true, pdfVersion: '1.7', lang: 'tr-TR' });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.registerFont('Sans', fonts.Sans.normal).registerFont('Sans-Bold', fonts.Sans.bold);
  const width = doc.page.width - left - right;
  const ensure = (height: number) => {
    if (doc.y + height > doc.page.height - bottom) doc.addPage();
  };
  doc.font('Sans-Bold').fontSize(17).fillColor('#14365d').text(info.title, { width });
  doc.font('Sans').fontSize(11).fillColor('#5b6570').text(subtitle, { width });
  doc.fontSize(10).fillColor('#1f2328').text(`Belge no. ${info.documentNumber}   Vaka ${info.caseRef}   Hazırlayan ${info.generatedBy}`, { width });
  doc.moveDown();
  for (const block of blocks) {
    if (block.kind === 'row') {
      const colWidth = width / Math.max(1, block.cells.length);
      doc.font(block.header ? 'Sans-Bold' : 'Sans').fontSize(9).fillColor('#1f2328');
      const height = Math.max(...block.cells.map((c) => doc.heightOfString(c || ' ', { width: colWidth - 10 }))) + 6;
      ensure(height);
      const y = doc.y;
      block.cells.forEach((c, i) => doc.text(c, left + i * colWidth + 5, y + 3, { width: colWidth - 10 }));
      doc.moveTo(left, y + height).lineTo(left + width, y + height).lineWidth(0.4).strokeColor('#d5dae0').stroke();
      doc.x = left;
      doc.y = y + height;
      continue;
    }
    if (block.kind === 'h1' || block.kind === 'h2') {
      ensure(40);
      doc.font('Sans-Bold').fontSize(block.kind === 'h1' ? 12.5 : 10.5).fillColor(block.kind === 'h1' ? '#14365d' : '#1f2328').text(block.text, left, doc.y + 8, { width });
      doc.moveDown(0.3);
      continue;
    }
    doc.font('Sans').fontSize(block.kind === 'small' ? 8.5 : 10).fillColor(block.kind === 'small' ? '#5b6570' : '#1f2328');
    doc.text(block.text, left, doc.y, { width, lineGap: 2.5, paragraphGap: 5 });
  }
  const { count } = doc.bufferedPageRange();
  for (let i = 0; i < count; i += 1) {
    doc.switchToPage(i);
    const saved = doc.page.margins;
    doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    doc.font('Sans').fontSize(8).fillColor('#5b6570');
    doc.text(`${info.officeName} · ${info.title}`, left, 30, { width: width - 100, lineBreak: false });
    doc.text(info.documentNumber, left + width - 100, 30, { width: 100, align: 'right', lineBreak: false });
    doc.fontSize(7.5).text('GİZLİDİR — Bu belge kişisel veriler içerir.', left, doc.page.height - 48, { width: width - 90, lineBreak: false });
    doc.fontSize(8.5).fillColor('#1f2328').text(`Sayfa ${i + 1} / ${count}`, left + width - 84, doc.page.height - 48, { width: 84, align: 'right', lineBreak: false });
    doc.page.margins = saved;
  }
  doc.end();
  return done.then((bytes) => ({ bytes, pages: count }));
}

// --- one mode in this process -----------------------------------------------------------------

async function child(mode: Mode): Promise<Figures> {
  const d = await documentCase({ extraNotes: 120, veryLongNote: true });
  const client = await d.as('ayse');
  const input = { caseId: d.caseId, language: 'tr' as const, opinion: OPINION, recommendation: RECOMMENDATION };
  const info: FrameInfo = {
    language: 'tr',
    title: 'Mahkeme raporu',
    officeName: 'Beyoğlu Çocuk Koruma Birimi',
    documentNumber: 'KLK-2026-000123',
    caseRef: d.caseNumber,
    generatedBy: 'Ayşe Yıldırım',
    generatedAt: new Date(),
  };
  const load = () => loadCourtReport(d.db(), actorOf(client.session!), { userId: client.session!.userId, username: client.session!.username, displayName: client.session!.displayName, roles: client.session!.roles }, input, new Date());

  let once: () => Promise<{ bytes: number; pages: number }>;
  if (mode === 'report') {
    once = async () => {
      const r = await d.ok<DocumentResult>(client, 'documents.courtReport', input);
      return { bytes: Math.floor((r.bytesBase64.length * 3) / 4), pages: r.pages };
    };
  } else if (mode === 'render') {
    once = async () => {
      const r = await renderPdf(frameDocument(courtReportBody(load(), info), info));
      return { bytes: r.bytes.length, pages: r.pages };
    };
  } else {
    once = async () => {
      const body = courtReportBody(load(), info);
      const blocks: Block[] = [];
      flatten(body.content, blocks);
      const r = await renderWithPdfkit(blocks, info, body.subtitle ?? '');
      return { bytes: r.bytes.length, pages: r.pages };
    };
  }
  return measure(mode, once, RUNS, PAUSE_MS);
}

const fmt = (n: number, digits = 0) => n.toFixed(digits).padStart(8);

export async function run(): Promise<void> {
  const self = fileURLToPath(import.meta.url);
  const results: Figures[] = [];
  for (const mode of MODES) {
    const out = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', mode], { encoding: 'utf8', maxBuffer: 1 << 22 });
    const line = out.stdout.split('\n').find((l) => l.startsWith('{'));
    if (out.status !== 0 || !line) throw new Error(`court report bench child ${mode} failed: ${out.stderr.slice(-2000)}`);
    results.push(JSON.parse(line) as Figures);
  }
  console.log(`Court report: a real case (3½ years, 120+ notes, one very long note), median of ${RUNS} runs after a warm-up, each mode in its own process`);
  console.log(`(load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} CPUs)`);
  console.log('mode        median ms   min ms   CPU ms    pages   KiB     base MB  peak MB');
  for (const r of results) console.log(`${r.mode.padEnd(10)}${fmt(r.medianMs)}${fmt(r.minMs)}${fmt(r.cpuMs)}${fmt(r.pages)}${fmt(r.bytes / 1024)}${fmt(r.baselineMb, 1)}${fmt(r.peakMb, 1)}`);
  const by = Object.fromEntries(results.map((r) => [r.mode, r])) as Record<Mode, Figures>;
  const floor = by.pdfkit;
  for (const mode of ['report', 'render'] as const) {
    const r = by[mode];
    console.log(
      `${mode} / pdfkit: time ×${(r.medianMs / floor.medianMs).toFixed(2)}, CPU ×${(r.cpuMs / floor.cpuMs).toFixed(2)}, peak RSS ×${(r.peakMb / floor.peakMb).toFixed(2)}, ` +
        `peak above start ×${((r.peakMb - r.baselineMb) / Math.max(1, floor.peakMb - floor.baselineMb)).toFixed(2)}`,
    );
  }
}

const childIndex = process.argv.indexOf('--child');
if (childIndex !== -1) {
  const mode = process.argv[childIndex + 1] as Mode;
  if (!MODES.includes(mode)) throw new Error(`unknown mode ${mode}`);
  process.stdout.write(`${JSON.stringify(await child(mode))}\n`);
  process.exit(0);
} else if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await run();
}
