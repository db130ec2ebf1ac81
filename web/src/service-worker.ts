/**
 * Registers `/sw.js` (see web/sw.js) in built apps only: the Vite dev server serves modules that
 * must not be cached. A browser without service workers simply needs the network.
 */
export function registerServiceWorker(): void {
  // The mode, not PROD: PROD follows NODE_ENV, which is `test` when the browser tests build the app.
  if (import.meta.env.MODE !== 'production' || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);
  });
}
