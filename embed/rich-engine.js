// The rich engine's module (`article_widget_rich.js` once built): its
// wasm-bindgen glue, the wasm's download (started when the loader imports
// this module, only for an article that needs it) and what only the rich
// engine's widgets do in the page: play a video. `cargo xtask build`
// bundles it with the glue, apart from the loader, so pages of plain
// articles load none of it.
import init, { Widget } from './article_widget_rich.js';

const ready = init({ module_or_path: fetch(new URL('./article_widget_rich_bg.wasm', import.meta.url)) });

/**
 * Puts the player in the place of the video facade around `target` (the
 * event's target) on a plain press
 * (with a modifier key the link opens the video's page as usual) and gives
 * it the focus; nothing was asked of the video host before. `trusted` is
 * the loader's Trusted Types wrapper. False when there is no facade with
 * a player (the loader then handles the event as before).
 */
Widget.prototype.play = function play(event, target, trusted) {
  const link = target?.closest?.('a[data-aw-video]');
  const markup = link
    && !(event.button || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey)
    && this.video_player(Number(link.dataset.awVideo));
  if (!markup) return false;
  event.preventDefault();
  link.insertAdjacentHTML('afterend', trusted(markup));
  link.nextElementSibling.focus();
  link.remove();
  return true;
};

/** The rich engine's Widget class, once its wasm is ready. */
export default () => ready.then(() => Widget);
