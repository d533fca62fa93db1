//! QR codes on the page: the pending figure first rendered, then the code
//! (or why there is none) and its downloads once the shell has made it.

use super::{attr, class_end, escape_into, fill, id};
use crate::config::WidgetConfig;
use crate::decimal;
use crate::i18n::{Labels, Lang};
use crate::model::SocialPage;
use crate::prelude::*;
use crate::qr::{QrCode, QrError};
use crate::share::encode_component;
use crate::validate::Parsed;

/// One QR code of the page: what [`article_page`] shows as a pending box and
/// the shell later fills in with [`qr_result`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QrSpec {
    /// What the code encodes (the article's or a social page's URL).
    pub data: String,
    /// Caption and accessible name, e.g. "QR CODE: `<title>`".
    pub label: String,
    /// File name stem for downloads, e.g. `qr-article`.
    pub filename: String,
    /// Whether SVG/PNG downloads are offered (the article's code only).
    pub downloads: bool,
    /// The caption id after the widget's id prefix, e.g. `-qr` or `-social-qr-0`.
    pub id_suffix: String,
}

impl QrSpec {
    /// The caption's element id (what the code's `aria-labelledby` names).
    pub fn caption_id(&self, ids: &str) -> String {
        id(ids, &self.id_suffix)
    }
}

/// Every QR code [`article_page`] renders, in document order (the
/// article's, then one per social page), so the shell can match them to the
/// `figure.aw-qr` elements by position.
pub fn qr_figures(parsed: &Parsed, config: &WidgetConfig) -> Vec<QrSpec> {
    let a = &parsed.article;
    let l = config.ui_lang(&a.lang).labels();
    let mut specs = Vec::with_capacity(1 + a.publisher.social.len());
    specs.push(article_spec(a, l));
    for (i, p) in a.publisher.social.iter().enumerate() {
        specs.push(social_spec(i, p, l));
    }
    specs
}

pub(super) fn social_spec(i: usize, p: &SocialPage, l: &Labels) -> QrSpec {
    QrSpec {
        data: p.url.clone(),
        label: fill(l.social_qr, "{name}", &p.name),
        filename: id("qr-", &p.network),
        downloads: false,
        id_suffix: id("-social-qr-", &decimal::text(i as u64)),
    }
}

/// The pending QR figure as first rendered. After the caption comes the
/// URL the code encodes, as text that only paper shows (`.aw-qr-url`): a
/// printed page names the article's address for a reader without a camera.
pub(super) fn qr_figure(out: &mut String, spec: &QrSpec, ids: &str, l: &Labels) {
    out.push_str("<figure class=\"aw-qr\"><div role=\"img\"");
    attr(out, "aria-label", l.qr_making);
    out.push_str(" class=\"aw-qr-box aw-qr-pending\"></div><figcaption");
    attr(out, "id", &spec.caption_id(ids));
    out.push('>');
    escape_into(out, &spec.label);
    out.push_str("</figcaption><p class=\"aw-qr-url\">");
    escape_into(out, &spec.data);
    out.push_str("</p></figure>");
}

/// What replaces the pending box of `spec` once its code is made (`code`
/// is `qr::encode(&spec.data)`, kept by the caller for the PNG download):
/// the `<svg class="aw-qr-box">` of the code or the failure note, and what
/// follows its `<figcaption>` (the downloads paragraph, or empty), as
/// `QrView` renders them. The PNG button has no `href`: the shell draws and
/// downloads the PNG on its click (`.aw-qr-downloads button`).
pub fn qr_result(
    spec: &QrSpec,
    code: Result<&QrCode, &QrError>,
    ids: &str,
    lang: Lang,
) -> (String, String) {
    (
        qr_code_markup(spec, code, ids, lang),
        code.map(|c| qr_downloads_markup(spec, c, lang))
            .unwrap_or_default(),
    )
}

/// The first half of [`qr_result`]: the `<svg class="aw-qr-box">` of the
/// code, or the note saying why there is none.
pub fn qr_code_markup(
    spec: &QrSpec,
    code: Result<&QrCode, &QrError>,
    ids: &str,
    lang: Lang,
) -> String {
    let l = lang.labels();
    let code = match code {
        Ok(code) => code,
        Err(e) => {
            let reason = match e {
                QrError::TooLong { bytes } => {
                    fill(l.qr_too_long, "{bytes}", &decimal::text(*bytes as u64))
                }
                QrError::Empty => l.qr_empty.to_owned(),
            };
            let mut out = String::with_capacity(160);
            out.push_str("<div role=\"note\" class=\"aw-qr-box aw-qr-failed\">");
            escape_into(&mut out, &fill(l.qr_failed, "{reason}", &reason));
            out.push_str("</div>");
            return out;
        }
    };
    let side = decimal::text(code.size_with_quiet_zone() as u64);
    let path = code.path_data();
    let mut svg = String::with_capacity(path.len() + 256);
    svg.push_str("<svg role=\"img\"");
    attr(&mut svg, "aria-labelledby", &spec.caption_id(ids));
    svg.push_str(" viewBox=\"0 0 ");
    svg.push_str(&side);
    svg.push(' ');
    svg.push_str(&side);
    // The light background and quiet zone are the box's (`.aw-qr-box` in
    // `style/widget.css`), so the path is all the code.
    svg.push_str("\" shape-rendering=\"crispEdges\" class=\"aw-qr-box\"><path d=\"");
    svg.push_str(&path);
    svg.push_str("\" stroke=\"#000\"></path></svg>");
    svg
}

/// The second half of [`qr_result`]: the downloads paragraph that follows
/// the caption, or empty when `spec` offers none.
pub fn qr_downloads_markup(spec: &QrSpec, code: &QrCode, lang: Lang) -> String {
    let mut downloads = String::new();
    if !spec.downloads {
        return downloads;
    }
    let l = lang.labels();
    let doc = encode_component(&code.svg_document(&spec.label));
    downloads.reserve(doc.len() + 256);
    downloads.push_str("<p class=\"aw-qr-downloads\"><a href=\"data:image/svg+xml;charset=utf-8,");
    // Percent-encoded: only unreserved characters and `%XX`.
    downloads.push_str(&doc);
    downloads.push('"');
    let mut name = spec.filename.clone();
    name.push_str(".svg");
    attr(&mut downloads, "download", &name);
    class_end(&mut downloads, "aw-link-button");
    escape_into(&mut downloads, l.qr_download_svg);
    downloads.push_str("</a>");
    png_button(&mut downloads, l);
    downloads
}

/// The downloads paragraph of a prerendered widget (`article-widget
/// render`), where the code's SVG link would carry the whole code again as
/// a `data:` URL: both downloads as buttons, which hold the paragraph's
/// room (hidden until the script defines the element) until the loader
/// replaces it with [`qr_downloads_markup`]'s; nothing moves then. Empty
/// when `spec` offers no downloads.
pub fn qr_downloads_placeholder(spec: &QrSpec, lang: Lang) -> String {
    let mut downloads = String::new();
    if spec.downloads {
        let l = lang.labels();
        downloads.push_str(
            "<p class=\"aw-qr-downloads\"><button type=\"button\" class=\"aw-link-button\">",
        );
        escape_into(&mut downloads, l.qr_download_svg);
        downloads.push_str("</button>");
        png_button(&mut downloads, l);
    }
    downloads
}

/// The PNG download's button, which ends the downloads paragraph.
fn png_button(out: &mut String, l: &Labels) {
    out.push_str("<button type=\"button\" class=\"aw-link-button\">");
    escape_into(out, l.qr_download_png);
    out.push_str("</button></p>");
}

/// The article's own QR spec (the first of [`qr_figures`]).
pub(super) fn article_spec(a: &crate::model::Article, l: &Labels) -> QrSpec {
    let mut label = String::with_capacity(l.qr_label.len() + a.title.len() + 2);
    label.push_str(l.qr_label);
    label.push_str(": ");
    label.push_str(&a.title);
    QrSpec {
        data: a.url.clone(),
        label,
        filename: "qr-article".to_owned(),
        downloads: true,
        id_suffix: "-qr".to_owned(),
    }
}
