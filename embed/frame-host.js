// Parent side of the iframe mode. Sizes every <iframe data-article-widget>
// to the height its page reports, accepting messages only from that iframe's
// window and origin. Load it once: <script type="module" src=".../frame-host.js">
const MAX_HEIGHT = 200000;

addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'article-widget:height') return;
  for (const frame of document.querySelectorAll('iframe[data-article-widget]')) {
    if (event.source !== frame.contentWindow) continue;
    if (event.origin !== new URL(frame.src, location.href).origin) return;
    const height = Number(data.height);
    if (!Number.isFinite(height) || height < 0) return;
    frame.style.height = `${Math.min(Math.ceil(height), MAX_HEIGHT)}px`;
    return;
  }
});
