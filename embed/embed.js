// article-widget embed loader (v1). Load once per page:
//   <script type="module" src="https://WIDGET-ORIGIN/embed/v1/embed.js"></script>
// It defines <article-widget src lang theme share> and exports `mount`.
// Documented in docs/embedding.md. The only global name it adds is the
// custom element name `article-widget`.

// The wasm-bindgen glue. `cargo xtask build` replaces this import with the
// glue itself, so the page fetches one script, not a script and then its glue.
import __wbg_init, { mountWidget } from './article_widget.js';

const WASM_URL = new URL('./article_widget_bg.wasm', import.meta.url);
const FETCH_TIMEOUT_MS = 15000;

// One wasm module instance for every widget on the page, started at most once.
// The wasm is requested as soon as this module runs (the widget elements
// would only ask for it after they connect), so the article JSON and the
// wasm download in parallel.
let wasmReady = null;
/** Starts (once) and awaits the wasm module. */
export function ready() {
  wasmReady ??= __wbg_init({ module_or_path: fetch(WASM_URL) });
  return wasmReady;
}
ready().catch(() => {}); // reported per widget when it mounts

// Reserved space while a widget loads: at least one viewport tall, so what
// follows the widget is below the fold before and after it settles (no
// layout shift). A page may override it: `article-widget { min-height: 0 }`.
let reserveSheet = null;
function reserve() {
  if (!reserveSheet) {
    reserveSheet = new CSSStyleSheet();
    reserveSheet.replaceSync(':host{display:block;min-height:100vh}');
  }
  return reserveSheet;
}

function isJsonType(type) {
  return !type || /json|^text\/plain|^application\/octet-stream/i.test(type);
}

// Fetches the article JSON while the wasm instantiates. Any trouble (HTTP
// error, wrong type, network, timeout) gives null: the widget then fetches
// itself and tells the reader exactly what went wrong.
async function prefetch(src, signal) {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), FETCH_TIMEOUT_MS);
  const abort = () => timeout.abort();
  signal.addEventListener('abort', abort);
  try {
    const url = new URL(src, document.baseURI);
    const response = await fetch(url, {
      signal: timeout.signal,
      headers: { Accept: 'application/json' },
    });
    if (!response.ok || !isJsonType(response.headers.get('content-type'))) return null;
    return { json: await response.text(), base: response.url || url.href };
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', abort);
  }
}

function wrap(widget) {
  return {
    /** Replaces the options (same shape as for `mount`). */
    update(options) { widget?.update(options ?? {}); },
    /** Destroys the widget and frees its memory. Idempotent. */
    unmount() { if (widget) { widget.unmount(); widget.free(); widget = null; } },
  };
}

/**
 * Renders an article into `element` (in its shadow root). Options: `src`
 * (URL of the article JSON) or `json` (the article as a string or object,
 * with `base` for its relative URLs), `lang`, `theme`, `share`, `heading`,
 * `signal` (an AbortSignal that cancels the mount). The fetch of `src`
 * starts at once, in parallel with the wasm module.
 * Resolves to a handle with `update(options)` and `unmount()`.
 */
export async function mount(element, options = {}) {
  const { signal, ...rest } = options;
  const own = new AbortController();
  signal?.addEventListener('abort', () => own.abort());
  const data = rest.json == null && rest.src ? prefetch(rest.src, own.signal) : null;
  const [fetched] = await Promise.all([data, ready()]);
  if (own.signal.aborted) return wrap(null);
  return wrap(mountWidget(element, fetched ? { ...rest, ...fetched } : rest));
}

const ATTRIBUTES = ['src', 'lang', 'theme', 'share'];

/** `<article-widget src lang theme share>`: see docs/embedding.md. */
export class ArticleWidget extends HTMLElement {
  static observedAttributes = ATTRIBUTES;

  #connected = false;
  #widget = null; // the wasm Widget once mounted
  #loading = null; // AbortController of the load in progress
  #fetched = null; // { src, json, base } of the last prefetch

  connectedCallback() {
    this.#connected = true;
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    if (!root.adoptedStyleSheets.includes(reserve())) {
      root.adoptedStyleSheets = [reserve(), ...root.adoptedStyleSheets];
    }
    this.#load();
  }

  disconnectedCallback() {
    this.#connected = false;
    this.#loading?.abort();
    this.#loading = null;
    if (this.#widget) {
      this.#widget.unmount();
      this.#widget.free();
      this.#widget = null;
    }
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (!this.#connected || oldValue === newValue) return;
    if (name === 'src' || !this.#widget) this.#load();
    else this.#widget.update(this.#options());
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
    } else if (this.#fetched && this.#fetched.src === options.src) {
      options.json = this.#fetched.json;
      options.base = this.#fetched.base;
    }
    return options;
  }

  async #load() {
    this.#loading?.abort();
    const loading = new AbortController();
    this.#loading = loading;
    const src = this.getAttribute('src');
    const inline = this.querySelector('script[type="application/json"]');
    const data = src && !inline ? prefetch(src, loading.signal) : null;
    let fetched;
    try {
      [fetched] = await Promise.all([data, ready()]);
    } catch (error) {
      if (loading.signal.aborted) return;
      this.#fail(error);
      return;
    }
    if (loading.signal.aborted) return;
    this.#loading = null;
    this.#fetched = fetched ? { src, ...fetched } : null;
    try {
      if (this.#widget) this.#widget.update(this.#options());
      else this.#widget = mountWidget(this, this.#options());
    } catch (error) {
      this.#fail(error);
    }
  }

  // The wasm could not be loaded (blocked by CSP, offline): say so in words.
  #fail(error) {
    console.error('article-widget:', error);
    const root = this.shadowRoot;
    if (!root || root.querySelector('[role="alert"]')) return;
    const p = document.createElement('p');
    p.setAttribute('role', 'alert');
    p.textContent = document.documentElement.lang.startsWith('vi')
      ? 'Không tải được bài viết.'
      : 'The article could not be loaded.';
    root.append(p);
  }
}

if (!customElements.get('article-widget')) {
  customElements.define('article-widget', ArticleWidget);
}
