//! Rich text as an importer collects it: characters with their link and
//! emphasis, gathered from HTML text nodes inside `<a>`, `<em>`/`<i>` and
//! `<strong>`/`<b>`, then tidied as the article format wants it (whitespace
//! collapsed across runs, ends trimmed, neighbours of one style merged).
//! Links stay as written here; [`super::draft`] resolves them and drops the
//! ones the widget would refuse (`javascript:`, `data:`, …).

/// One run of text with its style, the link as written in the HTML.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawRun {
    /// The characters (whitespace collapsed once [`tidy`] ran).
    pub text: String,
    /// The `href` as written (may be relative, may be unsafe).
    pub href: Option<String>,
    /// Inside `<em>` or `<i>`.
    pub em: bool,
    /// Inside `<strong>` or `<b>`.
    pub strong: bool,
}

impl RawRun {
    /// Plain text in one run.
    pub fn plain(text: impl Into<String>) -> RawRun {
        RawRun {
            text: text.into(),
            ..RawRun::default()
        }
    }

    fn same_style(&self, other: &RawRun) -> bool {
        self.href == other.href && self.em == other.em && self.strong == other.strong
    }
}

/// The characters of `runs` without their styles.
pub fn plain(runs: &[RawRun]) -> String {
    runs.iter().map(|r| r.text.as_str()).collect()
}

/// Appends `text` in the given style, joining the last run when it has the
/// same style.
pub fn push(runs: &mut Vec<RawRun>, text: &str, style: &RawRun) {
    if text.is_empty() {
        return;
    }
    match runs.last_mut() {
        Some(last) if last.same_style(style) => last.text.push_str(text),
        _ => runs.push(RawRun {
            text: text.to_owned(),
            ..style.clone()
        }),
    }
}

/// The runs as the format wants them: every run of whitespace one space
/// (also across runs), invisible characters gone, no space at either end,
/// no empty run, neighbours of one style merged. A space between a link and
/// the next word goes outside the link.
pub fn tidy(runs: Vec<RawRun>) -> Vec<RawRun> {
    let mut out: Vec<RawRun> = Vec::with_capacity(runs.len());
    // Whether a space is owed before the next visible character.
    let mut space = false;
    let mut chunk = String::new();
    for run in runs {
        let style = RawRun {
            text: String::new(),
            ..run
        };
        for c in run.text.chars() {
            if c.is_whitespace() {
                space = true;
                continue;
            }
            if c.is_control() || matches!(c, '\u{200b}' | '\u{200c}' | '\u{feff}' | '\u{ad}') {
                continue;
            }
            if space && !out.is_empty() {
                // The space goes to the plainer side, never into a link
                // that does not go on.
                let plain = RawRun::default();
                let space_style = match out.last() {
                    Some(prev)
                        if prev.same_style(&plain)
                            || prev.same_style(&style)
                            || prev.href.is_some() && prev.href == style.href =>
                    {
                        prev.clone()
                    }
                    _ if style.same_style(&plain) => plain,
                    Some(prev) if prev.href.is_none() => prev.clone(),
                    _ if style.href.is_none() => style.clone(),
                    _ => plain,
                };
                push(&mut out, " ", &space_style);
            }
            space = false;
            chunk.clear();
            chunk.push(c);
            push(&mut out, &chunk, &style);
        }
    }
    out
}

/// Joins two rich texts with a space between them.
pub fn join(into: &mut Vec<RawRun>, more: Vec<RawRun>) {
    if more.is_empty() {
        return;
    }
    if !into.is_empty() {
        push(into, " ", &RawRun::default());
    }
    for run in more {
        let style = RawRun {
            text: String::new(),
            ..run.clone()
        };
        push(into, &run.text, &style);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, href: Option<&str>, em: bool, strong: bool) -> RawRun {
        RawRun {
            text: text.into(),
            href: href.map(str::to_owned),
            em,
            strong,
        }
    }

    #[test]
    fn whitespace_collapses_across_runs_and_ends_are_trimmed() {
        let got = tidy(vec![
            run("  See\n the ", None, false, false),
            run(" results ", Some("r.html"), false, false),
            run("  and ", None, false, false),
            run("note", None, false, true),
            run(" ", None, false, false),
        ]);
        assert_eq!(
            got,
            vec![
                run("See the ", None, false, false),
                run("results", Some("r.html"), false, false),
                run(" and ", None, false, false),
                run("note", None, false, true),
            ]
        );
    }

    #[test]
    fn runs_of_one_style_merge_and_empty_ones_go() {
        let got = tidy(vec![
            run("a", None, true, false),
            run("", None, false, false),
            run("b", None, true, false),
        ]);
        assert_eq!(got, vec![run("ab", None, true, false)]);
        assert!(tidy(vec![run(" \u{200b} ", None, false, false)]).is_empty());
    }

    #[test]
    fn a_space_after_a_link_stays_outside_it() {
        let got = tidy(vec![
            run("link ", Some("x"), false, false),
            run("word", None, false, false),
        ]);
        assert_eq!(
            got,
            vec![
                run("link", Some("x"), false, false),
                run(" word", None, false, false)
            ]
        );
    }
}
