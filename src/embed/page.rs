//! One embedded widget's state, as the embed engine keeps it: the checked
//! article (or why there is none) and the configuration, turned into HTML
//! strings by [`crate::markup`] on request.
//!
//! Pure and native-tested: the wasm exports in `engine/` are a thin layer
//! over [`Page`], and `embed/embed.js` owns the DOM (it inserts the strings
//! into the widget's shadow root and handles clicks).
//!
//! The first paint carries only what a reader sees first: the toolbar,
//! title, lead and the first chunk of the body. The footer (author, source,
//! share tools, QR codes, related articles) comes from [`Page::footer`] a
//! frame later, and the rest of a long body in chunks from
//! [`Page::next_chunk`], each in its own task, so the host page never runs
//! one long task for us. A chunk ends at [`FIRST_CHUNK`] / [`CHUNK`] blocks
//! or once it holds [`FIRST_CHUNK_BYTES`] / [`CHUNK_BYTES`] of text,
//! whichever comes first. That is the one chunking rule of every article
//! page, the reader's included (it shows articles through the widget).
//!
//! An article may be the widget's last good copy: kept by the loader from an
//! earlier load and shown because the latest one failed in a way the network
//! may mend ([`LoadError::is_transient`]). [`Page::keep_notice`] marks it so;
//! it then shows under a notice (when it was saved, why it is not the latest,
//! the countdown to the next attempt and a retry button), and retries follow
//! the failure as they would for the error box.

use crate::config::WidgetConfig;
use crate::i18n::Lang;
use crate::load::{LoadError, Status};
use crate::markup::{self, QrSpec};
use crate::prelude::*;
use crate::qr::{self, QrCode, QrError};
use crate::retry::RetryPolicy;
use crate::text_size::{TextSize, TextSizeAction};
use crate::validate::{parse_article, Parsed};

/// Most blocks in a body's first render: more than a screenful of any real
/// article.
pub const FIRST_CHUNK: usize = 40;

/// Most blocks in each later chunk of a long body.
pub const CHUNK: usize = 80;

/// Text in the first render, in bytes, after which the first chunk ends
/// (at least one block is always shown).
pub const FIRST_CHUNK_BYTES: usize = 12_000;

/// Text per later chunk, in bytes.
pub const CHUNK_BYTES: usize = 32_000;

/// Where a chunk starting at `start` ends: after `max_blocks` blocks or
/// once the blocks hold `max_bytes` of text, and after at least one block.
fn chunk_end(
    blocks: &[crate::model::Block],
    start: usize,
    max_blocks: usize,
    max_bytes: usize,
) -> usize {
    let mut bytes = 0;
    let mut end = start;
    for block in blocks.iter().skip(start).take(max_blocks) {
        if end > start && bytes >= max_bytes {
            break;
        }
        bytes += block.text_len();
        end += 1;
    }
    end
}

/// What a widget shows.
#[derive(Debug)]
enum Content {
    /// A checked article, how much of its body is out, and its QR codes
    /// once made.
    Article {
        parsed: Box<Parsed>,
        shown: usize,
        qr: Vec<Option<Result<QrCode, QrError>>>,
    },
    /// Why there is no article.
    Failed(LoadError),
}

/// Why an article shown is not the latest: it is the last good copy, saved
/// at `saved` (RFC 3339), and the latest load failed as `status` says.
#[derive(Debug)]
struct Notice {
    /// [`Status::Failed`], or [`Status::Waiting`] while a retry counts down.
    status: Status,
    saved: String,
}

/// One widget's state.
#[derive(Debug)]
pub struct Page {
    config: WidgetConfig,
    ids: String,
    content: Content,
    notice: Option<Notice>,
}

impl Page {
    /// Parses and checks `bytes` (relative URLs resolve against `base`).
    pub fn from_bytes(bytes: &[u8], base: Option<&str>, config: WidgetConfig, ids: &str) -> Page {
        let content = match parse_article(bytes, base) {
            Ok(parsed) => {
                let qr = vec![None; markup::qr_figures(&parsed, &config).len()];
                Content::Article {
                    parsed: Box::new(parsed),
                    shown: 0,
                    qr,
                }
            }
            Err(e) => Content::Failed(LoadError::Parse(e)),
        };
        Page {
            config,
            ids: ids.to_owned(),
            content,
            notice: None,
        }
    }

    /// A widget that could not load its article.
    pub fn failed(error: LoadError, config: WidgetConfig, ids: &str) -> Page {
        Page {
            config,
            ids: ids.to_owned(),
            content: Content::Failed(error),
            notice: None,
        }
    }

    /// Marks the article as the last good copy, saved at `saved` (RFC 3339),
    /// shown because the latest load failed with `error`, if that failure is
    /// one the network may mend ([`LoadError::is_transient`]): a copy must not
    /// stand in for an article its server says is gone. Whether it did;
    /// never without an article.
    pub fn keep_notice(&mut self, error: LoadError, saved: &str) -> bool {
        let kept = error.is_transient() && self.parsed().is_some();
        if kept {
            self.notice = Some(Notice {
                status: Status::Failed(error),
                saved: saved.to_owned(),
            });
        }
        kept
    }

    /// Replaces the configuration (language, theme, share list, heading
    /// level), keeping the article. Call [`Page::html`] again afterwards.
    pub fn configure(&mut self, config: WidgetConfig) {
        if let Content::Article { parsed, qr, .. } = &mut self.content {
            *qr = vec![None; markup::qr_figures(parsed, &config).len()];
        }
        self.config = config;
    }

    /// The checked article, if there is one.
    pub fn parsed(&self) -> Option<&Parsed> {
        match &self.content {
            Content::Article { parsed, .. } => Some(parsed),
            Content::Failed(_) => None,
        }
    }

    /// Why there is no article, if there is none.
    pub fn error(&self) -> Option<&LoadError> {
        match &self.content {
            Content::Failed(e) => Some(e),
            Content::Article { .. } => None,
        }
    }

    /// The language of the widget's own words.
    pub fn lang(&self) -> Lang {
        match &self.content {
            Content::Article { parsed, .. } => self.config.ui_lang(&parsed.article.lang),
            Content::Failed(_) => self.config.lang.unwrap_or(Lang::Vi),
        }
    }

    /// The whole widget: the article with the first chunk of its body, or
    /// the error with a retry button (and, when `countdown` is non-zero,
    /// the seconds until the automatic retry). A last good copy comes under
    /// its notice, which holds the countdown and the retry button. Starts
    /// the chunks anew.
    pub fn html(&mut self, text_size: TextSize, countdown: u32) -> String {
        let lang = self.lang();
        let mut out = markup::widget_open(&self.config, lang);
        match &mut self.content {
            Content::Article { parsed, shown, .. } => {
                if let Some(notice) = &mut self.notice {
                    // Moved, not cloned: the error goes from one state to the other.
                    let error = match core::mem::take(&mut notice.status) {
                        Status::Failed(error) | Status::Waiting { error, .. } => error,
                        _ => LoadError::NoSource,
                    };
                    notice.status = if countdown > 0 {
                        Status::Waiting {
                            error,
                            seconds: countdown,
                        }
                    } else {
                        Status::Failed(error)
                    };
                    out.push_str(&markup::load_notice(
                        &notice.status,
                        Some(&notice.saved),
                        lang,
                        true,
                    ));
                }
                *shown = chunk_end(&parsed.article.body, 0, FIRST_CHUNK, FIRST_CHUNK_BYTES);
                out.push_str(&markup::article_page_without_footer(
                    parsed,
                    &self.config,
                    &self.ids,
                    text_size,
                    *shown,
                ));
            }
            Content::Failed(error) => {
                let retry = !matches!(error, LoadError::NoSource);
                out.push_str(&markup::error_box(error, lang, retry));
                if countdown > 0 {
                    out.push_str(&markup::countdown(countdown, lang));
                }
            }
        }
        out.push_str(markup::WIDGET_CLOSE);
        out
    }

    /// The next chunk of body blocks to append to `.aw-body`, or `None`
    /// when the whole body is out.
    pub fn next_chunk(&mut self) -> Option<String> {
        let Content::Article { parsed, shown, .. } = &mut self.content else {
            return None;
        };
        if *shown >= parsed.article.body.len() {
            return None;
        }
        let end = chunk_end(&parsed.article.body, *shown, CHUNK, CHUNK_BYTES);
        let html = markup::body_blocks(parsed, &self.config, *shown, end);
        *shown = end;
        Some(html)
    }

    /// The inside of the article's footer, which [`Page::html`] leaves
    /// empty (empty without an article).
    pub fn footer(&self) -> String {
        self.parsed()
            .map(|p| markup::footer_inner(p, &self.config, &self.ids))
            .unwrap_or_default()
    }

    /// The fingerprint of the article at rest (see
    /// [`super::prerender::fingerprint`]), which the loader compares with a
    /// prerendered widget's; `None` without an article.
    pub fn fingerprint(&self) -> Option<String> {
        self.parsed()
            .map(|p| super::prerender::fingerprint(p, &self.config, &self.ids))
    }

    /// The player replacing the facade of the video at body block `index`
    /// once the reader pressed play, or `None` when there is no such video
    /// the widget may frame.
    #[cfg(feature = "rich")]
    pub fn video_player(&self, index: usize) -> Option<String> {
        markup::video_player(self.parsed()?, &self.config, index)
    }

    /// The QR codes the page shows (article first, then social pages).
    pub fn qr_specs(&self) -> Vec<QrSpec> {
        self.parsed()
            .map(|p| markup::qr_figures(p, &self.config))
            .unwrap_or_default()
    }

    /// Encodes QR code `index` (once) and returns the markup replacing its
    /// pending box.
    pub fn qr_code_markup(&mut self, index: usize) -> Option<String> {
        let lang = self.lang();
        let spec = self.qr_specs().into_iter().nth(index)?;
        let Content::Article { qr, .. } = &mut self.content else {
            return None;
        };
        let code = qr
            .get_mut(index)?
            .get_or_insert_with(|| qr::encode(&spec.data));
        Some(markup::qr_code_markup(
            &spec,
            code.as_ref(),
            &self.ids,
            lang,
        ))
    }

    /// The downloads paragraph of QR code `index` once it is made (empty
    /// when it offers none), without encoding or drawing it again.
    pub fn qr_downloads_markup(&self, index: usize) -> Option<String> {
        let Content::Article { qr, .. } = &self.content else {
            return None;
        };
        let spec = self.qr_specs().into_iter().nth(index)?;
        match qr.get(index)? {
            Some(Ok(code)) => Some(markup::qr_downloads_markup(&spec, code, self.lang())),
            _ => Some(String::new()),
        }
    }

    /// Greyscale pixels of QR code `index` at `scale` pixels per module
    /// (after [`Page::qr_code_markup`] made it): side length and one byte per
    /// pixel, for the PNG download.
    pub fn qr_pixels(&self, index: usize, scale: usize) -> Option<(usize, Vec<u8>)> {
        let Content::Article { qr, .. } = &self.content else {
            return None;
        };
        match qr.get(index)? {
            Some(Ok(code)) => Some(code.luma(scale)),
            _ => None,
        }
    }

    /// The text-size group's inner markup for `size`.
    pub fn text_size_group(&self, size: TextSize) -> String {
        markup::text_size_group(self.lang(), size)
    }

    /// The native share button's list item, when the share list asks for
    /// one (the loader adds it only where `navigator.share` exists).
    pub fn native_share_item(&self) -> Option<String> {
        let wanted = self
            .config
            .networks
            .contains(&crate::share::Network::Native);
        (wanted && self.parsed().is_some()).then(|| markup::share_native_item(self.lang()))
    }

    /// The index in the share list where the native share item goes: the
    /// networks before it in the configured order all render an item.
    pub fn native_share_index(&self) -> usize {
        markup::share_native_index(&self.config.networks).unwrap_or(0)
    }

    /// What the share section says after "copy link": success, or failure
    /// with the link in a field to copy by hand.
    pub fn copy_status(&self, copied: bool) -> String {
        let url = self.parsed().map_or("", |p| p.article.url.as_str());
        markup::copy_status(self.lang(), copied, url)
    }

    /// The countdown's words for `seconds` in the widget's language (plain
    /// text, for `textContent`).
    pub fn countdown_text(&self, seconds: u32) -> String {
        markup::countdown_text(seconds, self.lang())
    }

    /// Seconds before the next automatic retry of a failed load (the
    /// error shown, or the failure behind a last good copy), or `None` when
    /// the widget should wait for the reader's button.
    pub fn retry_delay(&self, retries_done: u32, jitter: f64) -> Option<u32> {
        let error = match &self.notice {
            Some(Notice {
                status: Status::Failed(error) | Status::Waiting { error, .. },
                ..
            }) => error,
            _ => self.error()?,
        };
        RetryPolicy::DEFAULT.delay_seconds(retries_done, error, jitter)
    }
}

/// The text size after `action`, from and to its stored form.
pub fn text_size_step(stored: Option<&str>, action: &str) -> TextSize {
    let size = TextSize::from_storage(stored);
    match action {
        "smaller" => size.apply(TextSizeAction::Smaller),
        "larger" => size.apply(TextSizeAction::Larger),
        "reset" => size.apply(TextSizeAction::Reset),
        _ => size,
    }
}

#[cfg(test)]
mod tests {
    use super::{text_size_step, Page, CHUNK, FIRST_CHUNK};
    use crate::config::WidgetConfig;
    use crate::load::LoadError;
    use crate::text_size::TextSize;

    const DEMO: &str =
        include_str!("../../demo/articles/quan-uy-le-chan-tong-ket-nghi-quyet-8.json");
    const BASE: &str = "https://example.test/demo/articles/a.json";

    fn long_article(paragraphs: usize) -> String {
        let mut doc: serde_json::Value = serde_json::from_str(DEMO).unwrap_or_default();
        let body: Vec<serde_json::Value> = (0..paragraphs)
            .map(|i| serde_json::json!({ "type": "paragraph", "text": format!("Đoạn {i}") }))
            .collect();
        doc["body"] = serde_json::Value::Array(body);
        doc.to_string()
    }

    #[test]
    fn the_demo_renders_whole_with_its_qr_codes() {
        let mut page =
            Page::from_bytes(DEMO.as_bytes(), Some(BASE), WidgetConfig::default(), "aw1");
        let html = page.html(TextSize::default(), 0);
        assert!(
            html.starts_with("<div ") && html.contains(" class=\"aw\">"),
            "{html}"
        );
        assert!(html.contains("class=\"aw-title\""), "{html}");
        assert!(page.next_chunk().is_none());
        let specs = page.qr_specs();
        assert!(specs.len() >= 2, "article and fanpage QR codes");
        let svg = page.qr_code_markup(0).unwrap_or_default();
        let downloads = page.qr_downloads_markup(0).unwrap_or_default();
        assert!(svg.contains("<svg"), "{svg}");
        assert!(downloads.contains("qr-article.svg"), "{downloads}");
        let (side, pixels) = page.qr_pixels(0, 4).unwrap_or_default();
        assert_eq!(pixels.len(), side * side);
        assert!(page.qr_code_markup(99).is_none() && page.qr_downloads_markup(99).is_none());
    }

    #[test]
    fn long_bodies_come_in_chunks_that_add_up() {
        let n = FIRST_CHUNK + 2 * CHUNK + 5;
        let json = long_article(n);
        let mut page =
            Page::from_bytes(json.as_bytes(), Some(BASE), WidgetConfig::default(), "aw2");
        let html = page.html(TextSize::default(), 0);
        let mut seen = html.matches("<p>Đoạn ").count();
        assert_eq!(seen, FIRST_CHUNK);
        let mut chunks = 0;
        while let Some(chunk) = page.next_chunk() {
            chunks += 1;
            seen += chunk.matches("<p>Đoạn ").count();
            assert!(chunk.contains(&format!("Đoạn {}<", seen - 1)));
        }
        assert_eq!((chunks, seen), (3, n));
        // Long blocks end a chunk early: by text, not only by count.
        let long = format!(
            "{{\"type\":\"paragraph\",\"text\":\"{}\"}}",
            "chữ ".repeat(2000)
        );
        let mut doc: serde_json::Value = serde_json::from_str(DEMO).unwrap_or_default();
        doc["body"] =
            serde_json::Value::Array(vec![serde_json::from_str(&long).unwrap_or_default(); 30]);
        let json = doc.to_string();
        let mut page =
            Page::from_bytes(json.as_bytes(), Some(BASE), WidgetConfig::default(), "aw6");
        let first = page.html(TextSize::default(), 0).matches("<p>chữ").count();
        assert!(
            (1..30).contains(&first),
            "the first chunk holds {first} of 30 long blocks"
        );
        let mut total = first;
        while let Some(chunk) = page.next_chunk() {
            total += chunk.matches("<p>chữ").count();
        }
        assert_eq!(total, 30);
        // A new render starts the chunks again.
        page.html(TextSize::default(), 0);
        assert!(page.next_chunk().is_some());
    }

    #[test]
    fn failures_say_what_is_wrong_and_when_to_retry() {
        let mut page = Page::from_bytes(b"{\"a\":1,\"a\":2}", None, WidgetConfig::default(), "aw3");
        let html = page.html(TextSize::default(), 0);
        assert!(html.contains("role=\"alert\""), "{html}");
        assert!(html.contains("duplicate key"), "{html}");
        assert_eq!(
            page.retry_delay(0, 0.0),
            None,
            "an invalid document is final"
        );
        assert!(page.qr_code_markup(0).is_none() && page.next_chunk().is_none());

        let error = LoadError::from_report("status", 503, "", Some(3));
        let mut page = Page::failed(error, WidgetConfig::default(), "aw4");
        assert_eq!(page.retry_delay(0, 0.0), Some(3));
        let html = page.html(TextSize::default(), 3);
        assert!(
            html.contains("503") && html.contains("aw-countdown"),
            "{html}"
        );

        let mut page = Page::failed(LoadError::NoSource, WidgetConfig::default(), "aw5");
        assert!(!page.html(TextSize::default(), 0).contains("<button"));
    }

    #[test]
    fn a_last_good_copy_shows_under_its_notice_and_retries_like_the_error() {
        let mut page =
            Page::from_bytes(DEMO.as_bytes(), Some(BASE), WidgetConfig::default(), "aw7");
        let fresh = page.html(TextSize::default(), 0);
        assert!(!fresh.contains("aw-notice"), "{fresh}");
        assert_eq!(
            page.retry_delay(0, 0.0),
            None,
            "a fresh article needs no retry"
        );

        let gone = LoadError::from_report("status", 404, "", None);
        assert!(!page.keep_notice(gone, "2026-12-03T09:05:00+07:00"));
        assert!(!page.html(TextSize::default(), 0).contains("aw-notice"));
        let error = LoadError::from_report("status", 503, "", None);
        assert!(page.keep_notice(error, "2026-12-03T09:05:00+07:00"));
        let html = page.html(TextSize::default(), 0);
        let notice = html.find("class=\"aw-notice\"").unwrap_or(usize::MAX);
        let article = html.find("class=\"aw-article\"").unwrap_or(0);
        assert!(
            notice < article,
            "the notice comes above the article: {html}"
        );
        // When it was saved, in the widget's words and the date line's form;
        // why it is not the latest; a retry button; no countdown yet.
        assert!(html.contains("03/12/2026 09:05"), "{html}");
        assert!(html.contains("503"), "{html}");
        assert!(html.contains("class=\"aw-button\""), "{html}");
        assert!(!html.contains("aw-countdown"), "{html}");
        assert!(html.contains("class=\"aw-title\""), "{html}");

        // A 503 is retried, with the countdown inside the notice.
        let delay = page.retry_delay(0, 0.0).unwrap_or(0);
        assert!(delay > 0);
        let html = page.html(TextSize::default(), delay);
        assert!(html.contains("aw-countdown"), "{html}");
        assert!(page.countdown_text(delay).contains(&delay.to_string()));
        let html = page.html(TextSize::default(), 0);
        assert!(
            !html.contains("aw-countdown") && html.contains("503"),
            "{html}"
        );

        // An error with nothing to show keeps no notice.
        let mut failed = Page::failed(LoadError::NoSource, WidgetConfig::default(), "aw8");
        assert!(!failed.keep_notice(LoadError::Network("offline".into()), "2026-12-03T09:05:00Z"));
        assert!(!failed.html(TextSize::default(), 0).contains("aw-notice"));
    }

    #[test]
    fn text_size_steps_from_the_stored_value() {
        let larger = text_size_step(None, "larger");
        assert!(larger.percent() > 100);
        let back = text_size_step(Some(&larger.to_storage()), "reset");
        assert!(back.is_original());
        assert_eq!(
            text_size_step(Some("junk"), "nonsense"),
            TextSize::default()
        );
    }
}
