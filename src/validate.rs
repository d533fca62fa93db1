//! Turning untrusted bytes into a checked [`Article`], reporting every problem.
//!
//! Parsing runs in three guarded steps, each with a documented limit so a
//! hostile or broken feed cannot panic, hang or exhaust memory:
//!
//! 1. bytes: size cap, BOM stripped, UTF-8 checked (with the byte offset of
//!    the first bad sequence), nesting depth pre-scanned without recursion;
//! 2. JSON syntax via [`crate::json`] (line and column on error), building a
//!    JSON value and noting duplicate keys;
//! 3. a walk over the JSON value that checks every field against format v1
//!    and collects *all* problems with their JSON path
//!    (`body[3].src: not an http(s) URL`), not just the first.
//!
//! Memory stays close to the size of the text: the walk consumes the value,
//! moving its strings into the article rather than copying them, and
//! [`parse_article`] walks the `body` array (most of a document) block by
//! block while step 2 parses it, so the body never exists as one value tree.
//! The result is the same, problem for problem, as walking the whole value.
//!
//! Problems in required parts make the article unusable ([`Severity::Error`]);
//! problems in optional parts drop that part and are reported as
//! [`Severity::Warning`] so the reader can render what is sound and say what
//! is missing.

use crate::prelude::*;
use core::fmt;

use crate::datetime::DateTime;
use crate::decimal;
use crate::json::{self, Object, Value};
use crate::model::{
    Article, Block, Dir, Figure, Image, Person, Publisher, Related, SocialPage, Source, Text,
    VideoSource, FORMAT_V1,
};
#[cfg(feature = "rich")]
use crate::model::{Gallery, ImageFile, List, ListItem, Run, Table, Video};
use crate::url;

/// Block types that only a build with the `rich` feature shows; without it
/// they are dropped with a warning. The embed's loader fetches the rich
/// engine for an article that names one (`src/embed/shared.rs` hands the
/// list to it).
pub const RICH_BLOCK_TYPES: [&str; 6] = [
    "pullquote",
    "list",
    "table",
    "video",
    "gallery",
    "separator",
];

/// Fields that only a build with the `rich` feature reads when their value
/// is an array: a paragraph's `text` as rich-text runs (without `rich` only
/// their characters are kept) and a photo's `srcset` (without `rich`,
/// ignored). The loader's check for the rich engine looks for them too.
pub const RICH_ARRAY_FIELDS: [&str; 2] = ["text", "srcset"];

/// Documented limits on an article document.
pub mod limits {
    /// Largest document accepted, in bytes (4 MiB).
    pub const MAX_BYTES: usize = 4 * 1024 * 1024;
    /// Deepest nesting of arrays and objects.
    pub const MAX_DEPTH: usize = 64;
    /// Most body blocks.
    pub const MAX_BLOCKS: usize = 2000;
    /// Longest string field, in characters.
    pub const MAX_STRING_CHARS: usize = 100_000;
    /// Longest title, in characters.
    pub const MAX_TITLE_CHARS: usize = 500;
    /// Most authors.
    pub const MAX_AUTHORS: usize = 20;
    /// Most related articles.
    pub const MAX_RELATED: usize = 50;
    /// Most tags.
    pub const MAX_TAGS: usize = 50;
    /// Most social pages.
    pub const MAX_SOCIAL: usize = 20;
    /// Largest declared image side, in CSS pixels.
    pub const MAX_IMAGE_SIDE: u64 = 10_000;
    /// Most runs (pieces with their own link or emphasis) in one text.
    pub const MAX_RUNS: usize = 1000;
    /// Most items in a list, and most sub-items under one item.
    pub const MAX_LIST_ITEMS: usize = 500;
    /// Most rows of a table (not counting the header row).
    pub const MAX_TABLE_ROWS: usize = 1000;
    /// Most cells in a table row (and in its header row).
    pub const MAX_TABLE_COLUMNS: usize = 50;
    /// Longest table cell, in characters.
    pub const MAX_CELL_CHARS: usize = 2000;
    /// Most photos in a gallery.
    pub const MAX_GALLERY_FIGURES: usize = 100;
    /// Most files in a photo's `srcset`.
    pub const MAX_SRCSET: usize = 16;
}

/// How bad one problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// A required part is missing or wrong: the article cannot be shown.
    Error,
    /// An optional part was dropped; the rest of the article can be shown.
    Warning,
}

/// One problem found in a document, with the JSON path where it was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// JSON path, e.g. `body[3].src`; empty for the document itself.
    pub path: String,
    /// What is wrong, in plain English.
    pub message: String,
    /// Whether the article can still be shown.
    pub severity: Severity,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            f.write_str(&self.path)?;
            f.write_str(": ")?;
            f.write_str(&self.message)
        }
    }
}

/// Why a document could not be turned into an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseError {
    /// The response body was empty (or only whitespace).
    Empty,
    /// Larger than [`limits::MAX_BYTES`].
    TooLarge {
        /// Size of the document in bytes.
        bytes: usize,
    },
    /// Not valid UTF-8.
    NotUtf8 {
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// Nested deeper than [`limits::MAX_DEPTH`].
    TooDeep,
    /// Not valid JSON.
    Syntax {
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
        /// The parser's description.
        message: String,
    },
    /// Valid JSON, but not a valid article: every problem found.
    Invalid(Vec<Problem>),
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("the article document is empty"),
            Self::TooLarge { bytes } => write!(
                f,
                "the article document is {bytes} bytes, more than the limit of {} bytes",
                limits::MAX_BYTES
            ),
            Self::NotUtf8 { offset } => {
                write!(
                    f,
                    "the article document is not valid UTF-8 (at byte {offset})"
                )
            }
            Self::TooDeep => write!(
                f,
                "the article document nests deeper than {} levels",
                limits::MAX_DEPTH
            ),
            Self::Syntax {
                line,
                column,
                message,
            } => write!(
                f,
                "the article document is not valid JSON (line {line}, column {column}: {message})"
            ),
            Self::Invalid(problems) => {
                let n = problems
                    .iter()
                    .filter(|p| p.severity == Severity::Error)
                    .count();
                write!(
                    f,
                    "the article document has {n} error{}",
                    if n == 1 { "" } else { "s" }
                )
            }
        }
    }
}

impl core::error::Error for ParseError {}

/// A checked article plus what had to be left out of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    /// The article, with every URL resolved and checked.
    pub article: Article,
    /// Optional parts that were dropped, with why.
    pub warnings: Vec<Problem>,
}

/// Parses and validates an article document.
///
/// `base` is the URL the document was fetched from; relative URLs in the
/// document resolve against it. Without a base only absolute URLs are valid.
///
/// # Errors
///
/// A [`ParseError`] naming what is wrong; [`ParseError::Invalid`] lists every
/// problem with its JSON path.
pub fn parse_article(bytes: &[u8], base: Option<&str>) -> Result<Parsed, ParseError> {
    let mut body = BodyStream {
        walker: Walker {
            base,
            problems: Vec::new(),
            streamed_body: None,
        },
        blocks: Vec::new(),
        count: 0,
        streamed: false,
    };
    let (value, duplicates) = parse_value(bytes, Some(&mut body))?;
    let found = duplicates.into_iter().map(|path| Problem {
        path,
        message: DUPLICATE_KEY.to_owned(),
        severity: Severity::Error,
    });
    let w = Walker {
        base,
        problems: found.collect(),
        streamed_body: body.finish(),
    };
    w.checked(value)
}

/// The message for a key an object names twice.
pub const DUPLICATE_KEY: &str =
    "duplicate key: the object names this field more than once, so its value is ambiguous";

/// Steps 1 and 2: bytes to a JSON value, within the limits.
///
/// Duplicate keys are not an error here (the last value wins, as in
/// `serde_json`); [`parse_article`] reports them, and
/// [`parse_json_with_duplicates`] returns their paths.
///
/// The value is a `serde_json::Value` for the reader's feed; the article
/// path (and so the embed) uses [`crate::json`] and never builds one.
///
/// # Errors
///
/// Any [`ParseError`] except [`ParseError::Invalid`].
#[cfg(feature = "ui")]
pub fn parse_json(bytes: &[u8]) -> Result<serde_json::Value, ParseError> {
    parse_value(bytes, None).map(|(value, _)| value.into())
}

/// Like [`parse_json`], also returning the JSON path of every key that an
/// object names more than once (`publisher.name`, `body[2].text`), in
/// document order.
///
/// `serde_json::Value` silently keeps the last of two equal keys, and other
/// parsers keep the first: a feed with duplicates means different things to
/// different readers, so the widget refuses to guess.
///
/// # Errors
///
/// Any [`ParseError`] except [`ParseError::Invalid`].
#[cfg(feature = "ui")]
pub fn parse_json_with_duplicates(
    bytes: &[u8],
) -> Result<(serde_json::Value, Vec<String>), ParseError> {
    parse_value(bytes, None).map(|(value, duplicates)| (value.into(), duplicates))
}

/// Steps 1 and 2; with a `body` stream, the document's `body` array (when
/// it is one) goes to the stream as blocks instead of into the value.
fn parse_value(
    bytes: &[u8],
    body: Option<&mut BodyStream<'_>>,
) -> Result<(Value, Vec<String>), ParseError> {
    if bytes.len() > limits::MAX_BYTES {
        return Err(ParseError::TooLarge { bytes: bytes.len() });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = core::str::from_utf8(bytes).map_err(|e| ParseError::NotUtf8 {
        offset: e.valid_up_to(),
    })?;
    if text.trim().is_empty() {
        return Err(ParseError::Empty);
    }
    if nesting_depth(text.as_bytes()) > limits::MAX_DEPTH {
        return Err(ParseError::TooDeep);
    }
    let parsed = match body {
        Some(body) => json::parse_streaming(text, "body", body),
        None => json::parse_with_duplicates(text),
    };
    parsed.map_err(|e| ParseError::Syntax {
        line: e.line(),
        column: e.column(),
        message: e.message().to_owned(),
    })
}

/// The `body` array checked while it is parsed, one block at a time, so the
/// biggest part of a document never exists as a [`Value`] tree: each
/// block's small tree is walked and dropped as soon as it is complete.
struct BodyStream<'a> {
    /// The walk of the blocks; its problems are the current array's.
    walker: Walker<'a>,
    /// The readable blocks of the current array.
    blocks: Vec<Block>,
    /// Items in the current array.
    count: usize,
    /// Whether the last `body` seen was an array (a later `body` key
    /// replaces an earlier one, as in `serde_json`).
    streamed: bool,
}

/// What the walk would have made of a `body` array.
enum StreamedBody {
    /// The readable blocks, and the problems of the rest, in order.
    Blocks(Vec<Block>, Vec<Problem>),
    /// More than [`limits::MAX_BLOCKS`] items: how many.
    TooMany(usize),
}

impl BodyStream<'_> {
    /// The last `body` array, walked; `None` when the last `body` was not
    /// an array (or there was none) and is in the value for the walk.
    fn finish(self) -> Option<StreamedBody> {
        if !self.streamed {
            None
        } else if self.count > limits::MAX_BLOCKS {
            Some(StreamedBody::TooMany(self.count))
        } else {
            Some(StreamedBody::Blocks(self.blocks, self.walker.problems))
        }
    }
}

impl json::Stream for BodyStream<'_> {
    fn begin(&mut self) {
        self.streamed = true;
        self.count = 0;
        self.blocks = Vec::new();
        self.walker.problems = Vec::new();
    }

    /// The same walk as `Walker::body` over a parsed array, item by item.
    fn item(&mut self, index: usize, value: Value) {
        self.count = index + 1;
        if self.count <= limits::MAX_BLOCKS {
            let block = self.walker.block(value, &indexed("body", index));
            self.blocks.extend(block);
        } else if self.count == limits::MAX_BLOCKS + 1 {
            // Over the limit the walk reports only the count: let the
            // blocks go and parse the rest for duplicates and syntax.
            self.blocks = Vec::new();
            self.walker.problems = Vec::new();
        }
    }

    fn other(&mut self) {
        self.streamed = false;
        self.blocks = Vec::new();
        self.walker.problems = Vec::new();
    }
}

/// Maximum bracket depth outside strings, computed without recursion.
fn nesting_depth(bytes: &[u8]) -> usize {
    let (mut depth, mut max, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for &b in bytes {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// Step 3: a JSON value to a checked article.
///
/// The walk takes its strings out of the value; this borrows, so it works on
/// a copy. [`parse_article`] instead walks the body while parsing it and
/// hands the rest of its own value over.
///
/// # Errors
///
/// [`ParseError::Invalid`] with every problem when any is an error.
#[cfg(feature = "ui")]
pub fn article_from_value(
    value: &serde_json::Value,
    base: Option<&str>,
) -> Result<Parsed, ParseError> {
    let w = Walker {
        base,
        problems: Vec::new(),
        streamed_body: None,
    };
    w.checked(Value::from(value))
}

/// Describes the JSON type of a value for messages.
fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        [path, ".", key].concat()
    }
}

// The messages below are joined without `format!`, which would link
// `core::fmt` into the embed's wasm (see `crate::decimal`).

/// `{path}[{i}]`: the path of item `i` of the array at `path`.
fn indexed(path: &str, i: usize) -> String {
    let mut out = String::with_capacity(path.len() + 6);
    out.push_str(path);
    out.push('[');
    decimal::push(&mut out, i as u64);
    out.push(']');
    out
}

/// `expected {what}, found {the type of found}`.
fn expected(what: &str, found: &Value) -> String {
    ["expected ", what, ", found ", type_name(found)].concat()
}

/// `has {n} {what}, more than the limit of {max}`.
fn over_limit(what: &str, n: usize, max: usize) -> String {
    let mut out = decimal::between("has ", n as u64, " ");
    out.push_str(what);
    out.push_str(", more than the limit of ");
    decimal::push(&mut out, max as u64);
    out
}

/// The number of characters (Unicode scalar values) in `s`, counted as the
/// bytes that start one: `chars().count()`'s word-at-a-time version costs
/// the embed's wasm about 0.9 KB for no gain at these sizes.
fn char_count(s: &str) -> usize {
    s.bytes().filter(|b| b & 0xC0 != 0x80).count()
}

/// Trims `s` without reallocating, so the text keeps the parser's buffer.
fn trim_in_place(s: &mut String) {
    let end = s.trim_end().len();
    s.truncate(end);
    let start = s.len() - s.trim_start().len();
    s.drain(..start);
}

/// Whether `u` starts `http://x` or `https://x` (any case) with a host
/// character after the slashes.
fn starts_like_http(u: &str) -> bool {
    let lower = u.get(..8).unwrap_or(u).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        u.get(8..).unwrap_or_default()
    } else if lower.starts_with("http://") {
        u.get(7..).unwrap_or_default()
    } else {
        return false;
    };
    rest.chars()
        .next()
        // Any non-ASCII character counts as a letter (an IDN host such as
        // `việtnam.vn`): cheaper than `char::is_alphanumeric`'s Unicode tables.
        .is_some_and(|c| c.is_ascii_alphanumeric() || !c.is_ascii() || c == '[' || c == '_')
}

/// Whether a URL field may be relative (resolved against the base).
#[derive(Clone, Copy)]
enum UrlKind {
    /// Must be absolute http(s): the canonical URL.
    Absolute,
    /// May be relative; resolved against the document's URL.
    Resolvable,
}

struct Walker<'a> {
    base: Option<&'a str>,
    /// Problems so far, in the order they are reported.
    problems: Vec<Problem>,
    /// The document's `body`, already walked while it was parsed; when
    /// `None`, the walk looks for `body` in the value.
    streamed_body: Option<StreamedBody>,
}

impl Walker<'_> {
    /// Step 3, after any problems the earlier steps found. Consumes the
    /// value: the article's strings are the value's, moved, not copied.
    fn checked(mut self, value: Value) -> Result<Parsed, ParseError> {
        let article = self.article(value);
        match article {
            Some(article) if !self.problems.iter().any(|p| p.severity == Severity::Error) => {
                Ok(Parsed {
                    article,
                    warnings: self.problems,
                })
            }
            _ => Err(ParseError::Invalid(self.problems)),
        }
    }

    fn report(&mut self, path: &str, severity: Severity, message: impl Into<String>) {
        self.problems.push(Problem {
            path: path.to_owned(),
            message: message.into(),
            severity,
        });
    }

    fn object(&mut self, v: Value, path: &str, sev: Severity) -> Option<Object> {
        if let Value::Object(m) = v {
            Some(m)
        } else {
            self.report(path, sev, expected("an object", &v));
            None
        }
    }

    /// A string field, taken out of `m` and trimmed in place. `None` if
    /// absent (reported when `required`) or wrong.
    fn string(
        &mut self,
        m: &mut Object,
        path: &str,
        key: &str,
        required: bool,
        sev: Severity,
        max_chars: usize,
    ) -> Option<String> {
        self.string_value(m.remove(key), &join(path, key), required, sev, max_chars)
    }

    /// A string value found at `p` (see [`Walker::string`]).
    fn string_value(
        &mut self,
        v: Option<Value>,
        p: &str,
        required: bool,
        sev: Severity,
        max_chars: usize,
    ) -> Option<String> {
        match v {
            None | Some(Value::Null) => {
                if required {
                    self.report(p, sev, "required field is missing");
                }
                None
            }
            Some(Value::String(mut s)) => {
                trim_in_place(&mut s);
                if s.is_empty() {
                    if required {
                        self.report(p, sev, "must not be empty");
                    }
                    None
                } else if char_count(&s) > max_chars {
                    self.report(
                        p,
                        sev,
                        decimal::between("text is longer than ", max_chars as u64, " characters"),
                    );
                    None
                } else {
                    Some(s)
                }
            }
            Some(other) => {
                self.report(p, sev, expected("a string", &other));
                None
            }
        }
    }

    fn url(
        &mut self,
        m: &mut Object,
        path: &str,
        key: &str,
        required: bool,
        sev: Severity,
        kind: UrlKind,
    ) -> Option<String> {
        let raw = self.string(m, path, key, required, sev, url::MAX_URL_LEN)?;
        let checked = match kind {
            UrlKind::Absolute => url::check_absolute(&raw),
            UrlKind::Resolvable => url::resolve(self.base, &raw),
        };
        match checked {
            // Defence in depth over `url`: whatever it accepts must also
            // begin like a real http(s) URL (`https:://x` does not).
            Ok(u) if !starts_like_http(&u) => {
                self.report(
                    &join(path, key),
                    sev,
                    "malformed URL (expected http://host/… or https://host/…)",
                );
                None
            }
            Ok(u) => Some(u),
            Err(e) => {
                self.report(&join(path, key), sev, e.message());
                None
            }
        }
    }

    fn date(
        &mut self,
        m: &mut Object,
        path: &str,
        key: &str,
        required: bool,
        sev: Severity,
    ) -> Option<DateTime> {
        let raw = self.string(m, path, key, required, sev, 64)?;
        match DateTime::parse(&raw) {
            Ok(d) => Some(d),
            Err(e) => {
                self.report(&join(path, key), sev, e.message());
                None
            }
        }
    }

    fn dimension(&mut self, m: &mut Object, path: &str, key: &str, sev: Severity) -> Option<u32> {
        let p = join(path, key);
        match m.remove(key) {
            None | Some(Value::Null) => {
                self.report(&p, sev, "required field is missing");
                None
            }
            Some(Value::Number(n)) => match n.as_u64() {
                Some(v) if (1..=limits::MAX_IMAGE_SIDE).contains(&v) => u32::try_from(v).ok(),
                _ => {
                    self.report(
                        &p,
                        sev,
                        decimal::between(
                            "must be a whole number from 1 to ",
                            limits::MAX_IMAGE_SIDE,
                            "",
                        ),
                    );
                    None
                }
            },
            Some(other) => {
                self.report(&p, sev, expected("a number", &other));
                None
            }
        }
    }

    /// An optional `true`/`false` field; anything else is reported and
    /// read as `None`.
    #[cfg(feature = "rich")]
    fn flag(&mut self, m: &mut Object, path: &str, key: &str) -> Option<bool> {
        match m.remove(key) {
            None | Some(Value::Null) => None,
            Some(Value::Bool(b)) => Some(b),
            Some(other) => {
                self.report(
                    &join(path, key),
                    Severity::Warning,
                    expected("true or false", &other),
                );
                None
            }
        }
    }

    /// A [`Text`] value found at `p`: a string (trimmed), or an array of
    /// runs (not trimmed: the spaces between runs are text). A bad run is
    /// dropped, a bad link leaves its run as plain text, each with a warning.
    fn text_value(&mut self, v: Option<Value>, p: &str, required: bool) -> Option<Text> {
        const W: Severity = Severity::Warning;
        let Some(Value::Array(items)) = v else {
            return self
                .string_value(v, p, required, W, limits::MAX_STRING_CHARS)
                .map(Text::plain);
        };
        // Without `rich` the runs' characters are kept as plain text.
        #[cfg(not(feature = "rich"))]
        {
            let mut text = String::new();
            for v in items {
                let s = match v {
                    Value::String(s) => Some(s),
                    Value::Object(mut o) => match o.remove("text") {
                        Some(Value::String(s)) => Some(s),
                        _ => None,
                    },
                    _ => None,
                };
                text.push_str(s.as_deref().unwrap_or_default());
            }
            let text = Some(Value::String(text));
            self.string_value(text, p, required, W, limits::MAX_STRING_CHARS)
                .map(Text::plain)
        }
        #[cfg(feature = "rich")]
        {
            if items.len() > limits::MAX_RUNS {
                self.report(p, W, over_limit("runs", items.len(), limits::MAX_RUNS));
                return None;
            }
            let mut runs = Vec::with_capacity(items.len());
            let mut chars = 0;
            for (i, v) in items.into_iter().enumerate() {
                let rp = indexed(p, i);
                let run = match v {
                    Value::String(text) => Run {
                        text,
                        ..Run::default()
                    },
                    Value::Object(mut o) => {
                        let Some(Value::String(text)) = o.remove("text") else {
                            self.report(&join(&rp, "text"), W, "a run needs its text as a string");
                            continue;
                        };
                        Run {
                            text,
                            href: self.url(&mut o, &rp, "href", false, W, UrlKind::Resolvable),
                            em: self.flag(&mut o, &rp, "em").unwrap_or(false),
                            strong: self.flag(&mut o, &rp, "strong").unwrap_or(false),
                        }
                    }
                    other => {
                        self.report(&rp, W, expected("a string or a run object", &other));
                        continue;
                    }
                };
                chars += char_count(&run.text);
                if !run.text.is_empty() {
                    runs.push(run);
                }
            }
            if chars > limits::MAX_STRING_CHARS {
                self.report(
                    p,
                    W,
                    decimal::between(
                        "text is longer than ",
                        limits::MAX_STRING_CHARS as u64,
                        " characters",
                    ),
                );
                None
            } else if runs.iter().all(|r| r.text.trim().is_empty()) {
                if required {
                    self.report(p, W, "must not be empty");
                }
                None
            } else {
                Some(Text(runs))
            }
        }
    }

    /// An optional array field; reports a wrong type or too many items.
    fn array(
        &mut self,
        m: &mut Object,
        path: &str,
        key: &str,
        required: bool,
        sev: Severity,
        max: usize,
    ) -> Option<Vec<Value>> {
        let p = join(path, key);
        match m.remove(key) {
            None | Some(Value::Null) => {
                if required {
                    self.report(&p, sev, "required field is missing");
                }
                None
            }
            Some(Value::Array(items)) if items.len() > max => {
                self.report(&p, sev, over_limit("items", items.len(), max));
                None
            }
            Some(Value::Array(items)) => Some(items),
            Some(other) => {
                self.report(&p, sev, expected("an array", &other));
                None
            }
        }
    }

    fn article(&mut self, v: Value) -> Option<Article> {
        use limits::{MAX_STRING_CHARS, MAX_TITLE_CHARS};
        const E: Severity = Severity::Error;
        const W: Severity = Severity::Warning;
        let mut m = self.object(v, "", E)?;
        let m = &mut m;
        let format = self.string(m, "", "format", true, E, 64);
        if let Some(f) = &format {
            if f != FORMAT_V1 {
                self.report(
                    "format",
                    E,
                    [
                        "unsupported format \"",
                        f.as_str(),
                        "\" (this widget reads \"",
                        FORMAT_V1,
                        "\")",
                    ]
                    .concat(),
                );
            }
        }
        let url = self.url(m, "", "url", true, E, UrlKind::Absolute);
        let lang = self.string(m, "", "lang", true, E, 35);
        if let Some(l) = &lang {
            if !l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                self.report(
                    "lang",
                    E,
                    "not a BCP 47 language tag (e.g. \"vi\" or \"en\")",
                );
            }
        }
        let title = self.string(m, "", "title", true, E, MAX_TITLE_CHARS);
        let lead = self.string(m, "", "lead", false, W, MAX_STRING_CHARS);
        let published = self.date(m, "", "published", true, E);
        let updated = self.date(m, "", "updated", false, W);
        let original_url = self.url(m, "", "original_url", false, W, UrlKind::Resolvable);
        let body = self.body(m);
        let authors = self.list(m, "authors", limits::MAX_AUTHORS, Self::person);
        let source = m
            .remove("source")
            .filter(|v| !v.is_null())
            .and_then(|v| self.source(v));
        let publisher_block = if let Some(v) = m.remove("publisher") {
            self.publisher(v)
        } else {
            self.report("publisher", E, "required field is missing");
            None
        };
        let related = self.list(m, "related", limits::MAX_RELATED, Self::related);
        let dir = match self.string(m, "", "dir", false, W, 3).as_deref() {
            None => None,
            Some("ltr") => Some(Dir::Ltr),
            Some("rtl") => Some(Dir::Rtl),
            Some(_) => {
                self.report(
                    "dir",
                    W,
                    "must be \"ltr\" or \"rtl\"; the language decides instead",
                );
                None
            }
        };
        let tags = self.list(m, "tags", limits::MAX_TAGS, |w, v, p| {
            if let Value::String(mut s) = v {
                trim_in_place(&mut s);
                if !s.is_empty() && char_count(&s) <= 200 {
                    return Some(s);
                }
            }
            w.report(
                p,
                W,
                "a tag must be a non-empty string of at most 200 characters",
            );
            None
        });
        Some(Article {
            format: format?,
            url: url?,
            lang: lang?,
            title: title?,
            lead,
            published: published?,
            updated,
            original_url,
            body: body?,
            authors,
            source,
            publisher: publisher_block?,
            related,
            tags,
            dir,
        })
    }

    /// An optional list whose bad items are dropped with a warning each.
    fn list<T>(
        &mut self,
        m: &mut Object,
        key: &str,
        max: usize,
        item: impl Fn(&mut Self, Value, &str) -> Option<T>,
    ) -> Vec<T> {
        let Some(items) = self.array(m, "", key, false, Severity::Warning, max) else {
            return Vec::new();
        };
        items
            .into_iter()
            .enumerate()
            .filter_map(|(i, v)| item(self, v, &indexed(key, i)))
            .collect()
    }

    fn body(&mut self, m: &mut Object) -> Option<Vec<Block>> {
        let blocks = match self.streamed_body.take() {
            Some(StreamedBody::Blocks(blocks, problems)) => {
                self.problems.extend(problems);
                blocks
            }
            Some(StreamedBody::TooMany(count)) => {
                self.report(
                    "body",
                    Severity::Error,
                    over_limit("items", count, limits::MAX_BLOCKS),
                );
                return None;
            }
            None => {
                let items = self.array(m, "", "body", true, Severity::Error, limits::MAX_BLOCKS)?;
                // Sized up front: growing by doubling would briefly hold two copies.
                let mut blocks = Vec::with_capacity(items.len());
                for (i, v) in items.into_iter().enumerate() {
                    blocks.extend(self.block(v, &indexed("body", i)));
                }
                blocks
            }
        };
        if blocks.is_empty() {
            self.report("body", Severity::Error, "the article has no readable text");
            return None;
        }
        Some(blocks)
    }

    fn block(&mut self, v: Value, path: &str) -> Option<Block> {
        use limits::MAX_STRING_CHARS;
        const W: Severity = Severity::Warning;
        let mut m = self.object(v, path, W)?;
        let m = &mut m;
        let kind = self.string(m, path, "type", true, W, 32)?;
        match kind.as_str() {
            "paragraph" => Some(Block::Paragraph {
                text: self.text_value(m.remove("text"), &join(path, "text"), true)?,
            }),
            "heading" => {
                let level = match m.remove("level") {
                    None => 2,
                    Some(Value::Number(n)) if matches!(n.as_u64(), Some(2..=4)) => {
                        n.as_u64().and_then(|l| u8::try_from(l).ok()).unwrap_or(2)
                    }
                    Some(_) => {
                        self.report(&join(path, "level"), W, "must be 2, 3 or 4; using 2");
                        2
                    }
                };
                Some(Block::Heading {
                    level,
                    text: self.string(m, path, "text", true, W, MAX_STRING_CHARS)?,
                })
            }
            "quote" => Some(Block::Quote {
                text: self.string(m, path, "text", true, W, MAX_STRING_CHARS)?,
                cite: self.string(m, path, "cite", false, W, 500),
            }),
            #[cfg(feature = "rich")]
            "pullquote" => Some(Block::Pullquote {
                text: self.string(m, path, "text", true, W, 2000)?,
                cite: self.string(m, path, "cite", false, W, 500),
            }),
            "figure" => self.figure(m, path).map(Block::Figure),
            #[cfg(feature = "rich")]
            "list" => self.list_block(m, path).map(Block::List),
            #[cfg(feature = "rich")]
            "table" => self.table(m, path).map(Block::Table),
            #[cfg(feature = "rich")]
            "video" => self.video(m, path).map(Block::Video),
            #[cfg(feature = "rich")]
            "gallery" => {
                let items = self.array(m, path, "figures", true, W, limits::MAX_GALLERY_FIGURES)?;
                let mut figures = Vec::with_capacity(items.len());
                for (i, v) in items.into_iter().enumerate() {
                    let p = indexed(&join(path, "figures"), i);
                    if let Some(mut o) = self.object(v, &p, W) {
                        figures.extend(self.figure(&mut o, &p));
                    }
                }
                if figures.is_empty() {
                    self.report(
                        &join(path, "figures"),
                        W,
                        "the gallery has no readable photo",
                    );
                    return None;
                }
                Some(Block::Gallery(Gallery {
                    figures,
                    caption: self.string(m, path, "caption", false, W, 2000),
                }))
            }
            #[cfg(feature = "rich")]
            "separator" => Some(Block::Separator),
            #[cfg(not(feature = "rich"))]
            // RICH_BLOCK_TYPES, as patterns (smaller code than a lookup).
            "pullquote" | "list" | "table" | "video" | "gallery" | "separator" => {
                self.report(
                    &join(path, "type"),
                    W,
                    "this build of the widget does not show this block type",
                );
                None
            }
            other => {
                self.report(
                    &join(path, "type"),
                    W,
                    [
                        "unknown block type \"",
                        &other.chars().take(32).collect::<String>(),
                        "\" (expected paragraph, heading, figure, quote, pullquote, list, table, \
                         video, gallery or separator)",
                    ]
                    .concat(),
                );
                None
            }
        }
    }

    /// A photo (a `figure` block, or one photo of a gallery).
    fn figure(&mut self, m: &mut Object, path: &str) -> Option<Figure> {
        const W: Severity = Severity::Warning;
        let src = self.url(m, path, "src", true, W, UrlKind::Resolvable);
        let width = self.dimension(m, path, "width", W);
        let height = self.dimension(m, path, "height", W);
        let alt = if let Some(Value::String(mut s)) = m.remove("alt") {
            trim_in_place(&mut s);
            s
        } else {
            self.report(
                &join(path, "alt"),
                W,
                "missing text alternative; the caption is used instead",
            );
            String::new()
        };
        let caption = self.string(m, path, "caption", false, W, 2000);
        let credit = self.string(m, path, "credit", false, W, 500);
        let alt = if alt.is_empty() {
            caption.clone().unwrap_or_default()
        } else {
            alt
        };
        #[cfg(not(feature = "rich"))]
        let srcset = Vec::new();
        #[cfg(feature = "rich")]
        let mut srcset = Vec::new();
        #[cfg(feature = "rich")]
        for (i, v) in self
            .array(m, path, "srcset", false, W, limits::MAX_SRCSET)
            .unwrap_or_default()
            .into_iter()
            .enumerate()
        {
            let p = indexed(&join(path, "srcset"), i);
            let Some(mut o) = self.object(v, &p, W) else {
                continue;
            };
            let src = self.url(&mut o, &p, "src", true, W, UrlKind::Resolvable);
            let width = self.dimension(&mut o, &p, "width", W);
            if let (Some(src), Some(width)) = (src, width) {
                // In a `srcset` attribute a comma ends a URL's candidate.
                if src.ends_with(',') {
                    self.report(
                        &join(&p, "src"),
                        W,
                        "a srcset URL must not end with a comma",
                    );
                } else {
                    srcset.push(ImageFile { src, width });
                }
            }
        }
        Some(Figure {
            src: src?,
            width: width?,
            height: height?,
            alt,
            caption,
            credit,
            srcset,
        })
    }

    #[cfg(feature = "rich")]
    fn list_block(&mut self, m: &mut Object, path: &str) -> Option<List> {
        const W: Severity = Severity::Warning;
        let ordered = self.flag(m, path, "ordered").unwrap_or(false);
        let items_path = join(path, "items");
        let values = self.array(m, path, "items", true, W, limits::MAX_LIST_ITEMS)?;
        let mut items = Vec::with_capacity(values.len());
        for (i, v) in values.into_iter().enumerate() {
            let p = indexed(&items_path, i);
            // An item is its text, or an object with its text and sub-items.
            let Value::Object(mut o) = v else {
                items.extend(self.text_value(Some(v), &p, true).map(|text| ListItem {
                    text,
                    items: Vec::new(),
                    ordered: None,
                }));
                continue;
            };
            let Some(text) = self.text_value(o.remove("text"), &join(&p, "text"), true) else {
                continue;
            };
            let ordered = self.flag(&mut o, &p, "ordered");
            let mut sub = Vec::new();
            let sub_path = join(&p, "items");
            for (j, v) in self
                .array(&mut o, &p, "items", false, W, limits::MAX_LIST_ITEMS)
                .unwrap_or_default()
                .into_iter()
                .enumerate()
            {
                // One level only: a sub-item is text, never an object.
                sub.extend(self.text_value(Some(v), &indexed(&sub_path, j), true));
            }
            items.push(ListItem {
                text,
                items: sub,
                ordered,
            });
        }
        if items.is_empty() {
            self.report(&items_path, W, "the list has no readable item");
            return None;
        }
        Some(List { ordered, items })
    }

    #[cfg(feature = "rich")]
    /// The cells of one table row (or of the header row): a cell that is
    /// not a string or too long is shown empty, so the columns stay aligned.
    fn cells(&mut self, values: Vec<Value>, path: &str) -> Vec<String> {
        values
            .into_iter()
            .enumerate()
            .map(|(i, v)| {
                let p = indexed(path, i);
                match v {
                    Value::String(_) => self
                        .string_value(
                            Some(v),
                            &p,
                            false,
                            Severity::Warning,
                            limits::MAX_CELL_CHARS,
                        )
                        .unwrap_or_default(),
                    other => {
                        self.report(
                            &p,
                            Severity::Warning,
                            [
                                "expected a string, found ",
                                type_name(&other),
                                "; the cell is left empty",
                            ]
                            .concat(),
                        );
                        String::new()
                    }
                }
            })
            .collect()
    }

    #[cfg(feature = "rich")]
    fn table(&mut self, m: &mut Object, path: &str) -> Option<Table> {
        use limits::MAX_TABLE_COLUMNS;
        const W: Severity = Severity::Warning;
        let caption = self.string(m, path, "caption", false, W, 2000);
        let header = self
            .array(m, path, "header", false, W, MAX_TABLE_COLUMNS)
            .map(|cells| self.cells(cells, &join(path, "header")))
            .unwrap_or_default();
        let row_headers = self.flag(m, path, "row_headers").unwrap_or(false);
        let rows_path = join(path, "rows");
        let values = self.array(m, path, "rows", true, W, limits::MAX_TABLE_ROWS)?;
        let mut rows = Vec::with_capacity(values.len());
        for (i, v) in values.into_iter().enumerate() {
            let p = indexed(&rows_path, i);
            match v {
                Value::Array(cells) if cells.len() <= MAX_TABLE_COLUMNS => {
                    rows.push(self.cells(cells, &p));
                }
                other => {
                    let message = match &other {
                        Value::Array(cells) => over_limit("cells", cells.len(), MAX_TABLE_COLUMNS),
                        _ => expected("an array of cells", &other),
                    };
                    self.report(&p, W, message);
                }
            }
        }
        if rows.is_empty() {
            self.report(&rows_path, W, "the table has no readable row");
            return None;
        }
        Some(Table {
            caption,
            header,
            rows,
            row_headers,
        })
    }

    #[cfg(feature = "rich")]
    fn video(&mut self, m: &mut Object, path: &str) -> Option<Video> {
        const W: Severity = Severity::Warning;
        let provider = self.string(m, path, "provider", true, W, 32)?;
        let id_path = join(path, "id");
        let source = match provider.as_str() {
            "youtube" | "vimeo" => {
                let id = self.string(m, path, "id", true, W, 32)?;
                if provider == "youtube" {
                    if id.len() != 11
                        || !id
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
                    {
                        self.report(
                            &id_path,
                            W,
                            "not a YouTube video id (11 letters, digits, - or _)",
                        );
                        return None;
                    }
                    VideoSource::Youtube { id }
                } else {
                    if id.len() > 20 || !id.bytes().all(|b| b.is_ascii_digit()) {
                        self.report(&id_path, W, "not a Vimeo video id (digits only)");
                        return None;
                    }
                    VideoSource::Vimeo { id }
                }
            }
            "facebook" => {
                let url = self.url(m, path, "url", true, W, UrlKind::Absolute)?;
                let host = url::host(&url).unwrap_or_default().to_ascii_lowercase();
                if !url
                    .get(..8)
                    .is_some_and(|s| s.eq_ignore_ascii_case("https://"))
                    || !matches!(
                        host.as_str(),
                        "facebook.com" | "www.facebook.com" | "m.facebook.com" | "fb.watch"
                    )
                {
                    self.report(
                        &join(path, "url"),
                        W,
                        "not a Facebook video (https://www.facebook.com/… or https://fb.watch/…)",
                    );
                    return None;
                }
                VideoSource::Facebook { url }
            }
            "iframe" => VideoSource::Iframe {
                url: self.url(m, path, "url", true, W, UrlKind::Resolvable)?,
            },
            other => {
                self.report(
                    &join(path, "provider"),
                    W,
                    [
                        "unknown video provider \"",
                        other,
                        "\" (expected youtube, vimeo, facebook or iframe)",
                    ]
                    .concat(),
                );
                return None;
            }
        };
        let title = self.string(m, path, "title", true, W, 500)?;
        let poster = m
            .remove("poster")
            .filter(|v| !v.is_null())
            .and_then(|v| self.image(v, &join(path, "poster")));
        Some(Video {
            source,
            title,
            poster,
            caption: self.string(m, path, "caption", false, W, 2000),
            credit: self.string(m, path, "credit", false, W, 500),
        })
    }

    fn person(&mut self, v: Value, path: &str) -> Option<Person> {
        const W: Severity = Severity::Warning;
        let mut m = self.object(v, path, W)?;
        let m = &mut m;
        Some(Person {
            name: self.string(m, path, "name", true, W, 200)?,
            url: self.url(m, path, "url", false, W, UrlKind::Resolvable),
        })
    }

    fn source(&mut self, v: Value) -> Option<Source> {
        const W: Severity = Severity::Warning;
        let mut m = self.object(v, "source", W)?;
        let m = &mut m;
        Some(Source {
            name: self.string(m, "source", "name", true, W, 500)?,
            url: self.url(m, "source", "url", false, W, UrlKind::Resolvable),
        })
    }

    fn image(&mut self, v: Value, path: &str) -> Option<Image> {
        const W: Severity = Severity::Warning;
        let mut m = self.object(v, path, W)?;
        let m = &mut m;
        let src = self.url(m, path, "src", true, W, UrlKind::Resolvable);
        let width = self.dimension(m, path, "width", W);
        let height = self.dimension(m, path, "height", W);
        let alt = self
            .string(m, path, "alt", false, W, 500)
            .unwrap_or_default();
        Some(Image {
            src: src?,
            width: width?,
            height: height?,
            alt,
        })
    }

    fn publisher(&mut self, v: Value) -> Option<Publisher> {
        const E: Severity = Severity::Error;
        const W: Severity = Severity::Warning;
        let mut m = self.object(v, "publisher", E)?;
        let m = &mut m;
        let name = self.string(m, "publisher", "name", true, E, 500);
        let url = self.url(m, "publisher", "url", true, E, UrlKind::Resolvable);
        let logo = m
            .remove("logo")
            .filter(|v| !v.is_null())
            .and_then(|v| self.image(v, "publisher.logo"));
        let social = match self.array(m, "publisher", "social", false, W, limits::MAX_SOCIAL) {
            Some(items) => items
                .into_iter()
                .enumerate()
                .filter_map(|(i, v)| self.social(v, &indexed("publisher.social", i)))
                .collect(),
            None => Vec::new(),
        };
        Some(Publisher {
            name: name?,
            url: url?,
            logo,
            social,
        })
    }

    fn social(&mut self, v: Value, path: &str) -> Option<SocialPage> {
        const W: Severity = Severity::Warning;
        let mut m = self.object(v, path, W)?;
        let m = &mut m;
        let network = self
            .string(m, path, "network", true, W, 32)?
            .to_ascii_lowercase();
        Some(SocialPage {
            network,
            name: self.string(m, path, "name", true, W, 200)?,
            url: self.url(m, path, "url", true, W, UrlKind::Resolvable)?,
        })
    }

    fn related(&mut self, v: Value, path: &str) -> Option<Related> {
        const W: Severity = Severity::Warning;
        let mut m = self.object(v, path, W)?;
        let m = &mut m;
        let title = self.string(m, path, "title", true, W, limits::MAX_TITLE_CHARS);
        let url = self.url(m, path, "url", true, W, UrlKind::Resolvable);
        let json = self.url(m, path, "json", false, W, UrlKind::Resolvable);
        let published = self.date(m, path, "published", false, W);
        let thumbnail = m
            .remove("thumbnail")
            .filter(|v| !v.is_null())
            .and_then(|v| self.image(v, &join(path, "thumbnail")));
        Some(Related {
            title: title?,
            url: url?,
            json,
            published,
            thumbnail,
        })
    }
}

/// The links of a text's runs.
fn run_urls(t: &Text) -> impl Iterator<Item = &str> {
    t.0.iter().filter_map(|r| r.href.as_deref())
}

/// A photo's files: its `src` and its `srcset`.
fn figure_urls(f: &Figure) -> impl Iterator<Item = &str> {
    core::iter::once(f.src.as_str()).chain(f.srcset.iter().map(|s| s.src.as_str()))
}

/// Every URL in a checked article (links and image sources), for tests and
/// fuzzing to check that only `http(s)` URLs ever reach the page.
pub fn article_urls(article: &Article) -> Vec<&str> {
    let mut urls = vec![article.url.as_str(), article.publisher.url.as_str()];
    urls.extend(article.original_url.as_deref());
    for block in &article.body {
        match block {
            Block::Paragraph { text } => urls.extend(run_urls(text)),
            Block::Figure(f) => urls.extend(figure_urls(f)),
            Block::Gallery(g) => urls.extend(g.figures.iter().flat_map(figure_urls)),
            Block::List(l) => {
                for item in &l.items {
                    urls.extend(run_urls(&item.text));
                    urls.extend(item.items.iter().flat_map(run_urls));
                }
            }
            Block::Video(v) => {
                urls.extend(v.poster.as_ref().map(|p| p.src.as_str()));
                if let VideoSource::Facebook { url } | VideoSource::Iframe { url } = &v.source {
                    urls.push(url);
                }
            }
            _ => {}
        }
    }
    urls.extend(article.authors.iter().filter_map(|p| p.url.as_deref()));
    urls.extend(article.source.as_ref().and_then(|s| s.url.as_deref()));
    urls.extend(article.publisher.logo.as_ref().map(|l| l.src.as_str()));
    urls.extend(article.publisher.social.iter().map(|s| s.url.as_str()));
    for r in &article.related {
        urls.push(&r.url);
        urls.extend(r.json.as_deref());
        urls.extend(r.thumbnail.as_ref().map(|t| t.src.as_str()));
    }
    urls
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn duplicate_keys_are_found_at_any_depth() {
        let (value, duplicates) = parse_json_with_duplicates(
            br#"{"a":[{"t":1,"t":2}],"b":{"c":1,"c":2},"e":1,"e":2,"f":[[{"g":0,"g":0}]]}"#,
        )
        .unwrap();
        assert_eq!(duplicates, ["a[0].t", "b.c", "e", "f[0][0].g"]);
        // The value is serde_json's: the last duplicate wins.
        assert_eq!(value["e"], 2);
        let long = format!(r#"{{"{0}":1,"{0}":2}}"#, "k".repeat(100));
        let (_, duplicates) = parse_json_with_duplicates(long.as_bytes()).unwrap();
        assert_eq!(duplicates, [format!("{}…", "k".repeat(64))]);
        // Empty keys and a top-level array, written as before paths were
        // built lazily: an empty key at the top adds no dot.
        let (_, duplicates) =
            parse_json_with_duplicates(br#"[{"":{"x":1,"x":2}},{"a":{"":[0,{"y":1,"y":2}]}}]"#)
                .unwrap();
        assert_eq!(duplicates, ["[0]..x", "[1].a.[1].y"]);
        let (_, duplicates) = parse_json_with_duplicates(br#"{"":{"x":1,"x":2}}"#).unwrap();
        assert_eq!(duplicates, ["x"]);
    }

    /// `parse_article` as it was before the body was streamed: the whole
    /// document as one value, then the walk.
    fn parse_whole(bytes: &[u8], base: Option<&str>) -> Result<Parsed, ParseError> {
        let (value, duplicates) = parse_value(bytes, None)?;
        let w = Walker {
            base,
            problems: duplicates
                .into_iter()
                .map(|path| Problem {
                    path,
                    message: DUPLICATE_KEY.to_owned(),
                    severity: Severity::Error,
                })
                .collect(),
            streamed_body: None,
        };
        w.checked(value)
    }

    #[test]
    fn streaming_the_body_changes_no_result() {
        const BASE: &str = "https://tin.example.vn/articles/x.json";
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut docs: Vec<Vec<u8>> = Vec::new();
        for dir in ["tests/corpus", "demo/articles"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_some_and(|e| e == "json") {
                    docs.push(std::fs::read(path).unwrap());
                }
            }
        }
        assert!(docs.len() > 80, "{} documents", docs.len());
        let demo = std::fs::read_to_string(
            root.join("demo/articles/quan-uy-le-chan-tong-ket-nghi-quyet-8.json"),
        )
        .unwrap();
        let mut demo: Value = serde_json::from_str(&demo).unwrap();
        let good = demo["body"][0].clone();
        let bad = serde_json::json!({"type": "figure", "src": "javascript:x", "t": 1});
        let many = |n: usize| {
            let mut items = vec![good.clone(); n];
            items[0] = bad.clone();
            Value::Array(items)
        };
        let bodies = [
            serde_json::json!(null),
            serde_json::json!("text"),
            serde_json::json!({"type": "paragraph", "text": "x"}),
            serde_json::json!([]),
            serde_json::json!([1, null, [good], bad, good]),
            many(limits::MAX_BLOCKS),
            many(limits::MAX_BLOCKS + 1),
        ];
        let body_text = |v: &Value| v.to_string();
        let doc_with = |demo: &mut Value, body: &str| {
            demo["body"] = serde_json::json!(0);
            let text = demo.to_string();
            text.replacen(r#""body":0"#, body, 1).into_bytes()
        };
        for a in &bodies {
            docs.push(doc_with(&mut demo, &format!(r#""body":{}"#, body_text(a))));
            for b in &bodies {
                docs.push(doc_with(
                    &mut demo,
                    &format!(r#""body":{},"body":{}"#, body_text(a), body_text(b)),
                ));
            }
        }
        // Duplicates inside blocks, a body inside a block, a top-level array,
        // a body after a syntax error.
        docs.push(doc_with(
            &mut demo,
            r#""body":[{"type":"paragraph","text":"a","text":"b","body":[1]}]"#,
        ));
        docs.push(format!("[{}]", String::from_utf8(docs[0].clone()).unwrap()).into_bytes());
        docs.push(doc_with(
            &mut demo,
            r#""body":[{"type":"paragraph","text":"a"},]"#,
        ));
        for doc in &docs {
            assert_eq!(
                parse_article(doc, Some(BASE)),
                parse_whole(doc, Some(BASE)),
                "{}",
                String::from_utf8_lossy(doc)
                    .chars()
                    .take(300)
                    .collect::<String>()
            );
            assert_eq!(parse_article(doc, None), parse_whole(doc, None));
        }
    }

    #[test]
    fn trailing_garbage_and_huge_numbers_are_syntax_errors() {
        assert!(matches!(
            parse_json(b"{} {}"),
            Err(ParseError::Syntax { line: 1, .. })
        ));
        match parse_json(b"[1e400]") {
            Err(ParseError::Syntax { message, .. }) => {
                assert!(message.contains("number out of range"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            parse_json(b"[18446744073709551616]").unwrap()[0].as_f64(),
            Some(18_446_744_073_709_551_616.0)
        );
    }
}
