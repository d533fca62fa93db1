// Rules the loader applies before the wasm engine is ready, each the same as
// one of the engine's. `xtask/src/embed.rs` imports this module in node and
// checks every rule and constant against the engine's Rust.

/** The engine's size limit for an article (`validate::limits::MAX_BYTES`). */
export const MAX_BYTES = 4 * 1024 * 1024;

/** `markup::EAGER_FIGURE_BLOCKS`: how near the top a photo loads eagerly. */
export const EAGER_FIGURE_BLOCKS = 3;

/** Whether a response's Content-Type may hold an article (`load::is_json_content_type`). */
export function isJsonType(type) {
  const mime = (type ?? '').split(';')[0].trim().toLowerCase();
  return !mime || mime === 'application/json' || mime === 'text/json' || mime === 'text/plain'
    || mime === 'application/octet-stream' || (mime.startsWith('application/') && mime.endsWith('+json'));
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
