//! The article data format, version 1: plain serde types with no browser code.
//!
//! These types describe an article *after* it has been checked by
//! [`crate::validate`]: every URL in them is an absolute `http(s)` URL (or
//! `mailto:` where noted), every date carries its UTC offset, and every string
//! is within the documented limits. They serialise back to the same JSON shape
//! that `schema/article.schema.json` and `docs/article-format.md` describe.

use crate::prelude::*;
use serde::{Deserialize, Serialize};

use crate::datetime::DateTime;

/// The value of the `format` field this crate reads and writes.
pub const FORMAT_V1: &str = "article-widget/1";

/// One news article, everything the seed portal page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Format identifier; always [`FORMAT_V1`] for this version.
    pub format: String,
    /// Canonical URL of the article (what share links and the QR code point at).
    pub url: String,
    /// BCP 47 language tag of the article text, e.g. `vi` or `en`.
    pub lang: String,
    /// Headline.
    pub title: String,
    /// Lead paragraph (sapo), shown in bold under the title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<String>,
    /// Publication date-time with the publisher's own UTC offset.
    pub published: DateTime,
    /// Last update, if the publisher reports one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<DateTime>,
    /// Link to the original article page ("Gốc" links here).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_url: Option<String>,
    /// The article body as ordered blocks.
    pub body: Vec<Block>,
    /// Authors, in byline order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<Person>,
    /// Where the news came from ("Nguồn tin").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// The organisation that publishes the article.
    pub publisher: Publisher,
    /// Related articles ("Tin khác").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
    /// Free-form topic tags.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Writing direction, when the publisher states it; otherwise it
    /// follows [`Article::lang`] (see [`Article::is_rtl`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dir: Option<Dir>,
}

/// Writing direction of an article's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Dir {
    /// Left to right (Vietnamese, English, ...).
    Ltr,
    /// Right to left (Arabic, Hebrew, Persian, Urdu, ...).
    Rtl,
}

/// Primary language subtags written right to left: Arabic, Central Kurdish,
/// Dhivehi, Hebrew (and its old code `iw`), Persian, Pashto, Sindhi, Uyghur,
/// Urdu, Yiddish.
pub const RTL_LANGS: [&str; 11] = [
    "ar", "ckb", "dv", "fa", "he", "iw", "ps", "sd", "ug", "ur", "yi",
];

impl Article {
    /// Whether the article reads right to left: its `dir` when given,
    /// else whether the primary subtag of `lang` is one of [`RTL_LANGS`]
    /// (a script subtag decides for languages written in two scripts:
    /// `az-Arab` is right to left, `ku-Latn` or `pa-Guru` not).
    pub fn is_rtl(&self) -> bool {
        match self.dir {
            Some(dir) => dir == Dir::Rtl,
            None => lang_is_rtl(&self.lang),
        }
    }
}

/// Whether text in the language `tag` (BCP 47) is written right to left.
pub fn lang_is_rtl(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or_default();
    for part in parts {
        if part.len() == 4 {
            // A script subtag: Arab, Hebr, Thaa, Syrc, Nkoo, Adlm, Rohg are
            // right to left; any other script is not.
            let script = part.to_ascii_lowercase();
            return matches!(
                script.as_str(),
                "arab" | "hebr" | "thaa" | "syrc" | "nkoo" | "adlm" | "rohg"
            );
        }
    }
    RTL_LANGS.iter().any(|l| l.eq_ignore_ascii_case(primary))
}

/// One block of the article body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Block {
    /// A paragraph.
    Paragraph {
        /// The text, with its links and emphasis; never interpreted as HTML.
        text: Text,
    },
    /// A sub-heading inside the article.
    Heading {
        /// Heading level below the title: 2 to 4.
        level: u8,
        /// The heading text.
        text: String,
    },
    /// A photo with its caption.
    Figure(Figure),
    /// A quotation.
    Quote {
        /// The quoted text.
        text: String,
        /// Who is quoted, if known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cite: Option<String>,
    },
    /// A bulleted or numbered list.
    List(List),
    /// A table of figures or facts.
    Table(Table),
    /// A video from a video host, shown behind a click-to-load facade.
    Video(Video),
    /// Several photos in one block, side by side and swipeable.
    Gallery(Gallery),
    /// A short passage of the article repeated large to draw the eye, set
    /// apart from the text (unlike [`Block::Quote`], which quotes a source).
    Pullquote {
        /// The highlighted passage.
        text: String,
        /// Who said it, if anyone.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cite: Option<String>,
    },
    /// A thematic break between parts of the article.
    Separator,
}

impl Block {
    /// Roughly how many bytes of text the block holds: what chunked
    /// rendering measures (a photo, a video or a row counts as a short
    /// paragraph).
    pub fn text_len(&self) -> usize {
        match self {
            Block::Paragraph { text } => text.len(),
            Block::Heading { text, .. }
            | Block::Quote { text, .. }
            | Block::Pullquote { text, .. } => text.len(),
            Block::Gallery(g) => g.figures.len() * 200,
            Block::List(l) => l.items.len() * 100,
            Block::Table(t) => t.rows.len() * 200,
            Block::Figure(_) | Block::Video(_) | Block::Separator => 200,
        }
    }
}

/// Text with inline links and emphasis, as runs in reading order.
///
/// In JSON it is a string (plain text) or an array whose items are strings
/// or run objects (`{"text": "…", "href": "…", "em": true, "strong": true}`).
/// Runs are never trimmed: the spaces between them are part of the text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Text(pub Vec<Run>);

/// One run of [`Text`]: characters that share their link and emphasis.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Run {
    /// The characters; never interpreted as HTML.
    pub text: String,
    /// Where the run links to (an absolute `http(s)` URL), if it is a link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub href: Option<String>,
    /// Emphasised (usually italic).
    #[serde(default, skip_serializing_if = "is_false")]
    pub em: bool,
    /// Strongly emphasised (usually bold).
    #[serde(default, skip_serializing_if = "is_false")]
    pub strong: bool,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's `skip_serializing_if` passes a reference
fn is_false(b: &bool) -> bool {
    !*b
}

impl Run {
    /// Whether the run has no link and no emphasis.
    pub fn is_plain(&self) -> bool {
        self.href.is_none() && !self.em && !self.strong
    }
}

impl Text {
    /// Plain text as one run.
    pub fn plain(text: impl Into<String>) -> Text {
        Text(vec![Run {
            text: text.into(),
            ..Run::default()
        }])
    }

    /// The characters of every run, without links or emphasis.
    pub fn to_plain(&self) -> String {
        self.0.iter().map(|r| r.text.as_str()).collect()
    }

    /// Length of the text in bytes (UTF-8), over all runs.
    pub fn len(&self) -> usize {
        self.0.iter().map(|r| r.text.len()).sum()
    }

    /// Whether the text has no characters.
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|r| r.text.is_empty())
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::plain(s)
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text::plain(s)
    }
}

/// One run as it may be written in JSON: a bare string or a run object.
#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum RunRepr {
    Plain(String),
    Run(Run),
}

/// [`Text`] as it may be written in JSON: a string or an array of runs.
#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum TextRepr {
    Plain(String),
    Runs(Vec<RunRepr>),
}

impl Serialize for Text {
    /// A string when the text is one plain run without spaces at its ends
    /// (a string is trimmed when read; runs are not), else an array whose
    /// plain runs are strings.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0.as_slice() {
            [run] if run.is_plain() && run.text.trim().len() == run.text.len() => {
                serializer.serialize_str(&run.text)
            }
            runs => serializer.collect_seq(runs.iter().map(|r| {
                if r.is_plain() {
                    RunRepr::Plain(r.text.clone())
                } else {
                    RunRepr::Run(r.clone())
                }
            })),
        }
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Text, D::Error> {
        Ok(match TextRepr::deserialize(deserializer)? {
            TextRepr::Plain(s) => Text::plain(s),
            TextRepr::Runs(runs) => Text(
                runs.into_iter()
                    .map(|r| match r {
                        RunRepr::Plain(text) => Run {
                            text,
                            ..Run::default()
                        },
                        RunRepr::Run(run) => run,
                    })
                    .collect(),
            ),
        })
    }
}

/// A bulleted or numbered list; an item may hold one level of sub-items.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct List {
    /// Numbered (`<ol>`) rather than bulleted (`<ul>`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub ordered: bool,
    /// The items, in order.
    pub items: Vec<ListItem>,
}

/// One item of a [`List`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ListItem {
    /// The item's text.
    pub text: Text,
    /// Sub-items, one level deep (a sub-item has no sub-items of its own).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Text>,
    /// Whether the sub-items are numbered; `None` means as the list itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ordered: Option<bool>,
}

/// A table: an optional caption and header row, then rows of plain-text cells.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// What the table shows, read first by screen readers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// Column headings, if the table has a header row.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub header: Vec<String>,
    /// The rows of cells (rows may be shorter than others; empty cells are `""`).
    pub rows: Vec<Vec<String>>,
    /// Whether each row's first cell is the heading of that row.
    #[serde(default, skip_serializing_if = "is_false")]
    pub row_headers: bool,
}

/// Where a [`Video`] is played from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "provider", rename_all = "lowercase")]
pub enum VideoSource {
    /// A `YouTube` video, played from `youtube-nocookie.com`.
    Youtube {
        /// The video id: 11 characters of `A-Z a-z 0-9 _ -`.
        id: String,
    },
    /// A Vimeo video, played from `player.vimeo.com`.
    Vimeo {
        /// The numeric video id.
        id: String,
    },
    /// A Facebook video, played through Facebook's video plugin.
    Facebook {
        /// The video's page on `facebook.com` (absolute `https` URL).
        url: String,
    },
    /// Any other player page, framed only when its host is in the widget's
    /// list of allowed video hosts (otherwise a link to it is shown).
    Iframe {
        /// The player page (absolute `http(s)` URL).
        url: String,
    },
}

/// An embedded video: nothing is loaded from the video host until the
/// reader presses play on its facade (poster, title, play button).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Video {
    /// The host and the video on it.
    #[serde(flatten)]
    pub source: VideoSource,
    /// The video's title: the facade's label and the player's `title`.
    pub title: String,
    /// The facade's still image (served by the publisher, not the video host).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub poster: Option<Image>,
    /// Caption shown under the video.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// Who made the video.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
}

/// Several photos shown as one swipeable row.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Gallery {
    /// The photos, in order.
    pub figures: Vec<Figure>,
    /// Caption of the whole gallery.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
}

/// A photo in the body, with the size its box reserves before it loads.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// Absolute `http(s)` URL of the image.
    pub src: String,
    /// Intrinsic width in CSS pixels.
    pub width: u32,
    /// Intrinsic height in CSS pixels.
    pub height: u32,
    /// Text alternative for screen readers (may be empty only for decorative images).
    pub alt: String,
    /// Caption shown under the photo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// Photographer or agency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
    /// The same photo in other widths, for the browser to pick the file
    /// that fits the widget (an HTML `srcset` with width descriptors).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub srcset: Vec<ImageFile>,
}

/// One file of a responsive photo: the photo at one width.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImageFile {
    /// Absolute `http(s)` URL of the file.
    pub src: String,
    /// Its width in pixels.
    pub width: u32,
}

/// An author in the byline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Person {
    /// Display name.
    pub name: String,
    /// Profile page, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// Where the news came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// Name of the source, e.g. a district committee or a newspaper.
    pub name: String,
    /// Link to the source, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// An image reference with declared size (logo, thumbnail).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Image {
    /// Absolute `http(s)` URL.
    pub src: String,
    /// Width in CSS pixels.
    pub width: u32,
    /// Height in CSS pixels.
    pub height: u32,
    /// Text alternative; empty means decorative.
    #[serde(default)]
    pub alt: String,
}

/// The publishing organisation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Publisher {
    /// Name, e.g. "Cổng tin tức Thành phố Hải Phòng".
    pub name: String,
    /// Home page.
    pub url: String,
    /// Logo, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<Image>,
    /// Social pages ("Chúng tôi trên Mạng Xã hội").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub social: Vec<SocialPage>,
}

/// One social-network page of the publisher, e.g. its Facebook fanpage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SocialPage {
    /// Network identifier, lower case: `facebook`, `zalo`, `youtube`, `x`, `tiktok`, ...
    pub network: String,
    /// Display name of the page.
    pub name: String,
    /// Absolute `http(s)` URL of the page.
    pub url: String,
}

/// A related article ("Tin khác").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Related {
    /// Headline.
    pub title: String,
    /// Page URL of the related article (`http(s)`).
    pub url: String,
    /// URL of the related article's JSON in this format, so a reader can open
    /// it in place; relative references resolve against the article's own URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub json: Option<String>,
    /// Publication date-time, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<DateTime>,
    /// Thumbnail, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail: Option<Image>,
}
