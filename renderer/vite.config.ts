/**
 * The renderer's build, used by electron-vite (for the app) and on its own by
 * `npm run build:web` (for the browser harness the tests drive).
 */
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import { CSP_META, CSP_PLACEHOLDER } from '../shared/security/csp';

/** index.html's CSP meta tag from the one definition in shared/security/csp.ts. */
export function cspMeta(): Plugin {
  return {
    name: 'kalkan-csp',
    transformIndexHtml(html) {
      if (!html.includes(CSP_PLACEHOLDER)) throw new Error(`renderer/index.html lacks ${CSP_PLACEHOLDER}`);
      return html.replace(CSP_PLACEHOLDER, CSP_META);
    },
  };
}

const root = fileURLToPath(new URL('.', import.meta.url));

export const rendererConfig: UserConfig = {
  root,
  base: './',
  plugins: [react(), cspMeta()],
  build: {
    outDir: fileURLToPath(new URL('../out/renderer', import.meta.url)),
    emptyOutDir: true,
    // No inlined assets: the CSP keeps data: for images and fonts only, and files are easier to audit.
    assetsInlineLimit: 0,
    sourcemap: false,
    target: 'chrome130',
  },
};

export default defineConfig(rendererConfig);
