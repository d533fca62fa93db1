//! The article's footer: author, source, tags, what was left out, then the share
//! tools, the article's QR code, the publisher's social pages and related
//! articles (each from its own module).

use super::qr::{article_spec, qr_figure};
use super::related::related;
use super::share::share_bar;
use super::social::social;
use super::status::problem_items;
use super::{attr, class_end, escape_into, id, new_tab, section_title};
use crate::config::WidgetConfig;
use crate::decimal;
use crate::i18n::Labels;
use crate::model::{Article, Person, Source};
use crate::prelude::*;
use crate::validate::{Parsed, Problem};

pub(super) fn byline(out: &mut String, authors: &[Person], l: &Labels) {
    if authors.is_empty() {
        return;
    }
    out.push_str("<p class=\"aw-author\"><span class=\"aw-visually-hidden\">");
    escape_into(out, l.author);
    out.push_str(": </span>");
    for (i, a) in authors.iter().enumerate() {
        name_link(out, &a.name, a.url.as_deref(), "author noopener noreferrer");
        if i + 1 < authors.len() {
            out.push_str(", ");
        }
    }
    out.push_str("</p>");
}

pub(super) fn source_block(out: &mut String, s: &Source, l: &Labels) {
    out.push_str("<p class=\"aw-source\"><span class=\"aw-source-label\">");
    escape_into(out, l.source);
    out.push_str(": </span>");
    name_link(out, &s.name, s.url.as_deref(), "noopener noreferrer");
    out.push_str("</p>");
}

/// The attribution line: the publisher's logo and name, the name linking
/// to the original article (or, without one, to the canonical page).
pub(super) fn publisher_line(out: &mut String, a: &Article, l: &Labels) {
    let p = &a.publisher;
    out.push_str("<p class=\"aw-publisher\">");
    if let Some(logo) = &p.logo {
        out.push_str("<img");
        attr(out, "src", &logo.src);
        attr(out, "width", &decimal::text(u64::from(logo.width)));
        attr(out, "height", &decimal::text(u64::from(logo.height)));
        out.push_str(
            " alt=\"\" loading=\"lazy\" decoding=\"async\" referrerpolicy=\"no-referrer\">",
        );
    }
    escape_into(out, l.published_by);
    out.push_str(" <a");
    attr(out, "href", a.original_url.as_deref().unwrap_or(&a.url));
    out.push_str(" target=\"_blank\" rel=\"noopener noreferrer\">");
    escape_into(out, &p.name);
    new_tab(out, l);
    out.push_str("</a></p>");
}

/// A name: a link opening in a new tab (with `rel`) when it has a URL,
/// else a plain `<span>`.
pub(super) fn name_link(out: &mut String, name: &str, url: Option<&str>, rel: &str) {
    if let Some(url) = url {
        out.push_str("<a");
        attr(out, "href", url);
        attr(out, "rel", rel);
        out.push_str(" target=\"_blank\">");
        escape_into(out, name);
        out.push_str("</a>");
    } else {
        out.push_str("<span>");
        escape_into(out, name);
        out.push_str("</span>");
    }
}

/// The article's tags: "Từ khóa:" and a list of them.
pub(super) fn tags(out: &mut String, tags: &[String], l: &Labels) {
    if tags.is_empty() {
        return;
    }
    out.push_str("<div class=\"aw-tags\"><span class=\"aw-tags-label\">");
    escape_into(out, l.tags);
    out.push_str(":</span><ul>");
    for tag in tags {
        out.push_str("<li class=\"aw-tag\">");
        escape_into(out, tag);
        out.push_str("</li>");
    }
    out.push_str("</ul></div>");
}

pub(super) fn omitted(out: &mut String, warnings: &[Problem], l: &Labels) {
    if warnings.is_empty() {
        return;
    }
    out.push_str("<details role=\"note\" class=\"aw-omitted\"><summary>");
    escape_into(out, l.omitted_title);
    out.push_str(" (");
    out.push_str(&decimal::text(warnings.len() as u64));
    out.push_str(")</summary><ul>");
    problem_items(out, warnings.iter());
    out.push_str("</ul></details>");
}

/// The inside of the article's `<footer class="aw-footer">`: author,
/// source, what was left out, share tools, the article's QR code (pending),
/// the publisher's social pages and related articles.
pub fn footer_inner(parsed: &Parsed, config: &WidgetConfig, ids: &str) -> String {
    let a = &parsed.article;
    let lang = config.ui_lang(&a.lang);
    let l = lang.labels();
    let mut out = String::with_capacity(8192);
    byline(&mut out, &a.authors, l);
    if let Some(source) = &a.source {
        source_block(&mut out, source, l);
    }
    publisher_line(&mut out, a, l);
    tags(&mut out, &a.tags, l);
    omitted(&mut out, &parsed.warnings, l);
    out.push_str("<div class=\"aw-tools\">");
    share_bar(&mut out, &a.url, &a.title, config, lang, ids);
    let qr_heading = id(ids, "-qr-heading");
    out.push_str("<section");
    attr(&mut out, "aria-labelledby", &qr_heading);
    class_end(&mut out, "aw-article-qr");
    section_title(&mut out, config.heading_level, &qr_heading, l.qr_heading);
    qr_figure(&mut out, &article_spec(a, l), ids, l);
    out.push_str("</section></div>");
    social(&mut out, &a.publisher.social, l, config.heading_level, ids);
    related(&mut out, &a.related, lang, config, ids);
    out
}
