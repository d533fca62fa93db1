// article-widget embed loader (v1). Load once per page:
//   <script type="module" src="https://WIDGET-ORIGIN/embed/v1/embed.js"></script>
// It defines <article-widget src lang theme share heading timeout keep-copy
// video-hosts> and
// exports `mount`. Documented in docs/embedding.md, with the events the
// element dispatches. The only global name it adds is the custom element
// name `article-widget`.
//
// The work is split in two. The wasm engine (engine/, Rust) checks the
// article and renders every piece of markup as an escaped HTML string; this
// file owns the DOM: it fetches, inserts the engine's strings into each
// widget's shadow root, appends long bodies chunk by chunk, makes the QR
// codes when the page is idle and handles the clicks. No article data is
// ever put into the page except through the engine's escaped markup.

// The wasm-bindgen glue of the engine, written next to this file by
// `cargo xtask build`, which bundles both (and ./rules.js, ./shared.js) into one script,
// so the page fetches one script, not three.
import __wbg_init, { Widget } from './article_widget.js';
import { firstPhoto, isJsonType } from './rules.js';
import { needsRich } from './rich.js';
// Constants and event names defined in Rust (src/embed/shared.rs):
// `cargo xtask build` writes this module and bundles it in too.
import {
  EVENT_FAILED, EVENT_LOADED, EVENT_NAVIGATE, EVENT_SHARE, EVENT_TEXT_SIZE,
  FETCH_TIMEOUT_S, LAST_GOOD_CACHE, LAST_GOOD_MAX_BYTES, LAST_GOOD_MAX_COPIES, MAX_BYTES,
  MAX_TIMEOUT_S, QR_IDLE_TIMEOUT_MS, TEXT_SIZE_KEY,
} from './shared.js';

const WASM_URL = new URL('./article_widget_bg.wasm', import.meta.url);
// The rich engine (lists, tables, videos, galleries…): its module
// (embed/rich-engine.js with its glue) and wasm, written next to this file
// by `cargo xtask build`, fetched only for an article that needs it
// (`needsRich`).
const RICH_URL = new URL('./article_widget_rich.js', import.meta.url);
const CSS_URL = new URL('./widget.css', import.meta.url);
// The longest a QR code waits for other widgets' articles still arriving.
const QR_WAIT_MS = 3000;
const PNG_SCALE = 8;
const YIELD_BYTES = 256 * 1024; // larger articles paint one task after parsing
// How long a widget whose engine is ready waits for its article before it
// shows the loading state.
const LOADING_DELAY_MS = 200;

// The wasm module and the widget stylesheet: requested once per page, as
// soon as this module runs, in parallel with every widget's article, unless
// the page's widgets are prerendered (see #adopt).
let wasmReady = null;
/** Starts (once) and awaits the wasm engine. */
export function ready() {
  wasmReady ??= __wbg_init({ module_or_path: fetch(WASM_URL) });
  return wasmReady;
}
let sheetReady = null;
function widgetSheet() {
  sheetReady ??= fetch(CSS_URL)
    .then((r) => {
      if (!r.ok) throw new Error(`widget.css: HTTP ${r.status}`);
      return r.text();
    })
    .then((text) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(text);
      return sheet;
    });
  return sheetReady;
}
// A page whose first widget is prerendered (it has a shadow root before
// this module runs) reads without the engine: the engine then waits for an
// idle period (see #adopt), so that neither its download nor its
// compilation competes with the page's first paints. A widget rendered
// here starts both when it loads, in this same task.
const early = !document.querySelector('article-widget')?.shadowRoot;
if (early) ready().catch(() => {}); // reported per widget when it mounts

// The rich engine's Widget class: requested the first time an article
// needs it, then shared by every such widget.
let richReady = null;

/**
 * The engine to show `data` with: the rich engine's Widget class when the
 * article needs it, else the base engine's. If the rich engine cannot be
 * loaded, the base engine shows the article without those blocks.
 */
function engineFor(data) {
  return data.bytes && needsRich(data.bytes)
    ? (richReady ??= import(RICH_URL.href).then((m) => m.default())).catch(() => Widget)
    : Widget;
}
if (early) widgetSheet().catch(() => {});

// Reserved space while a widget loads: at least one viewport tall, so what
// follows the widget is below the fold before and after it settles (no
// layout shift). A page may override it: `article-widget { min-height: 0 }`.
// A final error (404, invalid article, no wasm) gives the space back: a
// one-line message in a screen of blank space helps nobody.
let reserveSheet = null;
function reserve() {
  if (!reserveSheet) {
    reserveSheet = new CSSStyleSheet();
    reserveSheet.replaceSync(':host{display:block;min-height:100vh}');
  }
  return reserveSheet;
}

function adopt(root, sheet) {
  if (!root.adoptedStyleSheets.includes(sheet)) {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }
}

// Pages that enforce Trusted Types can allow the policy `article-widget`.
// Its input is the engine's markup, in which all article data is escaped.
let policy;
function trusted(markup) {
  if (policy === undefined) {
    try {
      policy = globalThis.trustedTypes?.createPolicy('article-widget', {
        createHTML: (s) => s,
      }) ?? null;
    } catch {
      policy = null;
    }
  }
  return policy ? policy.createHTML(markup) : markup;
}

/** The fetch time limit in seconds: the `timeout` option if sane, else the default. */
function timeoutSeconds(value) {
  const seconds = Number(value);
  return Number.isInteger(seconds) && seconds >= 1 && seconds <= MAX_TIMEOUT_S ? seconds : FETCH_TIMEOUT_S;
}

function storedTextSize() {
  try {
    return localStorage.getItem(TEXT_SIZE_KEY) ?? undefined;
  } catch {
    return undefined; // storage blocked (sandboxed iframe, privacy mode)
  }
}

function storeTextSize(value) {
  try {
    localStorage.setItem(TEXT_SIZE_KEY, value);
  } catch {
    // not remembered, still applied
  }
}

// The last good copy of each article: its bytes as they came, kept in the
// Cache API of the page's origin (not localStorage: that is the host page's
// own few megabytes, strings only, read and written on the main thread)
// under its URL, with when it was saved and the base its relative URLs
// resolve against. A copy is shown through the engine like any article,
// under a notice, when a later load fails in a way the network may mend.
// Where the Cache API is missing (an http page), blocked (an opaque origin,
// storage turned off) or full, nothing is kept and nothing else changes.
const SAVED_AT = 'x-aw-saved-at';
const SIZE = 'x-aw-bytes';
const BASE_URL = 'x-aw-base';

/** Keeps `bytes` as the last good copy of the article at `src`, within the bounds. */
async function keepCopy(src, { bytes, base }) {
  try {
    if (bytes.length > LAST_GOOD_MAX_BYTES) return;
    const cache = await caches.open(LAST_GOOD_CACHE);
    await cache.put(src, new Response(bytes, {
      headers: { [SAVED_AT]: Date.now(), [SIZE]: bytes.length, [BASE_URL]: base },
    }));
    // Newest first; past the count or the bytes, the older copies go.
    const copies = await Promise.all((await cache.keys()).map(async (key) => {
      const headers = (await cache.match(key))?.headers;
      return [key, +headers?.get(SAVED_AT), +headers?.get(SIZE)];
    }));
    let bytesKept = 0;
    copies.sort((a, b) => b[1] - a[1]).forEach(([key, , size], i) => {
      bytesKept += size;
      if (i >= LAST_GOOD_MAX_COPIES || bytesKept > LAST_GOOD_MAX_BYTES) cache.delete(key);
    });
  } catch {
    // storage missing, blocked or full: the widget works without
  }
}

/** The last good copy of the article at `src` as `{ bytes, base, saved }`, or null. */
async function keptCopy(src) {
  try {
    const copy = await (await caches.open(LAST_GOOD_CACHE)).match(src);
    return copy && {
      bytes: new Uint8Array(await copy.arrayBuffer()),
      base: copy.headers.get(BASE_URL),
      saved: localTime(+copy.headers.get(SAVED_AT)),
    };
  } catch {
    return null;
  }
}

/** Forgets the copy of an article its server says is gone. */
async function forgetCopy(src) {
  try {
    await (await caches.open(LAST_GOOD_CACHE)).delete(src);
  } catch {
    // nothing kept where there is no storage
  }
}

/** `ms` as RFC 3339 in the reader's time zone, as the engine reads dates. */
function localTime(ms) {
  const offset = -new Date(ms).getTimezoneOffset();
  const pad = (n) => String(n).padStart(2, '0');
  return new Date(ms + offset * 6e4).toISOString().slice(0, 19)
    + (offset < 0 ? '-' : '+') + pad(Math.abs(offset) / 60 | 0) + ':' + pad(Math.abs(offset) % 60);
}

function sleep(ms, signal) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  });
}

/**
 * Runs `task` in an idle period after the page's `load`: storage work (the
 * last good copy) then never competes with the page's first paints (written
 * at once, it cost a phone's warm LCP about 130 ms).
 */
function afterLoad(task) {
  if (document.readyState === 'complete') whenIdle(task);
  else addEventListener('load', () => whenIdle(task), { once: true });
}

function whenIdle(callback) {
  if ('requestIdleCallback' in window) {
    const id = requestIdleCallback(callback, { timeout: QR_IDLE_TIMEOUT_MS });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(callback, 0);
  return () => clearTimeout(id);
}

// Widgets whose articles arrive close together paint in one task: the page
// then lays out once for all of them, instead of once per widget, and the
// layout of one widget no longer delays the delivery of the next widget's
// response (on a page of 20 widgets the responses were all in while the
// paints went on for 150 ms, one heavy layout frame after another). A widget
// waits at most BATCH_WAIT_MS for other articles still in flight; a single
// widget, or the last of a batch, paints at once. The wait counts the page's
// time: a timer that fires late, behind another widget's paint, waits again,
// since the articles that arrived meanwhile are not seen yet (without this,
// one long paint split a batch whose articles came 10 ms apart: 3 runs in
// 15 on a quiet 2-core machine). Within a batch, widgets
// paint one after another until BATCH_BUDGET_MS of work is spent, then the
// rest continue in the next task, so a batch is not one long task.
//
// A widget the reader can see (in the viewport) does not wait for the
// batch: it paints as soon as its article is in, so the first screen of a
// page of many widgets comes as fast as a page of one. Only widgets below
// the fold, which nobody sees paint, wait for each other.
const BATCH_WAIT_MS = 50;
const BATCH_BUDGET_MS = 30;
const BATCH_LATE_MS = 10;
const BATCH_ROUNDS = 8;
let fetchesInFlight = 0;
const paintTurns = [];
let batchTimer = 0;
// host → whether it intersects the viewport; no entry until the observer
// has reported (then the widget's box is measured once, see paintTurn).
const onScreen = new WeakMap();
let viewport;

/** Keeps `onScreen` up to date for `host` (stops with `unwatch`). */
function watch(host) {
  viewport ??= new IntersectionObserver((entries) => {
    for (const e of entries) onScreen.set(e.target, e.isIntersecting);
  });
  viewport.observe(host);
}

function unwatch(host) {
  viewport?.unobserve(host);
  onScreen.delete(host);
}

/** Resolves when the widget in `host` may paint (see above). */
function paintTurn(host) {
  return new Promise((resolve) => {
    // Before the observer's first report (a busy page renders late) the
    // widget's box says it: a visible widget must not wait for a batch.
    let seen = onScreen.get(host);
    if (seen === undefined) {
      const box = host.getBoundingClientRect();
      seen = box.bottom > 0 && box.top < innerHeight;
    }
    if (seen) {
      resolve();
      return;
    }
    paintTurns.push(resolve);
    if (fetchesInFlight === 0) flushPaints();
    else if (!batchTimer) waitForBatch(0);
  });
}

/** Flushes the batch after BATCH_WAIT_MS of the page's time (see above). */
function waitForBatch(round) {
  const due = performance.now() + BATCH_WAIT_MS;
  batchTimer = setTimeout(() => {
    // A timer that fires late found the page busy (painting another widget):
    // articles that came in meanwhile are queued behind it, not yet seen, so
    // the batch waits once more, at most BATCH_ROUNDS times.
    if (performance.now() - due > BATCH_LATE_MS && round < BATCH_ROUNDS) waitForBatch(round + 1);
    else flushPaints();
  }, BATCH_WAIT_MS);
}

function flushPaints() {
  clearTimeout(batchTimer);
  batchTimer = 0;
  const start = performance.now();
  const step = () => {
    if (!paintTurns.length) return;
    if (performance.now() - start > BATCH_BUDGET_MS) {
      batchTimer = setTimeout(flushPaints, 0);
      return;
    }
    paintTurns.shift()();
    // Runs after the widget's own continuation, which paints synchronously.
    queueMicrotask(step);
  };
  step();
}

/**
 * Fetches an article. Resolves to `{ bytes, base }` or `{ error }` with what
 * went wrong in the engine's words (`kind`, `code`, `detail`, `retryAfter`);
 * rejects only when `signal` aborts.
 */
async function fetchArticle(src, signal, seconds) {
  let url;
  try {
    url = new URL(src, document.baseURI);
  } catch {
    return { error: { kind: 'network', detail: `not a URL: ${String(src).slice(0, 80)}` } };
  }
  const timeout = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; timeout.abort(); }, seconds * 1000);
  const abort = () => timeout.abort();
  signal.addEventListener('abort', abort);
  fetchesInFlight += 1;
  try {
    const response = await fetch(url, {
      signal: timeout.signal,
      headers: { Accept: 'application/json' },
    });
    if (!response.ok) {
      const retryAfter = response.headers.get('retry-after') ?? undefined;
      return { error: { kind: 'status', code: response.status, retryAfter } };
    }
    const type = response.headers.get('content-type');
    if (!isJsonType(type)) return { error: { kind: 'type', detail: type ?? '' } };
    const length = Number(response.headers.get('content-length'));
    if (length > MAX_BYTES) {
      timeout.abort();
      return { error: { kind: 'too-large', code: length } };
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { bytes, base: response.url || url.href };
  } catch (error) {
    if (signal.aborted) throw error;
    if (timedOut) return { error: { kind: 'timeout', code: seconds } };
    return { error: { kind: 'network', detail: String(error?.message ?? error) } };
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', abort);
    fetchesInFlight -= 1;
    if (fetchesInFlight === 0 && paintTurns.length) flushPaints();
  }
}

// The first photo near the top of an article (`firstPhoto`, the engine's
// rule for the photo it loads eagerly) is usually the largest paint of a
// widget in the first screen. Asked for as soon as the article is in, while
// the engine may still be compiling, it is in the memory cache when the
// markup is inserted and paints with the text instead of a frame or a round
// trip later, as a static page's photo does (found by the preload scanner).
// The photo waits for the wasm download to end (or the engine to be
// ready): on a slow link it must not take bandwidth from the engine,
// without which nothing paints. On a fast link that is a few milliseconds.
let wasmDownload = null;
function wasmDownloaded() {
  wasmDownload ??= new Promise((resolve) => {
    ready().then(resolve, resolve);
    try {
      new PerformanceObserver((list, observer) => {
        if (list.getEntries().some((e) => e.name === WASM_URL.href)) {
          observer.disconnect();
          resolve();
        }
      }).observe({ type: 'resource', buffered: true });
    } catch {
      // no resource timing: the engine's readiness resolves it
    }
  });
  return wasmDownload;
}

/** Starts loading the article's first photo (see above) for `host`. */
function prefetchPhoto(data, host) {
  // Not for a large article (a second parse of it would be a long task), nor
  // for a widget known to be below the fold (its photo is lazy).
  if (!data?.bytes || data.bytes.length > YIELD_BYTES || onScreen.get(host) === false) return;
  const src = firstPhoto(data.bytes, data.base);
  if (!src) return;
  wasmDownloaded().then(() => {
    const image = new Image();
    image.referrerPolicy = 'no-referrer'; // as the engine's <img>
    image.src = src;
  });
}

/** The page's options as the engine takes them: strings or undefined. */
function normalise(options) {
  const text = (v) => (v == null ? undefined : String(v));
  let json = options.json;
  if (json != null && typeof json !== 'string') json = JSON.stringify(json);
  const share = Array.isArray(options.share) ? options.share.join(',') : text(options.share);
  return {
    src: text(options.src),
    json: json == null || json.trim() === '' ? undefined : json,
    base: text(options.base),
    lang: text(options.lang),
    theme: text(options.theme),
    share,
    heading: text(options.heading),
    timeout: text(options.timeout),
    // `keep-copy="off"` (or `keepCopy: false`) keeps no copy and shows none.
    keepCopy: ![false, 'off'].includes(options.keepCopy ?? options['keep-copy']),
    videoHosts: text(options.videoHosts ?? options['video-hosts']), // an array joins with commas
  };
}

let nextId = 0;

// A prerendered widget (`article-widget render`, docs/publishing.md) holds a
// declarative shadow root whose container carries the engine's id prefix and
// the fingerprint of the article at rest (src/embed/prerender.rs).
const PRERENDERED = '.aw-embed[data-fingerprint]';

/** The prerendered container among `root`'s children, or null. */
function prerenderedIn(root) {
  return [...root.children].find((child) => child.matches(PRERENDERED)) ?? null;
}

/** One widget in one element's shadow root. */
class Controller {
  #host;
  #root;
  #container;
  #options = {};
  #widget = null; // the engine's Widget for what is shown
  #run = null; // AbortController of the current load and its retries
  #cancels = new Set(); // pending chunk/QR callbacks of what is shown
  #ids = `aw${++nextId}`;
  #retries = 0;
  #prerendered = null; // a prerendered container not adopted yet
  #chunked = null; // the widget whose body comes in chunks (not a prerendered one)

  constructor(element) {
    this.#host = element;
    this.#root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
    this.#prerendered = prerenderedIn(this.#root);
    if (this.#prerendered) {
      // Its article is in place: no space to reserve, nothing to create.
      this.#container = this.#prerendered;
      this.#ids = this.#prerendered.dataset.ids || this.#ids;
    } else {
      adopt(this.#root, reserve());
      this.#container = document.createElement('div');
      this.#container.className = 'aw-embed';
    }
    this.#container.addEventListener('click', (event) => this.#click(event));
    // Space on a video's facade plays it, as Enter (a click) does.
    this.#container.addEventListener('keydown', (e) => e.key === ' '
      && this.#widget?.play?.(e, e.target, trusted));
  }

  /** Shows the article the options name (fetching `src` unless `json`). */
  async load(options) {
    const before = this.#options;
    this.#stop();
    watch(this.#host); // again after a reconnect: unmount stops watching
    this.#options = normalise(options);
    this.#retries = 0;
    const run = new AbortController();
    this.#run = run;
    const o = this.#options;
    // An article on screen stays while the same one is asked for again (a
    // retry, a last good copy); anything else (nothing yet, an error, another
    // article) gives way to the loading state when the article is slow.
    const same = o.src === before.src && o.json === before.json;
    let stays = this.#widget?.ok && same;
    // Another article after a final error: its space is reserved again, so
    // that what follows the widget does not move when it comes.
    if (!same && this.#host.dataset.state === 'failed') {
      adopt(this.#root, reserve());
      this.#host.removeAttribute('data-state');
    }
    let saved = null; // when the last good copy on screen was saved
    let data = null;
    if (o.json !== undefined) {
      data = { bytes: new TextEncoder().encode(o.json), base: o.base ?? this.#srcUrl() };
    } else if (!o.src || !o.src.trim()) {
      data = { error: { kind: 'none' } };
    }
    const seconds = timeoutSeconds(o.timeout);
    const request = () => fetchArticle(o.src, run.signal, seconds).catch(() => null);
    if (this.#prerendered) {
      this.#adopt(run, data, request);
      return;
    }
    let fetching = data ? null : request();
    if (fetching) fetching.then((d) => run.signal.aborted || prefetchPhoto(d, this.#host));
    else prefetchPhoto(data, this.#host);
    try {
      const [sheet] = await Promise.all([widgetSheet(), ready()]);
      if (run.signal.aborted) return;
      adopt(this.#root, sheet);
      if (!this.#container.isConnected) this.#root.append(this.#container);
    } catch (error) {
      if (!run.signal.aborted) this.#fail(error);
      return;
    }
    for (;;) {
      if (!data) {
        // The loading state only when the article is slow to come: a
        // placeholder shown for a few milliseconds is a flash, and on a
        // page of many widgets it costs a render and a layout of each.
        const loading = stays ? 0 : setTimeout(() => {
          if (!run.signal.aborted) this.#showLoading();
        }, LOADING_DELAY_MS);
        data = await fetching;
        clearTimeout(loading);
        if (run.signal.aborted || !data) return;
      }
      const e = data.error;
      // A last good copy on screen that an automatic retry's failure leaves
      // standing stays as it is: a new render would cut a long article back
      // to its first chunk under a reader scrolled far down it.
      const again = saved && e && this.#widget.kept(saved, e.kind, e.code ?? 0, e.detail ?? '', e.retryAfter);
      let delay = -1;
      try {
        if (!again) {
          if (e && o.keepCopy && o.src) {
            // The last good copy, if any, for the engine to show (see #create).
            const copy = await keptCopy(this.#srcUrl());
            if (run.signal.aborted) return;
            if (copy) data = { ...copy, error: e };
          }
          const engine = await engineFor(data);
          if (run.signal.aborted) return;
          await paintTurn(this.#host);
          if (run.signal.aborted) return;
          // A large article is parsed in one task and painted in the next, so
          // neither makes one long task of the host page's main thread. The
          // loading state shows meanwhile: the frame between the two tasks
          // then also computes the widget's styles, which would otherwise
          // add to the paint task (a 1 MB article's longest task at 4x: 64
          // instead of 96-138 ms).
          const large = data.bytes?.length > YIELD_BYTES;
          if (large && !this.#widget) this.#showLoading();
          this.#create(data, engine);
          if (large) {
            await sleep(0, run.signal);
            if (run.signal.aborted) return;
          }
        }
        if (e) delay = this.#widget.retry_delay(this.#retries, Math.random());
        if (again && delay > 0) this.#tick(delay);
        else this.#render(Math.max(delay, 0));
      } catch (error) {
        // A bug in the engine must still leave words, not a blank box.
        this.#fail(error);
        return;
      }
      const widget = this.#widget;
      this.#announce(data, delay, again);
      if (delay < 0) {
        // A final error needs no reserved viewport: no article is coming.
        if (!widget.ok) this.#release();
        return;
      }
      for (let s = delay; s > 0;) {
        await sleep(1000, run.signal);
        if (run.signal.aborted) return;
        if (--s) this.#tick(s);
      }
      this.#retries += 1;
      stays = widget.ok;
      if (!again) saved = e && widget.ok && data.saved;
      data = null;
      fetching = request();
    }
  }

  /**
   * A prerendered widget: once the engine and the article are in, the
   * prerendered nodes stay if the article is the same (equal fingerprints)
   * and only behaviour is attached; if it changed, the widget renders once.
   * Until then, and when the article or the engine cannot be loaded, the
   * prerendered article stays as it is (it reads without script).
   */
  async #adopt(run, data, request) {
    const container = this.#prerendered;
    this.#prerendered = null;
    let engine;
    // Whatever stops the adoption leaves the prerendered article as it is.
    const kept = (why) => console.warn('article-widget: prerendered article kept as it is:', why);
    try {
      // The article is already there to read: fetching and checking it
      // (parse and fingerprint), and the engine, wait for an idle period,
      // so that they never delay the page's first paints (on a page of 20
      // prerendered widgets, their requests and the engine's compilation
      // came before the frame that showed the last of them; from the cache,
      // the check made a long task ahead of the first frame).
      await new Promise(whenIdle);
      if (run.signal.aborted) return;
      [data] = await Promise.all([data ?? request(), ready()]);
      engine = await engineFor(data);
    } catch (error) {
      if (!run.signal.aborted) kept(error);
      return;
    }
    if (run.signal.aborted) return;
    if (!data || data.error) {
      kept(data?.error);
      return;
    }
    try {
      this.#create(data, engine);
      if (!this.#widget.ok) {
        kept('its source is not a valid article');
        return;
      }
      if (this.#widget.fingerprint() === container.dataset.fingerprint) {
        this.#attach(this.#widget);
      } else {
        // The article was updated since it was prerendered.
        widgetSheet().then((sheet) => adopt(this.#root, sheet), () => {});
        this.#render(0);
      }
      this.#announce(data, -1);
    } catch (error) {
      this.#fail(error);
    }
  }

  /** Behaviour for prerendered nodes the widget keeps (see #adopt). */
  #attach(widget) {
    this.#host.removeAttribute('data-state');
    const size = storedTextSize();
    if (size !== undefined) {
      this.#syncTextSize(size);
      this.#applyTextSize(size);
    }
    this.#nativeShare(widget);
    this.#qrCodes(widget);
  }

  /** New options: a new article loads; otherwise the same one re-renders. */
  update(options) {
    const next = normalise(options ?? {});
    const o = this.#options;
    if (next.src !== o.src || next.json !== o.json || !this.#widget) {
      this.load(options);
      return;
    }
    this.#options = next;
    this.#widget.configure(next.lang, next.theme, next.share, next.heading, next.videoHosts);
    this.#warnUnknown();
    this.#render(0);
  }

  /** Stops everything and removes the widget's content. Idempotent. */
  unmount() {
    this.#stop();
    unwatch(this.#host);
    this.#widget?.free();
    this.#widget = null;
    // Emptied too: if the element is added again, the old article must not
    // show while the new load has not painted yet.
    this.#container.replaceChildren();
    this.#container.remove();
  }

  #srcUrl() {
    try {
      return this.#options.src ? new URL(this.#options.src, document.baseURI).href : document.baseURI;
    } catch {
      return document.baseURI;
    }
  }

  #stop() {
    this.#run?.abort();
    this.#run = null;
    this.#clearPending();
  }

  #clearPending() {
    for (const cancel of this.#cancels) cancel();
    this.#cancels.clear();
  }

  /**
   * The engine's widget for `data`: an article (`bytes`), a failure
   * (`error`), or both for a last good copy (`saved`). The copy stands in
   * only for a failure the network may mend; for any other (a 404, say) the
   * error shows, and a server saying the article is gone takes its copy
   * away, as it does a copy the engine no longer accepts. `engine` is the
   * Widget class that shows an article (see `engineFor`).
   */
  #create(data, engine = Widget) {
    const o = this.#options;
    const e = data.error;
    this.#clearPending();
    this.#widget?.free();
    let w = data.bytes && new engine(data.bytes, data.base, this.#ids, o.lang, o.theme, o.share, o.heading, o.videoHosts);
    if (w && e && !(w.ok && w.kept(data.saved, e.kind, e.code ?? 0, e.detail ?? '', e.retryAfter))) {
      w.free();
      w = null;
      if (e.kind === 'status') forgetCopy(this.#srcUrl());
    }
    this.#widget = w || Widget.failed(e.kind, e.code ?? 0, e.detail ?? '',
      e.retryAfter, this.#ids, o.lang, o.theme, o.share, o.heading);
    this.#warnUnknown();
  }

  /** Dispatches `name` on the element; false when a listener cancelled it. */
  #emit(name, detail, cancelable = false) {
    return this.#host.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable }));
  }

  /**
   * Tells the page what the load came to: a failure, an article shown (the
   * last good copy after a failure: both; `again` when that copy was shown
   * already), and keeps a fresh article as the last good copy.
   */
  #announce(data, delay, again) {
    const w = this.#widget;
    const o = this.#options;
    // The loader's own word for a failed fetch; a document the engine
    // refused is `invalid`.
    const e = data.error ?? (w.ok ? null : { kind: 'invalid' });
    if (e) {
      this.#emit(EVENT_FAILED, {
        kind: e.kind, status: e.kind === 'status' ? e.code : null, retryIn: delay >= 0 ? delay : null,
      });
    }
    if (!w.ok || again) return;
    const src = o.json === undefined ? this.#srcUrl() : null;
    this.#emit(EVENT_LOADED, { title: w.title, url: w.url, src, saved: e ? data.saved : null });
    if (!e && src && o.keepCopy) afterLoad(() => keepCopy(src, data));
  }

  #warnUnknown() {
    const unknown = this.#widget?.unknown_networks;
    if (unknown) console.warn(`article-widget: unknown share networks skipped: ${unknown}`);
  }

  /** The loading state, in place of whatever is shown. */
  #showLoading() {
    const o = this.#options;
    this.#paint(Widget.loading(o.lang, o.theme));
  }

  #paint(markup) {
    this.#clearPending();
    this.#container.innerHTML = trusted(markup);
  }

  /**
   * The countdown's next second, in place: the error box (`role="alert"`)
   * stays the same node, so screen readers announce the error once and then
   * only the polite countdown.
   */
  #tick(seconds) {
    const countdown = this.#container.querySelector('.aw-countdown');
    if (countdown) countdown.textContent = this.#widget.countdown_text(seconds);
    else this.#render(seconds);
  }

  /** Renders what the engine holds, then its later parts. */
  #render(countdown) {
    const widget = this.#widget;
    const size = storedTextSize();
    this.#paint(widget.html(size, countdown));
    if (!widget.ok) return;
    // The first photo near the top loads with the page (it is often the
    // largest paint), but not in a widget known to be below the fold: there
    // the browser fetches it when the reader scrolls near. On a page of 20
    // widgets that is one or two photos at load instead of 20.
    if (onScreen.get(this.#host) === false) {
      for (const img of this.#container.querySelectorAll('img[loading="eager"]')) img.loading = 'lazy';
    }
    this.#host.removeAttribute('data-state');
    this.#applyTextSize(size);
    // The footer (author, source, share tools, QR codes, related) follows
    // the first paint, which then holds only what a reader sees first.
    const frame = requestAnimationFrame(() => {
      this.#cancels.delete(cancelFrame);
      const id = setTimeout(() => {
        this.#cancels.delete(cancelTask);
        if (widget === this.#widget) this.#rest(widget);
      }, 0);
      const cancelTask = () => clearTimeout(id);
      this.#cancels.add(cancelTask);
    });
    const cancelFrame = () => cancelAnimationFrame(frame);
    this.#cancels.add(cancelFrame);
  }

  /** The footer, the native share button, the rest of the body, the QR codes. */
  #rest(widget) {
    const footer = this.#container.querySelector('.aw-footer');
    if (footer) footer.innerHTML = trusted(widget.footer());
    this.#nativeShare(widget);
    this.#chunks(widget);
    this.#qrCodes(widget);
  }

  /** The native share button, where the browser has one. */
  #nativeShare(widget) {
    if (!('share' in navigator)) return;
    const item = widget.native_share_item();
    const list = this.#container.querySelector('.aw-share-list');
    if (item && list) {
      const before = list.children[widget.native_share_index] ?? null;
      const holder = document.createElement('ul');
      holder.innerHTML = trusted(item);
      if (holder.firstElementChild) list.insertBefore(holder.firstElementChild, before);
    }
  }

  // The rest of a long body, one chunk per task: it lies below the fold.
  #chunks(widget) {
    this.#chunked = widget;
    const body = this.#container.querySelector('.aw-body');
    const step = () => {
      this.#cancels.delete(cancel);
      if (widget !== this.#widget || !body) return;
      const chunk = widget.chunk();
      if (chunk === undefined) return;
      body.insertAdjacentHTML('beforeend', trusted(chunk));
      schedule();
    };
    let cancel;
    const schedule = () => {
      const id = setTimeout(step, 0);
      cancel = () => clearTimeout(id);
      this.#cancels.add(cancel);
    };
    schedule();
  }

  // QR codes after the first paint, one per idle period: encoding costs
  // 10–25 ms on a phone and must never delay any widget's text.
  #qrCodes(widget) {
    const count = widget.qr_count;
    const waitUntil = performance.now() + QR_WAIT_MS;
    const next = (index) => {
      if (index >= count) return;
      const frame = requestAnimationFrame(() => {
        this.#cancels.delete(cancelFrame);
        const cancelIdle = whenIdle(() => {
          this.#cancels.delete(cancelIdle);
          if (widget !== this.#widget) return;
          // Other widgets' first paints come first: while articles are still
          // arriving, the QR code waits (at most QR_WAIT_MS).
          if ((fetchesInFlight > 0 || paintTurns.length) && performance.now() < waitUntil) {
            next(index);
            return;
          }
          this.#drawQr(widget, index);
          next(index + 1);
        });
        this.#cancels.add(cancelIdle);
      });
      const cancelFrame = () => cancelAnimationFrame(frame);
      this.#cancels.add(cancelFrame);
    };
    next(0);
  }

  /** QR code `index` in place of its pending box, with its downloads (once). */
  #drawQr(widget, index) {
    const figure = this.#container.querySelectorAll('figure.aw-qr')[index];
    // A prerendered code is drawn already, its downloads held by buttons
    // without the SVG link (the code again, as a data: URL:
    // src/embed/prerender.rs), which the real ones replace in their room.
    if (!figure || figure.querySelector('.aw-qr-downloads a')) return;
    const pending = figure.querySelector('.aw-qr-pending');
    const code = widget.qr(index);
    if (pending) pending.outerHTML = trusted(code);
    const downloads = widget.qr_downloads(index);
    const held = figure.querySelector('.aw-qr-downloads');
    if (held) held.outerHTML = trusted(downloads);
    else if (downloads) figure.querySelector('figcaption')?.insertAdjacentHTML('afterend', trusted(downloads));
  }

  /**
   * Print: the whole article first (the footer, the rest of a long body,
   * every QR code, which otherwise come later), then the article alone
   * (`print.js`).
   */
  #print(widget) {
    const footer = this.#container.querySelector('.aw-footer');
    if (footer && !footer.firstElementChild) this.#rest(widget);
    const body = this.#container.querySelector('.aw-body');
    while (body && this.#chunked === widget) {
      const chunk = widget.chunk();
      if (chunk === undefined) break;
      body.insertAdjacentHTML('beforeend', trusted(chunk));
    }
    for (let i = 0; i < widget.qr_count; i++) this.#drawQr(widget, i);
    // Print's code is a module of its own, fetched on the first Print
    // (precached by the reader's service worker, like this file).
    import('./print.js').then((print) => print.printArticle(this.#root, this.#container, widget.title));
  }

  // The scale goes in through the CSSOM, not a `style` attribute: partner
  // pages with a strict CSP (no 'unsafe-inline' styles) block the latter.
  #applyTextSize(size) {
    const article = this.#container.querySelector('.aw-article');
    const [name, value] = Widget.text_size_style(size).split(':');
    if (article && name && value) article.style.setProperty(name, value);
  }

  #click(event) {
    const target = event.target instanceof Element ? event.target : null;
    const widget = this.#widget;
    const link = target?.closest('a[href]');
    // A video's facade: the rich engine puts the player in its place.
    if (widget?.play?.(event, target, trusted)) return;
    if (link && widget && this.#container.contains(link)) {
      this.#follow(event, link, widget);
      return;
    }
    const button = target?.closest('button');
    if (!button || !widget || !this.#container.contains(button)) return;
    if (button.matches('.aw-error .aw-button, .aw-notice .aw-button')) {
      this.load(this.#options);
    } else if (button.matches('.aw-print')) {
      this.#print(widget);
    } else if (button.closest('.aw-textsize')) {
      this.#textSize(button);
    } else if (button.matches('.aw-share-native')) {
      this.#emit(EVENT_SHARE, { network: 'native', url: widget.url });
      navigator.share?.({ title: widget.title, url: widget.url }).catch(() => {});
    } else if (button.matches('.aw-share-copy')) {
      this.#emit(EVENT_SHARE, { network: 'copy', url: widget.url });
      this.#copy(widget);
    } else if (button.closest('.aw-qr-downloads')) {
      this.#downloadPng(widget, button);
    }
  }

  /**
   * A link in the widget: a share link says which network; a related
   * article asks the page first (`aw-navigate`, cancelable), so a
   * single-page host can show it in place. Clicks with a modifier key keep
   * the browser's meaning (a new tab, a new window) and ask nobody.
   */
  #follow(event, link, widget) {
    if (link.matches('.aw-share-item')) {
      const network = [...link.classList].find((c) => c.startsWith('aw-share-') && c !== 'aw-share-item');
      this.#emit(EVENT_SHARE, { network: network?.slice('aw-share-'.length) ?? '', url: widget.url });
      return;
    }
    if (!link.closest('.aw-related') || event.button || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    const src = link.dataset.src || null; // absolute: the engine resolved it
    if (!this.#emit(EVENT_NAVIGATE, { url: link.href, src }, true)) event.preventDefault();
  }

  #textSize(button) {
    const group = button.closest('.aw-textsize');
    if (button.getAttribute('aria-disabled') === 'true') return;
    const buttons = [...group.querySelectorAll('button')];
    const index = buttons.indexOf(button);
    const action = ['smaller', 'larger', 'reset'][index];
    if (!action) return;
    const size = Widget.text_size_step(storedTextSize(), action);
    storeTextSize(size);
    this.#syncTextSize(size);
    this.#applyTextSize(size);
    // The scale, `--aw-text-scale:1.12`, as a percentage.
    this.#emit(EVENT_TEXT_SIZE, { percent: Math.round(Widget.text_size_style(size).split(':')[1] * 100) });
  }

  // The group is updated in place, not replaced: the focused button keeps
  // focus and the live region stays the same element, so screen readers
  // announce the new size.
  #syncTextSize(size) {
    const group = this.#container.querySelector('.aw-textsize');
    if (!group) return;
    const next = document.createElement('div');
    next.innerHTML = trusted(this.#widget.text_size_group(size));
    const fresh = next.querySelectorAll('button');
    group.querySelectorAll('button').forEach((b, i) => {
      const disabled = fresh[i]?.getAttribute('aria-disabled');
      if (disabled !== null && disabled !== undefined) b.setAttribute('aria-disabled', disabled);
    });
    const live = group.querySelector('[aria-live]');
    const text = next.querySelector('[aria-live]')?.textContent;
    if (live && text !== undefined) live.textContent = text;
  }

  async #copy(widget) {
    let copied = false;
    try {
      await navigator.clipboard.writeText(widget.url);
      copied = true;
    } catch {
      copied = false;
    }
    if (widget !== this.#widget) return;
    const status = this.#container.querySelector('.aw-copy-status');
    if (status) status.innerHTML = trusted(widget.copy_status(copied));
  }

  #downloadPng(widget, button) {
    const figure = button.closest('figure.aw-qr');
    const index = [...this.#container.querySelectorAll('figure.aw-qr')].indexOf(figure);
    widget.qr(index); // made once; a prerendered code was drawn without the engine
    const rgba = widget.qr_rgba(index, PNG_SCALE);
    const side = Math.round(Math.sqrt(rgba.length / 4));
    if (!side) return;
    const canvas = document.createElement('canvas');
    canvas.width = side;
    canvas.height = side;
    canvas.getContext('2d')?.putImageData(new ImageData(new Uint8ClampedArray(rgba), side, side), 0, 0);
    const svgName = figure.querySelector('a[download]')?.getAttribute('download') ?? 'qr.svg';
    const link = document.createElement('a');
    link.href = canvas.toDataURL('image/png');
    link.download = svgName.replace(/\.svg$/, '.png');
    link.click();
  }

  /**
   * Gives back the space reserved for an article that is not coming: the
   * shadow root's reservation goes, and `data-state="failed"` on the element
   * lets `embed.css` (the page's reservation) step back too.
   */
  #release() {
    this.#root.adoptedStyleSheets = this.#root.adoptedStyleSheets.filter((s) => s !== reserveSheet);
    this.#host.setAttribute('data-state', 'failed');
  }

  // The engine could not be loaded (blocked by CSP, offline): say so in words.
  #fail(error) {
    console.error('article-widget:', error);
    this.#release();
    this.#emit(EVENT_FAILED, { kind: 'engine', status: null, retryIn: null });
    if (this.#root.querySelector('[role="alert"]')) return;
    const p = document.createElement('p');
    p.setAttribute('role', 'alert');
    p.textContent = document.documentElement.lang.startsWith('vi')
      ? 'Không tải được bài viết.'
      : 'The article could not be loaded.';
    this.#root.append(p);
  }
}

function handle(controller) {
  return {
    /** Replaces the options (same shape as for `mount`). */
    update(options) { controller?.update(options ?? {}); },
    /** Destroys the widget and frees its memory. Idempotent. */
    unmount() { controller?.unmount(); controller = null; },
  };
}

/**
 * Renders an article into `element` (in its shadow root). Options: `src`
 * (URL of the article JSON) or `json` (the article as a string or object,
 * with `base` for its relative URLs), `lang`, `theme`, `share`, `heading`,
 * `timeout` (seconds), `keepCopy` (false: no last good copy), `videoHosts`
 * (hosts whose pages may be framed as video players: an array or a
 * comma-separated string), `signal` (an AbortSignal that cancels the
 * mount). The fetch of `src`
 * starts at once, in parallel with the wasm module.
 * Resolves to a handle with `update(options)` and `unmount()`.
 */
export async function mount(element, options = {}) {
  const { signal, ...rest } = options;
  const controller = new Controller(element);
  signal?.addEventListener('abort', () => controller.unmount());
  if (signal?.aborted) return handle(null);
  controller.load(rest); // settles on its own: retries can take minutes
  await ready().catch(() => {});
  return handle(controller);
}

const ATTRIBUTES = ['src', 'lang', 'theme', 'share', 'heading', 'timeout', 'keep-copy', 'video-hosts'];

/** `<article-widget src lang theme share heading timeout keep-copy video-hosts>`: see docs/embedding.md. */
export class ArticleWidget extends HTMLElement {
  static observedAttributes = ATTRIBUTES;

  #controller = null;

  connectedCallback() {
    this.#controller ??= new Controller(this);
    this.#controller.load(this.#options());
  }

  disconnectedCallback() {
    this.#controller?.unmount();
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (!this.isConnected || !this.#controller || oldValue === newValue) return;
    this.#controller.update(this.#options());
  }

  #options() {
    const options = {};
    for (const name of ATTRIBUTES) {
      const value = this.getAttribute(name);
      if (value !== null) options[name] = value;
    }
    const inline = this.querySelector('script[type="application/json"]');
    if (inline && !options.src) {
      options.json = inline.textContent;
      options.base = document.baseURI;
    }
    return options;
  }
}

if (!customElements.get('article-widget')) {
  customElements.define('article-widget', ArticleWidget);
}
