// Iframe mode: renders the article named by ?src= full-page and posts the
// page height to the parent whenever it changes:
//   { type: 'article-widget:height', height: <CSS pixels> }
// The parent must check event.origin (see frame-host.js).
import { mount } from './embed.js';

const params = new URLSearchParams(location.search);
const options = { heading: 1 };
for (const name of ['src', 'lang', 'theme', 'share']) {
  const value = params.get(name);
  if (value !== null) options[name] = value;
}

let last = -1;
function report() {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (height !== last && window.parent !== window) {
    last = height;
    // The height is not a secret, and the parent's origin is not known here.
    window.parent.postMessage({ type: 'article-widget:height', height }, '*');
  }
}
new ResizeObserver(report).observe(document.documentElement);
mount(document.getElementById('article'), options).catch((error) => {
  console.error('article-widget:', error);
});
