/** `kalkan pdf court-report|referral|assessment`: the case documents from the command line. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../fixtures/cli';
import { PASSWORD } from '../fixtures/cases';
import { documentCase, type DocumentCase } from '../fixtures/documentCase';
import { pdfPages, qpdfCheck } from '../fixtures/documents';
import { pngImage } from '../fixtures/images';
import { tempDir } from '../fixtures/vaults';

describe('kalkan pdf', () => {
  let d: DocumentCase;
  let db: string;
  let dir: string;
  let opinion: string;
  let recommendation: string;
  const as = (user: string, extra: NodeJS.ProcessEnv = {}) => ({ KALKAN_PASSWORD: PASSWORD, ...extra, user });
  const run = (args: string[], env: ReturnType<typeof as>) => {
    const { user, ...vars } = env;
    return cli(['pdf', ...args, '--db', db, '--user', String(user)], vars);
  };

  beforeAll(async () => {
    d = await documentCase({ extraNotes: 2 });
    d.core.services.vault.lock('user');
    db = join(d.core.dir, 'kalkan.db');
    dir = tempDir('kalkan-cli-pdf-');
    opinion = join(dir, 'görüş.txt');
    recommendation = join(dir, 'öneri.txt');
    writeFileSync(opinion, 'Çocuğun annesinin yanında kalması yüksek yararınadır.\n');
    writeFileSync(recommendation, 'Danışmanlık tedbirinin altı ay uzatılması önerilir.\n');
  }, 120_000);

  it('court-report: writes the social inquiry report (opinion and recommendation from files) on the letterhead set with `kalkan office`', async () => {
    const logo = join(dir, 'logo.png');
    writeFileSync(logo, pngImage(90, 90));
    const office = await cli(
      ['office', '--db', db, '--user', 'sistem', '--name', 'Üsküdar Çocuk Koruma Birimi', '--address', 'Mimar Sinan Mah. Selmanıpak Cad. No: 3, Üsküdar / İstanbul', '--phone', '0216 555 00 11',
        '--email', 'uskudar.ckb@example.gov.tr', '--kep', 'uskudar.ckb@hs01.kep.tr', '--province', 'İstanbul', '--district', 'Üsküdar', '--file-code', 'E-98765432-105.01', '--logo', logo],
      { KALKAN_PASSWORD: PASSWORD },
    );
    expect(office.code, office.err).toBe(0);
    const out = join(dir, 'mahkeme-raporu.pdf');
    const r = await run(['court-report', '--case', String(d.caseId), '--out', out, '--opinion-file', opinion, '--recommendation-file', recommendation, '--lang', 'en'], as('ayse'));
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^PDF written: .*mahkeme-raporu\.pdf \(document no\. KLK-\d{4}-\d{6}, \d+ pages\)$/);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const bytes = readFileSync(out);
    const pages = pdfPages(bytes);
    expect(pages[0]).toContain('Social Inquiry Report');
    expect(pages[0]).toContain('REPUBLIC OF TÜRKİYE');
    expect(pages[0]).toContain('ÜSKÜDAR ÇOCUK KORUMA BİRİMİ');
    expect(pages.join('\n')).toContain('Çocuğun annesinin yanında kalması yüksek yararınadır.');
    pages.forEach((p, i) => {
      expect(p).toContain(`Page ${i + 1} / ${pages.length}`);
      expect(p.replace(/\s+/g, ' ')).toContain('Tel: 0216 555 00 11 · E-mail: uskudar.ckb@example.gov.tr · KEP: uskudar.ckb@hs01.kep.tr');
    });
    // The logo is embedded as an image.
    expect(execFileSync('pdfimages', ['-list', '-f', '1', '-l', '1', out], { encoding: 'utf8' })).toMatch(/\s90\s+90\s/);
    expect(qpdfCheck(bytes).status).toBe(0);

    // Without the files: the stored draft is printed again.
    const again2 = await run(['court-report', '--case', String(d.caseId), '--out', join(dir, 'ikinci.pdf')], as('ayse'));
    expect(again2.code, again2.err).toBe(0);
    expect(pdfPages(readFileSync(join(dir, 'ikinci.pdf'))).join('\n')).toContain('Çocuğun annesinin yanında kalması yüksek yararınadır.');

    // The same file again: refused unless --force.
    const again = await run(['court-report', '--case', String(d.caseId), '--out', out, '--opinion-file', opinion, '--recommendation-file', recommendation], as('ayse'));
    expect(again.code).toBe(2);
    expect(again.err).toContain('--force');
  }, 60_000);

  it('court-report without the opinion or the recommendation is a usage error saying what is missing', async () => {
    const out = join(dir, 'eksik.pdf');
    const r = await run(['court-report', '--case', String(d.caseId), '--out', out, '--opinion-file', opinion], as('ayse'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('mesleki görüş ve öneri');
    expect(r.err).toContain('--recommendation-file');
    const empty = join(dir, 'boş.txt');
    writeFileSync(empty, '  \n');
    const blank = await run(['court-report', '--case', String(d.caseId), '--out', out, '--opinion-file', empty, '--recommendation-file', recommendation, '--lang', 'en'], as('ayse'));
    expect(blank.code).toBe(2);
    expect(blank.err).toContain('is empty');
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it('referral: a letter protected by the password from --password-env; assessment: --json', async () => {
    const out = join(dir, 'yonlendirme.pdf');
    const password = 'Kurum-Şifresi-2026';
    const r = await run(['referral', '--referral', String(d.referrals.shared.id), '--out', out, '--password-env', 'PDF_PW'], as('ayse', { PDF_PW: password }));
    expect(r.code, r.err).toBe(0);
    const bytes = readFileSync(out);
    expect(pdfPages(bytes, { password }).join('\n')).toContain('YANIT FORMU');
    expect(qpdfCheck(bytes, password).status).toBe(0);
    const missing = await run(['referral', '--referral', String(d.referrals.shared.id), '--out', join(dir, 'x.pdf'), '--password-env', 'NOT_SET'], as('ayse'));
    expect(missing.code).toBe(2);

    const json = await run(['assessment', '--assessment', String(d.assessments[0]!.id), '--out', join(dir, 'ozet.pdf'), '--json'], as('ayse'));
    expect(json.code, json.err).toBe(0);
    const result = JSON.parse(json.out) as { documentNumber: string; pages: number; sha256: string; protected: boolean };
    expect(result).toMatchObject({ protected: false });
    expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(pdfPages(readFileSync(join(dir, 'ozet.pdf')))[0]).toContain('Risk değerlendirmesi özeti');
  }, 60_000);

  it('follows case visibility, and refuses bad ids', async () => {
    const r = await run(['assessment', '--assessment', String(d.assessments[0]!.id), '--out', join(dir, 'baska.pdf')], as('mehmet'));
    expect(r.code).toBe(1);
    expect(r.err).not.toBe('');
    expect(existsSync(join(dir, 'baska.pdf'))).toBe(false);
    const bad = await run(['referral', '--referral', 'abc', '--out', join(dir, 'y.pdf')], as('ayse'));
    expect(bad.code).toBe(2);
  }, 60_000);
});
