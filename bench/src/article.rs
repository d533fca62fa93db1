//! The benchmark's articles: the demo article as static HTML (what a CMS would
//! serve), and a generated ~1 MB article in the same JSON format.
//!
//! The static rendering uses the widget's class names, so the widget's own CSS
//! styles it, and the same absolute image paths, so every variant loads the
//! same bytes. It works on `serde_json::Value` rather than the widget's model:
//! the bench must not depend on the code it measures.

use std::fmt::Write as _;

use serde_json::{json, Value};

/// Escapes text for HTML element content and double-quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Resolves a reference found in the article at `json_path` (an absolute path
/// such as `/demo/articles/a.json`) to an absolute path or URL. Absolute URLs
/// and absolute paths are kept; `../x` and `x` are resolved like a browser does.
pub fn resolve(json_path: &str, reference: &str) -> String {
    if reference.contains("://") || reference.starts_with('/') {
        return reference.to_owned();
    }
    let mut segments: Vec<&str> = json_path.split('/').collect();
    segments.pop(); // the file name
    for part in reference.split('/') {
        match part {
            ".." => {
                if segments.len() > 1 {
                    segments.pop();
                }
            }
            "." => {}
            part => segments.push(part),
        }
    }
    segments.join("/")
}

/// `2022-11-25T15:15:00+07:00` as `Thứ Sáu, 25/11/2022 15:15`: the weekday
/// in Vietnamese, then [`date_line`]; without a valid date, [`date_line`] alone.
pub fn weekday_date_line(rfc3339: &str) -> String {
    const WEEKDAYS: [&str; 7] = [
        "Chủ Nhật",
        "Thứ Hai",
        "Thứ Ba",
        "Thứ Tư",
        "Thứ Năm",
        "Thứ Sáu",
        "Thứ Bảy",
    ];
    let number = |range: std::ops::Range<usize>| rfc3339.get(range)?.parse::<i64>().ok();
    let line = date_line(rfc3339);
    match (number(0..4), number(5..7), number(8..10)) {
        (Some(year), Some(month @ 1..=12), Some(day @ 1..=31)) => {
            // Sakamoto's method: 0 = Sunday.
            const OFFSETS: [i64; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
            let y = if month < 3 { year - 1 } else { year };
            let index = usize::try_from(month - 1).unwrap_or(0);
            let weekday = (y + y / 4 - y / 100 + y / 400 + OFFSETS[index] + day).rem_euclid(7);
            format!(
                "{}, {line}",
                WEEKDAYS[usize::try_from(weekday).unwrap_or(0)]
            )
        }
        _ => line,
    }
}

/// `2022-11-25T15:15:00+07:00` as `25/11/2022 15:15` (the publisher's own
/// clock, as the widget shows it); anything unexpected is returned unchanged.
pub fn date_line(rfc3339: &str) -> String {
    let bytes = rfc3339.as_bytes();
    let shaped = bytes.len() >= 16
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && matches!(bytes[10], b'T' | b't' | b' ')
        && bytes[13] == b':';
    if !shaped || !rfc3339.is_char_boundary(16) {
        return rfc3339.to_owned();
    }
    format!(
        "{}/{}/{} {}",
        &rfc3339[8..10],
        &rfc3339[5..7],
        &rfc3339[0..4],
        &rfc3339[11..16]
    )
}

fn text<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value.get(key).and_then(Value::as_str)
}

/// The article as one `<article>` element, with the widget's class names.
/// `json_path` is where the JSON is served, for resolving image references.
pub fn render_article(article: &Value, json_path: &str) -> String {
    let mut html = String::with_capacity(16 * 1024);
    let lang = text(article, "lang").unwrap_or("vi");
    let _ = write!(
        html,
        "<article lang=\"{}\" class=\"aw-article\"><header class=\"aw-header\">",
        escape(lang)
    );
    // The line above the title, as the portal's own page has it (print,
    // weekday and date, text size, "Gốc" and the original article): same
    // content and class names as the widget's toolbar, so both pages have
    // the same layout and their LCP candidates are the same elements. Its
    // buttons need script; the bench never clicks them.
    html.push_str(
        "<div role=\"group\" aria-label=\"Công cụ bài viết\" class=\"aw-toolbar\">\
         <button type=\"button\" class=\"aw-tool aw-print\">\
         <svg viewBox=\"0 0 24 24\" aria-hidden=\"true\" class=\"aw-icon\">\
         <path d=\"M6 9V2h12v7M6 18H4a2 2 0 0 1-2-2v-5a2 2 0 0 1 2-2h16a2 2 0 0 1 2 2v5a2 2 0 0 1-2 2h-2M6 14h12v8H6z\">\
         </path></svg>In bài</button>",
    );
    if let Some(published) = text(article, "published") {
        let _ = write!(
            html,
            "<p class=\"aw-dateline\"><time datetime=\"{}\">{}</time></p>",
            escape(published),
            escape(&weekday_date_line(published))
        );
    }
    html.push_str(
        "<div role=\"group\" aria-label=\"Cỡ chữ\" class=\"aw-textsize\">\
         <button type=\"button\" class=\"aw-tool\">A−</button>\
         <button type=\"button\" class=\"aw-tool\">A+</button>\
         <button type=\"button\" class=\"aw-tool\">Gốc</button></div>",
    );
    if let Some(original) = text(article, "original_url") {
        let _ = write!(
            html,
            "<a href=\"{}\" class=\"aw-tool aw-original\">Xem bài gốc</a>",
            escape(original)
        );
    }
    html.push_str("</div>");
    let _ = write!(
        html,
        "<h1 class=\"aw-title\">{}</h1>",
        escape(text(article, "title").unwrap_or_default())
    );
    if let Some(lead) = text(article, "lead") {
        let _ = write!(html, "<p class=\"aw-lead\">{}</p>", escape(lead));
    }
    html.push_str("</header><div class=\"aw-body\">");
    let body: &[Value] = article
        .get("body")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice);
    // Like any well-made article page (and like the widget), the first photo
    // near the top loads at once; the others are lazy.
    let eager = body
        .iter()
        .take(EAGER_FIGURE_BLOCKS)
        .position(|b| text(b, "type") == Some("figure"));
    for (index, block) in body.iter().enumerate() {
        render_block(&mut html, block, json_path, eager == Some(index));
    }
    html.push_str("</div><footer class=\"aw-byline\">");
    let authors: Vec<&str> = article
        .get("authors")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|a| text(a, "name"))
        .collect();
    if !authors.is_empty() {
        let _ = write!(
            html,
            "<p class=\"aw-author\">{}</p>",
            escape(&authors.join(", "))
        );
    }
    if let Some(source) = article.get("source").and_then(|s| text(s, "name")) {
        let _ = write!(
            html,
            "<p class=\"aw-source\">Nguồn tin: {}</p>",
            escape(source)
        );
    }
    html.push_str("</footer>");
    let related: Vec<&Value> = article
        .get("related")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .collect();
    if !related.is_empty() {
        html.push_str("<section class=\"aw-related\"><h2>Tin khác</h2><ul>");
        for item in related {
            let _ = write!(
                html,
                "<li><a href=\"{}\">{}</a></li>",
                escape(text(item, "url").unwrap_or("#")),
                escape(text(item, "title").unwrap_or_default())
            );
        }
        html.push_str("</ul></section>");
    }
    html.push_str("</article>");
    html
}

/// How many of the body's first blocks may hold the one eagerly loaded
/// figure (the widget's `markup::EAGER_FIGURE_BLOCKS`, restated here because
/// the bench does not depend on the code it measures).
const EAGER_FIGURE_BLOCKS: usize = 3;

fn render_block(html: &mut String, block: &Value, json_path: &str, eager: bool) {
    match text(block, "type") {
        Some("paragraph") => {
            let _ = write!(
                html,
                "<p>{}</p>",
                escape(text(block, "text").unwrap_or_default())
            );
        }
        Some("heading") => {
            let level = block
                .get("level")
                .and_then(Value::as_u64)
                .unwrap_or(2)
                .clamp(2, 4);
            let _ = write!(
                html,
                "<h{level}>{}</h{level}>",
                escape(text(block, "text").unwrap_or_default())
            );
        }
        Some("quote") => {
            let _ = write!(
                html,
                "<blockquote><p>{}</p></blockquote>",
                escape(text(block, "text").unwrap_or_default())
            );
        }
        Some("figure") => {
            let src = resolve(json_path, text(block, "src").unwrap_or_default());
            let _ = write!(
                html,
                "<figure class=\"aw-figure\"><img src=\"{}\" width=\"{}\" height=\"{}\" alt=\"{}\" loading=\"{}\" decoding=\"async\">",
                escape(&src),
                block.get("width").and_then(Value::as_u64).unwrap_or(0),
                block.get("height").and_then(Value::as_u64).unwrap_or(0),
                escape(text(block, "alt").unwrap_or_default()),
                if eager { "eager" } else { "lazy" },
            );
            let caption = text(block, "caption");
            let credit = text(block, "credit");
            if caption.is_some() || credit.is_some() {
                html.push_str("<figcaption>");
                if let Some(caption) = caption {
                    let _ = write!(
                        html,
                        "<span class=\"aw-caption\">{}</span> ",
                        escape(caption)
                    );
                }
                if let Some(credit) = credit {
                    let _ = write!(html, "<span class=\"aw-credit\">{}</span>", escape(credit));
                }
                html.push_str("</figcaption>");
            }
            html.push_str("</figure>");
        }
        _ => {}
    }
}

/// A whole HTML page around `body` (already HTML), linking `css` stylesheets.
/// `expect` is how many rendered articles mean "done" for the probe.
pub fn page(title: &str, css: &[String], head_extra: &str, body: &str, expect: usize) -> String {
    let mut html = String::with_capacity(body.len() + 1024);
    let _ = write!(
        html,
        "<!doctype html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"bench-expect\" content=\"{expect}\">\n<title>{}</title>\n",
        escape(title)
    );
    for href in css {
        let _ = writeln!(html, "<link rel=\"stylesheet\" href=\"{}\">", escape(href));
    }
    html.push_str(head_extra);
    html.push_str("</head>\n<body>\n");
    html.push_str(body);
    html.push_str("\n</body>\n</html>\n");
    html
}

/// A small deterministic generator (xorshift64*), so every run benchmarks the
/// same bytes.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        // n is small (a vocabulary or a list length), so the modulo bias is negligible.
        usize::try_from(self.next() % (n.max(1) as u64)).unwrap_or(0)
    }
}

/// An article of at least `target_bytes` of JSON: the demo article's header,
/// with a body of paragraphs made of the demo's own words in a pseudo-random
/// order (so it compresses like real text, not like one paragraph repeated) and
/// a figure every ten paragraphs. Image references become absolute paths so the
/// file can be served from anywhere.
pub fn big_article(demo: &Value, demo_path: &str, target_bytes: usize) -> Value {
    let blocks: Vec<&Value> = demo
        .get("body")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .collect();
    let words: Vec<&str> = blocks
        .iter()
        .filter_map(|b| text(b, "text"))
        .chain(text(demo, "lead"))
        .flat_map(str::split_whitespace)
        .collect();
    let words = if words.is_empty() {
        vec!["lorem"]
    } else {
        words
    };
    let mut figures: Vec<Value> = blocks
        .iter()
        .filter(|b| text(b, "type") == Some("figure"))
        .map(|b| {
            let mut figure = (*b).clone();
            if let Some(src) = text(b, "src") {
                figure["src"] = Value::String(resolve(demo_path, src));
            }
            figure
        })
        .collect();
    if figures.is_empty() {
        figures.push(
            json!({"type": "figure", "src": "/demo/images/logo-haiphong.svg",
            "width": 64, "height": 64, "alt": ""}),
        );
    }
    let mut article = demo.clone();
    if let Some(logo) = article.pointer_mut("/publisher/logo/src") {
        if let Some(src) = logo.as_str() {
            *logo = Value::String(resolve(demo_path, src));
        }
    }
    if let Some(related) = article.get_mut("related").and_then(Value::as_array_mut) {
        for item in related {
            if let Some(thumb) = item.pointer_mut("/thumbnail/src") {
                if let Some(src) = thumb.as_str() {
                    *thumb = Value::String(resolve(demo_path, src));
                }
            }
            if let Some(src) = item.get_mut("json") {
                if let Some(s) = src.as_str() {
                    *src = Value::String(resolve(demo_path, s));
                }
            }
        }
    }
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut body = Vec::new();
    article["body"] = Value::Array(Vec::new());
    let mut bytes = article.to_string().len();
    let mut paragraph_index = 0usize;
    while bytes < target_bytes {
        let mut paragraph = String::with_capacity(1024);
        while paragraph.len() < 900 {
            if !paragraph.is_empty() {
                paragraph.push(' ');
            }
            paragraph.push_str(words[rng.below(words.len())]);
        }
        paragraph.push('.');
        let block = json!({"type": "paragraph", "text": paragraph});
        bytes += block.to_string().len() + 1;
        body.push(block);
        paragraph_index += 1;
        if paragraph_index % 10 == 0 {
            let figure = figures[rng.below(figures.len())].clone();
            bytes += figure.to_string().len() + 1;
            body.push(figure);
        }
    }
    article["body"] = Value::Array(body);
    article
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("<a href=\"x\">Tom & 'Jerry'</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;"
        );
        assert_eq!(escape("Thứ Sáu"), "Thứ Sáu");
    }

    #[test]
    fn resolves_like_a_browser() {
        let json = "/demo/articles/a.json";
        assert_eq!(resolve(json, "../images/x.svg"), "/demo/images/x.svg");
        assert_eq!(resolve(json, "b.json"), "/demo/articles/b.json");
        assert_eq!(resolve(json, "./b.json"), "/demo/articles/b.json");
        assert_eq!(resolve(json, "../../../x"), "/x");
        assert_eq!(resolve(json, "/abs.svg"), "/abs.svg");
        assert_eq!(resolve(json, "https://e.test/a"), "https://e.test/a");
    }

    #[test]
    fn weekday_date_line_names_the_day_in_vietnamese() {
        assert_eq!(
            weekday_date_line("2022-11-25T15:15:00+07:00"),
            "Thứ Sáu, 25/11/2022 15:15"
        );
        assert_eq!(
            weekday_date_line("2000-02-29T08:00:00Z"),
            "Thứ Ba, 29/02/2000 08:00"
        );
        assert_eq!(
            weekday_date_line("2026-11-29T00:00:00Z"),
            "Chủ Nhật, 29/11/2026 00:00"
        );
        assert_eq!(weekday_date_line("yesterday"), "yesterday");
    }

    #[test]
    fn date_line_keeps_the_publisher_clock() {
        assert_eq!(date_line("2022-11-25T15:15:00+07:00"), "25/11/2022 15:15");
        assert_eq!(date_line("yesterday"), "yesterday");
        assert_eq!(date_line("2022-11-2ạT15:15:00"), "2022-11-2ạT15:15:00");
    }

    #[test]
    fn renders_every_block_escaped() {
        let article = json!({
            "lang": "vi", "title": "A <b>", "lead": "L", "published": "2022-11-25T15:15:00+07:00",
            "original_url": "https://e.test/a?x=\"1\"",
            "body": [
                {"type": "paragraph", "text": "p & q"},
                {"type": "heading", "level": 9, "text": "H"},
                {"type": "figure", "src": "../images/x.svg", "width": 8, "height": 5,
                 "alt": "\"alt\"", "caption": "C", "credit": "Ảnh: T"},
                {"type": "unknown"}
            ],
            "authors": [{"name": "Hoàng Tùng"}],
            "source": {"name": "S"},
            "related": [{"title": "R", "url": "https://e.test/r"}]
        });
        let html = render_article(&article, "/demo/articles/a.json");
        for needle in [
            "<h1 class=\"aw-title\">A &lt;b&gt;</h1>",
            "<time datetime=\"2022-11-25T15:15:00+07:00\">Thứ Sáu, 25/11/2022 15:15</time>",
            "<button type=\"button\" class=\"aw-tool aw-print\">",
            "<p>p &amp; q</p>",
            "<h4>H</h4>",
            "src=\"/demo/images/x.svg\" width=\"8\" height=\"5\" alt=\"&quot;alt&quot;\"",
            "<span class=\"aw-credit\">Ảnh: T</span>",
            "<p class=\"aw-author\">Hoàng Tùng</p>",
            "<a href=\"https://e.test/r\">R</a>",
            "<a href=\"https://e.test/a?x=&quot;1&quot;\" class=\"aw-tool aw-original\">Xem bài gốc</a>",
        ] {
            assert!(html.contains(needle), "missing {needle:?} in {html}");
        }
    }

    #[test]
    fn only_the_first_photo_near_the_top_loads_eagerly() {
        let figure =
            json!({"type": "figure", "src": "/x.svg", "width": 8, "height": 5, "alt": "a"});
        let para = json!({"type": "paragraph", "text": "p"});
        let eager = |body: Vec<&Value>| {
            let html = render_article(&json!({"title": "T", "body": body}), "/a.json");
            (
                html.matches("loading=\"eager\"").count(),
                html.matches("loading=\"lazy\"").count(),
            )
        };
        assert_eq!(eager(vec![&para, &figure, &figure]), (1, 1));
        assert_eq!(eager(vec![&para, &para, &para, &figure]), (0, 1));
        assert_eq!(eager(vec![&figure]), (1, 0));
    }

    #[test]
    fn big_article_is_big_valid_shape_and_deterministic() {
        let demo = json!({
            "title": "T", "lead": "một hai ba",
            "body": [{"type": "paragraph", "text": "bốn năm sáu bảy"},
                     {"type": "figure", "src": "../images/x.svg", "width": 8, "height": 5, "alt": ""}]
        });
        let a = big_article(&demo, "/demo/articles/a.json", 200_000);
        let b = big_article(&demo, "/demo/articles/a.json", 200_000);
        assert_eq!(a, b);
        let len = a.to_string().len();
        assert!((200_000..260_000).contains(&len), "{len}");
        let body = a["body"].as_array().map_or(0, Vec::len);
        assert!(body > 200 && body < 2000, "{body} blocks");
        assert_eq!(a["body"][10]["src"], "/demo/images/x.svg");
    }
}
