//! A small, strict JSON (RFC 8259) parser for untrusted article documents.
//!
//! It replaces `serde_json` on the embed's path: the engine only ever needs
//! "text to a tree of values", and `serde_json` brings serde's visitor
//! machinery, a `BTreeMap` and many error strings into the wasm for that.
//!
//! What it accepts is exactly RFC 8259: no comments, trailing commas, single
//! quotes, `NaN` or `Infinity`, no leading zeros; control characters in
//! strings are refused, `\u` escapes must pair their surrogates. Numbers
//! outside the `f64` range are an error ("number out of range"). Errors carry
//! the same message, line and column as `serde_json` reports (columns count
//! bytes, as `serde_json` does), so messages shown to readers did not change.
//!
//! The parser also does two jobs for [`crate::validate`] while it reads:
//! it records the JSON path of every key that an object names twice (in the
//! order `serde_json` would meet them), and it can hand the items of one
//! top-level array member to a [`Stream`] one by one instead of building the
//! array, so the biggest part of a document never exists as one tree.
//!
//! Recursion is bounded: more than [`MAX_DEPTH`] nested arrays and objects
//! are an error ("recursion limit exceeded", as in `serde_json`).

use crate::decimal;
use crate::prelude::*;
use core::cmp::Ordering;
use core::fmt;

/// Deepest nesting of arrays and objects the parser follows (as `serde_json`).
pub const MAX_DEPTH: usize = 128;

/// Longest object key shown in a duplicate key's path; longer keys are cut
/// with `…`.
const MAX_PATH_KEY_CHARS: usize = 64;

/// One JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object, its members in document order.
    Object(Object),
}

impl Value {
    /// The member `key` of an object (the last one when the object names
    /// `key` more than once, as in `serde_json`); `None` for other values.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object().and_then(|o| o.get(key))
    }

    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Self::Null)
    }

    /// Whether this is a number.
    pub fn is_number(&self) -> bool {
        matches!(self, Self::Number(_))
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Self::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Self::String(s) => Some(s),
            _ => None,
        }
    }

    /// The items, if this is an array.
    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Self::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The members, if this is an object.
    pub fn as_object(&self) -> Option<&Object> {
        match self {
            Self::Object(o) => Some(o),
            _ => None,
        }
    }

    /// The number as a `u64`, if it is a whole number in range.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Self::Number(n) => n.as_u64(),
            _ => None,
        }
    }

    /// The number as an `i64`, if it is a whole number in range.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Self::Number(n) => n.as_i64(),
            _ => None,
        }
    }

    /// The number as an `f64`, if this is a number.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Self::Number(n) => n.as_f64(),
            _ => None,
        }
    }
}

/// A JSON number, classified as `serde_json` does: a whole number that fits
/// `u64` (or, when negative, `i64`) is an integer; anything else is a float.
///
/// A float keeps its text. Nothing on the engine's path reads a float's
/// value, and converting it on demand keeps the float-parsing code out of
/// the wasm; the text is known to be in the `f64` range.
#[derive(Clone, Debug, PartialEq)]
pub struct Number(N);

#[derive(Clone, Debug, PartialEq)]
enum N {
    /// A whole number from 0 to `u64::MAX`.
    PosInt(u64),
    /// A whole number from `i64::MIN` to -1.
    NegInt(i64),
    /// Any other number, as written (valid JSON, finite as an `f64`).
    Float(Box<str>),
}

impl Number {
    /// The number as a `u64`, if it is a whole number from 0 to `u64::MAX`
    /// written without a fraction or exponent.
    pub fn as_u64(&self) -> Option<u64> {
        match self.0 {
            N::PosInt(n) => Some(n),
            _ => None,
        }
    }

    /// The number as an `i64`, if it is a whole number in range written
    /// without a fraction or exponent.
    pub fn as_i64(&self) -> Option<i64> {
        match self.0 {
            N::PosInt(n) => i64::try_from(n).ok(),
            N::NegInt(n) => Some(n),
            N::Float(_) => None,
        }
    }

    /// The number as the nearest `f64`.
    pub fn as_f64(&self) -> Option<f64> {
        match &self.0 {
            // Precision loss above 2^53 is what `as_f64` means.
            #[allow(clippy::cast_precision_loss)]
            N::PosInt(n) => Some(*n as f64),
            #[allow(clippy::cast_precision_loss)]
            N::NegInt(n) => Some(*n as f64),
            N::Float(text) => text.parse().ok(),
        }
    }

    /// Whether the number is a float (not a `u64` or `i64`).
    pub fn is_f64(&self) -> bool {
        matches!(self.0, N::Float(_))
    }
}

impl From<u64> for Number {
    fn from(n: u64) -> Self {
        Self(N::PosInt(n))
    }
}

impl From<i64> for Number {
    fn from(n: i64) -> Self {
        u64::try_from(n).map_or(Self(N::NegInt(n)), Self::from)
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut text = String::new();
        f.write_str(match &self.0 {
            N::PosInt(n) => {
                decimal::push(&mut text, *n);
                &text
            }
            N::NegInt(n) => {
                decimal::push_signed(&mut text, *n);
                &text
            }
            N::Float(text) => text,
        })
    }
}

/// A JSON object: its members in document order. A key named twice appears
/// twice; [`Object::get`] and [`Object::remove`] see the last one, so the
/// last value wins as in `serde_json`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Object(Vec<(String, Value)>);

impl Object {
    /// The value of the last member named `key`.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Takes out the last member named `key` and returns its value.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        let at = self.0.iter().rposition(|(k, _)| k == key)?;
        Some(self.0.remove(at).1)
    }

    /// The members in document order.
    pub fn iter(&self) -> core::slice::Iter<'_, (String, Value)> {
        self.0.iter()
    }

    /// How many members (counting a repeated key each time).
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the object has no members.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<Vec<(String, Value)>> for Object {
    fn from(members: Vec<(String, Value)>) -> Self {
        Self(members)
    }
}

impl IntoIterator for Object {
    type Item = (String, Value);
    type IntoIter = alloc::vec::IntoIter<(String, Value)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Object {
    type Item = &'a (String, Value);
    type IntoIter = core::slice::Iter<'a, (String, Value)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// Why a text is not JSON, and where (as `serde_json` reports it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    line: usize,
    column: usize,
    message: &'static str,
}

impl Error {
    /// 1-based line of the error.
    pub fn line(&self) -> usize {
        self.line
    }

    /// Column of the error on its line: the 1-based byte column of the
    /// character where the error was found (0 when that character is the
    /// line break itself), as `serde_json` counts.
    pub fn column(&self) -> usize {
        self.column
    }

    /// What is wrong, without the position (e.g. "expected value").
    pub fn message(&self) -> &'static str {
        self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.message, self.line, self.column
        )
    }
}

impl core::error::Error for Error {}

// serde_json's wording, kept so that the messages readers see are unchanged.
const EOF_LIST: &str = "EOF while parsing a list";
const EOF_OBJECT: &str = "EOF while parsing an object";
const EOF_STRING: &str = "EOF while parsing a string";
const EOF_VALUE: &str = "EOF while parsing a value";
const EXPECTED_COLON: &str = "expected `:`";
const EXPECTED_LIST_COMMA_OR_END: &str = "expected `,` or `]`";
const EXPECTED_OBJECT_COMMA_OR_END: &str = "expected `,` or `}`";
const EXPECTED_IDENT: &str = "expected ident";
const EXPECTED_VALUE: &str = "expected value";
const INVALID_ESCAPE: &str = "invalid escape";
const INVALID_NUMBER: &str = "invalid number";
const NUMBER_OUT_OF_RANGE: &str = "number out of range";
const CONTROL_CHARACTER: &str = "control character (\\u0000-\\u001F) found while parsing a string";
const KEY_MUST_BE_A_STRING: &str = "key must be a string";
const LONE_SURROGATE: &str = "lone leading surrogate in hex escape";
const TRAILING_COMMA: &str = "trailing comma";
const TRAILING_CHARACTERS: &str = "trailing characters";
const UNEXPECTED_END_OF_HEX_ESCAPE: &str = "unexpected end of hex escape";
const RECURSION_LIMIT: &str = "recursion limit exceeded";

/// Receives the items of one top-level array member while it is parsed
/// (see [`parse_streaming`]).
pub trait Stream {
    /// The member's value is an array: its items follow. A later member
    /// with the same key starts again (the last one wins).
    fn begin(&mut self);
    /// The item at `index` of the array begun last, complete.
    fn item(&mut self, index: usize, value: Value);
    /// The member's value is not an array; it is kept in the object as
    /// usual and replaces any array streamed before.
    fn other(&mut self);
}

/// Parses a JSON text.
///
/// # Errors
///
/// An [`Error`] with the position of the first problem.
pub fn parse(text: &str) -> Result<Value, Error> {
    parse_with_duplicates(text).map(|(value, _)| value)
}

/// Parses a JSON text, also returning the path (`a[0].b`) of every key that
/// an object names more than once, in the order `serde_json` would meet
/// them: a key after the duplicates inside its own value.
///
/// # Errors
///
/// An [`Error`] with the position of the first problem.
pub fn parse_with_duplicates(text: &str) -> Result<(Value, Vec<String>), Error> {
    Parser::new(text, None).document()
}

/// Like [`parse_with_duplicates`], but when the text is an object, each
/// member named `key` whose value is an array goes to `stream` item by item
/// instead of into the value (the object keeps a `null` in its place, so
/// duplicates are still found); other values of `key` are kept and reported
/// with [`Stream::other`].
///
/// # Errors
///
/// An [`Error`] with the position of the first problem.
pub fn parse_streaming(
    text: &str,
    key: &str,
    stream: &mut dyn Stream,
) -> Result<(Value, Vec<String>), Error> {
    Parser::new(text, Some((key, stream))).document()
}

/// Where a value sits in the document: a chain of segments on the parser's
/// call stack, leaf first. Nothing is allocated per value; the path is only
/// written out for a duplicate key.
struct PathNode<'a> {
    parent: Option<&'a PathNode<'a>>,
    segment: Segment<'a>,
}

enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

/// Writes a path: `a[0].b`, keys cut to [`MAX_PATH_KEY_CHARS`] characters.
fn path_string(leaf: Option<&PathNode<'_>>) -> String {
    let mut segments = Vec::new();
    let mut node = leaf;
    while let Some(n) = node {
        segments.push(&n.segment);
        node = n.parent;
    }
    let mut path = String::new();
    for segment in segments.into_iter().rev() {
        match segment {
            Segment::Key(key) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.extend(key.chars().take(MAX_PATH_KEY_CHARS));
                if key.chars().nth(MAX_PATH_KEY_CHARS).is_some() {
                    path.push('…');
                }
            }
            Segment::Index(i) => {
                path.push('[');
                decimal::push(&mut path, *i as u64);
                path.push(']');
            }
        }
    }
    path
}

/// The decimal digits of 2^1024 − 2^970, the smallest number that rounds to
/// infinity as an `f64` (halfway between `f64::MAX` and 2^1024).
const F64_OVERFLOW: &[u8] =
    b"179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017\
977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273\
854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704\
342711559699508093042880177904174497792";

struct Parser<'a, 's> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
    /// Paths of duplicate keys, in `serde_json`'s order.
    duplicates: Vec<String>,
    /// Reused for strings with escapes.
    scratch: String,
    stream: Option<(&'s str, &'s mut dyn Stream)>,
}

impl<'a, 's> Parser<'a, 's> {
    fn new(text: &'a str, stream: Option<(&'s str, &'s mut dyn Stream)>) -> Self {
        Parser {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            depth: 0,
            duplicates: Vec::new(),
            scratch: String::new(),
            stream,
        }
    }

    fn document(mut self) -> Result<(Value, Vec<String>), Error> {
        let value = self.value(None)?;
        if self.skip_whitespace().is_some() {
            return Err(self.peek_error(TRAILING_CHARACTERS));
        }
        Ok((value, self.duplicates))
    }

    /// An error at byte offset `at` (line and column as `serde_json` counts).
    #[cold]
    fn error_at(&self, at: usize, message: &'static str) -> Error {
        let before = &self.bytes[..at];
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        // Only on the error path: no need for a faster byte count.
        #[allow(clippy::naive_bytecount)]
        let breaks = before[..line_start].iter().filter(|&&b| b == b'\n').count();
        Error {
            line: 1 + breaks,
            column: at - line_start,
            message,
        }
    }

    /// An error at the byte just consumed.
    #[cold]
    fn error(&self, message: &'static str) -> Error {
        self.error_at(self.pos, message)
    }

    /// An error at the byte about to be consumed.
    #[cold]
    fn peek_error(&self, message: &'static str) -> Error {
        self.error_at((self.pos + 1).min(self.bytes.len()), message)
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.pos += 1;
        Some(b)
    }

    /// Skips whitespace and returns the next byte, not consumed.
    fn skip_whitespace(&mut self) -> Option<u8> {
        while let Some(b) = self.peek() {
            if !matches!(b, b' ' | b'\n' | b'\t' | b'\r') {
                return Some(b);
            }
            self.pos += 1;
        }
        None
    }

    fn value(&mut self, path: Option<&PathNode<'_>>) -> Result<Value, Error> {
        let Some(b) = self.skip_whitespace() else {
            return Err(self.peek_error(EOF_VALUE));
        };
        match b {
            b'n' => self.ident(b"null").map(|()| Value::Null),
            b't' => self.ident(b"true").map(|()| Value::Bool(true)),
            b'f' => self.ident(b"false").map(|()| Value::Bool(false)),
            b'-' | b'0'..=b'9' => self.number().map(Value::Number),
            b'"' => {
                self.pos += 1;
                self.string().map(Value::String)
            }
            b'[' => {
                self.enter()?;
                let items = self.array(path, None)?;
                self.depth -= 1;
                Ok(Value::Array(items))
            }
            b'{' => {
                self.enter()?;
                let object = self.object(path)?;
                self.depth -= 1;
                Ok(Value::Object(object))
            }
            _ => Err(self.peek_error(EXPECTED_VALUE)),
        }
    }

    /// Steps into an array or object at its opening bracket.
    fn enter(&mut self) -> Result<(), Error> {
        self.depth += 1;
        if self.depth >= MAX_DEPTH {
            return Err(self.peek_error(RECURSION_LIMIT));
        }
        self.pos += 1;
        Ok(())
    }

    fn ident(&mut self, word: &[u8]) -> Result<(), Error> {
        self.pos += 1;
        for &expected in &word[1..] {
            match self.next() {
                None => return Err(self.error(EOF_VALUE)),
                Some(b) if b != expected => return Err(self.error(EXPECTED_IDENT)),
                Some(_) => {}
            }
        }
        Ok(())
    }

    /// The items of an array after its `[`, into a vector or to `stream`.
    fn array(
        &mut self,
        path: Option<&PathNode<'_>>,
        mut stream: Option<&mut dyn Stream>,
    ) -> Result<Vec<Value>, Error> {
        let mut items = Vec::new();
        let mut index = 0;
        loop {
            let Some(b) = self.skip_whitespace() else {
                return Err(self.peek_error(EOF_LIST));
            };
            if b == b']' {
                break;
            }
            if index > 0 {
                if b != b',' {
                    return Err(self.peek_error(EXPECTED_LIST_COMMA_OR_END));
                }
                self.pos += 1;
                match self.skip_whitespace() {
                    Some(b']') => return Err(self.peek_error(TRAILING_COMMA)),
                    Some(_) => {}
                    None => return Err(self.peek_error(EOF_VALUE)),
                }
            }
            let node = PathNode {
                parent: path,
                segment: Segment::Index(index),
            };
            let item = self.value(Some(&node))?;
            match stream.as_mut() {
                Some(stream) => stream.item(index, item),
                None => items.push(item),
            }
            index += 1;
        }
        self.pos += 1;
        items.shrink_to_fit();
        Ok(items)
    }

    /// The members of an object after its `{`.
    fn object(&mut self, path: Option<&PathNode<'_>>) -> Result<Object, Error> {
        let mut members: Vec<(String, Value)> = Vec::new();
        // How many duplicates were known when each member was complete:
        // where its own report goes if its key turns out to be a duplicate.
        let mut marks: Vec<usize> = Vec::new();
        loop {
            let Some(b) = self.skip_whitespace() else {
                return Err(self.peek_error(EOF_OBJECT));
            };
            if b == b'}' {
                break;
            }
            if !members.is_empty() {
                if b != b',' {
                    return Err(self.peek_error(EXPECTED_OBJECT_COMMA_OR_END));
                }
                self.pos += 1;
                match self.skip_whitespace() {
                    Some(b'"') => {}
                    Some(b'}') => return Err(self.peek_error(TRAILING_COMMA)),
                    Some(_) => return Err(self.peek_error(KEY_MUST_BE_A_STRING)),
                    None => return Err(self.peek_error(EOF_VALUE)),
                }
            } else if b != b'"' {
                return Err(self.peek_error(KEY_MUST_BE_A_STRING));
            }
            self.pos += 1;
            let key = self.string()?;
            match self.skip_whitespace() {
                Some(b':') => self.pos += 1,
                Some(_) => return Err(self.peek_error(EXPECTED_COLON)),
                None => return Err(self.peek_error(EOF_OBJECT)),
            }
            let node = PathNode {
                parent: path,
                segment: Segment::Key(&key),
            };
            let streamed = path.is_none() && self.stream.as_ref().is_some_and(|(k, _)| *k == key);
            let value = if streamed {
                self.streamed(&node)?
            } else {
                self.value(Some(&node))?
            };
            marks.push(self.duplicates.len());
            members.push((key, value));
        }
        self.pos += 1;
        self.report_duplicates(path, &members, &marks);
        members.shrink_to_fit();
        Ok(Object(members))
    }

    /// The value of a streamed member: an array's items go to the stream
    /// and a `null` stands in for it; any other value is returned.
    fn streamed(&mut self, node: &PathNode<'_>) -> Result<Value, Error> {
        let Some((key, stream)) = self.stream.take() else {
            return self.value(Some(node));
        };
        let result = if self.skip_whitespace() == Some(b'[') {
            stream.begin();
            match self.enter() {
                Ok(()) => self.array(Some(node), Some(&mut *stream)).map(|_| {
                    self.depth -= 1;
                    Value::Null
                }),
                Err(e) => Err(e),
            }
        } else {
            let value = self.value(Some(node));
            stream.other();
            value
        };
        self.stream = Some((key, stream));
        result
    }

    /// Adds the paths of the members whose key an earlier member has, each
    /// where `serde_json` would have reported it: right after its value,
    /// so after any duplicates inside that value. Sorting keeps this
    /// `O(n log n)` for objects with very many members.
    fn report_duplicates(
        &mut self,
        path: Option<&PathNode<'_>>,
        members: &[(String, Value)],
        marks: &[usize],
    ) {
        if members.len() < 2 {
            return;
        }
        let mut order: Vec<usize> = (0..members.len()).collect();
        heap_sort(&mut order, |a, b| (&members[a].0, a) < (&members[b].0, b));
        let mut repeated = vec![false; members.len()];
        let mut any = false;
        for pair in order.windows(2) {
            if members[pair[0]].0 == members[pair[1]].0 {
                repeated[pair[1]] = true;
                any = true;
            }
        }
        if !any {
            return;
        }
        let first = repeated.iter().position(|&r| r).unwrap_or(0);
        let mut later = self.duplicates.split_off(marks[first]).into_iter();
        let mut taken = marks[first];
        for (i, (key, _)) in members.iter().enumerate().skip(first) {
            if !repeated[i] {
                continue;
            }
            self.duplicates
                .extend(later.by_ref().take(marks[i] - taken));
            taken = marks[i];
            let node = PathNode {
                parent: path,
                segment: Segment::Key(key),
            };
            self.duplicates.push(path_string(Some(&node)));
        }
        self.duplicates.extend(later);
    }

    /// A string after its opening quote.
    fn string(&mut self) -> Result<String, Error> {
        self.scratch.clear();
        let mut start = self.pos;
        loop {
            let rest = &self.bytes[self.pos..];
            let Some(at) = rest
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
            else {
                self.pos = self.bytes.len();
                return Err(self.error(EOF_STRING));
            };
            self.pos += at;
            match self.bytes[self.pos] {
                b'"' => {
                    let raw = self.text.get(start..self.pos).unwrap_or_default();
                    self.pos += 1;
                    if self.scratch.is_empty() {
                        return Ok(raw.to_owned());
                    }
                    self.scratch.push_str(raw);
                    // A clone is allocated to its length; the scratch stays.
                    return Ok(self.scratch.clone());
                }
                b'\\' => {
                    self.scratch
                        .push_str(self.text.get(start..self.pos).unwrap_or_default());
                    self.pos += 1;
                    self.escape()?;
                    start = self.pos;
                }
                _ => {
                    self.pos += 1;
                    return Err(self.error(CONTROL_CHARACTER));
                }
            }
        }
    }

    /// One escape after its backslash, onto the scratch string.
    fn escape(&mut self) -> Result<(), Error> {
        let c = match self.next() {
            None => return Err(self.error(EOF_STRING)),
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                let n = self.hex4()?;
                let code = match n {
                    0xDC00..=0xDFFF => return Err(self.error(LONE_SURROGATE)),
                    0xD800..=0xDBFF => {
                        for expected in [b'\\', b'u'] {
                            match self.next() {
                                None => return Err(self.error(EOF_STRING)),
                                Some(b) if b != expected => {
                                    return Err(self.error(UNEXPECTED_END_OF_HEX_ESCAPE))
                                }
                                Some(_) => {}
                            }
                        }
                        let low = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            return Err(self.error(LONE_SURROGATE));
                        }
                        0x1_0000 + ((u32::from(n) - 0xD800) << 10 | (u32::from(low) - 0xDC00))
                    }
                    _ => u32::from(n),
                };
                // Never the replacement: surrogates were handled above.
                char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER)
            }
            Some(_) => return Err(self.error(INVALID_ESCAPE)),
        };
        self.scratch.push(c);
        Ok(())
    }

    /// The four hex digits of a `\u` escape.
    fn hex4(&mut self) -> Result<u16, Error> {
        let Some(digits) = self.bytes.get(self.pos..self.pos + 4) else {
            self.pos = self.bytes.len();
            return Err(self.error(EOF_STRING));
        };
        self.pos += 4;
        let mut n = 0u16;
        for &d in digits {
            let v = match d {
                b'0'..=b'9' => d - b'0',
                b'a'..=b'f' => d - b'a' + 10,
                b'A'..=b'F' => d - b'A' + 10,
                _ => return Err(self.error(INVALID_ESCAPE)),
            };
            n = n << 4 | u16::from(v);
        }
        Ok(n)
    }

    fn skip_digits(&mut self) -> usize {
        let start = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        self.pos - start
    }

    /// A number, at its first character (`-` or a digit).
    fn number(&mut self) -> Result<Number, Error> {
        let start = self.pos;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.pos += 1;
        }
        match self.next() {
            None => return Err(self.error(EOF_VALUE)),
            Some(b'0') => {
                if matches!(self.peek(), Some(b'0'..=b'9')) {
                    return Err(self.peek_error(INVALID_NUMBER));
                }
            }
            Some(b'1'..=b'9') => {
                self.skip_digits();
            }
            Some(_) => return Err(self.error(INVALID_NUMBER)),
        }
        let int_end = self.pos;
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.skip_digits() == 0 {
                let message = if self.peek().is_some() {
                    INVALID_NUMBER
                } else {
                    EOF_VALUE
                };
                return Err(self.peek_error(message));
            }
        }
        let mut exponent: i64 = 0;
        let mut exponent_at = 0;
        if matches!(self.peek(), Some(b'e' | b'E')) {
            exponent_at = self.pos;
            self.pos += 1;
            let negative_exponent = match self.peek() {
                Some(b'-') => {
                    self.pos += 1;
                    true
                }
                Some(b'+') => {
                    self.pos += 1;
                    false
                }
                _ => false,
            };
            exponent = match self.next() {
                None => return Err(self.error(EOF_VALUE)),
                Some(d @ b'0'..=b'9') => i64::from(d - b'0'),
                Some(_) => return Err(self.error(INVALID_NUMBER)),
            };
            while let Some(d @ b'0'..=b'9') = self.peek() {
                self.pos += 1;
                exponent = exponent * 10 + i64::from(d - b'0');
                if exponent > i64::from(i32::MAX) {
                    // Where serde_json gives up: an error for a huge number,
                    // zero for a tiny one (or for zero).
                    let zero = !self.bytes[start..exponent_at]
                        .iter()
                        .any(|b| matches!(b, b'1'..=b'9'));
                    if !negative_exponent && !zero {
                        return Err(self.error(NUMBER_OUT_OF_RANGE));
                    }
                    self.skip_digits();
                }
            }
            if negative_exponent {
                exponent = -exponent;
            }
        }
        let text = self.text.get(start..self.pos).unwrap_or_default();
        if int_end == self.pos {
            if let Ok(n) = text
                .get(usize::from(negative)..)
                .unwrap_or_default()
                .parse::<u64>()
            {
                if !negative {
                    return Ok(Number(N::PosInt(n)));
                }
                // -0 and anything below i64::MIN are floats, as in serde_json.
                if (1..=1 << 63).contains(&n) {
                    return Ok(Number(N::NegInt(0i64.wrapping_sub_unsigned(n))));
                }
            }
        }
        let mantissa_end = if exponent_at == 0 {
            self.pos
        } else {
            exponent_at
        };
        let mantissa = &self.bytes[start + usize::from(negative)..mantissa_end];
        if too_big_for_f64(mantissa, exponent) {
            return Err(self.error(NUMBER_OUT_OF_RANGE));
        }
        Ok(Number(N::Float(text.into())))
    }
}

/// Whether the magnitude of a number rounds to infinity as an `f64`.
/// `mantissa` is the number without its sign and exponent part (`012.50`
/// style digits and at most one `.`), `exponent` the exponent's value.
fn too_big_for_f64(mantissa: &[u8], exponent: i64) -> bool {
    let int_len = mantissa.iter().take_while(|&&b| b != b'.').count();
    let mut digits = mantissa.iter().copied().filter(|&b| b != b'.');
    let mut leading_zeros = 0usize;
    let first = loop {
        match digits.next() {
            Some(b'0') => leading_zeros += 1,
            Some(d) => break d,
            None => return false, // zero
        }
    };
    // The power of ten of the first significant digit; lengths are bounded
    // by the document size, so the conversions cannot fail.
    let power = i64::try_from(int_len).unwrap_or(i64::MAX)
        - 1
        - i64::try_from(leading_zeros).unwrap_or(i64::MAX)
        + exponent;
    match power.cmp(&308) {
        Ordering::Less => false,
        Ordering::Greater => true,
        Ordering::Equal => {
            // Digit by digit against the threshold; missing digits are 0.
            let mut ours = core::iter::once(first).chain(digits);
            for &t in F64_OVERFLOW {
                match ours.next().unwrap_or(b'0').cmp(&t) {
                    Ordering::Less => return false,
                    Ordering::Greater => return true,
                    Ordering::Equal => {}
                }
            }
            // At least the threshold, which itself rounds (to even) to
            // infinity.
            true
        }
    }
}

#[cfg(feature = "ui")]
impl From<Value> for serde_json::Value {
    /// For the reader's code that works on `serde_json` values (the feed).
    fn from(value: Value) -> Self {
        match value {
            Value::Null => Self::Null,
            Value::Bool(b) => Self::Bool(b),
            Value::Number(n) => match n.0 {
                N::PosInt(n) => Self::from(n),
                N::NegInt(n) => Self::from(n),
                N::Float(text) => text
                    .parse::<f64>()
                    .ok()
                    .and_then(serde_json::Number::from_f64)
                    .map_or(Self::Null, Self::Number),
            },
            Value::String(s) => Self::String(s),
            Value::Array(items) => Self::Array(items.into_iter().map(Self::from).collect()),
            // Inserting in order: the last of a repeated key wins.
            Value::Object(o) => Self::Object(o.into_iter().map(|(k, v)| (k, v.into())).collect()),
        }
    }
}

#[cfg(feature = "ui")]
impl From<&serde_json::Value> for Value {
    fn from(value: &serde_json::Value) -> Self {
        match value {
            serde_json::Value::Null => Self::Null,
            serde_json::Value::Bool(b) => Self::Bool(*b),
            serde_json::Value::Number(n) => Self::Number(match (n.as_u64(), n.as_i64()) {
                (Some(n), _) => Number(N::PosInt(n)),
                (None, Some(n)) => Number(N::NegInt(n)),
                (None, None) => Number(N::Float(n.to_string().into())),
            }),
            serde_json::Value::String(s) => Self::String(s.clone()),
            serde_json::Value::Array(items) => Self::Array(items.iter().map(Self::from).collect()),
            serde_json::Value::Object(m) => Self::Object(Object(
                m.iter().map(|(k, v)| (k.clone(), Self::from(v))).collect(),
            )),
        }
    }
}

/// Sorts `v` in place so that `less` holds between neighbours, in
/// O(n log n) time and no extra memory. Written out because the standard
/// library's `sort_unstable_by` brings about 4 KB of wasm to the embed for
/// this one use; `less` must be a total order (ties broken by index).
fn heap_sort(v: &mut [usize], less: impl Fn(usize, usize) -> bool) {
    let sift = |v: &mut [usize], mut root: usize, end: usize| loop {
        let mut child = 2 * root + 1;
        if child >= end {
            break;
        }
        if child + 1 < end && less(v[child], v[child + 1]) {
            child += 1;
        }
        if !less(v[root], v[child]) {
            break;
        }
        v.swap(root, child);
        root = child;
    };
    for start in (0..v.len() / 2).rev() {
        sift(v, start, v.len());
    }
    for end in (1..v.len()).rev() {
        v.swap(0, end);
        sift(v, 0, end);
    }
}

#[cfg(test)]
mod tests {
    use core::fmt::Write as _;

    use super::*;

    #[test]
    fn heap_sort_sorts_every_shape() {
        let mut seed = 0x9e37_79b9_u32;
        for len in 0..70 {
            for modulus in [1, 3, 1000] {
                let keys: Vec<u32> = (0..len)
                    .map(|_| {
                        seed ^= seed << 13;
                        seed ^= seed >> 17;
                        seed ^= seed << 5;
                        seed % modulus
                    })
                    .collect();
                let mut ours: Vec<usize> = (0..keys.len()).collect();
                heap_sort(&mut ours, |a, b| (keys[a], a) < (keys[b], b));
                let mut theirs: Vec<usize> = (0..keys.len()).collect();
                theirs.sort_by_key(|&i| (keys[i], i));
                assert_eq!(ours, theirs, "{keys:?}");
            }
        }
    }

    /// The error as `(line, column, message)`, or `None` for valid JSON.
    fn error_of(text: &str) -> Option<(usize, usize, &'static str)> {
        parse(text)
            .err()
            .map(|e| (e.line(), e.column(), e.message()))
    }

    /// Our error must be `serde_json`'s, word for word and place for place.
    fn assert_like_serde(text: &str) {
        let ours = parse(text).map_err(|e| e.to_string());
        let theirs = serde_json::from_str::<serde_json::Value>(text).map_err(|e| e.to_string());
        match (ours, theirs) {
            (Err(ours), Err(theirs)) => assert_eq!(ours, theirs, "{text:?}"),
            (Ok(ours), Ok(theirs)) => assert_eq!(serde_json::Value::from(ours), theirs),
            (ours, theirs) => panic!("{text:?}: ours {ours:?}, serde_json {theirs:?}"),
        }
    }

    #[test]
    fn every_syntax_error_class_matches_serde_json() {
        let cases: &[(&str, (usize, usize, &str))] = &[
            ("", (1, 0, EOF_VALUE)),
            ("   \n ", (2, 1, EOF_VALUE)),
            ("{\"title\": ", (1, 10, EOF_VALUE)),
            ("<!DOCTYPE html>", (1, 1, EXPECTED_VALUE)),
            ("// c\n{}", (1, 1, EXPECTED_VALUE)),
            ("{'a':1}", (1, 2, KEY_MUST_BE_A_STRING)),
            ("{\"a\":1,}", (1, 8, TRAILING_COMMA)),
            ("[1,]", (1, 4, TRAILING_COMMA)),
            ("[1 2]", (1, 4, EXPECTED_LIST_COMMA_OR_END)),
            ("{\"a\":1 \"b\":2}", (1, 8, EXPECTED_OBJECT_COMMA_OR_END)),
            ("{\"a\" 1}", (1, 6, EXPECTED_COLON)),
            ("{\"a\"", (1, 4, EOF_OBJECT)),
            ("{\"a\":1", (1, 6, EOF_OBJECT)),
            ("{\"a\":1,", (1, 7, EOF_VALUE)),
            ("{1:2}", (1, 2, KEY_MUST_BE_A_STRING)),
            ("{\"a\":1,2:3}", (1, 8, KEY_MUST_BE_A_STRING)),
            ("[1", (1, 2, EOF_LIST)),
            ("[1,", (1, 3, EOF_VALUE)),
            ("\"abc", (1, 4, EOF_STRING)),
            ("\"a\u{1}b\"", (1, 3, CONTROL_CHARACTER)),
            ("\"a\nb\"", (2, 0, CONTROL_CHARACTER)),
            ("\"\\x\"", (1, 3, INVALID_ESCAPE)),
            ("\"\\u12g4\"", (1, 7, INVALID_ESCAPE)),
            ("\"\\u12", (1, 5, EOF_STRING)),
            ("\"\\", (1, 2, EOF_STRING)),
            ("\"\\udc00\"", (1, 7, LONE_SURROGATE)),
            ("\"\\ud800\"", (1, 8, UNEXPECTED_END_OF_HEX_ESCAPE)),
            ("\"\\ud800\\n\"", (1, 9, UNEXPECTED_END_OF_HEX_ESCAPE)),
            ("\"\\ud800\\u0041\"", (1, 13, LONE_SURROGATE)),
            ("\"\\ud800", (1, 7, EOF_STRING)),
            ("\"\\ud800\\", (1, 8, EOF_STRING)),
            ("nul", (1, 3, EOF_VALUE)),
            ("nulL", (1, 4, EXPECTED_IDENT)),
            ("tru", (1, 3, EOF_VALUE)),
            ("fals3", (1, 5, EXPECTED_IDENT)),
            ("NaN", (1, 1, EXPECTED_VALUE)),
            ("Infinity", (1, 1, EXPECTED_VALUE)),
            ("-Infinity", (1, 2, INVALID_NUMBER)),
            ("+1", (1, 1, EXPECTED_VALUE)),
            (".5", (1, 1, EXPECTED_VALUE)),
            ("01", (1, 2, INVALID_NUMBER)),
            ("-01", (1, 3, INVALID_NUMBER)),
            ("-", (1, 1, EOF_VALUE)),
            ("1.", (1, 2, EOF_VALUE)),
            ("1.e5", (1, 3, INVALID_NUMBER)),
            ("[1.]", (1, 4, INVALID_NUMBER)),
            ("1e", (1, 2, EOF_VALUE)),
            ("1e+", (1, 3, EOF_VALUE)),
            ("1ex", (1, 3, INVALID_NUMBER)),
            ("1e400", (1, 5, NUMBER_OUT_OF_RANGE)),
            ("[\n  -2e308\n]", (2, 8, NUMBER_OUT_OF_RANGE)),
            ("{} {}", (1, 4, TRAILING_CHARACTERS)),
            ("1 2", (1, 3, TRAILING_CHARACTERS)),
            ("\"a\"x", (1, 4, TRAILING_CHARACTERS)),
            ("[\"é\" x]", (1, 7, EXPECTED_LIST_COMMA_OR_END)),
            ("{\n\"a\":\n  tx}", (3, 4, EXPECTED_IDENT)),
        ];
        for &(text, want) in cases {
            assert_eq!(error_of(text), Some(want), "{text:?}");
            assert_like_serde(text);
        }
    }

    #[test]
    fn nesting_is_bounded_like_serde_json() {
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH - 1), "]".repeat(MAX_DEPTH - 1));
        assert!(parse(&ok).is_ok());
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert_eq!(error_of(&deep), Some((1, MAX_DEPTH, RECURSION_LIMIT)));
        assert_like_serde(&deep);
        let objects = "{\"a\":".repeat(MAX_DEPTH) + "1" + &"}".repeat(MAX_DEPTH);
        assert_like_serde(&objects);
        // Far deeper than any stack could recurse: refused at the limit.
        let very = "[".repeat(1_000_000);
        assert_eq!(error_of(&very), Some((1, MAX_DEPTH, RECURSION_LIMIT)));
    }

    #[test]
    fn escapes_and_surrogate_pairs_decode() {
        let v = parse(r#""a\"\\\/\b\f\n\r\t\u00e9\u4E2D\ud83d\ude00\uD834\uDD1E z""#).unwrap();
        assert_eq!(v.as_str(), Some("a\"\\/\u{8}\u{c}\n\r\té中😀𝄞 z"));
        assert_eq!(parse(r#""\u0000""#).unwrap().as_str(), Some("\0"));
        assert_eq!(parse("\"Tiêu đề\"").unwrap().as_str(), Some("Tiêu đề"));
        assert_eq!(parse(r#""""#).unwrap().as_str(), Some(""));
        // Escapes in keys too; the last of a repeated key wins.
        let v = parse(r#"{"k\u0065y":1,"key":2}"#).unwrap();
        assert_eq!(v.get("key").and_then(Value::as_u64), Some(2));
        assert_eq!(v.as_object().map(Object::len), Some(2));
    }

    #[test]
    fn numbers_keep_what_the_walk_needs() {
        let n = |t: &str| match parse(t) {
            Ok(Value::Number(n)) => n,
            other => panic!("{t}: {other:?}"),
        };
        assert_eq!(n("0").as_u64(), Some(0));
        assert_eq!(n("640").as_u64(), Some(640));
        assert_eq!(n("18446744073709551615").as_u64(), Some(u64::MAX));
        let big = n("18446744073709551616");
        assert!(big.is_f64());
        assert_eq!(big.as_u64(), None);
        assert_eq!(big.as_f64(), Some(18_446_744_073_709_551_616.0));
        assert_eq!(n("-1").as_i64(), Some(-1));
        assert_eq!(n("-1").as_u64(), None);
        assert_eq!(n("-9223372036854775808").as_i64(), Some(i64::MIN));
        assert!(n("-9223372036854775809").is_f64());
        assert_eq!(n("9223372036854775807").as_i64(), Some(i64::MAX));
        assert_eq!(n("9223372036854775808").as_i64(), None);
        // Negative zero, fractions and exponents are floats: not a width.
        for t in [
            "-0",
            "2.0",
            "2e0",
            "2E+0",
            "0.5",
            "1e-400",
            "-0.0e-7",
            "0e999999999999",
        ] {
            let x = n(t);
            assert!(x.is_f64(), "{t}");
            assert_eq!(x.as_u64(), None, "{t}");
            assert_eq!(x.as_f64(), t.parse().ok(), "{t}");
            assert_eq!(x.to_string(), t);
        }
        assert_eq!(n("1e-400").as_f64(), Some(0.0));
        assert!(Value::Number(n("3")).is_number());
        assert_eq!(Value::Number(n("3")).as_f64(), Some(3.0));
        assert_eq!(Number::from(-3i64).as_i64(), Some(-3));
        assert_eq!(Number::from(3i64).as_u64(), Some(3));
    }

    #[test]
    fn numbers_out_of_the_f64_range_are_errors() {
        let limit = std::str::from_utf8(F64_OVERFLOW).unwrap();
        assert_eq!(limit.len(), 309);
        let mut below = limit.as_bytes().to_vec();
        *below.last_mut().unwrap() -= 1;
        let below = String::from_utf8(below).unwrap();
        let fine = [
            "1.7976931348623157e308",
            "-1.7976931348623157e308",
            "1.79769313486231580793e308",
            "179769313486231580793e288",
            "0.00017976931348623158e312",
            "1e308",
            "9.99e307",
            "123456789012345678901234567890",
            below.as_str(),
        ];
        for t in fine {
            let v = parse(t).unwrap_or_else(|e| panic!("{t}: {e}"));
            assert!(v.as_f64().is_some_and(f64::is_finite), "{t}");
        }
        let limit_point = format!("{}.{}e3", &limit[..306], &limit[306..]);
        let too_big = [
            "1e309",
            "-1e309",
            "1.8e308",
            "1.797693134862315808e308",
            "10e308",
            "0.1e310",
            "1e99999999999999999999",
            limit,
            limit_point.as_str(),
            &format!("{limit}0"),
            &format!("{below}1"),
        ];
        for t in too_big {
            assert_eq!(error_of(t).map(|e| e.2), Some(NUMBER_OUT_OF_RANGE), "{t}");
            // The standard library agrees on what is infinite.
            assert_eq!(t.parse::<f64>().map(f64::is_infinite), Ok(true), "{t}");
        }
        assert_eq!(error_of("[1e400]"), Some((1, 6, NUMBER_OUT_OF_RANGE)));
        // Where serde_json gives up on a huge exponent, so do we.
        assert_eq!(
            error_of("1e99999999999999999999"),
            Some((1, 12, NUMBER_OUT_OF_RANGE))
        );
        for t in [
            "1e309",
            "-1e309",
            "1.8e308",
            "10e308",
            "0.1e310",
            "[1e99999999999]",
        ] {
            assert_like_serde(t);
        }
        for t in [
            "0e99999999999",
            "1e-99999999999",
            "-0.0e99999999999",
            "[1e-400]",
        ] {
            assert_like_serde(t);
        }
    }

    #[test]
    fn duplicate_keys_are_listed_in_serde_json_order() {
        let dups = |t: &str| parse_with_duplicates(t).unwrap().1;
        // A key is reported after the duplicates inside its own value.
        assert_eq!(
            dups(r#"{"a":{"x":1,"x":2},"a":{"y":1,"y":2}}"#),
            ["a.x", "a.y", "a"]
        );
        assert_eq!(
            dups(r#"{"a":1,"a":2,"b":{"x":1,"x":2},"a":3,"c":[{"z":0,"z":0}]}"#),
            ["a", "b.x", "a", "c[0].z"]
        );
        assert_eq!(dups(r#"{"a":1,"b":2,"a":3,"b":4,"a":5}"#), ["a", "b", "a"]);
        assert_eq!(
            dups(r#"[{"":1,"":2},{"x":{"":0,"":0}}]"#),
            ["[0].", "[1].x."]
        );
        assert!(dups(r#"{"a":1,"A":2,"a ":3}"#).is_empty());
        // Many members: found by sorting, in member order.
        let mut text = String::from("{");
        for i in 0..5000 {
            let _ = write!(text, "\"k{}\":{{\"i\":{i},\"i\":0}},", i % 2500);
        }
        text.push_str("\"end\":0}");
        let found = dups(&text);
        assert_eq!(found.len(), 5000 + 2500);
        assert_eq!(found[..3], ["k0.i", "k1.i", "k2.i"]);
        assert_eq!(found[2500..2503], ["k0.i", "k0", "k1.i"]);
        let value = parse(&text).unwrap();
        assert_eq!(
            value.get("k7").and_then(|v| v.get("i")),
            Some(&Value::Number(0u64.into()))
        );
    }

    #[test]
    fn big_inputs_parse() {
        let items = vec!["{\"a\":[1,\"x\",null,true]}"; 200_000].join(",");
        let v = parse(&format!("[{items}]")).unwrap();
        assert_eq!(v.as_array().map(Vec::len), Some(200_000));
        let long = "ă".repeat(1_000_000);
        assert_eq!(
            parse(&format!("\"{long}\"")).unwrap().as_str(),
            Some(long.as_str())
        );
        // Hundreds of thousands of distinct keys, then the same key again and
        // again: both stay fast (no quadratic duplicate check).
        let mut keys = String::new();
        for i in 0..300_000 {
            let _ = write!(keys, "\"{i}\":0,");
        }
        let (v, dups) = parse_with_duplicates(&format!("{{{keys}\"x\":1}}")).unwrap();
        assert!(dups.is_empty());
        assert_eq!(v.as_object().map(Object::len), Some(300_001));
        let same = "\"k\":0,".repeat(300_000);
        let (v, dups) = parse_with_duplicates(&format!("{{{same}\"k\":1}}")).unwrap();
        assert_eq!(dups.len(), 300_000);
        assert_eq!(v.get("k").and_then(Value::as_u64), Some(1));
    }

    #[derive(Default)]
    struct Recorder(Vec<String>);

    impl Stream for Recorder {
        fn begin(&mut self) {
            self.0.push("begin".to_owned());
        }
        fn item(&mut self, index: usize, value: Value) {
            self.0
                .push(format!("{index}={}", serde_json::Value::from(value)));
        }
        fn other(&mut self) {
            self.0.push("other".to_owned());
        }
    }

    #[test]
    fn a_streamed_member_goes_to_the_stream_item_by_item() {
        let text = r#"{"body":[1,{"a":2,"a":3}],"x":{"body":[9]},"body":"s","body":[[]]}"#;
        let mut rec = Recorder::default();
        let (value, dups) = parse_streaming(text, "body", &mut rec).unwrap();
        assert_eq!(
            rec.0,
            ["begin", "0=1", "1={\"a\":3}", "other", "begin", "0=[]"]
        );
        assert_eq!(dups, ["body[1].a", "body", "body"]);
        // Streamed arrays leave a null; only the top level is streamed.
        let members: Vec<_> = value
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.as_str(), v.clone()))
            .collect();
        assert_eq!(members[0], ("body", Value::Null));
        assert_eq!(
            value
                .get("x")
                .and_then(|x| x.get("body"))
                .and_then(Value::as_array)
                .map(Vec::len),
            Some(1)
        );
        assert_eq!(members[2].1.as_str(), Some("s"));
        assert_eq!(members[3], ("body", Value::Null));
        // Not an object, or a syntax error inside the array: nothing else.
        let mut rec = Recorder::default();
        assert!(parse_streaming(r#"[{"body":[1]}]"#, "body", &mut rec).is_ok());
        assert!(rec.0.is_empty());
        let mut rec = Recorder::default();
        let e = parse_streaming(r#"{"body":[1,]}"#, "body", &mut rec).unwrap_err();
        assert_eq!((e.line(), e.column(), e.message()), (1, 12, TRAILING_COMMA));
        assert_eq!(rec.0, ["begin", "0=1"]);
    }

    #[test]
    fn converts_to_and_from_serde_json() {
        let text = r#"{"a":[1,-2,2.5,1e3,"s",true,null,{}],"b":{"c":18446744073709551616}}"#;
        let theirs: serde_json::Value = serde_json::from_str(text).unwrap();
        let ours = parse(text).unwrap();
        assert_eq!(serde_json::Value::from(ours.clone()), theirs);
        assert_eq!(serde_json::Value::from(Value::from(&theirs)), theirs);
        assert_eq!(
            ours.get("a").and_then(|a| a.as_array()).map(Vec::len),
            Some(8)
        );
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use proptest::prelude::*;

    use super::*;

    /// Any JSON value `serde_json` can write (finite floats well inside the
    /// range, where its reading is exact enough to compare).
    fn any_json() -> impl Strategy<Value = serde_json::Value> {
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::Bool),
            any::<i64>().prop_map(serde_json::Value::from),
            any::<u64>().prop_map(serde_json::Value::from),
            (-1e300..1e300f64).prop_map(serde_json::Value::from),
            (-1e-300..1e-300f64).prop_map(serde_json::Value::from),
            any::<String>().prop_map(serde_json::Value::String),
            "[a-z\\\\\"\u{0}-\u{1f}\u{7f}-\u{10ffff}]{0,8}".prop_map(serde_json::Value::String),
        ];
        leaf.prop_recursive(6, 64, 8, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..8).prop_map(serde_json::Value::Array),
                prop::collection::vec(("[a-c]{0,2}|.{0,6}", inner), 0..8)
                    .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        })
    }

    /// Whether two values are equal, floats within a relative 1e-15 (the
    /// two parsers may round the last bit differently).
    fn same(a: &serde_json::Value, b: &serde_json::Value) -> bool {
        use serde_json::Value as J;
        match (a, b) {
            (J::Number(x), J::Number(y)) if x.is_f64() || y.is_f64() => {
                let (Some(x), Some(y)) = (x.as_f64(), y.as_f64()) else {
                    return false;
                };
                // Exactly equal first: also true for two infinities.
                #[allow(clippy::float_cmp)]
                let exact = x == y;
                exact || (x - y).abs() <= 1e-15 * x.abs().max(y.abs())
            }
            (J::Array(x), J::Array(y)) => {
                x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
            }
            (J::Object(x), J::Object(y)) => {
                x.len() == y.len()
                    && x.iter()
                        .zip(y)
                        .all(|((kx, vx), (ky, vy))| kx == ky && same(vx, vy))
            }
            _ => a == b,
        }
    }

    /// Pieces of JSON (and of broken JSON) to splice into a valid text.
    const PIECES: &[&str] = &[
        "{", "}", "[", "]", ":", ",", "\"", "\\", "\\u", "\\ud800", "\\udc00", "\\u00e9", "0", "1",
        "9", "-", "+", ".", "e", "E", "1e400", "n", "t", "f", "true", "null", " ", "\n", "\t",
        "\u{1}", "é", "x", "'", "/", "//", "NaN", "",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn reads_what_serde_json_writes(value in any_json()) {
            for text in [value.to_string(), serde_json::to_string_pretty(&value).unwrap()] {
                let ours = parse(&text).map_err(|e| e.to_string());
                // Exact: serde_json writes the shortest text that reads back
                // as the same f64, and we read floats exactly.
                prop_assert_eq!(ours.map(serde_json::Value::from), Ok(value.clone()));
            }
        }

        #[test]
        fn broken_json_fails_like_serde_json(
            value in any_json(),
            edits in prop::collection::vec((any::<prop::sample::Index>(), 0..3u8, 0..PIECES.len()), 1..4),
        ) {
            let mut text = if edits.len() == 2 {
                serde_json::to_string_pretty(&value).unwrap()
            } else {
                value.to_string()
            };
            for (at, kind, piece) in edits {
                let mut i = at.index(text.len() + 1);
                while !text.is_char_boundary(i) {
                    i -= 1;
                }
                match kind {
                    0 => text.insert_str(i, PIECES[piece]),
                    1 => {
                        let end = text[i..].chars().next().map_or(i, |c| i + c.len_utf8());
                        text.replace_range(i..end, PIECES[piece]);
                    }
                    _ => {
                        let end = text[i..].chars().next().map_or(i, |c| i + c.len_utf8());
                        text.replace_range(i..end, "");
                    }
                }
            }
            let ours = parse(&text);
            let theirs = serde_json::from_str::<serde_json::Value>(&text);
            match (ours, theirs) {
                (Ok(ours), Ok(theirs)) => {
                    let ours = serde_json::Value::from(ours);
                    prop_assert!(same(&ours, &theirs), "{text:?}: {ours} vs {theirs}");
                }
                (Err(ours), Err(theirs)) => {
                    prop_assert_eq!(ours.to_string(), theirs.to_string(), "{:?}", text);
                }
                (ours, theirs) => prop_assert!(false, "{text:?}: ours {ours:?}, serde_json {theirs:?}"),
            }
        }
    }
}
