/**
 * PDFs end to end: real worker, real pdfmake, real encrypted vault; the output
 * is checked with poppler's pdftotext and qpdf, never by mocking.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentResult } from '../../shared/api/methods/documents';
import { queryAudit, verifyAuditChain } from '../../electron/core/audit/auditLog';
import { documentBlocks } from '../../electron/core/documents/blocks';
import { printDocument, renderDocument, sha256Hex, type DbAccess } from '../../electron/core/documents/documentService';
import { findDocument, listDocuments } from '../../electron/core/documents/documentsRepo';
import { formatDocumentNumber } from '../../electron/core/documents/format';
import { renderPdf, resourcesDir } from '../../electron/core/documents/renderPdf';
import { newClientState, type ClientState } from '../../electron/core/session';
import { pdfFile, pdfPages, pdftotextRaw, qpdfCheck, qpdfEncryption, sampleBody, sampleSections, TURKISH } from '../fixtures/documents';
import { ADMIN, OFFICE, signedInCore, testCore, type TestCore } from '../fixtures/vaults';

type Core = Awaited<ReturnType<typeof signedInCore>>;
const bytesOf = (result: DocumentResult) => Buffer.from(result.bytesBase64, 'base64');
const codeOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
};
const ctxOf = ({ core, admin }: Core) => ({ services: core.services, client: admin, session: admin.session });
const accessOf = ({ core }: Core): DbAccess => (use) => use(core.services.vault.database);
const actorOf = ({ admin }: Core) => ({ userId: admin.session!.userId, username: admin.session!.username, displayName: admin.session!.displayName });

// First in the file: the PDF worker is fresh here (one per test file), so the first document really is its first.
describe('one worker, documents one after another', () => {
  const base = { defaultStyle: { font: 'Sans' as const } };
  const italic = (text: string) => ({ ...base, content: [{ text, italics: true }] });
  const textOf = async (text: string) => pdfPages((await renderPdf(italic(text))).bytes).join('\n');

  it('prints every letter of a later document as text, also letters an earlier one had only inside ö and ş', async () => {
    // The worker and its parsed fonts are reused: the first document's subset asked for the o of ö and the s of ş without characters.
    expect(await textOf('öşÖŞ')).toContain('öşÖŞ');
    expect(await textOf('Not stated: kosmos')).toContain('Not stated: kosmos');
  });

  it('renders the next document after a failed one', async () => {
    expect(await codeOf(renderPdf({ ...base, content: [{ image: '/etc/hostname' }] }))).toBe('documents.resourceDenied');
    expect(await textOf('Sonraki belge: ğüşıöç')).toContain('Sonraki belge: ğüşıöç');
  });
});

describe('a 50-page document', () => {
  let env: Core;
  let result: DocumentResult;
  let pages: string[];

  beforeAll(async () => {
    env = await signedInCore();
    result = await printDocument(
      ctxOf(env),
      { kind: 'courtReport', language: 'tr', title: 'Mahkeme raporu — Çiçekçioğlu hanesi', caseId: 'case-1', caseRef: 'VK-2026-0042' },
      (frame) => sampleBody(sampleSections(50), frame),
    );
    pages = pdfPages(bytesOf(result));
  }, 60_000);

  it('has 50+ pages, each with "Sayfa x / y", the document number and the confidentiality footer', () => {
    expect(result.pages).toBeGreaterThanOrEqual(50);
    expect(pages).toHaveLength(result.pages);
    const y = result.pages;
    pages.forEach((text, i) => {
      expect(text, `page ${i + 1}`).toContain(`Sayfa ${i + 1} / ${y}`);
      expect(text, `page ${i + 1}`).toContain(result.documentNumber);
      expect(text, `page ${i + 1}`).toContain('GİZLİDİR');
      expect(text, `page ${i + 1}`).toContain('Vaka: VK-2026-0042');
    });
  });

  it('starts with the title block and keeps Turkish characters intact', () => {
    const first = pages[0]!;
    expect(result.documentNumber).toMatch(/^KLK-\d{4}-000001$/);
    expect(first).toContain('Mahkeme raporu — Çiçekçioğlu hanesi');
    expect(first).toContain('İstanbul 3. Çocuk Mahkemesi');
    expect(first).toContain(`Hazırlayan`);
    expect(first).toContain(ADMIN.displayName);
    expect(first).toMatch(/\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}/); // dd.MM.yyyy HH:mm
    expect(first).toContain(TURKISH);
    expect(first).toContain('Kuzguncuk Mah. İcadiye Cad.');
    expect(first).toMatch(/Okul\s+—/); // a missing value prints a dash
  });

  it('prints an explicit "no records" line for an empty section and ends with the signature block', () => {
    const all = pages.join('\n');
    expect(all).toMatch(/Mahkeme kararlarına uyum\s+Kayıt yok\./);
    expect(pages.at(-1)).toContain('Onaylayan');
    expect(pages.at(-1)).toContain('Ad soyad, unvan');
  });

  it('passes qpdf --check', () => {
    const check = qpdfCheck(bytesOf(result));
    expect(check.output).toContain('No syntax or stream encoding errors');
    expect(check.status).toBe(0);
  });

  it('is registered and audited with the SHA-256 of the bytes handed out', () => {
    const db = env.core.services.vault.database;
    const sha = sha256Hex(bytesOf(result));
    expect(result.sha256).toBe(sha);
    const row = findDocument(db, result.documentNumber)!;
    expect(row).toMatchObject({ kind: 'courtReport', language: 'tr', caseId: 'case-1', status: 'issued', sha256: sha, pages: result.pages, protected: false });
    expect(row.bytes).toBe(bytesOf(result).length);
    expect(row.generatedBy).toBe(env.admin.session!.userId);
    const [audit] = queryAudit(db, { action: 'document.printed', limit: 10 });
    expect(audit).toMatchObject({ actorId: env.admin.session!.userId, actorName: ADMIN.username, targetType: 'case', targetId: 'case-1' });
    expect(JSON.parse(audit!.details)).toEqual({ number: result.documentNumber, kind: 'courtReport', sha256: sha, language: 'tr', pages: result.pages, protected: false });
    expect(verifyAuditChain(db).ok).toBe(true);
  });
});

describe('document frame and blocks', () => {
  let env: Core;
  beforeAll(async () => {
    env = await signedInCore();
  });

  const print = (build: Parameters<typeof renderDocument>[2], meta: Partial<Parameters<typeof renderDocument>[3]> = {}) =>
    renderDocument(accessOf(env), 'statistics', build, { language: 'tr', title: 'Deneme', officeName: OFFICE, actor: actorOf(env), ...meta });

  it('numbers documents sequentially per vault', async () => {
    const a = await print(() => ({ content: ['bir'] }));
    const b = await print(() => ({ content: ['iki'] }));
    const seqA = Number(a.documentNumber.slice(-6));
    expect(Number(b.documentNumber.slice(-6))).toBe(seqA + 1);
    expect(a.documentNumber).toBe(formatDocumentNumber(seqA, a.generatedAt));
    expect(formatDocumentNumber(123, new Date(2026, 0, 5))).toBe('KLK-2026-000123');
  });

  it('prints the English frame: date dd/MM/yyyy, "Page x / y", the confidentiality footer, no case line without a case', async () => {
    const doc = await print((frame) => ({ content: documentBlocks(frame.language).section('Empty section', []) }), { language: 'en', title: 'Period statistics' });
    const [page] = pdfPages(doc.bytes);
    expect(page).toContain('Period statistics');
    expect(page).toContain('Page 1 / 1');
    expect(page).toContain('CONFIDENTIAL');
    expect(page).toContain('Generated by');
    expect(page).toMatch(/\d{2}\/\d{2}\/\d{4}, \d{2}:\d{2}/);
    expect(page).toContain('No records.');
    expect(page).not.toContain('Case');
  });

  it('a data table repeats its header row on every page and an empty table says "no records"', async () => {
    const doc = await print((frame) => {
      const b = documentBlocks(frame.language);
      const columns = [{ header: 'Sıra' }, { header: 'Kurum adı', width: '*' as const }, { header: 'Sonuç' }];
      return {
        content: [
          ...b.section('Yönlendirmeler', [b.table({ columns, rows: Array.from({ length: 150 }, (_, i) => [String(i + 1), `Şişli Çocuk İzleme Merkezi ${i + 1}`, i % 2 ? 'Olumlu' : null]) })]),
          ...b.section('Boş tablo', [b.table({ columns, rows: [] })]),
        ],
      };
    });
    const pages = pdfPages(doc.bytes);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const page of pages.slice(0, -1)) expect(page).toMatch(/Sıra\s+Kurum adı\s+Sonuç/);
    expect(pages.join('\n')).toMatch(/Boş tablo[\s\S]*Kayıt yok\./);
  });

  it('never breaks on very long words, many blank lines, control characters, or empty text', async () => {
    const longWord = 'Ş'.repeat(400);
    const doc = await print((frame) => {
      const b = documentBlocks(frame.language);
      return {
        content: [
          ...b.section('Uzun kelime', b.longText(`Başlangıç ${longWord} son.\r\n\r\n\r\n\u0007İkinci\tparagraf.`)),
          ...b.section('Boş metin', b.longText('   \n\n  ')),
          b.keyValue([]),
          b.list([null, '']),
        ],
      };
    });
    const text = pdfPages(doc.bytes).join('\n');
    expect(text.replace(/\s/g, '')).toContain(longWord);
    expect(text).toMatch(/İkinci\s+paragraf\./); // the tab became spaces
    expect(text.match(/Kayıt yok\./g)?.length).toBe(3);
    expect(qpdfCheck(doc.bytes).status).toBe(0);
  });
});

describe('a password-protected PDF', () => {
  it('cannot be read without the password, can with it; printing allowed, copying not (AES-256)', async () => {
    const env = await signedInCore();
    const password = 'Kapı-Şifresi-2026';
    const result = await printDocument(ctxOf(env), { kind: 'referralLetter', language: 'tr', title: 'Yönlendirme yazısı', password }, (frame) => ({
      content: documentBlocks(frame.language).longText(`Gizli içerik ${TURKISH}`),
    }));
    const bytes = bytesOf(result);
    const raw = pdftotextRaw(bytes);
    expect(raw.status).not.toBe(0);
    expect(raw.stdout).not.toContain('Gizli içerik');
    expect(bytes.includes(Buffer.from('Gizli'))).toBe(false);
    const [page] = pdfPages(bytes, { password });
    expect(page).toContain(`Gizli içerik ${TURKISH}`);
    expect(qpdfCheck(bytes, password).status).toBe(0);
    const encryption = qpdfEncryption(bytes, password);
    expect(encryption).toContain('print high resolution: allowed');
    expect(encryption).toContain('extract for any purpose: not allowed');
    expect(encryption).toContain('modify anything: not allowed');
    expect(encryption).toContain('AESv3');
    const row = findDocument(env.core.services.vault.database, result.documentNumber)!;
    expect(row.protected).toBe(true);
    expect(JSON.parse(queryAudit(env.core.services.vault.database, { action: 'document.printed', limit: 1 })[0]!.details).protected).toBe(true);
  });
});

describe('resource policies', () => {
  it('refuses URL images (inline, in the images dictionary, inside an SVG) and files outside resources/', async () => {
    const base = { defaultStyle: { font: 'Sans' as const } };
    expect(await codeOf(renderPdf({ ...base, content: [{ image: 'https://example.org/logo.png' }] }))).toBe('documents.resourceDenied');
    expect(await codeOf(renderPdf({ ...base, content: [{ image: 'logo' }], images: { logo: 'http://127.0.0.1:9/logo.png' } }))).toBe('documents.resourceDenied');
    expect(await codeOf(renderPdf({ ...base, content: [{ image: '/etc/hostname' }] }))).toBe('documents.resourceDenied');
    expect(await codeOf(renderPdf({ ...base, content: [{ image: join(resourcesDir(), '..', 'package.json') }] }))).toBe('documents.resourceDenied');
    const svgWith = (href: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"><image href="${href}" width="20" height="20"/></svg>`;
    expect(await codeOf(renderPdf({ ...base, content: [{ svg: svgWith('/etc/hostname') }] }))).toBe('documents.resourceDenied');
    expect(await codeOf(renderPdf({ ...base, content: [{ stack: [{ svg: svgWith('https://example.org/x.png') }] }] }))).toBe('documents.resourceDenied');
    expect(await codeOf(renderPdf({ ...base, content: [{ svg: '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"><rect width="10" height="10"/></svg>' }] }))).toBe('no error');
  });

  it('records a refused document as failed and audits nothing', async () => {
    const env = await signedInCore();
    const before = queryAudit(env.core.services.vault.database, { action: 'document.printed', limit: 10 }).length;
    const code = await codeOf(
      printDocument(ctxOf(env), { kind: 'courtReport', language: 'tr', title: 'X' }, () => ({ content: [{ image: 'https://example.org/x.png' }] })),
    );
    expect(code).toBe('documents.resourceDenied');
    const [row] = listDocuments(env.core.services.vault.database);
    expect(row).toMatchObject({ status: 'failed', sha256: null });
    expect(queryAudit(env.core.services.vault.database, { action: 'document.printed', limit: 10 })).toHaveLength(before);
  });
});

describe('progress and cancel', () => {
  it('reports progress as job events and can be cancelled; a cancelled number is recorded as such', async () => {
    const env = await signedInCore();
    const events: Array<{ jobId: string; done: number; step?: string }> = [];
    env.core.services.events.subscribe((name, payload) => {
      if (name === 'job.progress') events.push(payload as { jobId: string; done: number; step?: string });
    });
    await printDocument(ctxOf(env), { kind: 'statistics', language: 'tr', title: 'İlerleme', jobId: 'job-ok' }, (frame) => ({
      content: documentBlocks(frame.language).longText('Satır.\n\n'.repeat(200)),
    }));
    const mine = events.filter((e) => e.jobId === 'job-ok');
    expect(mine[0]).toMatchObject({ done: 0, step: 'documents.step.layout' });
    expect(mine.at(-1)).toMatchObject({ done: 100, step: 'documents.step.render' });

    const big = sampleSections(200);
    const pending = printDocument(ctxOf(env), { kind: 'courtReport', language: 'tr', title: 'İptal', jobId: 'job-cancel' }, (frame) => sampleBody(big, frame));
    await new Promise((r) => setTimeout(r, 300));
    expect(await env.core.call(env.admin, 'jobs.cancel', { jobId: 'job-cancel' })).toEqual({ cancelled: true });
    expect(await codeOf(pending)).toBe('job.cancelled');
    const [row] = listDocuments(env.core.services.vault.database);
    expect(row!.status).toBe('cancelled');
  }, 60_000);
});

describe('the recovery-key sheet', () => {
  const officeSetup = { officeName: OFFICE, username: ADMIN.username, displayName: ADMIN.displayName, password: ADMIN.password };
  let clock: number;
  let core: TestCore;
  let client: ClientState;
  let setup: { recoveryKey: string; sheetToken: string };

  beforeAll(async () => {
    clock = Date.now();
    core = testCore({ now: () => new Date(clock) });
    client = newClientState();
    setup = (await core.call(client, 'setup.create', officeSetup)) as typeof setup;
  });

  it('setup.create returns a sheet token; the sheet prints the key in groups, on one page, in both languages', async () => {
    expect(setup.sheetToken).toMatch(/^[\w-]{24,}$/);
    for (const language of ['tr', 'en'] as const) {
      const sheet = (await core.call(client, 'documents.recoverySheet', { sheetToken: setup.sheetToken, recoveryKey: setup.recoveryKey, language })) as DocumentResult;
      expect(sheet.pages).toBe(1);
      const [page] = pdfPages(bytesOf(sheet));
      for (const group of setup.recoveryKey.split('-')) expect(page).toContain(group);
      expect(page).toContain(OFFICE);
      expect(page).toContain(ADMIN.displayName);
      expect(page).toContain(sheet.documentNumber);
      expect(page).toContain(language === 'tr' ? 'Nerede saklanmalı?' : 'Where to keep it');
      expect(page).toContain(language === 'tr' ? 'Sayfa 1 / 1' : 'Page 1 / 1');
      expect(qpdfCheck(bytesOf(sheet)).status).toBe(0);
    }
    // The vault stayed locked; the prints were registered and audited as the administrator's.
    expect(core.services.vault.state()).toBe('locked');
    await core.call(client, 'auth.signIn', { username: ADMIN.username, password: ADMIN.password });
    const db = core.services.vault.database;
    const rows = listDocuments(db);
    expect(rows.map((r) => [r.kind, r.language, r.status])).toEqual([
      ['recoverySheet', 'en', 'issued'],
      ['recoverySheet', 'tr', 'issued'],
    ]);
    const audits = queryAudit(db, { action: 'document.printed', limit: 10 });
    expect(audits).toHaveLength(2);
    expect(audits[0]).toMatchObject({ actorName: ADMIN.username, targetType: 'vault' });
    expect(JSON.parse(audits[0]!.details)).toMatchObject({ kind: 'recoverySheet', number: rows[0]!.number, sha256: rows[0]!.sha256 });
    // Neither the key nor its groups are stored anywhere readable in the audit or the register.
    expect(JSON.stringify(audits) + JSON.stringify(rows)).not.toContain(setup.recoveryKey.split('-')[0]);
    expect(core.lines.join('\n')).not.toContain(setup.recoveryKey.split('-')[0]);
    expect(verifyAuditChain(db).ok).toBe(true);
    await core.call(client, 'auth.signOut');
  }, 60_000);

  it('is refused with another key, another token, after 3 sheets, or after 30 minutes', async () => {
    const fresh = testCore({ now: () => new Date(clock) });
    const c = newClientState();
    const s = (await fresh.call(c, 'setup.create', officeSetup)) as typeof setup;
    const ask = (input: Record<string, unknown>) =>
      fresh.router.handle(c, 'documents.recoverySheet', { sheetToken: s.sheetToken, recoveryKey: s.recoveryKey, language: 'tr', ...input });
    const code = async (input: Record<string, unknown>) => {
      const reply = await ask(input);
      return reply.ok ? 'ok' : reply.error.code;
    };
    expect(await code({ recoveryKey: setup.recoveryKey })).toBe('documents.sheetNotAllowed'); // another vault's key
    expect(await code({ sheetToken: 'x'.repeat(32) })).toBe('documents.sheetNotAllowed');
    expect(await code({ recoveryKey: s.recoveryKey.toLowerCase().replace(/-/g, ' ') })).toBe('ok'); // same key, typed differently
    expect(await code({})).toBe('ok');
    expect(await code({})).toBe('ok');
    expect(await code({})).toBe('documents.sheetNotAllowed'); // 3 sheets per set-up

    const later = testCore({ now: () => new Date(clock) });
    const c2 = newClientState();
    const s2 = (await later.call(c2, 'setup.create', officeSetup)) as typeof setup;
    clock += 31 * 60_000;
    const reply = await later.router.handle(c2, 'documents.recoverySheet', { sheetToken: s2.sheetToken, recoveryKey: s2.recoveryKey, language: 'tr' });
    expect(reply.ok ? 'ok' : reply.error.code).toBe('documents.sheetNotAllowed');
    clock -= 31 * 60_000;
  }, 60_000);

  it('is refused in a process where no set-up happened', async () => {
    const other = testCore();
    const reply = await other.router.handle(newClientState(), 'documents.recoverySheet', { sheetToken: setup.sheetToken, recoveryKey: setup.recoveryKey, language: 'tr' });
    expect(reply.ok ? 'ok' : reply.error.code).toBe('documents.sheetNotAllowed');
  });
});

describe('the rendered pages look right', () => {
  it('renders PNGs of a few pages (for a human to look at: KALKAN_PDF_PNG_DIR)', async () => {
    const env = await signedInCore();
    const result = await printDocument(ctxOf(env), { kind: 'courtReport', language: 'tr', title: 'Mahkeme raporu', caseRef: 'VK-2026-0042' }, (frame) =>
      sampleBody(sampleSections(5), frame),
    );
    const dir = process.env.KALKAN_PDF_PNG_DIR ?? mkdtempSync(join(tmpdir(), 'kalkan-png-'));
    execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', pdfFile(bytesOf(result)), join(dir, 'court')]);
    expect(readdirSync(dir).filter((f) => f.endsWith('.png')).length).toBe(2);
  }, 60_000);
});
