/**
 * PDF benchmark: a 50-page court-report-like document (years of notes,
 * tables, Turkish text) rendered
 *   pipeline — renderDocument(): number, frame, worker thread + pdfmake, SHA-256,
 *              register row and audit row in an encrypted vault (what a print costs);
 *   render   — renderPdf() only: worker thread + pdfmake on the framed definition;
 *   fixed    — renderPdf() of a one-line page: the per-document cost of a fresh
 *              worker (thread start, loading pdfmake and pdfkit, embedding the font);
 *   pdfkit   — the same content written with raw pdfkit in-process (the floor:
 *              same fonts, sizes, margins, header/footer "x / y"; no layout engine).
 * Each mode runs in its own child process, so its peak RSS (getrusage maxRSS,
 * worker threads included) is its own. Time = median of RUNS after one warm-up,
 * with a pause between runs (as between two prints: the spare worker is ready).
 *
 *   npx tsx test/bench/pdf.bench.ts        (or npm run bench, via test/bench/run.ts)
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import { renderDocument, type DbAccess } from '../../electron/core/documents/documentService';
import { frameDocument, PAGE_MARGINS, type FrameInfo } from '../../electron/core/documents/frame';
import { renderPdf, fontTable } from '../../electron/core/documents/renderPdf';
import { sampleBody, sampleSections, type SampleSection } from '../fixtures/documents';
import { ADMIN, OFFICE, createdVault } from '../fixtures/vaults';
import { measure, type Figures as MeasuredFigures } from './measure';

const PAGES = 50;
const RUNS = 5;
const PAUSE_MS = 1500;
const MODES = ['pipeline', 'render', 'fixed', 'pdfkit'] as const;
type Mode = (typeof MODES)[number];

type Figures = MeasuredFigures<Mode>;

const frameInfo = (): FrameInfo => ({
  language: 'tr',
  title: 'Mahkeme raporu — Çiçekçioğlu hanesi',
  officeName: OFFICE,
  documentNumber: 'KLK-2026-000123',
  caseRef: 'VK-2026-0042',
  generatedBy: ADMIN.displayName,
  generatedAt: new Date(),
});

/** The floor: the same sections with raw pdfkit, laid out by hand. */
function renderWithPdfkit(sections: SampleSection[]): Promise<{ bytes: Buffer; pages: number }> {
  const fonts = fontTable();
  const [left, top, right, bottom] = PAGE_MARGINS;
  const doc = new PDFDocument({ size: 'A4', margins: { top, bottom, left, right }, bufferPages: true, pdfVersion: '1.7', lang: 'tr-TR' });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.registerFont('Sans', fonts.Sans.normal).registerFont('Sans-Bold', fonts.Sans.bold);
  const width = doc.page.width - left - right;
  const info = frameInfo();

  doc.font('Sans-Bold').fontSize(17).fillColor('#14365d').text(info.title, { width });
  doc.font('Sans').fontSize(10).fillColor('#1f2328').text(`Belge no. ${info.documentNumber}   Vaka ${info.caseRef}   Hazırlayan ${info.generatedBy}`, { width });
  doc.moveDown();
  const ensure = (height: number) => {
    if (doc.y + height > doc.page.height - bottom) doc.addPage();
  };
  for (const section of sections) {
    ensure(40);
    doc.font('Sans-Bold').fontSize(12.5).fillColor('#14365d').text(section.title, left, doc.y + 10, { width });
    doc.moveDown(0.4).font('Sans').fontSize(10).fillColor('#1f2328');
    for (const [label, value] of section.facts ?? []) doc.text(`${label}: ${value ?? '—'}`, { width, lineGap: 2.5 });
    for (const p of section.paragraphs) doc.text(p, { width, lineGap: 2.5, paragraphGap: 6 });
    if (section.paragraphs.length === 0 && !section.facts) doc.text('Kayıt yok.', { width });
    if (section.table) {
      const colWidth = width / section.table.columns.length;
      const row = (cells: string[], bold: boolean) => {
        doc.font(bold ? 'Sans-Bold' : 'Sans').fontSize(9);
        const height = Math.max(...cells.map((c) => doc.heightOfString(c, { width: colWidth - 10 }))) + 6;
        ensure(height);
        const y = doc.y;
        cells.forEach((c, i) => doc.text(c, left + i * colWidth + 5, y + 3, { width: colWidth - 10 }));
        doc.moveTo(left, y + height).lineTo(left + width, y + height).lineWidth(0.4).strokeColor('#d5dae0').stroke();
        doc.x = left;
        doc.y = y + height;
      };
      row(section.table.columns, true);
      for (const r of section.table.rows) row(r, false);
      doc.moveDown();
    }
  }
  // Header and footer on every page, "Sayfa x / y" once the page count is known.
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

async function child(mode: Mode): Promise<Figures> {
  const sections = sampleSections(PAGES);
  let once: () => Promise<{ bytes: number; pages: number }>;
  if (mode === 'pdfkit') {
    once = async () => {
      const r = await renderWithPdfkit(sections);
      return { bytes: r.bytes.length, pages: r.pages };
    };
  } else if (mode === 'fixed') {
    once = async () => {
      const info = frameInfo();
      const r = await renderPdf(frameDocument({ content: ['Tek satır: ğüşıöçİ'] }, info));
      return { bytes: r.bytes.length, pages: r.pages };
    };
  } else if (mode === 'render') {
    once = async () => {
      const info = frameInfo();
      const r = await renderPdf(frameDocument(sampleBody(sections, info), info));
      return { bytes: r.bytes.length, pages: r.pages };
    };
  } else {
    const { vault } = await createdVault();
    const user = await vault.unlock(ADMIN.username, ADMIN.password);
    const access: DbAccess = (use) => use(vault.database);
    once = async () => {
      const r = await renderDocument(access, 'courtReport', (frame) => sampleBody(sections, frame), {
        language: 'tr',
        title: frameInfo().title,
        officeName: OFFICE,
        actor: { userId: user.id, username: user.username, displayName: user.displayName },
        caseId: 'bench-case',
        caseRef: 'VK-2026-0042',
      });
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
    const out = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', mode], { encoding: 'utf8', maxBuffer: 1 << 20 });
    const line = out.stdout.split('\n').find((l) => l.startsWith('{'));
    if (out.status !== 0 || !line) throw new Error(`pdf bench child ${mode} failed: ${out.stderr.slice(-2000)}`);
    results.push(JSON.parse(line) as Figures);
  }
  console.log(`PDF: ${PAGES}-page document, median of ${RUNS} runs after a warm-up, each mode in its own process`);
  console.log(`(load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} CPUs)`);
  console.log('mode        median ms   min ms   CPU ms    pages   KiB     base MB  peak MB');
  for (const r of results) {
    console.log(`${r.mode.padEnd(10)}${fmt(r.medianMs)}${fmt(r.minMs)}${fmt(r.cpuMs)}${fmt(r.pages)}${fmt(r.bytes / 1024)}${fmt(r.baselineMb, 1)}${fmt(r.peakMb, 1)}`);
  }
  const by = Object.fromEntries(results.map((r) => [r.mode, r])) as Record<Mode, Figures>;
  const floor = by.pdfkit;
  for (const mode of ['pipeline', 'render'] as const) {
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
