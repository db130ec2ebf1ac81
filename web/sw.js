/* global self, caches, fetch, Response */
/**
 * Custodia's service worker, so that the app opens with no network (an officer's tablet on a
 * round reloads the rounds page in a dead spot; its checks wait on the device and go out later).
 * Built by `web/service-worker-plugin.ts`, which writes in the list of built assets and a version.
 *
 * - `/assets/*` (hashed, never change): cache first, all of them kept at install.
 * - Pages (navigations): network first; the shell is kept for when the network is down.
 * - `/api/*` and anything else: not touched, so the API is never answered from a cache.
 */
const ASSETS = self.__PRECACHE__;
const CACHE = `custodia-${self.__VERSION__}`;
const SHELL = '/';

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([SHELL, ...ASSETS]))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  // An older build's cache goes: its shell names assets that this build does not have.
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((k) => k.startsWith('custodia-') && k !== CACHE).map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(
      caches.match(request).then(
        (hit) =>
          hit ??
          fetch(request).then((response) => {
            if (response.ok) {
              const copy = response.clone();
              void caches.open(CACHE).then((cache) => cache.put(request, copy));
            }
            return response;
          }),
      ),
    );
    return;
  }
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request)
        .then((response) => {
          // Every page path is the same shell; keep the newest under one key.
          if (response.ok && (response.headers.get('content-type') ?? '').includes('text/html')) {
            const copy = response.clone();
            void caches.open(CACHE).then((cache) => cache.put(SHELL, copy));
          }
          return response;
        })
        .catch(() => caches.match(SHELL).then((hit) => hit ?? Response.error())),
    );
  }
});
