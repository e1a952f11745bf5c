import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../electron/core/log';
import { startDevServer, type DevServer } from '../../electron/dev-server/server';

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer({ dataDir: mkdtempSync(join(tmpdir(), 'kalkan-dev-')), log: silentLogger });
});
afterAll(() => server.close());

function post(body: unknown, headers: Record<string, string>): Promise<{ status: number; json: unknown }> {
  const url = new URL('/__kalkan/api', server.url);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let data = '';
      res.on('data', (c) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: data ? JSON.parse(data) : null }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('dev server', () => {
  it('listens on 127.0.0.1 only and answers with the router', async () => {
    expect(new URL(server.url).hostname).toBe('127.0.0.1');
    const reply = await post({ method: 'app.health', input: {} }, { authorization: `Bearer ${server.token}` });
    expect(reply).toEqual({ status: 200, json: { ok: true, value: { status: 'ok', vault: 'absent', signedIn: false } } });
  });

  it('refuses a request without the per-run token, with a wrong one, or from another origin', async () => {
    const body = { method: 'settings.setLanguage', input: { language: 'en' } };
    const cases: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong' },
      { authorization: `Bearer ${server.token}`, origin: 'http://evil.example' },
    ];
    for (const headers of cases) {
      expect(await post(body, headers)).toEqual({ status: 403, json: { ok: false, error: { code: 'api.untrustedSender' } } });
    }
    expect(await server.host.request(1, 'settings.get', {})).toEqual({ ok: true, value: { language: 'tr' } });
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const reply = await post({ method: 'app.info', input: {} }, { authorization: `Bearer ${server.token}`, host: 'evil.example' });
    expect(reply.status).toBe(421);
  });
});
