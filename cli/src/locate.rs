//! From a JSON path as the widget's validation names it (`body[3].src`,
//! `publisher.social[0].url`) to the line and column where that value sits
//! in the document, so an editor can jump to it.
//!
//! The document is parsed once more, by `jsonc-parser`, which keeps the byte
//! range of every value; only documents with problems pay for it.

use jsonc_parser::ast::{ObjectPropName, Value};
use jsonc_parser::common::Ranged;
use jsonc_parser::{CollectOptions, ParseOptions};

/// A 1-based line and column (the column counts characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Position {
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1, in characters.
    pub column: usize,
}

/// One step of a JSON path.
#[derive(Debug, PartialEq, Eq)]
enum Step<'a> {
    /// An object member.
    Key(&'a str),
    /// An array item.
    Index(usize),
}

/// Splits `a.b[2].c` into its steps; `None` when it is not such a path.
fn steps(path: &str) -> Option<Vec<Step<'_>>> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, mut rest) = part.split_at(part.find('[').unwrap_or(part.len()));
        if !key.is_empty() {
            out.push(Step::Key(key));
        }
        while let Some(inner) = rest.strip_prefix('[') {
            let end = inner.find(']')?;
            out.push(Step::Index(inner[..end].parse().ok()?));
            rest = &inner[end + 1..];
        }
        if !rest.is_empty() {
            return None;
        }
    }
    Some(out)
}

/// The positions of JSON paths in one document.
pub struct Locator<'a> {
    text: &'a str,
    root: Option<Value<'a>>,
}

impl<'a> Locator<'a> {
    /// Parses `text`; a document that does not parse locates nothing.
    pub fn new(text: &'a str) -> Self {
        let root =
            jsonc_parser::parse_to_ast(text, &CollectOptions::default(), &ParseOptions::default())
                .ok()
                .and_then(|r| r.value);
        Self { text, root }
    }

    /// Where the value at `path` starts (for an object member, where its key
    /// starts). A path that goes further than the document (a missing field)
    /// gives the deepest part that exists: for `publisher.name` missing, the
    /// `publisher` object. The empty path is the document itself.
    pub fn locate(&self, path: &str) -> Option<Position> {
        let root = self.root.as_ref()?;
        let mut at = root.range().start;
        let mut value = root;
        for step in steps(path)? {
            match (step, value) {
                (Step::Key(key), Value::Object(object)) => {
                    // The last of duplicate keys: that is the one reported.
                    let Some(prop) = object
                        .properties
                        .iter()
                        .rev()
                        .find(|p| prop_name(&p.name) == key)
                    else {
                        break;
                    };
                    at = prop.range.start;
                    value = &prop.value;
                }
                (Step::Index(i), Value::Array(array)) => {
                    let Some(item) = array.elements.get(i) else {
                        break;
                    };
                    at = item.range().start;
                    value = item;
                }
                _ => break,
            }
        }
        Some(position(self.text, at))
    }
}

/// The name of an object member.
fn prop_name<'a>(name: &'a ObjectPropName<'_>) -> &'a str {
    match name {
        ObjectPropName::String(s) => &s.value,
        ObjectPropName::Word(w) => w.value,
    }
}

/// The line and column of byte offset `at` in `text`.
pub fn position(text: &str, at: usize) -> Position {
    let before = text.get(..at).unwrap_or(text);
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Position {
        line: before.matches('\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "{\n  \"title\": \"x\",\n  \"body\": [\n    {\"type\": \"p\"},\n    {\"type\": \"figure\", \"src\": \"javascript:x\"}\n  ],\n  \"publisher\": {}\n}\n";

    #[test]
    fn paths_split_into_keys_and_indexes() {
        assert_eq!(
            steps("body[3].src"),
            Some(vec![Step::Key("body"), Step::Index(3), Step::Key("src")])
        );
        assert_eq!(steps(""), Some(vec![]));
        assert_eq!(steps("a[x]"), None);
    }

    #[test]
    fn a_path_finds_its_line_and_column() {
        let l = Locator::new(DOC);
        assert_eq!(l.locate(""), Some(Position { line: 1, column: 1 }));
        assert_eq!(l.locate("title"), Some(Position { line: 2, column: 3 }));
        assert_eq!(l.locate("body[1]"), Some(Position { line: 5, column: 5 }));
        assert_eq!(
            l.locate("body[1].src"),
            Some(Position {
                line: 5,
                column: 24
            })
        );
    }

    #[test]
    fn a_missing_field_points_at_its_parent() {
        let l = Locator::new(DOC);
        assert_eq!(
            l.locate("publisher.name"),
            Some(Position { line: 7, column: 3 })
        );
        assert_eq!(
            l.locate("body[9].src"),
            Some(Position { line: 3, column: 3 })
        );
    }

    #[test]
    fn columns_count_characters() {
        assert_eq!(position("ấy\"x", 5), Position { line: 1, column: 4 });
    }
}
