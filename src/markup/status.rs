//! The widget's states without an article: the loading placeholder, the
//! error box with its problems, the retry countdown, and the notice above an
//! article kept from an earlier load.

use super::{escape_into, fill, widget};
use crate::config::WidgetConfig;
use crate::datetime::DateTime;
use crate::decimal;
use crate::i18n::{date_line, Labels, Lang};
use crate::load::{LoadError, Status};
use crate::prelude::*;
use crate::validate::Problem;

/// The whole widget while nothing is loaded yet: the root with the loading
/// placeholder, in the configured UI language (Vietnamese when none), as
/// `ArticleView` first renders.
pub fn loading_widget(config: &WidgetConfig) -> String {
    let lang = config.lang.unwrap_or(Lang::Vi);
    widget(config, lang, &loading(lang))
}

/// The loading placeholder (as `Loading`).
pub fn loading(lang: Lang) -> String {
    let mut out = String::with_capacity(160);
    out.push_str(
        "<div role=\"status\" aria-live=\"polite\" aria-busy=\"true\" class=\"aw-loading\">\
         <span aria-hidden=\"true\" class=\"aw-spinner\"></span>",
    );
    escape_into(&mut out, lang.labels().loading);
    out.push_str("</div>");
    out
}

/// The retry button of the error box and the load notice.
pub(super) fn retry_button(out: &mut String, l: &Labels) {
    out.push_str("<button type=\"button\" class=\"aw-button\">");
    escape_into(out, l.retry);
    out.push_str("</button>");
}

/// Problems as `<li><code>..</code></li>`, at most 50.
pub(super) fn problem_items<'a>(out: &mut String, problems: impl Iterator<Item = &'a Problem>) {
    for p in problems.take(50) {
        out.push_str("<li><code>");
        if !p.path.is_empty() {
            escape_into(out, &p.path);
            out.push_str(": ");
        }
        escape_into(out, &p.message);
        out.push_str("</code></li>");
    }
}

/// The error box (as `ErrorBox`): the error in words, each validation
/// problem with its path, and a retry button when `retry` (the shell
/// handles its click: `.aw-error .aw-button`).
pub fn error_box(error: &LoadError, lang: Lang, retry: bool) -> String {
    let l = lang.labels();
    let problems = error.problems();
    let mut out = String::with_capacity(256);
    out.push_str("<div role=\"alert\" class=\"aw-error\"><p class=\"aw-error-title\"><strong>");
    escape_into(&mut out, l.error_title);
    out.push_str("</strong></p><p class=\"aw-error-message\">");
    escape_into(&mut out, &error.message(lang));
    out.push_str("</p>");
    if !problems.is_empty() {
        out.push_str("<ul class=\"aw-problems\">");
        problem_items(&mut out, problems.iter().copied());
        if problems.len() > 50 {
            out.push_str("<li>… +");
            decimal::push(&mut out, (problems.len() - 50) as u64);
            out.push_str("</li>");
        }
        out.push_str("</ul>");
    }
    if retry {
        retry_button(&mut out, l);
    }
    out.push_str("</div>");
    out
}

/// "Trying again in N seconds…" (as `Countdown`).
pub fn countdown(seconds: u32, lang: Lang) -> String {
    let mut out = String::with_capacity(96);
    countdown_into(&mut out, seconds, lang);
    out
}

pub(super) fn countdown_into(out: &mut String, seconds: u32, lang: Lang) {
    out.push_str("<p role=\"status\" aria-live=\"polite\" class=\"aw-countdown\">");
    escape_into(out, &countdown_text(seconds, lang));
    out.push_str("</p>");
}

/// The countdown's words, as plain text: the embed puts them into the
/// existing `.aw-countdown` each second (`textContent`), so the error box and
/// its `role="alert"` stay the same node and are announced once.
pub fn countdown_text(seconds: u32, lang: Lang) -> String {
    fill(
        lang.labels().retry_in,
        "{seconds}",
        &decimal::text(u64::from(seconds)),
    )
}

/// The notice above an article that stays on screen (as `LoadNotice`):
/// kept copy saved at `saved`, an update under way, or why it failed with
/// the countdown and a retry button (when `retry` and there is an error).
/// Empty for a fresh, settled article.
pub fn load_notice(status: &Status, saved: Option<&str>, lang: Lang, retry: bool) -> String {
    let l = lang.labels();
    let saved = saved.map(|s| {
        let when = DateTime::parse(s).map_or_else(|_| s.to_owned(), |d| date_line(lang, &d));
        fill(l.offline_copy, "{saved}", &when)
    });
    let (error, seconds) = match status {
        Status::Waiting { error, seconds } => (Some(error), Some(*seconds)),
        Status::Failed(error) => (Some(error), None),
        _ => (None, None),
    };
    let updating = *status == Status::Loading;
    let mut out = String::new();
    if saved.is_none() && error.is_none() && !updating {
        return out;
    }
    out.push_str("<div role=\"status\" aria-live=\"polite\" class=\"aw-notice\">");
    if let Some(saved) = saved {
        out.push_str("<p class=\"aw-offline-copy\">");
        escape_into(&mut out, &saved);
        out.push_str("</p>");
    }
    if updating {
        out.push_str("<p class=\"aw-updating\">");
        escape_into(&mut out, l.updating);
        out.push_str("</p>");
    }
    if let Some(error) = error {
        out.push_str("<p class=\"aw-refresh-failed\"><strong>");
        escape_into(&mut out, l.refresh_failed);
        out.push_str("</strong>: ");
        escape_into(&mut out, &error.message(lang));
        out.push_str("</p>");
    }
    if let Some(seconds) = seconds {
        countdown_into(&mut out, seconds, lang);
    }
    if retry && error.is_some() {
        retry_button(&mut out, l);
    }
    out.push_str("</div>");
    out
}
