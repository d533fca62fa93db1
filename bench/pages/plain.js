// The plain-JS renderer a partner could write instead of the widget: fetch the
// article JSON and build the DOM with createElement + textContent (never
// innerHTML). Same class names as the widget, so the same CSS applies.
// Every element with data-article-src gets one article.
(() => {
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  };
  const dateLine = (s) =>
    /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(s) ? `${s.slice(8, 10)}/${s.slice(5, 7)}/${s.slice(0, 4)} ${s.slice(11, 16)}` : s;
  const render = (host, a, src) => {
    const article = el('article', 'aw-article');
    article.lang = a.lang || 'vi';
    const header = el('header', 'aw-header');
    const dl = el('p', 'aw-dateline');
    const time = el('time', null, dateLine(a.published || ''));
    time.dateTime = a.published || '';
    dl.append(time);
    header.append(dl, el('h1', 'aw-title', a.title));
    if (a.lead) header.append(el('p', 'aw-lead', a.lead));
    const body = el('div', 'aw-body');
    // The first photo near the top loads at once, as in the widget and the
    // static page; the others are lazy.
    const blocks = a.body || [];
    const eager = blocks.slice(0, 3).findIndex((b) => b.type === 'figure');
    for (const [i, b] of blocks.entries()) {
      if (b.type === 'paragraph') body.append(el('p', null, b.text));
      else if (b.type === 'heading') body.append(el(`h${Math.min(4, Math.max(2, b.level || 2))}`, null, b.text));
      else if (b.type === 'quote') { const q = el('blockquote'); q.append(el('p', null, b.text)); body.append(q); }
      else if (b.type === 'figure') {
        const f = el('figure', 'aw-figure');
        const img = el('img');
        img.src = new URL(b.src, new URL(src, location.href)).href;
        img.width = b.width; img.height = b.height; img.alt = b.alt || '';
        img.loading = i === eager ? 'eager' : 'lazy'; img.decoding = 'async';
        f.append(img);
        if (b.caption || b.credit) {
          const c = el('figcaption');
          if (b.caption) c.append(el('span', 'aw-caption', b.caption), ' ');
          if (b.credit) c.append(el('span', 'aw-credit', b.credit));
          f.append(c);
        }
        body.append(f);
      }
    }
    const footer = el('footer', 'aw-byline');
    const authors = (a.authors || []).map((p) => p.name).join(', ');
    if (authors) footer.append(el('p', 'aw-author', authors));
    if (a.source) footer.append(el('p', 'aw-source', `Nguồn tin: ${a.source.name}`));
    article.append(header, body, footer);
    if ((a.related || []).length) {
      const s = el('section', 'aw-related');
      const ul = el('ul');
      for (const r of a.related) {
        const li = el('li');
        const link = el('a', null, r.title);
        link.href = r.url;
        li.append(link);
        ul.append(li);
      }
      s.append(el('h2', null, 'Tin khác'), ul);
      article.append(s);
    }
    host.replaceChildren(article);
  };
  for (const host of document.querySelectorAll('[data-article-src]')) {
    const src = host.dataset.articleSrc;
    fetch(src)
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then((a) => render(host, a, src))
      .catch((e) => { host.textContent = `Không tải được bài viết (${e.message})`; });
  }
})();
