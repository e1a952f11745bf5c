/**
 * Electron main process: owns the window, the OS events and the IPC binding.
 * The core (vault, router, every service, the idle lock and backup timer) runs
 * in the core host's worker thread (electron/core/host); main only forwards to it.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, net, powerMonitor, protocol, session, type WebContents } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fail } from '../../shared/api/envelope';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type { Output } from '../../shared/api/contract';
import { startCoreHost } from '../core/host/client';
import { createLogger } from '../core/log';
import { createHostDialogs } from './hostDialogs';
import {
  APP_ORIGIN,
  APP_SCHEME,
  CSP_HEADER,
  devToolsAllowed,
  isAllowedNavigation,
  isPermissionAllowed,
  isTrustedSenderUrl,
  processGoneAction,
  resolveAppPath,
} from './policy';
import { translator } from '../../shared/i18n';

const HERE = dirname(fileURLToPath(import.meta.url));
const INVOKE_CHANNEL = 'kalkan:invoke';
const EVENT_CHANNEL = 'kalkan:event';
const HOST_CHANNEL = 'kalkan:host';

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

// One instance per machine account: a second start focuses the first window.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(start);
}

/** The client id main itself uses (the crash dialog's language); windows use their webContents id (≥ 1). */
const MAIN_CLIENT = 0;

async function start(): Promise<void> {
  const log = createLogger();
  const nativeBinding = nativeBindingPath();
  const host = await startCoreHost({ dataDir: app.getPath('userData'), log, ...(nativeBinding ? { nativeBinding } : {}) });
  const rendererDir = join(HERE, '../renderer');

  protocol.handle(APP_SCHEME, async (request) => {
    const relative = resolveAppPath(request.url);
    if (!relative) return new Response(null, { status: 404 });
    const response = await net.fetch(pathToFileURL(join(rendererDir, relative)).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CSP_HEADER);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });

  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => callback(isPermissionAllowed(permission)));
  session.defaultSession.setPermissionCheckHandler((_wc, permission) => isPermissionAllowed(permission));

  app.on('web-contents-created', (_event, contents) => hardenContents(contents));

  // Native file dialogs (issue 14, item 6): the paths they return are remembered as the user's choice.
  let language: 'tr' | 'en' = 'tr';
  const refreshLanguage = async () => {
    const reply = await host.request(MAIN_CLIENT, 'settings.get', {});
    if (reply.ok) language = (reply.value as Output<'settings.get'>).language;
  };
  const dialogs = createHostDialogs(
    {
      showOpen: (options) => {
        const owner = BrowserWindow.getFocusedWindow();
        return owner ? dialog.showOpenDialog(owner, options) : dialog.showOpenDialog(options);
      },
      showSave: (options) => {
        const owner = BrowserWindow.getFocusedWindow();
        return owner ? dialog.showSaveDialog(owner, options) : dialog.showSaveDialog(options);
      },
      writeFile: (path, bytes) => writeFile(path, bytes, { mode: 0o600 }),
    },
    (key) => translator(language)(key),
  );
  ipcMain.handle(HOST_CHANNEL, async (event, operation: unknown, request: unknown) => {
    if (!isTrustedSenderUrl(event.senderFrame?.url)) return null;
    try {
      await refreshLanguage();
      return operation === 'saveBytes' ? await dialogs.saveBytes(request) : await dialogs.choose(request);
    } catch (error) {
      log.warn('host.dialogFailed', { operation: typeof operation === 'string' ? operation : 'unknown', kind: error instanceof Error ? error.name : 'unknown' });
      return null;
    }
  });

  ipcMain.handle(INVOKE_CHANNEL, async (event, method: unknown, input: unknown) => {
    if (!isTrustedSenderUrl(event.senderFrame?.url)) {
      log.warn('api.untrustedSender', { transport: 'ipc' });
      return fail('api.untrustedSender');
    }
    if (dialogs.refuses(method, input)) return fail('host.pathNotChosen');
    // Each window is one client of the host: its session lives in the core thread.
    return host.request(event.sender.id, method, input);
  });

  host.subscribe((event, payload) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(EVENT_CHANNEL, event, payload);
  });

  // Lock on sleep and OS screen lock; the idle lock and the daily backup run on the host's timer.
  powerMonitor.on('suspend', () => void host.lock('sleep'));
  powerMonitor.on('lock-screen', () => void host.lock('screen'));
  // Quit only once the core has locked the vault and stopped.
  let stopped = false;
  app.on('before-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    stopped = true;
    void host.shutdown().finally(() => app.quit());
  });

  // A packaged build has no default menu (no Reload, no Toggle Developer Tools) and no DevTools.
  if (!devToolsAllowed(app.isPackaged)) Menu.setApplicationMenu(null);

  const window = createWindow();

  // A crashed or killed renderer (or child process): lock, log (kind and reason only), offer a reload.
  const onGone = (kind: 'renderer' | 'child', details: { reason: string; type?: string; exitCode?: number }) => {
    const action = processGoneAction(kind, details);
    log.warn('app.processGone', { kind, reason: details.reason, type: details.type ?? 'renderer', exitCode: details.exitCode ?? -1 });
    if (action.lock) void host.lock('crash');
    if (!action.offerReload || window.isDestroyed()) return;
    void host
      .request(MAIN_CLIENT, 'settings.get', {})
      .then((reply) => translator(reply.ok ? (reply.value as Output<'settings.get'>).language : 'tr'))
      .then((t) => dialog.showMessageBox(window, { type: 'warning', title: t('app.crashed.title'), message: t('app.crashed.message'), buttons: [t('app.crashed.reload'), t('app.crashed.quit')], defaultId: 0, cancelId: 1 }))
      .then(({ response }) => (response === 0 ? window.webContents.reload() : app.quit()));
  };
  app.on('render-process-gone', (_event, _contents, details) => onGone('renderer', details));
  app.on('child-process-gone', (_event, details) => onGone('child', details));
  const windowClient = window.webContents.id;
  window.webContents.on('destroyed', () => void host.closeClient(windowClient));
  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => app.quit());
}

/**
 * The SQLite addon built for Electron's ABI (npm run build:native-electron), kept apart from
 * the Node build in node_modules so `npm start` and `npm test` never break each other.
 */
function nativeBindingPath(): string | undefined {
  const candidates = [
    join(process.resourcesPath ?? '', 'native', 'better_sqlite3.node'),
    join(HERE, '../../build/native/electron/better_sqlite3.node'),
  ];
  return candidates.find((path) => existsSync(path));
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1366,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'Kalkan',
    backgroundColor: '#f5f7fa',
    webPreferences: {
      preload: join(HERE, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // Chromium's built-in PDF viewer, for previewing generated documents (blob: URLs only, per the CSP).
      plugins: true,
      navigateOnDragDrop: false,
      devTools: devToolsAllowed(app.isPackaged),
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

function hardenContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
