/**
 * The statistics leave Kalkan as CSV, as the PDF report and as the CLI's JSON:
 * the same figures everywhere (checked against stats.period), hidden cells
 * consistently hidden, every export audited.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StatsPeriod, StatTable } from '../../shared/api/schemas/stats';
import { generateDemo } from '../../electron/core/demo/generate';
import { ensureDemoStaff } from '../../electron/core/demo/staff';
import { pdftotextRaw } from '../fixtures/documents';
import { cli } from '../fixtures/cli';
import { PASSWORD } from '../fixtures/cases';
import { PERIOD, statsOffice } from '../fixtures/stats';
import { signedInCore, tempDir } from '../fixtures/vaults';

/** A small RFC 4180 reader: sections are separated by empty lines; the first line of each is its heading. */
function readCsv(text: string, sep: string): Map<string, string[][]> {
  expect(text.startsWith('\uFEFF')).toBe(true);
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  const body = text.slice(1);
  for (let i = 0; i < body.length; i += 1) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) {
      row.push(field);
      field = '';
    } else if (ch === '\r' && body[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += ch;
  }
  const sections = new Map<string, string[][]>();
  let current: string[][] | null = null;
  for (const r of rows) {
    if (r.length === 1 && r[0] === '') {
      current = null;
      continue;
    }
    if (!current) {
      current = [];
      sections.set(r[0]!, current);
      continue;
    }
    current.push(r);
  }
  return sections;
}

const shownCounts = (t: StatTable, hidden: string) => t.cells.filter((c) => c.hidden || (c.count ?? 0) > 0).map((c) => (c.hidden ? hidden : String(c.count)));

describe('statistics exports', () => {
  it('CSV: BOM, separator of choice, Turkish decimal comma with ";", sections with headings; the figures of stats.period; audited', async () => {
    const o = await statsOffice();
    const derya = await o.as('derya');
    const stats = await o.ok<StatsPeriod>(derya, 'stats.period', PERIOD);
    const dir = tempDir('kalkan-csv-');

    const semi = await o.ok<{ path: string; bytes: number; rows: number }>(derya, 'stats.exportCsv', { ...PERIOD, path: join(dir, 'q1.csv'), language: 'tr' });
    const text = readFileSync(semi.path, 'utf8');
    expect(semi.bytes).toBe(Buffer.byteLength(text));
    expect(text).toContain('\r\n');
    const csv = readCsv(text, ';');
    expect(csv.get('Dönem istatistikleri')!.slice(0, 2)).toEqual([['Birim', 'Beyoğlu Çocuk Koruma Birimi'], ['Dönem', '01.01.2026', '31.03.2026']]);
    const summary = Object.fromEntries(csv.get('Özet')!.slice(1).map(([k, v]) => [k, v]));
    expect(summary).toMatchObject({ 'Yeni vaka': '2', 'Başvuru (bildirim)': '3', 'Dönemde açık olan vaka': '4', 'Hizmet verilen çocuk': '4', 'Hizmet verilen hane': '3', 'Hizmet oturumu': '12', 'Süresinde yapılan yeniden değerlendirme (%)': '50,0' });
    const concerns = csv.get('Başvuru konuları')!;
    expect(concerns[0]).toEqual(['Kategori', 'Vaka', 'Yüzde']);
    expect(concerns.slice(1, 5)).toEqual([['Aile içi şiddet', '2', '40,0'], ['Cinsel istismar', '1', '20,0'], ['Duygusal istismar', '1', '20,0'], ['Eğitim ihmali', '1', '20,0']]);
    expect(concerns.at(-1)).toEqual(['Toplam', '5', '100,0']);
    // Every row of every table is the JSON's cell, in the JSON's order.
    expect(concerns.slice(1, -1).map((r) => r[1])).toEqual(stats.concerns.cells.map((c) => String(c.count)));
    expect(summary).toMatchObject({ 'Gönderilen yönlendirme': '3', 'Yanıt alınan yönlendirme': '2', 'Yanıt süresi (ortanca) (gün)': '7,0', 'Yapılan duruşma': '1' });
    expect(csv.get('Yönlendirilen kurumlar')!.filter((r) => r[1] !== '0')).toEqual([
      ['Kategori', 'Yönlendirme', 'Yüzde'],
      ['İBB Psikolojik Danışma Merkezi', '2', '66,7'],
      ['Çocuk İzlem Merkezi (ÇİM)', '1', '33,3'],
      ['Toplam', '3', '100,0'],
    ]);
    expect(csv.get('Mahkeme kararlarına uyum')).toEqual([['Kategori', 'Karar', 'Yüzde'], ['Bekliyor', '1', '33,4'], ['Sürüyor', '1', '33,3'], ['Uyuldu', '1', '33,3'], ['Uyulmadı', '0', '0,0'], ['Toplam', '3', '100,0']]);
    expect(csv.get('Verilen hizmetler')![0]).toEqual(['Kategori', 'Hizmet', 'Yüzde', 'Oturum']);
    expect(csv.get('Verilen hizmetler')!.at(-1)).toEqual(['Toplam', '4', '100,0', '12']);
    expect(csv.get('Aylara göre')).toEqual([
      ['Ay', 'Yeni vaka', 'Başvuru', 'Değerlendirme', 'Hizmet'],
      ['Ocak 2026', '0', '1', '2', '1'],
      ['Şubat 2026', '1', '1', '1', '2'],
      ['Mart 2026', '1', '1', '2', '1'],
      ['Toplam', '2', '3', '5', '4'],
    ]);

    // Comma: decimal point, and a label holding a comma is quoted.
    const comma = readCsv(readFileSync((await o.ok<{ path: string }>(derya, 'stats.exportCsv', { ...PERIOD, path: join(dir, 'q1-comma.csv'), language: 'en', separator: 'comma' })).path, 'utf8'), ',');
    expect(comma.get('Intake channels')!.slice(1, 3)).toEqual([['School', '2', '66.7'], ['Alo 153 Solution Centre', '1', '33.3']]);
    expect(readFileSync(join(dir, 'q1-comma.csv'), 'utf8')).toContain('"Overdue, not done",1,25.0');
    const tab = readCsv(readFileSync((await o.ok<{ path: string }>(derya, 'stats.exportCsv', { ...PERIOD, path: join(dir, 'q1-tab.csv'), language: 'en', separator: 'tab' })).path, 'utf8'), '\t');
    expect(tab.get('Case status (now)')!.at(-1)).toEqual(['Total', '4', '100.0']);

    // Where it may write.
    await o.fails(derya, 'stats.exportCsv', { ...PERIOD, path: 'q1.csv', language: 'tr' }, 'stats.csvPathInvalid');
    await o.fails(derya, 'stats.exportCsv', { ...PERIOD, path: join(dir, 'q1.txt'), language: 'tr' }, 'stats.csvPathInvalid');
    await o.fails(derya, 'stats.exportCsv', { ...PERIOD, path: join(dir, 'no', 'q1.csv'), language: 'tr' }, 'stats.folderMissing');
    writeFileSync(join(dir, 'mine.csv'), 'keep');
    await o.fails(derya, 'stats.exportCsv', { ...PERIOD, path: join(dir, 'mine.csv'), language: 'tr' }, 'stats.fileExists');
    expect(readFileSync(join(dir, 'mine.csv'), 'utf8')).toBe('keep');
    await o.ok(derya, 'stats.exportCsv', { ...PERIOD, path: join(dir, 'mine.csv'), language: 'tr', overwrite: true });
    expect(readFileSync(join(dir, 'mine.csv'), 'utf8')).toContain('Dönem istatistikleri');

    const audit = (await o.ok<{ rows: Array<{ action: string; targetType: string; targetId: string; details: Record<string, unknown> }> }>(await o.as('yonetici'), 'audit.list', { action: 'stats.exported' })).rows;
    expect(audit).toHaveLength(4);
    expect(audit[0]).toMatchObject({ targetType: 'statistics', targetId: '2026-01-01/2026-03-31' });
    expect(JSON.stringify(audit)).not.toContain(dir);
  });

  it('PDF: the report through the documents pipeline (numbered, framed, audited) with the same figures as its text', async () => {
    const o = await statsOffice();
    const derya = await o.as('derya');
    const doc = await o.ok<{ documentNumber: string; bytesBase64: string; pages: number }>(derya, 'documents.statistics', { ...PERIOD, language: 'tr' });
    expect(doc.documentNumber).toMatch(/^KLK-\d{4}-\d{6}$/);
    const { stdout: text } = pdftotextRaw(Buffer.from(doc.bytesBase64, 'base64'));
    expect(text).toContain('Dönem istatistikleri');
    expect(text).toContain('01.01.2026 – 31.03.2026 · Tüm vakalar');
    expect(text).toContain(doc.documentNumber);
    expect(text).toContain(`Sayfa 1 / ${doc.pages}`);
    expect(text).toContain('GİZLİDİR');
    expect(text).toMatch(/Aile içi şiddet\s+2\s+%40,0/);
    expect(text).toMatch(/Okul\s+2\s+%66,7/);
    expect(text).toMatch(/Psikoterapi\s+1\s+%25,0\s+6/);
    expect(text).toMatch(/Süresi geçti, yapılmadı\s+1\s+%25,0/);
    expect(text).toMatch(/Düşük\s+1\s+%25,0\s+2\s+%50,0/); // priority: first vs now
    expect(text).toMatch(/Hizmet verilen çocuk\s+4/);
    expect(text).toMatch(/Şubat 2026\s+1\s+1\s+1\s+2/);
    expect(text).toMatch(/İBB Psikolojik Danışma Merkezi\s+2\s+%66,7/);
    expect(text).toMatch(/Yanıt süresi \(ortanca\)\s+7,0 gün/);
    expect(text).toMatch(/Hizmet başladı\s+1\s+%33,3/);
    expect(text).toMatch(/Uyuldu\s+1\s+%33,3/);
    const audit = (await o.ok<{ rows: Array<{ details: Record<string, unknown>; targetType: string }> }>(await o.as('yonetici'), 'audit.list', { action: 'document.printed' })).rows;
    expect(audit[0]).toMatchObject({ targetType: 'statistics', details: { kind: 'statistics', number: doc.documentNumber } });

    // A caseworker may print her own statistics; the PDF says whose.
    const ayse = await o.as('ayse');
    const hers = await o.ok<{ bytesBase64: string }>(ayse, 'documents.statistics', { ...PERIOD, language: 'en' });
    const enText = pdftotextRaw(Buffer.from(hers.bytesBase64, 'base64')).stdout;
    expect(enText).toContain('01/01/2026 – 31/03/2026 · Cases I work on');
    expect(enText).toMatch(/Domestic violence\s+2\s+50\.0%/);
  });

  it('CLI: kalkan stats prints the JSON of the screen, writes the CSV and the PDF with the same figures', async () => {
    const o = await statsOffice();
    const derya = await o.as('derya');
    const screen = await o.ok<StatsPeriod>(derya, 'stats.period', PERIOD);
    const apiCsv = readFileSync((await o.ok<{ path: string }>(derya, 'stats.exportCsv', { ...PERIOD, path: join(tempDir(), 's.csv'), language: 'tr' })).path, 'utf8');
    await o.core.router.handle(derya, 'auth.signOut', {});
    o.core.services.vault.lock('shutdown');

    const db = join(o.core.dir, 'kalkan.db');
    const env = { KALKAN_PASSWORD: PASSWORD };
    const args = ['stats', '--db', db, '--user', 'derya', '--from', PERIOD.from, '--to', PERIOD.to];
    const json = await cli([...args, '--json'], env);
    expect(json.code, json.err).toBe(0);
    const fromCli = JSON.parse(json.out) as StatsPeriod;
    expect({ ...fromCli, generatedAt: '' }).toEqual({ ...screen, generatedAt: '' });

    const out = tempDir('kalkan-cli-stats-');
    const files = await cli([...args, '--csv', join(out, 'q1.csv'), '--pdf', join(out, 'q1.pdf'), '--lang', 'tr'], env);
    expect(files.code, files.err).toBe(0);
    expect(files.out).toContain('CSV yazıldı');
    expect(files.out).toMatch(/PDF yazıldı: .*q1\.pdf \(belge no\. KLK-\d{4}-\d{6}, \d+ sayfa\)/);
    const strip = (text: string) => text.replace(/^Oluşturulma;.*$/m, '');
    expect(strip(readFileSync(join(out, 'q1.csv'), 'utf8'))).toBe(strip(apiCsv));
    const pdfText = pdftotextRaw(readFileSync(join(out, 'q1.pdf'))).stdout;
    expect(pdfText).toMatch(/Aile içi şiddet\s+2\s+%40,0/);
    expect(pdfText).toMatch(/Yeni vaka\s+2/);
    // An existing file is kept unless --force.
    const again = await cli([...args, '--csv', join(out, 'q1.csv')], env);
    expect(again.code).toBe(1);
    expect((await cli([...args, '--csv', join(out, 'q1.csv'), '--force', '--separator', 'tab'], env)).code).toBe(0);
    expect(readFileSync(join(out, 'q1.csv'), 'utf8')).toContain('Toplam\t5\t100.0');

    const text = await cli([...args, '--lang', 'en', '--caseworker', 'ayse'], env);
    expect(text.code, text.err).toBe(0);
    expect(text.out).toContain('Period statistics — 01/01/2026 – 31/03/2026 · Ayşe Yıldırım');
    expect(text.out).toMatch(/Domestic violence\s+2\s+50\.0%/);
    expect((await cli([...args, '--separator', 'pipe'], env)).code).toBe(2);
    expect((await cli([...args, '--suppress-below', '1'], env)).code).toBe(2);
    expect((await cli(['stats', '--db', db, '--user', 'derya', '--from', '2026-1-1', '--to', PERIOD.to], env)).code).toBe(2);
  });

  it('hides small cells in exports so that no total reveals them (a demo office, one year, k = 5)', async () => {
    const { core, admin } = await signedInCore();
    const session = admin.session!;
    const staff = await ensureDemoStaff(core.services.vault, 1200, { id: session.userId, username: session.username });
    generateDemo(core.services.vault.database, { cases: 1200, seed: 3, now: new Date('2026-06-30T12:00:00Z'), staff, notesPerCase: 1 });
    const year = { from: '2025-01-01', to: '2025-12-31' };
    const open = (await core.call(admin, 'stats.period', year)) as StatsPeriod;
    const k = 5;
    const hidden = (await core.call(admin, 'stats.period', { ...year, suppressBelow: k })) as StatsPeriod;
    expect(open.summary.newCases.value).toBeGreaterThan(80);

    const tables: StatTable[] = [hidden.concerns, hidden.channels, hidden.priorityFirst, hidden.priorityNow, hidden.status, hidden.services, hidden.deadlines, ...Object.values(hidden.monthly)];
    expect(tables.reduce((a, t) => a + t.hiddenCells, 0)).toBeGreaterThan(0);
    for (const table of tables) {
      for (const cell of table.cells) {
        if (cell.hidden) expect([cell.count, cell.percent]).toEqual([null, null]);
        else expect(cell.count === 0 || cell.count! >= k).toBe(true);
      }
      // A total is the sum of the shown cells: subtracting them leaves nothing to find.
      expect(table.cells.reduce((a, c) => a + (c.count ?? 0), 0)).toBe(table.total);
    }
    // Breakdowns of the same records agree with each other and with the summary.
    expect(hidden.channels.total).toBe(hidden.monthly.reports.total);
    expect(hidden.summary.reports.value ?? 0).toBe(hidden.channels.total);
    expect(hidden.summary.newCases.value ?? 0).toBe(hidden.monthly.newCases.total);
    expect(new Set([hidden.status.total, hidden.priorityFirst.total, hidden.priorityNow.total, hidden.summary.activeCases.value ?? 0]).size).toBe(1);
    expect(hidden.services.total).toBe(hidden.monthly.services.total);
    expect(hidden.summary.services.value ?? 0).toBe(hidden.services.total);
    // And they never exceed the true figures.
    expect(hidden.channels.total).toBeLessThanOrEqual(open.channels.total);
    expect(open.channels.cells.every((c) => c.hidden === false)).toBe(true);

    // The CSV and the PDF print exactly those cells, hidden ones as "<5".
    const dir = tempDir('kalkan-k-');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, 'year.csv');
    await core.call(admin, 'stats.exportCsv', { ...year, suppressBelow: k, path, language: 'tr' });
    expect(existsSync(path)).toBe(true);
    const csv = readCsv(readFileSync(path, 'utf8'), ';');
    expect(csv.get('Dönem istatistikleri')!.find((r) => r[0] === 'Gizlilik')![1]).toContain('5 altında');
    const channelRows = csv.get('Başvuru kanalları')!.slice(1, -1);
    expect(channelRows.map((r) => r[1])).toEqual(hidden.channels.cells.map((c) => (c.hidden ? '<5' : String(c.count))));
    expect(csv.get('Başvuru kanalları')!.at(-1)![1]).toBe(String(hidden.channels.total));
    const pdf = (await core.call(admin, 'documents.statistics', { ...year, suppressBelow: k, language: 'tr' })) as { bytesBase64: string };
    const pdfText = pdftotextRaw(Buffer.from(pdf.bytesBase64, 'base64')).stdout;
    expect(pdfText).toContain('<5');
    expect(pdfText).toContain('kayıt sayısı 5 altında kalan hücreler');
    for (const count of shownCounts(hidden.concerns, '<5').filter((c) => c !== '0')) expect(pdfText).toContain(count);

    // Ten years on one report: long tables run on over pages and nothing is lost (every heading, the last month, the rules).
    const decade = (await core.call(admin, 'documents.statistics', { from: '2016-07-01', to: '2026-06-30', language: 'tr' })) as { bytesBase64: string; pages: number };
    const decadeText = pdftotextRaw(Buffer.from(decade.bytesBase64, 'base64')).stdout;
    for (const heading of ['Özet', 'Aylara göre', 'Başvuru konuları', 'Başvuru kanalları', 'Vaka durumu (bugün)', 'Verilen hizmetler', 'Yeniden değerlendirme süreleri', 'Sayım kuralları']) {
      expect(decadeText, heading).toContain(heading);
    }
    expect(decadeText).toMatch(/Temmuz 2016\s+\d+/);
    expect(decadeText).toMatch(/Haziran 2026\s+\d+/);
    expect(decadeText).toContain(`Sayfa ${decade.pages} / ${decade.pages}`);
  }, 90_000);
});
