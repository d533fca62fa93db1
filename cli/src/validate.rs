//! `article-widget validate`: the widget's own checks
//! ([`article_widget::validate::parse_article`]) on files and URLs, every
//! problem with its JSON path and line:column, a summary, and an exit status
//! for scripts and CI.

use std::fmt::Write as _;
use std::process::ExitCode;
use std::thread;

use article_widget::validate::{limits, parse_article, ParseError, Problem, Severity};
use clap::ValueEnum;
use serde::Serialize;

use crate::locate::{Locator, Position};
use crate::source::{ReadError, Source};

/// Relative references in a file checked without `--base` resolve against
/// this stand-in, as they would on any web server.
const STAND_IN_BASE: &str = "http://localhost/";

/// `article-widget validate FILE|URL...`
#[derive(Debug, clap::Args)]
#[command(after_help = "\
EXAMPLES:
    article-widget validate demo/articles/*.json
    article-widget validate --format json https://example.org/articles/a.json
    curl -s https://example.org/a.json | article-widget validate -

Relative references (\"../images/a.jpg\") resolve against the URL a document was
fetched from; in a file, against --base, or as on any web server without it.")]
pub struct Args {
    /// Article documents: files, `-` for standard input, or http(s) URLs.
    #[arg(required = true, value_name = "FILE|URL")]
    pub inputs: Vec<String>,
    /// How to print the report: `human` lines (`file:line:column: severity:
    /// path: message`) or one `json` document for CI.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// The URL the files will be served from; relative references in them
    /// resolve against it (URLs given as inputs use their own).
    #[arg(long, value_name = "URL")]
    pub base: Option<String>,
}

/// Report formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One line per problem and a summary, for people.
    Human,
    /// One JSON document, for machines.
    Json,
}

/// One problem, located.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// `error` (the widget refuses the article) or `warning` (it drops the part).
    pub severity: &'static str,
    /// JSON path, e.g. `body[3].src`; empty for the document itself.
    pub path: String,
    /// What is wrong.
    pub message: String,
    /// Where the value is in the document, when known.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
}

/// What checking one document found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "lowercase")]
pub enum Outcome {
    /// The widget shows it; `problems` are warnings only.
    Valid {
        /// Optional parts the widget drops.
        problems: Vec<Finding>,
    },
    /// The widget refuses it.
    Invalid {
        /// Every problem, errors and warnings, in document order.
        problems: Vec<Finding>,
    },
    /// It could not be read at all.
    Unreadable {
        /// Why.
        error: String,
    },
}

/// One input and its outcome.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FileReport {
    /// The input as given.
    pub source: String,
    /// What was found.
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// Counts over all inputs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Inputs checked.
    pub files: usize,
    /// Usable articles.
    pub valid: usize,
    /// Usable articles with warnings.
    pub with_warnings: usize,
    /// Refused articles.
    pub invalid: usize,
    /// Inputs that could not be read.
    pub unreadable: usize,
}

impl Summary {
    /// Counts `reports`.
    pub fn of(reports: &[FileReport]) -> Self {
        let mut s = Self {
            files: reports.len(),
            ..Self::default()
        };
        for r in reports {
            match &r.outcome {
                Outcome::Valid { problems } => {
                    s.valid += 1;
                    s.with_warnings += usize::from(!problems.is_empty());
                }
                Outcome::Invalid { .. } => s.invalid += 1,
                Outcome::Unreadable { .. } => s.unreadable += 1,
            }
        }
        s
    }

    /// The exit status: 2 if anything could not be read, else 1 if anything
    /// is invalid, else 0.
    pub fn exit_code(&self) -> u8 {
        if self.unreadable > 0 {
            2
        } else {
            u8::from(self.invalid > 0)
        }
    }
}

/// Checks one document's bytes as the widget would, fetched from `base`.
pub fn check(bytes: &[u8], base: Option<&str>) -> Outcome {
    match parse_article(bytes, base) {
        Ok(parsed) => Outcome::Valid {
            problems: located(bytes, &parsed.warnings),
        },
        Err(ParseError::Invalid(problems)) => Outcome::Invalid {
            problems: located(bytes, &problems),
        },
        Err(ParseError::Syntax {
            line,
            column,
            message,
        }) => Outcome::Invalid {
            problems: vec![Finding {
                severity: "error",
                path: String::new(),
                message: format!("not valid JSON: {message}"),
                position: Some(Position { line, column }),
            }],
        },
        Err(e @ ParseError::NotUtf8 { offset }) => {
            let before = &bytes[..offset.min(bytes.len())];
            let line_start = before
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            Outcome::Invalid {
                problems: vec![Finding {
                    severity: "error",
                    path: String::new(),
                    message: e.to_string(),
                    position: Some(Position {
                        line: before.split(|&b| b == b'\n').count(),
                        column: offset - line_start + 1,
                    }),
                }],
            }
        }
        Err(e) => Outcome::Invalid {
            problems: vec![Finding {
                severity: "error",
                path: String::new(),
                message: e.to_string(),
                position: None,
            }],
        },
    }
}

/// The problems with their positions in `bytes`.
fn located(bytes: &[u8], problems: &[Problem]) -> Vec<Finding> {
    let text = std::str::from_utf8(bytes).unwrap_or_default();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let locator = (!problems.is_empty()).then(|| Locator::new(text));
    let mut findings: Vec<Finding> = problems
        .iter()
        .map(|p| Finding {
            severity: match p.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            path: p.path.clone(),
            message: p.message.clone(),
            position: locator.as_ref().and_then(|l| l.locate(&p.path)),
        })
        .collect();
    findings.sort_by_key(|f| f.position.map(|p| (p.line, p.column)));
    findings
}

/// Reads and checks one input.
fn check_source(arg: &str, base: Option<&str>) -> FileReport {
    let source = Source::from_arg(arg);
    let limit = limits::MAX_BYTES as u64;
    let outcome = match source.read(limit) {
        Ok(fetched) => {
            let base = match (&fetched.url, base) {
                (Some(url), _) => url.clone(),
                (None, Some(base)) => base.to_owned(),
                (None, None) => STAND_IN_BASE.to_owned(),
            };
            check(&fetched.bytes, Some(&base))
        }
        Err(ReadError::TooLarge { .. }) => {
            let bytes = match &source {
                Source::File(path) => std::fs::metadata(path)
                    .ok()
                    .and_then(|m| usize::try_from(m.len()).ok()),
                _ => None,
            };
            let error = ParseError::TooLarge {
                bytes: bytes.unwrap_or(limits::MAX_BYTES + 1),
            };
            Outcome::Invalid {
                problems: vec![Finding {
                    severity: "error",
                    path: String::new(),
                    message: if bytes.is_some() {
                        error.to_string()
                    } else {
                        format!(
                            "the article document is more than the limit of {} bytes",
                            limits::MAX_BYTES
                        )
                    },
                    position: None,
                }],
            }
        }
        Err(e) => Outcome::Unreadable {
            error: e.to_string(),
        },
    };
    FileReport {
        source: arg.to_owned(),
        outcome,
    }
}

/// Checks every input, on every core, keeping the inputs' order.
pub fn check_all(inputs: &[String], base: Option<&str>) -> Vec<FileReport> {
    let workers = thread::available_parallelism().map_or(1, usize::from);
    let chunk = inputs.len().div_ceil(workers).max(1);
    thread::scope(|scope| {
        let handles: Vec<_> = inputs
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|arg| check_source(arg, base))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .zip(inputs.chunks(chunk))
            .flat_map(|(handle, part)| {
                // A panicking check is a bug; report it rather than lose the rest.
                handle.join().unwrap_or_else(|_| {
                    part.iter()
                        .map(|arg| FileReport {
                            source: arg.clone(),
                            outcome: Outcome::Unreadable {
                                error: "internal error while checking".to_owned(),
                            },
                        })
                        .collect()
                })
            })
            .collect()
    })
}

/// The human report: one line per problem, then the summary.
pub fn human_report(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for r in reports {
        match &r.outcome {
            Outcome::Valid { problems } | Outcome::Invalid { problems } => {
                for p in problems {
                    let at = p
                        .position
                        .map(|pos| format!(":{}:{}", pos.line, pos.column))
                        .unwrap_or_default();
                    let path = if p.path.is_empty() {
                        String::new()
                    } else {
                        format!("{}: ", p.path)
                    };
                    let _ = writeln!(out, "{}{at}: {}: {path}{}", r.source, p.severity, p.message);
                }
            }
            Outcome::Unreadable { error } => {
                let _ = writeln!(out, "{}: could not read: {error}", r.source);
            }
        }
    }
    let s = Summary::of(reports);
    let _ = writeln!(
        out,
        "{} checked: {} valid ({} with warnings), {} invalid, {} could not be read",
        plural(s.files, "article"),
        s.valid,
        s.with_warnings,
        s.invalid,
        s.unreadable
    );
    out
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The JSON report: every input with its outcome, and the summary.
pub fn json_report(reports: &[FileReport]) -> String {
    #[derive(Serialize)]
    struct Report<'a> {
        files: &'a [FileReport],
        summary: Summary,
    }
    let report = Report {
        files: reports,
        summary: Summary::of(reports),
    };
    serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"
}

/// Runs `validate`.
pub fn run(args: &Args) -> ExitCode {
    let reports = check_all(&args.inputs, args.base.as_deref());
    let text = match args.format {
        Format::Human => human_report(&reports),
        Format::Json => json_report(&reports),
    };
    print!("{text}");
    ExitCode::from(Summary::of(&reports).exit_code())
}

#[cfg(test)]
mod tests {
    use super::*;

    const VALID: &str = r#"{
  "format": "article-widget/1",
  "url": "https://example.org/a.html",
  "lang": "en",
  "title": "A",
  "published": "2022-11-25T15:15:00+07:00",
  "body": [{ "type": "paragraph", "text": "x" }],
  "publisher": { "name": "P", "url": "https://example.org/" }
}"#;

    #[test]
    fn a_valid_article_has_no_problems() {
        assert_eq!(
            check(VALID.as_bytes(), None),
            Outcome::Valid { problems: vec![] }
        );
    }

    #[test]
    fn every_problem_has_its_path_and_position() {
        let doc = VALID.replace("+07:00", "").replace(
            "\"url\": \"https://example.org/\"",
            "\"url\": \"javascript:x\"",
        );
        let Outcome::Invalid { problems } = check(doc.as_bytes(), None) else {
            panic!("expected invalid");
        };
        let got: Vec<_> = problems
            .iter()
            .map(|p| (p.severity, p.path.as_str(), p.position.map(|p| p.line)))
            .collect();
        assert_eq!(
            got,
            vec![
                ("error", "published", Some(6)),
                ("error", "publisher.url", Some(8)),
            ]
        );
    }

    #[test]
    fn syntax_errors_keep_the_parsers_position() {
        let Outcome::Invalid { problems } = check(b"{\n  \"a\": 1,\n}", None) else {
            panic!("expected invalid");
        };
        assert_eq!(problems[0].position, Some(Position { line: 3, column: 1 }));
    }

    #[test]
    fn unreadable_beats_invalid_in_the_exit_status() {
        let r = |outcome| FileReport {
            source: String::new(),
            outcome,
        };
        let invalid = r(Outcome::Invalid { problems: vec![] });
        let unreadable = r(Outcome::Unreadable {
            error: String::new(),
        });
        let valid = r(Outcome::Valid { problems: vec![] });
        assert_eq!(Summary::of(std::slice::from_ref(&valid)).exit_code(), 0);
        assert_eq!(
            Summary::of(&[valid.clone(), invalid.clone()]).exit_code(),
            1
        );
        assert_eq!(Summary::of(&[invalid, unreadable, valid]).exit_code(), 2);
    }
}
