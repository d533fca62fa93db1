// Print: the article alone. The page's own `print()` would print the whole
// partner page around the widget (and a shadow root cannot style its host
// page for paper), so the Print button prints a copy of the widget's
// rendered nodes in a hidden, script-less, same-origin frame instead: the
// frame's document holds the article and the widget's stylesheet, whose
// print rules leave the title, date line, body with photos and captions,
// author, source, the QR code and the article's URL. The nodes are the
// engine's markup as shown (one renderer), never a second description of
// the page. The frame is an `about:blank` child of the page, so it inherits
// the page's Content-Security-Policy: it needs no script, its styles are a
// constructable stylesheet (not restricted by `style-src`) and its photos
// come from where the widget's already come from (`img-src`).

// How long printing waits for the copy's photos (the widget's own are
// usually in the cache already) before it prints without them.
const PHOTO_WAIT_MS = 5000;

// The frame of the last print: removed after printing, or at the latest
// when the next print starts (one print dialog at a time).
let last;

/**
 * Prints the article shown in `container` (a widget's rendered markup, in
 * the shadow root `root`) alone, titled `title`.
 */
export async function printArticle(root, container, title) {
  last?.remove();
  const frame = document.createElement('iframe');
  last = frame;
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  // Hidden without `display: none`, which some engines do not print. Its
  // styles go through the CSSOM: a strict CSP blocks `style` attributes.
  const style = frame.style;
  style.position = 'fixed';
  style.width = style.height = style.border = '0';
  style.visibility = 'hidden';
  root.append(frame);
  const win = frame.contentWindow;
  const doc = win.document;
  // The widget's stylesheets, adopted or in its tree (a prerendered widget's).
  let css = '';
  for (const sheet of [...root.styleSheets, ...root.adoptedStyleSheets]) {
    try {
      for (const rule of sheet.cssRules) css += `${rule.cssText}\n`;
    } catch {
      // another origin's stylesheet without CORS: its rules are not readable
    }
  }
  const sheet = new win.CSSStyleSheet();
  sheet.replaceSync(css);
  doc.adoptedStyleSheets = [sheet];
  doc.title = title;
  const copy = doc.importNode(container, true);
  // Nothing that plays: a started video's player stays on screen.
  for (const player of copy.querySelectorAll('iframe')) player.remove();
  for (const image of copy.querySelectorAll('img')) {
    image.loading = 'eager';
    // Picked for a page of paper (A4 without its margins), not the frame.
    if (image.srcset) image.sizes = '18cm';
  }
  doc.body.append(copy);
  await Promise.race([
    Promise.all([...doc.images].map((image) => image.complete || new Promise((resolve) => {
      image.onload = image.onerror = resolve;
    }))),
    new Promise((resolve) => { setTimeout(resolve, PHOTO_WAIT_MS); }),
  ]);
  if (last !== frame) return; // a newer print took over
  win.onafterprint = () => frame.remove();
  win.focus();
  win.print();
}
