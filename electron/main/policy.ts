/**
 * The window's security rules as pure functions, so they are unit-tested
 * without Electron (see test/unit/electronPolicy.test.ts).
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kalkan';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The CSP header the app:// protocol sends (one definition: shared/security/csp.ts). */
export { CSP_HEADER } from '../../shared/security/csp';

/** Only our own app:// pages may send IPC; anything else (a stray frame, a data: URL) is refused. */
export function isTrustedSenderUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** In-app navigation is hash-routed; any real navigation away from the app is denied. */
export function isAllowedNavigation(url: string): boolean {
  return isTrustedSenderUrl(url);
}

/**
 * Maps an app:// request path to a file under the renderer folder, or null when
 * the path would escape it. The caller joins the result with that folder.
 */
export function resolveAppPath(requestUrl: string): string | null {
  let pathname: string;
  try {
    const parsed = new URL(requestUrl);
    if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname === '/' || pathname === '') return 'index.html';
  const segments = pathname.split('/').filter(Boolean);
  if (segments.some((s) => s === '..' || s === '.' || s.includes('\\') || s.includes('\0'))) return null;
  return segments.join('/');
}

/** No web permission (camera, microphone, geolocation, notifications …) is ever granted. */
export const isPermissionAllowed = (_permission: string): boolean => false;

/** What the main process does when a renderer or child process dies (pure, so it is unit-tested). */
export interface ProcessGoneAction {
  /** Lock the vault: whatever was on screen is gone, a half-finished state must not stay signed in. */
  lock: boolean;
  /** Ask the user whether to reload the window. */
  offerReload: boolean;
}

export function processGoneAction(kind: 'renderer' | 'child', details: { reason: string; type?: string }): ProcessGoneAction {
  // 'clean-exit' is a normal end (e.g. a utility process that finished); anything else is a crash, a kill or OOM.
  if (details.reason === 'clean-exit') return { lock: false, offerReload: false };
  if (kind === 'renderer') return { lock: true, offerReload: true };
  // The GPU process restarts by itself; a crashed utility (PDF, core worker) or other child is treated like the renderer.
  return details.type === 'GPU' ? { lock: false, offerReload: false } : { lock: true, offerReload: true };
}

/** DevTools and the default menu (with its Reload / Toggle DevTools items) only in development. */
export const devToolsAllowed = (isPackaged: boolean): boolean => !isPackaged;
