/**
 * The browser harness: serves the built renderer and answers `/__kalkan/api`
 * through the same core host (a worker thread) the Electron main process uses. For tests and UI work
 * only; never packaged (electron-builder.yml excludes this folder).
 *
 * Bound to 127.0.0.1 only. Every API call must carry the per-run token, and the
 * Host header must be ours (so a web page cannot reach it by DNS rebinding).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fail } from '../../shared/api/envelope';
import type { EventMap, EventName } from '../../shared/api/events';
import type { Core, CoreOptions } from '../core/createCore';
import { startCoreHost, type CoreHost } from '../core/host/client';
import { startInlineHost } from '../core/host/inline';
import { createLogger } from '../core/log';
import { CSP_HEADER } from '../main/policy';
import { ATTACHMENT_MAX_MB_CEILING, MB } from '../../shared/api/schemas/attachments';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const DEFAULT_STATIC = resolve(HERE, '../../out/renderer');
/** A request carries at most one attachment (issue 17): the largest file an admin may allow, as base64, plus the envelope. */
const MAX_BODY = Math.ceil((ATTACHMENT_MAX_MB_CEILING * MB * 4) / 3) + 64 * 1024;
/** The harness is one client of the core host (one session, as before). */
const CLIENT = 1;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.pdf': 'application/pdf',
};

export interface DevServer {
  url: string;
  /** The URL to open, with the token in its fragment. */
  openUrl: string;
  token: string;
  /** The core host the harness talks to (a worker thread unless `inline`). */
  host: CoreHost;
  /** The core itself, for tests that set up a vault or demo data directly: `inline` hosts only (throws otherwise). */
  core: Core;
  close(): Promise<void>;
}

export interface DevServerOptions extends CoreOptions {
  port?: number;
  staticDir?: string;
  /** Run the core host in this thread (over a MessageChannel, same protocol) so `core` is reachable: e2e fixtures. */
  inline?: boolean;
  /** Host timer period (idle lock, scheduled backup). */
  tickMs?: number;
}

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const { port: _port, staticDir: _static, inline, ...coreOptions } = options;
  const log = options.log ?? createLogger();
  let inlineCore: Core | null = null;
  let coreHost: CoreHost;
  if (inline) {
    const started = startInlineHost({ validateOutput: true, ...coreOptions, log });
    inlineCore = started.core;
    coreHost = started;
  } else {
    if (options.now) throw new Error('A clock can only be given to an inline host.');
    const { log: _log, now: _now, ...config } = coreOptions;
    coreHost = await startCoreHost({ validateOutput: true, ...config, log });
  }
  const staticDir = options.staticDir ?? DEFAULT_STATIC;
  const token = randomBytes(24).toString('base64url');
  const tokenBytes = Buffer.from(token);
  const streams = new Set<ServerResponse>();
  const bridgeJs = await readFile(join(HERE, 'bridge.js'), 'utf8');

  const broadcast = <E extends EventName>(event: E, payload: EventMap[E]): void => {
    const data = `data: ${JSON.stringify({ event, payload })}\n\n`;
    for (const stream of streams) stream.write(data);
  };
  // The idle lock and the daily backup run on the host's timer, in the core thread (electron/core/host).
  const unsubscribe = coreHost.subscribe((event, payload) => broadcast(event, payload));

  const tokenOk = (given: string | undefined): boolean => {
    if (!given) return false;
    const bytes = Buffer.from(given);
    return bytes.length === tokenBytes.length && timingSafeEqual(bytes, tokenBytes);
  };

  let host = '';
  const server = createServer((req, res) => {
    void route(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.headers.host !== host) {
      res.writeHead(421).end();
      return;
    }
    let url: URL;
    let pathname: string;
    try {
      url = new URL(req.url ?? '/', `http://${host}`);
      pathname = decodeURIComponent(url.pathname);
    } catch {
      // A malformed URL (bad percent-encoding and the like) is the client's error, not ours.
      res.writeHead(400).end();
      return;
    }
    if (pathname.includes('\0')) {
      res.writeHead(400).end();
      return;
    }
    if (url.pathname === '/__kalkan/api') return api(req, res);
    if (url.pathname === '/__kalkan/events') {
      if (!tokenOk(url.searchParams.get('token') ?? undefined)) {
        res.writeHead(403).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    if (url.pathname === '/__kalkan/bridge.js') {
      res.writeHead(200, { 'content-type': TYPES['.js']!, 'cache-control': 'no-store' }).end(bridgeJs);
      return;
    }
    return serveStatic(url.pathname, res);
  }

  async function api(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    const origin = req.headers.origin;
    const auth = req.headers.authorization?.replace(/^Bearer /, '');
    if (req.method !== 'POST' || (origin !== undefined && origin !== `http://${host}`) || !tokenOk(auth)) {
      log.warn('api.untrustedSender', { transport: 'http' });
      reply(403, fail('api.untrustedSender'));
      return;
    }
    let size = 0;
    const chunks: Buffer[] = [];
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY) {
        reply(413, fail('api.invalidInput'));
        return;
      }
      chunks.push(chunk as Buffer);
    }
    let body: { method?: unknown; input?: unknown };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
    } catch {
      reply(400, fail('api.invalidInput'));
      return;
    }
    reply(200, await coreHost.request(CLIENT, body?.method, body?.input));
  }

  async function serveStatic(pathname: string, res: ServerResponse): Promise<void> {
    const relative = normalize(pathname === '/' ? '/index.html' : decodeURIComponent(pathname));
    const file = resolve(staticDir, `.${relative}`);
    if (!file.startsWith(staticDir + sep)) {
      res.writeHead(404).end();
      return;
    }
    try {
      let content: Buffer | string = await readFile(file);
      if (file.endsWith('index.html')) {
        // The shim must exist before the app's module script runs.
        content = content.toString('utf8').replace('</head>', '  <script src="./__kalkan/bridge.js"></script>\n  </head>');
      }
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        // The same policy the app:// protocol sends, so the harness tests the app's real CSP.
        'content-security-policy': CSP_HEADER,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      });
      res.end(content);
    } catch {
      res.writeHead(404).end();
    }
  }

  await new Promise<void>((resolveListen) => server.listen(options.port ?? 0, '127.0.0.1', resolveListen));
  const { port } = server.address() as AddressInfo;
  host = `127.0.0.1:${port}`;
  const url = `http://${host}/`;

  return {
    url,
    openUrl: `${url}#token=${token}`,
    token,
    host: coreHost,
    get core(): Core {
      if (!inlineCore) throw new Error('The core runs in a worker thread: start the harness with inline: true to reach it.');
      return inlineCore;
    },
    close: async () => {
      unsubscribe();
      // Locks the vault (shutdown) and ends the core thread.
      await coreHost.shutdown();
      for (const stream of streams) stream.end();
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
    },
  };
}
