// article-widget reader: the service worker (a plain classic script).
//
// What it does, and why (docs/reader.md has the full story):
// - install: precaches the app shell (index.html, the hashed JS/wasm/CSS Trunk
//   produced, the manifest, the icons, the embed, the feed) into `aw-shell-<BUILD>`;
// - activate: deletes every `aw-shell-*` cache of other builds, so an old
//   shell can never be mixed with new wasm, and claims the open pages;
// - fetch: navigations get the cached index.html (the reader routes with the
//   query string, so every page is that one document); shell files are
//   cache-first (their names carry content hashes); article JSON is
//   stale-while-revalidate; images are cache-first; both runtime caches are
//   capped and evict the least recently read entry;
// - messages: `skip-waiting` (the reader's "reload for the new version"),
//   `save` / `unsave` an article with its images for offline reading.
//
// Every piece of state lives in the Cache API (read times are a header on each
// cached response), never only in globals: the browser stops idle workers and
// a restarted worker does not run `install` again.
//
// URLs are resolved against the registration scope, so the site can live under
// any sub-path.
'use strict';

// The next line is rewritten by `cargo xtask build` (xtask/src/pwa.rs) and by
// `article-widget site --reader` with the build's version hash, the publication's
// feed (as its reader brand names it) and the files to precache, all relative
// to this worker (src/brand.rs writes it). Keep it one line.
/* @aw-precache */ const BUILD = 'dev', FEED = null, PRECACHE = ['./', 'manifest.webmanifest'];

const SHELL_PREFIX = 'aw-shell-';
const SHELL = SHELL_PREFIX + BUILD;
const ARTICLES = 'aw-articles-v1';
const IMAGES = 'aw-images-v1';
const SAVED = 'aw-saved-v1';
/** Most article documents kept by the runtime cache (saved ones do not count). */
const MAX_ARTICLES = 30;
/** Most images kept by the runtime cache. */
const MAX_IMAGES = 120;
/** Header holding the time (ms since the epoch) an entry was last read. */
const READ_AT = 'x-aw-read-at';
const TITLE = 'x-aw-title';
const SAVED_IMAGES = 'x-aw-images';

const inScope = (url) => url.href.startsWith(self.registration.scope);
const scoped = (path) => new URL(path, self.registration.scope).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(SHELL).then((cache) =>
      cache.addAll(PRECACHE.map((path) => new Request(scoped(path), { cache: 'reload' })))
    )
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names
          .filter((name) => name.startsWith(SHELL_PREFIX) && name !== SHELL)
          .map((name) => caches.delete(name))
      );
      await self.clients.claim();
    })()
  );
});

self.addEventListener('message', (event) => {
  const data = event.data || {};
  const reply = (message) => event.source && event.source.postMessage(message);
  if (data.type === 'skip-waiting') {
    self.skipWaiting();
  } else if (data.type === 'save' && typeof data.url === 'string') {
    event.waitUntil(
      save(data.url, String(data.title || ''))
        .then((images) => reply({ type: 'saved', url: data.url, ok: true, images }))
        .catch((e) => reply({ type: 'saved', url: data.url, ok: false, error: String(e) }))
    );
  } else if (data.type === 'unsave' && typeof data.url === 'string') {
    event.waitUntil(unsave(data.url).then(() => reply({ type: 'unsaved', url: data.url })));
  } else if (data.type === 'version') {
    reply({ type: 'version', build: BUILD });
  }
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (request.mode === 'navigate') {
    if (inScope(url) && isAppPath(url)) event.respondWith(navigation(event));
    return;
  }
  // The feed and the embed may live beside the reader's scope (a publication
  // puts its reader in `reader/` and its feed at the root): same origin suffices.
  if (url.origin === self.location.origin && FEED && url.href === scoped(FEED)) {
    event.respondWith(feed(event));
  } else if (url.origin === self.location.origin && isShellFile(url)) {
    event.respondWith(shellFile(request));
  } else if (url.pathname.endsWith('.json')) {
    event.respondWith(article(event));
  } else if (request.destination === 'image') {
    event.respondWith(image(event));
  }
});

/** Extension-less paths and `index.html` are reader pages (query routing). */
function isAppPath(url) {
  const last = url.pathname.split('/').pop();
  return last === '' || last === 'index.html' || !last.includes('.');
}

function isShellFile(url) {
  const href = url.origin + url.pathname;
  return PRECACHE.some((path) => scoped(path) === href);
}

/** The cached index.html of this build, or the network when it is missing. */
async function navigation(event) {
  const cache = await caches.open(SHELL);
  const cached = await cache.match(scoped('./'));
  if (cached) return cached;
  try {
    return await network(event.request);
  } catch (e) {
    return new Response('Offline: the reader is not cached yet.', {
      status: 503,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
}

/** Cache-first: shell file names carry content hashes. */
async function shellFile(request) {
  const cached = await caches.match(request, { cacheName: SHELL, ignoreSearch: true });
  return cached || network(request);
}

/** The feed: stale-while-revalidate inside the shell cache. */
async function feed(event) {
  const cache = await caches.open(SHELL);
  const key = scoped(FEED);
  const cached = await cache.match(key);
  const fresh = network(event.request).then(async (response) => {
    if (response.ok) await cache.put(key, response.clone());
    return response;
  });
  if (cached) {
    event.waitUntil(fresh.catch(() => undefined));
    return cached;
  }
  return fresh;
}

/** Article JSON: stale-while-revalidate, recording the read time. */
async function article(event) {
  const request = event.request;
  const key = request.url;
  const saved = await caches.open(SAVED).then((c) => c.match(key));
  const cache = await caches.open(ARTICLES);
  const cached = await cache.match(key);
  const fresh = network(request).then(async (response) => {
    if (response.ok) {
      await cache.put(key, await stamped(response.clone()));
      await trim(ARTICLES, MAX_ARTICLES);
    }
    return response;
  });
  const stale = cached || saved;
  if (stale) {
    event.waitUntil(
      Promise.all([fresh.catch(() => undefined), cached ? touch(ARTICLES, key, cached) : null])
    );
    return stale;
  }
  return fresh;
}

/** Images: cache-first (saved copies too), runtime copies capped. */
async function image(event) {
  const request = event.request;
  const key = request.url;
  const saved = await caches.open(SAVED).then((c) => c.match(key));
  if (saved) return saved;
  const cache = await caches.open(IMAGES);
  const cached = await cache.match(key);
  if (cached) {
    event.waitUntil(touch(IMAGES, key, cached));
    return cached;
  }
  const response = await network(request);
  if (response.ok || response.type === 'opaque') {
    event.waitUntil(
      stamped(response.clone())
        .then((copy) => cache.put(key, copy))
        .then(() => trim(IMAGES, MAX_IMAGES))
        .catch(() => undefined)
    );
  }
  return response;
}

/** fetch(), telling the open pages whether the network answered. */
async function network(request) {
  try {
    const response = await fetch(request);
    tell({ type: 'network', online: true });
    return response;
  } catch (e) {
    tell({ type: 'network', online: false });
    throw e;
  }
}

async function tell(message) {
  const clients = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const client of clients) client.postMessage(message);
}

/** A copy of `response` with the read-time header set to now. */
async function stamped(response, extra) {
  if (response.type === 'opaque') return response;
  const headers = new Headers(response.headers);
  headers.set(READ_AT, String(Date.now()));
  for (const [name, value] of Object.entries(extra || {})) headers.set(name, value);
  return new Response(await response.blob(), {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}

/** Records that a cached entry was read now. */
async function touch(cacheName, key, cached) {
  const cache = await caches.open(cacheName);
  await cache.put(key, await stamped(cached.clone()));
}

/** Deletes the least recently read entries beyond `max`. */
async function trim(cacheName, max) {
  const cache = await caches.open(cacheName);
  const keys = await cache.keys();
  if (keys.length <= max) return;
  const entries = await Promise.all(
    keys.map(async (request) => {
      const response = await cache.match(request);
      const read = Number((response && response.headers.get(READ_AT)) || 0);
      return { request, read };
    })
  );
  entries.sort((a, b) => a.read - b.read);
  await Promise.all(entries.slice(0, entries.length - max).map((e) => cache.delete(e.request)));
}

/** Saves an article document and the images it names into the saved cache. */
async function save(url, title) {
  const cache = await caches.open(SAVED);
  const response =
    (await caches.match(url, { cacheName: ARTICLES })) || (await fetch(url, { cache: 'no-cache' }));
  if (!response.ok) throw new Error('HTTP ' + response.status);
  const text = await response.clone().text();
  const images = imageUrls(JSON.parse(text), url);
  let stored = 0;
  for (const src of images) {
    try {
      const cached = await caches.match(src);
      const copy = cached || (await fetch(src, sameOrigin(src) ? {} : { mode: 'no-cors' }));
      if (copy.ok || copy.type === 'opaque') {
        await cache.put(src, copy);
        stored += 1;
      }
    } catch (e) {
      // An image that cannot be fetched now is left out; the text still reads offline.
    }
  }
  await cache.put(
    url,
    await stamped(response, {
      [TITLE]: encodeURIComponent(title),
      [SAVED_IMAGES]: encodeURIComponent(JSON.stringify(images)),
    })
  );
  return stored;
}

/** Removes a saved article and the images saved with it. */
async function unsave(url) {
  const cache = await caches.open(SAVED);
  const response = await cache.match(url);
  let images = [];
  try {
    images = JSON.parse(decodeURIComponent((response && response.headers.get(SAVED_IMAGES)) || '[]'));
  } catch (e) {
    images = [];
  }
  await Promise.all(images.map((src) => cache.delete(src)));
  await cache.delete(url);
}

function sameOrigin(href) {
  return new URL(href).origin === self.location.origin;
}

/** Every `src` of an image object in an article document, resolved. */
function imageUrls(doc, base) {
  const found = new Set();
  const walk = (value, depth) => {
    if (depth > 32 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      value.forEach((v) => walk(v, depth + 1));
      return;
    }
    if (typeof value.src === 'string') {
      try {
        const resolved = new URL(value.src, base);
        if (resolved.protocol === 'http:' || resolved.protocol === 'https:') found.add(resolved.href);
      } catch (e) {
        // Not a URL: the widget drops it too.
      }
    }
    Object.values(value).forEach((v) => walk(v, depth + 1));
  };
  walk(doc, 0);
  return [...found].slice(0, 200);
}
