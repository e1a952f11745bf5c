import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSP_META, CSP_PLACEHOLDER } from '../../shared/security/csp';
import { cspMeta } from '../../renderer/vite.config';
import { CSP_HEADER, isAllowedNavigation, isPermissionAllowed, isTrustedSenderUrl, resolveAppPath } from '../../electron/main/policy';

describe('Electron window policy', () => {
  it('trusts IPC only from the app:// origin', () => {
    expect(isTrustedSenderUrl('app://kalkan/index.html')).toBe(true);
    expect(isTrustedSenderUrl('app://kalkan/index.html#/cases')).toBe(true);
    for (const url of ['file:///index.html', 'https://kalkan/', 'app://evil/', 'data:text/html,x', 'about:blank', '', null, undefined, 'not a url']) {
      expect(isTrustedSenderUrl(url)).toBe(false);
    }
  });

  it('denies navigation away from the app', () => {
    expect(isAllowedNavigation('app://kalkan/index.html#/court')).toBe(true);
    expect(isAllowedNavigation('https://example.org/')).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd')).toBe(false);
  });

  it('maps app:// paths inside the renderer folder only', () => {
    expect(resolveAppPath('app://kalkan/')).toBe('index.html');
    expect(resolveAppPath('app://kalkan/assets/index.js')).toBe('assets/index.js');
    expect(resolveAppPath('app://kalkan/../../etc/passwd')).toBe('etc/passwd'); // URL parsing already collapses ..
    expect(resolveAppPath('app://kalkan/assets/%2e%2e/%2e%2e/secret')).toBe('secret'); // so does the URL parser for %2e
    expect(resolveAppPath('app://kalkan/a%2F..%2F..%2Fsecret')).toBeNull();
    expect(resolveAppPath('app://kalkan/a%5Cb')).toBeNull();
    expect(resolveAppPath('app://other/index.html')).toBeNull();
  });

  it('grants no web permission and sends a CSP without inline script or eval', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) expect(isPermissionAllowed(p)).toBe(false);
    expect(CSP_HEADER).toContain("script-src 'self';");
    expect(CSP_HEADER).toContain("frame-ancestors 'none'");
    expect(CSP_HEADER).not.toMatch(/unsafe-eval|unsafe-inline/);
  });

  it('has the CSP in one place: the header extends the meta policy the build writes into index.html', () => {
    expect(CSP_HEADER).toBe(`${CSP_META}; frame-ancestors 'none'`);
    const source = readFileSync(join(__dirname, '../../renderer/index.html'), 'utf8');
    expect(source).not.toContain('sha256-');
    const built = (cspMeta().transformIndexHtml as (html: string) => string)(source);
    expect(built).toContain(`<meta http-equiv="Content-Security-Policy" content="${CSP_META}" />`);
    expect(built).not.toContain(CSP_PLACEHOLDER);
    expect(() => (cspMeta().transformIndexHtml as (html: string) => string)('<html></html>')).toThrow();
  });
});
