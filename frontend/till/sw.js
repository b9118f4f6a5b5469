// The till's service worker: keeps the app shell in the Cache API so the till opens with no
// network once it has been opened once. The device API is never cached: sync goes to the network.
// A new version of this file (VERSION) fetches the whole shell afresh, past the HTTP cache.
const VERSION = 'till-web-1.2.0';
const CACHE = 'tillsync-shell-' + VERSION;
const SHELL = ['./', './index.html', './app.css', './app.js', './db.js', './crypto.js', './money.js', './sales.js',
  './sync.js', './events.js', './connection.js', './i18n.js', './words-en.js', './words-id.js', './dom.js', './setup.js',
  './receipt.js', './outcomes.js', './version.js', './manifest.json', './icon.svg'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL.map((url) => new Request(url, { cache: 'reload' })))).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('tillsync-shell-') && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  const scope = new URL(self.registration.scope);
  if (request.method !== 'GET' || url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  // Stale-while-revalidate: the cached shell answers at once (also offline); a fresh copy is
  // fetched behind it, so a deployed change is in use from the next start even without a new
  // VERSION here. Navigations inside the scope all open the till's index.html.
  const key = request.mode === 'navigate' ? './index.html' : request;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const cached = await cache.match(key, { ignoreSearch: true });
    const fresh = fetch(request).then((response) => {
      if (response.ok && response.type === 'basic') return cache.put(key, response.clone()).then(() => response);
      return response;
    }).catch(() => null);
    if (cached) {
      event.waitUntil(fresh);
      return cached;
    }
    return (await fresh) || Response.error();
  })());
});
