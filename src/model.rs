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
}

/// One block of the article body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Block {
    /// A paragraph of plain text.
    Paragraph {
        /// The text; never interpreted as HTML.
        text: String,
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
