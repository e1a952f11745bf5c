/**
 * The app's Content Security Policy, once: index.html's meta tag gets
 * CSP_META at build time (renderer/vite.config.ts replaces %KALKAN_CSP%),
 * and the app:// protocol and the browser harness send CSP_HEADER.
 *
 * Only our own scripts and styles, no inline code, no eval, no remote anything
 * (React sets style props through the CSSOM, which style-src does not restrict).
 * The one hash allows React Aria's fixed touch-action rule
 * (react-aria-pressable-style); if React Aria changes it, the e2e console-error
 * check fails and the hash must be updated here from the error text.
 */
export const CSP_STYLE_HASH = "'sha256-38RhXrc7EdReTKsOm23ZPOCUgniTUUcjky8QOOrQx6o='";

/** The policy as a meta tag can carry it. */
export const CSP_META =
  `default-src 'self'; script-src 'self'; style-src 'self' ${CSP_STYLE_HASH}; ` +
  "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; " +
  "form-action 'none'; frame-src 'self' blob:";

/** The header adds frame-ancestors, which only works as a header. */
export const CSP_HEADER = `${CSP_META}; frame-ancestors 'none'`;

/** The placeholder in renderer/index.html that the build replaces with CSP_META. */
export const CSP_PLACEHOLDER = '%KALKAN_CSP%';
