// Injected before any page script (Page.addScriptToEvaluateOnNewDocument) by
// `cargo xtask bench`. Records LCP, long tasks, layout shifts, when the articles
// appeared, and every wasm instance's linear memory. Read by `window.__bench.report()`.
(() => {
  if (window.__bench) return;
  const b = (window.__bench = {
    lcp: 0, candidates: [], longtasks: [], taskTimes: [], cls: 0, rendered: null, qrAtRender: null,
    memories: [], instances: 0, roots: [], lastEntry: 0,
  });
  const now = () => performance.now();
  const observe = (type, onEntry) => {
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) onEntry(e);
        b.lastEntry = now();
      }).observe({ type, buffered: true });
    } catch (_) { /* entry type not supported: reported as 0 */ }
  };
  observe('largest-contentful-paint', (e) => {
    b.lcp = e.startTime;
    // Every candidate, for BENCH_TRACE: which element the LCP was, and when.
    const what = e.url ? e.url.split('/').pop() : e.element ? e.element.tagName.toLowerCase() : 'in a shadow root';
    b.candidates.push(`${Math.round(e.startTime)} ms ${what} (${e.size} px²)`);
  });
  observe('longtask', (e) => { b.longtasks.push(e.duration); b.taskTimes.push(`${Math.round(e.startTime)}+${Math.round(e.duration)}`); });
  observe('layout-shift', (e) => { if (!e.hadRecentInput) b.cls += e.value; });

  // Shadow roots, open or closed, so the probe sees what a custom element renders.
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    b.roots.push(root);
    return root;
  };

  // Every wasm instance, to read its linear memory size later. wasm-bindgen
  // glue instantiates through one of these two functions.
  const W = WebAssembly;
  const keep = (result) => {
    const instance = result instanceof W.Instance ? result : result && result.instance;
    if (instance) {
      b.instances += 1;
      for (const v of Object.values(instance.exports)) if (v instanceof W.Memory) b.memories.push(v);
    }
    return result;
  };
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const original = W[name];
    if (typeof original === 'function') {
      W[name] = function (...args) { return original.apply(this, args).then(keep); };
    }
  }

  const count = (selector) => {
    let n = document.querySelectorAll(selector).length;
    for (const root of b.roots) n += root.querySelectorAll(selector).length;
    // Declarative shadow roots (prerendered widgets) come from the parser.
    for (const el of document.querySelectorAll('article-widget')) {
      if (el.shadowRoot && !b.roots.includes(el.shadowRoot)) n += el.shadowRoot.querySelectorAll(selector).length;
    }
    return n;
  };
  const expected = () => {
    const meta = document.querySelector('meta[name="bench-expect"]');
    return (meta && Number(meta.content)) || 1;
  };
  // Checked once per frame: the time of the first frame in which every
  // expected article body is in the DOM.
  const tick = () => {
    if (count('.aw-body') >= expected()) {
      b.rendered = now();
      b.qrAtRender = count('svg.aw-qr-box');
      b.lastEntry = Math.max(b.lastEntry, b.rendered);
    } else {
      requestAnimationFrame(tick);
    }
  };
  requestAnimationFrame(tick);

  b.settled = (quietMs) =>
    b.rendered !== null && document.readyState === 'complete' && now() - b.lastEntry >= quietMs;
  // BENCH_TRACE: the timeline of one load, as text.
  b.trace = () => [
    ...performance.getEntriesByType('resource').map((r) =>
      `${r.name.split('/').pop().slice(0, 40)}: asked ${Math.round(r.startTime)}, sent ${Math.round(r.requestStart)}, ` +
      `first byte ${Math.round(r.responseStart)}, done ${Math.round(r.responseEnd)} (${r.nextHopProtocol})`),
    `rendered ${Math.round(b.rendered)}`,
    // performance.mark() calls, when someone adds them to the loader to find where time goes.
    'marks ' + performance.getEntriesByType('mark').map((m) => `${m.name}@${m.startTime.toFixed(1)}`).join(' '),
    `LCP candidates: ${b.candidates.join('; ')}`,
    `long tasks (start+duration): ${b.taskTimes.join(' ')}`,
  ].join('\n');
  b.report = () => {
    const resources = performance.getEntriesByType('resource');
    const nav = performance.getEntriesByType('navigation')[0];
    const transfer = resources.reduce((s, r) => s + (r.transferSize || 0), nav ? nav.transferSize || 0 : 0);
    const memories = [...new Set(b.memories)];
    return {
      lcp: b.lcp,
      rendered: b.rendered,
      tbt: b.longtasks.reduce((s, d) => s + Math.max(0, d - 50), 0),
      longest: b.longtasks.reduce((m, d) => Math.max(m, d), 0),
      cls: b.cls,
      transfer,
      wasmMemory: memories.length ? memories.reduce((s, m) => s + m.buffer.byteLength, 0) : null,
      wasmInstances: b.instances,
      wasmFetches: resources.filter((r) => r.name.endsWith('.wasm')).length,
      qrAtRender: b.qrAtRender,
    };
  };
})();
