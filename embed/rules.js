// Rules the loader applies before the wasm engine is ready, each the same as
// one of the engine's. Their constants come from Rust (`shared.js`, written
// by `cargo xtask build` from src/embed/shared.rs); `xtask/src/embed.rs`
// runs this module in node and checks every rule against the engine's Rust.

import { EAGER_FIGURE_BLOCKS, JSON_TYPES } from './shared.js';

/** Whether a response's Content-Type may hold an article (`load::is_json_content_type`). */
export function isJsonType(type) {
  const mime = (type ?? '').split(';')[0].trim().toLowerCase();
  return !mime || JSON_TYPES.includes(mime) || (mime.startsWith('application/') && mime.endsWith('+json'));
}

/**
 * The absolute http(s) URL of the photo the engine's markup loads eagerly
 * (`markup::loads_eagerly`: the body's first figure, if among its first
 * EAGER_FIGURE_BLOCKS blocks and not a responsive photo, which stays lazy
 * so that the browser picks its file after layout), or null.
 */
export function firstPhoto(bytes, base) {
  try {
    const body = JSON.parse(new TextDecoder().decode(bytes))?.body;
    const figure = Array.isArray(body)
      ? body.slice(0, EAGER_FIGURE_BLOCKS).find((b) => b?.type === 'figure')
      : null;
    if (typeof figure?.src !== 'string' || figure.srcset?.length) return null;
    const url = new URL(figure.src, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null; // not JSON, no base: the engine will say what is wrong
  }
}
