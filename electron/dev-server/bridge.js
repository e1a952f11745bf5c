// @ts-check
/**
 * The browser harness's stand-in for the Electron preload: the same
 * `window.kalkan` shape, over fetch to the dev server. The per-run token comes
 * in the URL fragment (never sent to a server, unreadable by other origins),
 * is kept in sessionStorage and removed from the address bar.
 */
(() => {
  const KEY = 'kalkan.devToken';
  const match = /[#&]token=([A-Za-z0-9_-]+)/.exec(location.hash);
  if (match && match[1]) {
    sessionStorage.setItem(KEY, match[1]);
    history.replaceState(null, '', location.pathname + location.search + location.hash.replace(/[#&]?token=[A-Za-z0-9_-]+/, '') || '#/');
  }
  const token = sessionStorage.getItem(KEY) ?? '';

  /** @type {Map<string, Set<(payload: unknown) => void>>} */
  const listeners = new Map();
  /** @type {EventSource | null} */
  let source = null;

  function ensureEvents() {
    if (source) return;
    source = new EventSource(`./__kalkan/events?token=${encodeURIComponent(token)}`);
    source.onmessage = (message) => {
      const { event, payload } = JSON.parse(message.data);
      for (const listener of listeners.get(event) ?? []) listener(payload);
    };
  }

  /** @type {import('../../shared/api/client').KalkanBridge} */
  const kalkan = {
    async invoke(method, input) {
      const response = await fetch('./__kalkan/api', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ method, input }),
      });
      return response.json();
    },
    on(event, listener) {
      ensureEvents();
      const set = listeners.get(event) ?? new Set();
      set.add(/** @type {(payload: unknown) => void} */ (listener));
      listeners.set(event, set);
      return () => set.delete(/** @type {(payload: unknown) => void} */ (listener));
    },
  };
  Object.defineProperty(window, 'kalkan', { value: Object.freeze(kalkan), writable: false });
})();
