//! An article as an importer found it ([`Draft`]: text, URLs as written,
//! dates as written) and the one way it becomes an `article-widget/1`
//! document: URLs resolved and checked by the widget's own rules, dates given
//! their offset, image sizes found, limits applied, and the result checked by
//! the widget's validation before anything is written. Every part that could
//! not be carried over is reported.

use std::path::PathBuf;

use article_widget::datetime::DateTime;
use article_widget::model::{
    Article, Block, Figure, Gallery, Image, ImageFile, List, ListItem, Person, Publisher, Run,
    Table, Text, Video, VideoSource, FORMAT_V1,
};
use article_widget::url;
use article_widget::validate::{limits, parse_article, ParseError};
use jiff::tz::TimeZone;

use super::blocks::{
    Piece, RawFigure, RawGallery, RawList, RawTable, RawVideo, MAX_PULLQUOTE_CHARS,
};
use super::dates::{self, How};
use super::images::{self, Budget, Lookup};
use super::metadata::{MetaImage, MetaPerson};
use super::runs::{self, RawRun};
use super::text::{self, clean, key, shorten};
use super::video::VideoRef;

/// Longest caption, credit, name and text the format accepts, in characters.
const MAX_CAPTION: usize = 2000;
const MAX_NAME: usize = 500;
/// Most characters of cells in one table block: a longer table is split
/// over several blocks, so that no block alone fills the document.
const MAX_TABLE_CHARS: usize = 200_000;
const MAX_PERSON: usize = 200;
const MAX_TAG: usize = 200;

/// An article as found, before checking.
#[derive(Clone, Debug, Default)]
pub struct Draft {
    /// Canonical URL as written (may be relative).
    pub url: Option<String>,
    /// Language tag.
    pub lang: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Lead paragraph.
    pub lead: Option<String>,
    /// Publication date as written.
    pub published: Option<String>,
    /// Update date as written.
    pub updated: Option<String>,
    /// Body blocks.
    pub body: Vec<Piece>,
    /// Authors.
    pub authors: Vec<MetaPerson>,
    /// Publisher name.
    pub publisher_name: Option<String>,
    /// Publisher home page as written.
    pub publisher_url: Option<String>,
    /// Publisher logo.
    pub logo: Option<MetaImage>,
    /// Tags.
    pub tags: Vec<String>,
    /// What the importer already knows it left out.
    pub notes: Vec<String>,
}

/// What every article of one import shares.
#[derive(Clone, Debug)]
pub struct Context {
    /// The URL the source was fetched from (after redirects), if any.
    pub fetched_from: Option<String>,
    /// The source file's folder, for images beside it.
    pub local_dir: Option<PathBuf>,
    /// The source's file name or URL, for a stand-in URL.
    pub source_name: String,
    /// Zone for dates without an offset.
    pub tz: TimeZone,
    /// Whether `--timezone` was given.
    pub tz_given: bool,
    /// Whether image headers may be fetched over HTTP.
    pub fetch_images: bool,
    /// `--url`: the page's URL.
    pub url: Option<String>,
    /// `--lang`.
    pub lang: Option<String>,
    /// `--publisher`.
    pub publisher: Option<String>,
    /// `--publisher-url`.
    pub publisher_url: Option<String>,
    /// A date to fall back on (HTTP `Last-Modified`, the file's time), with
    /// where it came from.
    pub fallback_date: Option<(String, &'static str)>,
}

/// A finished article.
#[derive(Clone, Debug)]
pub struct Imported {
    /// The article.
    pub article: Article,
    /// Its JSON, as written to disk.
    pub json: String,
    /// A file-name stem for it.
    pub slug: String,
    /// What could not be carried over, one line each.
    pub notes: Vec<String>,
}

/// Turns a draft into a checked article.
///
/// # Errors
///
/// A message when a required part (title, text, date) is missing, or when
/// the widget's validation refuses the result.
pub fn finish(draft: Draft, cx: &Context, budget: &mut Budget) -> Result<Imported, String> {
    let mut notes = draft.notes.clone();
    let page_base = cx.fetched_from.as_deref();
    let canonical = canonical_url(&draft, cx, &mut notes)?;
    // Relative references resolve against the page's own URL, else the
    // canonical one (a saved copy of a page).
    let base = page_base.unwrap_or(&canonical).to_owned();
    let base = Some(base.as_str());

    let title = draft
        .title
        .as_deref()
        .map(clean)
        .filter(|t| !t.is_empty())
        .ok_or("no title found")?;
    let title = match shorten(&title, limits::MAX_TITLE_CHARS) {
        Some(short) => {
            notes.push(format!(
                "title shortened to {} characters",
                limits::MAX_TITLE_CHARS
            ));
            short
        }
        None => title,
    };

    let lang = cx
        .lang
        .clone()
        .or_else(|| draft.lang.as_deref().and_then(language_tag))
        .unwrap_or_else(|| {
            notes.push("no language found: written as \"und\" (give --lang)".to_owned());
            "und".to_owned()
        });

    let published = date(draft.published.as_deref(), "published", cx, &mut notes)
        .or_else(|| {
            let (raw, from) = cx.fallback_date.as_ref()?;
            let found = date(Some(raw), "published", cx, &mut Vec::new())?;
            notes.push(format!(
                "no publication date in the source: used {from} ({found})"
            ));
            Some(found)
        })
        .ok_or("no publication date found")?;
    let updated = date(draft.updated.as_deref(), "updated", cx, &mut notes)
        .filter(|u| u.unix_seconds() > published.unix_seconds());

    let lead = draft
        .lead
        .as_deref()
        .map(|l| {
            // WordPress ends automatic excerpts with " [&hellip;]".
            let l = clean(l);
            let trimmed = l
                .trim_end_matches("[…]")
                .trim_end_matches("[...]")
                .trim_end();
            trimmed.to_owned()
        })
        .filter(|l| !l.is_empty() && key(l) != key(&title));
    let authors = authors(&draft.authors, base, &mut notes);
    let publisher_found = publisher(&draft, &canonical, base, cx, budget, &mut notes);
    let (lead, body) = body(
        draft.body, lead, &title, &authors, base, cx, budget, &mut notes,
    )?;
    let tags = tags(draft.tags, &mut notes);

    let mut article = Article {
        format: FORMAT_V1.to_owned(),
        url: canonical.clone(),
        lang,
        title,
        lead,
        published,
        updated,
        original_url: Some(canonical.clone()),
        body,
        authors,
        source: None,
        publisher: publisher_found,
        related: Vec::new(),
        tags,
        dir: None,
    };
    let json = within_size(&mut article, &mut notes)?;
    match parse_article(json.as_bytes(), None) {
        Ok(parsed) => notes.extend(parsed.warnings.iter().map(ToString::to_string)),
        Err(ParseError::Invalid(problems)) => {
            let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
            return Err(format!(
                "the widget would refuse the result: {}",
                list.join("; ")
            ));
        }
        Err(e) => return Err(format!("the widget would refuse the result: {e}")),
    }
    Ok(Imported {
        slug: slug(&canonical, &article.title),
        article,
        json,
        notes,
    })
}

/// The canonical URL: `--url`, the page's own, the URL it was fetched from,
/// or a stand-in named after the file (reported).
fn canonical_url(draft: &Draft, cx: &Context, notes: &mut Vec<String>) -> Result<String, String> {
    if let Some(u) = &cx.url {
        return url::check_absolute(u).map_err(|e| format!("--url {u}: {e}"));
    }
    if let Some(written) = &draft.url {
        match url::resolve(cx.fetched_from.as_deref(), written) {
            Ok(u) => return Ok(u),
            Err(e) => notes.push(format!("canonical URL \"{written}\" left out: {e}")),
        }
    }
    if let Some(u) = &cx.fetched_from {
        return Ok(u.clone());
    }
    let name = cx
        .source_name
        .rsplit(['/', '\\'])
        .next()
        .map(text::slug)
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "article".to_owned());
    let stand_in = format!("http://localhost/{name}");
    notes.push(format!(
        "the source names no URL of its own: used {stand_in} (give --url)"
    ));
    Ok(stand_in)
}

/// A BCP 47-looking tag from what a page declares (`vi_VN` → `vi-VN`).
fn language_tag(raw: &str) -> Option<String> {
    let tag: String = raw
        .trim()
        .replace('_', "-")
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let tag = tag.trim_matches('-').to_owned();
    (!tag.is_empty() && tag.len() <= 35).then_some(tag)
}

/// A date with its offset, noting how a missing offset was filled in.
fn date(raw: Option<&str>, what: &str, cx: &Context, notes: &mut Vec<String>) -> Option<DateTime> {
    let raw = raw?;
    let Some((text, how)) = dates::parse(raw, &cx.tz) else {
        notes.push(format!(
            "{what}: \"{raw}\" is not a date this importer reads"
        ));
        return None;
    };
    let zone = dates::zone_name(&cx.tz);
    let given = if cx.tz_given {
        "--timezone"
    } else {
        "give --timezone"
    };
    match how {
        How::Exact => {}
        How::Zoned => notes.push(format!(
            "{what}: \"{raw}\" has no UTC offset: taken as {zone} time ({given})"
        )),
        How::DayOnly => notes.push(format!(
            "{what}: \"{raw}\" has no time of day: midnight {zone} ({given})"
        )),
    }
    // A CMS that writes UTC (`Z`, `+00:00`, RSS's `+0000`) says nothing of
    // the publisher's wall time: with --timezone, show it there.
    let text = match text.parse::<jiff::Timestamp>() {
        Ok(t)
            if cx.tz_given
                && how == How::Exact
                && (text.ends_with("+00:00") || text.ends_with('Z')) =>
        {
            dates::in_zone(t, &cx.tz)
        }
        _ => text,
    };
    DateTime::parse(&text).ok()
}

fn authors(found: &[MetaPerson], base: Option<&str>, notes: &mut Vec<String>) -> Vec<Person> {
    let mut out: Vec<Person> = Vec::new();
    for p in found {
        let name = clean(&p.name);
        if name.is_empty() || out.iter().any(|o| key(&o.name) == key(&name)) {
            continue;
        }
        if name.chars().count() > MAX_PERSON {
            notes.push(format!(
                "author \"{}…\" left out: name too long",
                shorten(&name, 40).unwrap_or_default()
            ));
            continue;
        }
        let url = p.url.as_deref().and_then(|u| url::resolve(base, u).ok());
        out.push(Person { name, url });
        if out.len() == limits::MAX_AUTHORS {
            notes.push(format!(
                "only the first {} authors kept",
                limits::MAX_AUTHORS
            ));
            break;
        }
    }
    out
}

/// The body blocks, and the lead (kept, moved or dropped so that the widget
/// does not show the same text twice).
#[allow(clippy::too_many_arguments)]
fn body(
    pieces: Vec<Piece>,
    lead: Option<String>,
    title: &str,
    authors: &[Person],
    base: Option<&str>,
    cx: &Context,
    budget: &mut Budget,
    notes: &mut Vec<String>,
) -> Result<(Option<String>, Vec<Block>), String> {
    let mut pieces: Vec<Piece> = pieces
        .into_iter()
        .filter(|p| !matches!(p, Piece::Heading(_, t) if key(t) == key(title)))
        .collect();
    // The lead printed again as the first paragraph.
    let mut lead = lead;
    if let (Some(l), Some(Piece::Paragraph(first))) = (&lead, pieces.first()) {
        let (lk, fk) = (key(l), key(&runs::plain(first)));
        if lk == fk {
            pieces.remove(0);
        } else if !lk.is_empty() && fk.starts_with(&lk) {
            // An automatic excerpt: the start of the first paragraph.
            lead = None;
        }
    }
    // A byline repeated as the last paragraph.
    if let Some(Piece::Paragraph(last)) = pieces.last() {
        let last = key(&runs::plain(last));
        if authors.iter().any(|a| key(&a.name) == last) {
            pieces.pop();
        }
    }
    let lookup = Lookup {
        local_dir: cx.local_dir.as_deref(),
        fetch: cx.fetch_images,
    };
    let mut no_size = 0usize;
    let mut out = Out {
        base,
        notes,
        no_size: &mut no_size,
        lookup,
        budget,
        bad_links: 0,
    };
    let mut blocks = out.blocks(pieces);
    let bad_links = out.bad_links;
    if bad_links > 0 {
        notes.push(format!(
            "{bad_links} link(s) kept as plain text: not an http(s) URL"
        ));
    }
    if no_size > 0 {
        notes.push(format!(
            "{no_size} image(s) left out: no width and height in the HTML and the file not readable{}",
            if cx.fetch_images { "" } else { " (give --fetch-images to read them over HTTP)" }
        ));
    }
    if matches!(blocks.last(), Some(Block::Separator)) {
        blocks.pop();
    }
    if blocks.len() > limits::MAX_BLOCKS {
        notes.push(format!(
            "only the first {} of {} blocks kept",
            limits::MAX_BLOCKS,
            blocks.len()
        ));
        blocks.truncate(limits::MAX_BLOCKS);
    }
    if !blocks.iter().any(|b| {
        !matches!(
            b,
            Block::Figure(_) | Block::Gallery(_) | Block::Video(_) | Block::Separator
        )
    }) {
        if let Some(l) = lead.take() {
            // A short item whose only text is its summary.
            blocks.insert(0, Block::Paragraph { text: l.into() });
        }
    }
    if blocks.is_empty() {
        return Err("no article text found".to_owned());
    }
    Ok((lead, blocks))
}

fn long_text(t: String, notes: &mut Vec<String>) -> String {
    match shorten(&t, limits::MAX_STRING_CHARS) {
        Some(short) => {
            notes.push(format!(
                "a text block cut to {} characters",
                limits::MAX_STRING_CHARS
            ));
            short
        }
        None => t,
    }
}

/// What turning pieces into blocks needs and reports.
struct Out<'a, 'b> {
    base: Option<&'a str>,
    notes: &'a mut Vec<String>,
    /// Photos left out because their size cannot be found.
    no_size: &'a mut usize,
    lookup: Lookup<'b>,
    budget: &'a mut Budget,
    /// Links kept as text because their URL is refused.
    bad_links: usize,
}

impl Out<'_, '_> {
    /// The blocks of the pieces, in order.
    fn blocks(&mut self, pieces: Vec<Piece>) -> Vec<Block> {
        let mut blocks = Vec::new();
        for piece in pieces {
            match piece {
                Piece::Paragraph(r) => blocks.push(Block::Paragraph { text: self.rich(r) }),
                Piece::Heading(level, t) => blocks.push(Block::Heading {
                    level,
                    text: long_text(t, self.notes),
                }),
                Piece::Quote { text, cite } => blocks.push(Block::Quote {
                    text: long_text(text, self.notes),
                    cite: cite.map(|c| shorten(&c, MAX_NAME).unwrap_or(c)),
                }),
                Piece::Pullquote { text, cite } => blocks.push(Block::Pullquote {
                    text: shorten(&text, MAX_PULLQUOTE_CHARS).unwrap_or(text),
                    cite: cite.map(|c| shorten(&c, MAX_NAME).unwrap_or(c)),
                }),
                Piece::Figure(f) => {
                    if let Some(fig) = self.figure(f) {
                        blocks.push(Block::Figure(fig));
                    }
                }
                Piece::List(l) => blocks.extend(self.list(l)),
                Piece::Table(t) => blocks.extend(table(t)),
                Piece::Video(v) => blocks.extend(self.video(v).map(Block::Video)),
                Piece::Gallery(g) => blocks.extend(self.gallery(g)),
                Piece::Separator => {
                    // Not first, not last, never two in a row.
                    if blocks
                        .last()
                        .is_some_and(|b| !matches!(b, Block::Separator))
                    {
                        blocks.push(Block::Separator);
                    }
                }
            }
        }
        blocks
    }

    /// Rich text with its links resolved (a refused link leaves its text
    /// plain) and within the format's limits (beyond them, plain text).
    fn rich(&mut self, raw: Vec<RawRun>) -> Text {
        let mut kept: Vec<RawRun> = Vec::with_capacity(raw.len());
        for mut r in raw {
            if let Some(href) = r.href.take() {
                match url::resolve(self.base, &href) {
                    Ok(u) => r.href = Some(u),
                    Err(_) => self.bad_links += 1,
                }
            }
            let style = RawRun {
                text: String::new(),
                ..r.clone()
            };
            runs::push(&mut kept, &r.text, &style);
        }
        let chars: usize = kept.iter().map(|r| r.text.chars().count()).sum();
        if kept.len() > limits::MAX_RUNS || chars > limits::MAX_STRING_CHARS {
            if kept.len() > limits::MAX_RUNS {
                self.notes.push(format!(
                    "a paragraph's links and emphasis left out: more than {} runs",
                    limits::MAX_RUNS
                ));
            }
            return Text::plain(long_text(runs::plain(&kept), self.notes));
        }
        Text(
            kept.into_iter()
                .map(|r| Run {
                    text: r.text,
                    href: r.href,
                    em: r.em,
                    strong: r.strong,
                })
                .collect(),
        )
    }

    /// A figure with its URL checked and its size known; `None` when the
    /// URL is refused (noted) or the size cannot be found (counted).
    fn figure(&mut self, f: RawFigure) -> Option<Figure> {
        let src = match url::resolve(self.base, &f.src) {
            Ok(s) => s,
            Err(e) => {
                self.notes
                    .push(format!("image \"{}\" left out: {e}", f.src));
                return None;
            }
        };
        let size = match (f.width, f.height) {
            (Some(w), Some(h)) => images::fit(w as usize, h as usize),
            _ => images::probe(&f.src, &src, self.lookup, self.budget),
        };
        let Some((width, height)) = size else {
            *self.no_size += 1;
            return None;
        };
        let srcset = f
            .srcset
            .iter()
            .filter_map(|(u, w)| {
                let src = url::resolve(self.base, u).ok()?;
                Some(ImageFile { src, width: *w })
            })
            .collect();
        Some(Figure {
            src,
            width,
            height,
            alt: f.alt,
            caption: f.caption.map(|c| shorten(&c, MAX_CAPTION).unwrap_or(c)),
            credit: f.credit.map(|c| shorten(&c, MAX_NAME).unwrap_or(c)),
            srcset,
        })
    }

    /// List blocks: a list longer than the format's limit goes on in a
    /// second block.
    fn list(&mut self, l: RawList) -> Vec<Block> {
        let mut items = Vec::with_capacity(l.items.len());
        for item in l.items {
            let mut subs = item.items;
            if subs.len() > limits::MAX_LIST_ITEMS {
                self.notes.push(format!(
                    "a list item's sub-items cut to the first {}",
                    limits::MAX_LIST_ITEMS
                ));
                subs.truncate(limits::MAX_LIST_ITEMS);
            }
            items.push(ListItem {
                text: self.rich(item.text),
                items: subs.into_iter().map(|s| self.rich(s)).collect(),
                ordered: item.ordered,
            });
        }
        if items.len() > limits::MAX_LIST_ITEMS {
            self.notes.push(format!(
                "a list of {} items split into lists of {}",
                items.len(),
                limits::MAX_LIST_ITEMS
            ));
        }
        let mut out = Vec::new();
        while !items.is_empty() {
            let rest = items.split_off(items.len().min(limits::MAX_LIST_ITEMS));
            out.push(Block::List(List {
                ordered: l.ordered,
                items: std::mem::replace(&mut items, rest),
            }));
        }
        out
    }

    /// A video block; `None` (noted) when its player URL is refused.
    fn video(&mut self, v: RawVideo) -> Option<Video> {
        let host = v.video.host_name();
        let source = match v.video {
            VideoRef::Youtube(id) => VideoSource::Youtube { id },
            VideoRef::Vimeo(id) => VideoSource::Vimeo { id },
            VideoRef::Facebook(url) => VideoSource::Facebook { url },
            VideoRef::Iframe(raw) => match url::resolve(self.base, &raw) {
                Ok(url) => VideoSource::Iframe { url },
                Err(e) => {
                    self.notes.push(format!("video \"{raw}\" left out: {e}"));
                    return None;
                }
            },
        };
        let caption = v
            .caption
            .filter(|c| !c.is_empty())
            .map(|c| shorten(&c, MAX_CAPTION).unwrap_or(c));
        let title = v
            .title
            .filter(|t| !t.is_empty())
            .or_else(|| caption.clone())
            .unwrap_or_else(|| format!("{host} video"));
        Some(Video {
            source,
            title: shorten(&title, MAX_NAME).unwrap_or(title),
            poster: None,
            caption,
            credit: None,
        })
    }

    /// Gallery blocks (a figure when one photo is left; a gallery longer
    /// than the format's limit goes on in a second block).
    fn gallery(&mut self, g: RawGallery) -> Vec<Block> {
        let mut figures: Vec<Figure> = g
            .figures
            .into_iter()
            .filter_map(|f| self.figure(f))
            .collect();
        let caption = g.caption.map(|c| shorten(&c, MAX_CAPTION).unwrap_or(c));
        if figures.len() == 1 {
            let mut f = figures.remove(0);
            if f.caption.is_none() {
                f.caption = caption;
            }
            return vec![Block::Figure(f)];
        }
        let mut out = Vec::new();
        while !figures.is_empty() {
            let rest = figures.split_off(figures.len().min(limits::MAX_GALLERY_FIGURES));
            out.push(Block::Gallery(Gallery {
                figures: std::mem::replace(&mut figures, rest),
                caption: caption.clone(),
            }));
        }
        out
    }
}

/// Table blocks: a table longer than the format's limit (or than
/// [`MAX_TABLE_CHARS`]) goes on in further blocks, each with the caption
/// and the header row.
fn table(t: RawTable) -> Vec<Block> {
    let mut out = Vec::new();
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut chars = 0;
    let emit = |rows: &mut Vec<Vec<String>>, out: &mut Vec<Block>| {
        if !rows.is_empty() {
            out.push(Block::Table(Table {
                caption: t.caption.clone(),
                header: t.header.clone(),
                rows: std::mem::take(rows),
                row_headers: t.row_headers,
            }));
        }
    };
    for row in t.rows {
        let len: usize = row.iter().map(|c| c.chars().count()).sum();
        if rows.len() == limits::MAX_TABLE_ROWS || chars + len > MAX_TABLE_CHARS {
            emit(&mut rows, &mut out);
            chars = 0;
        }
        chars += len;
        rows.push(row);
    }
    emit(&mut rows, &mut out);
    out
}

/// The article's JSON, with blocks left off the end when it would be
/// larger than the widget accepts (noted).
fn within_size(article: &mut Article, notes: &mut Vec<String>) -> Result<String, String> {
    let mut json = serde_json::to_string_pretty(article).map_err(|e| e.to_string())? + "\n";
    let total = article.body.len();
    while json.len() > limits::MAX_BYTES && article.body.len() > 1 {
        // Leave off enough blocks for the excess, measured as they are written.
        let mut excess = json.len() - limits::MAX_BYTES;
        while excess > 0 && article.body.len() > 1 {
            let last = article.body.pop();
            let size = last
                .map(|b| serde_json::to_string_pretty(&b).map_or(0, |j| j.len()))
                .unwrap_or_default();
            excess = excess.saturating_sub(size);
        }
        json = serde_json::to_string_pretty(article).map_err(|e| e.to_string())? + "\n";
    }
    if article.body.len() < total {
        notes.push(format!(
            "only the first {} of {total} blocks kept: the article would be larger than {} bytes",
            article.body.len(),
            limits::MAX_BYTES
        ));
    }
    Ok(json)
}

fn publisher(
    draft: &Draft,
    canonical: &str,
    base: Option<&str>,
    cx: &Context,
    budget: &mut Budget,
    notes: &mut Vec<String>,
) -> Publisher {
    let origin = url::origin(canonical).unwrap_or(canonical);
    let host = origin.split("://").nth(1).unwrap_or(origin).to_owned();
    let name = cx
        .publisher
        .clone()
        .or_else(|| draft.publisher_name.as_deref().map(clean))
        .filter(|n| !n.is_empty() && n.chars().count() <= MAX_NAME)
        .unwrap_or_else(|| {
            notes.push(format!(
                "no publisher name found: used \"{host}\" (give --publisher)"
            ));
            host.clone()
        });
    let home = cx
        .publisher_url
        .as_deref()
        .or(draft.publisher_url.as_deref())
        .and_then(|u| url::resolve(base, u).ok())
        .unwrap_or_else(|| format!("{origin}/"));
    let logo = draft.logo.as_ref().and_then(|l| {
        let src = url::resolve(base, &l.src).ok()?;
        let lookup = Lookup {
            local_dir: cx.local_dir.as_deref(),
            fetch: cx.fetch_images,
        };
        let (width, height) = match (l.width, l.height) {
            (Some(w), Some(h)) => images::fit(w as usize, h as usize)?,
            _ => images::probe(&l.src, &src, lookup, budget)?,
        };
        Some(Image {
            src,
            width,
            height,
            alt: name.clone(),
        })
    });
    if draft.logo.is_some() && logo.is_none() {
        notes.push("publisher logo left out: its size is unknown".to_owned());
    }
    Publisher {
        name,
        url: home,
        logo,
        social: Vec::new(),
    }
}

fn tags(found: Vec<String>, notes: &mut Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in found {
        let t = clean(&t);
        if t.is_empty() || t.chars().count() > MAX_TAG || out.iter().any(|o| key(o) == key(&t)) {
            continue;
        }
        if out.len() == limits::MAX_TAGS {
            notes.push(format!("only the first {} tags kept", limits::MAX_TAGS));
            break;
        }
        out.push(t);
    }
    out
}

/// A file-name stem: the URL's last path segment, else the title.
fn slug(canonical: &str, title: &str) -> String {
    let path = canonical
        .split(['?', '#'])
        .next()
        .unwrap_or_default()
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split_once('/'))
        .map_or("", |(_, p)| p);
    let last = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    let stem = last
        .strip_suffix(".html")
        .or_else(|| last.strip_suffix(".htm"))
        .or_else(|| last.strip_suffix(".php"))
        .unwrap_or(last);
    let s = text::slug(stem);
    if s.is_empty() || s == "index" {
        let t = text::slug(title);
        if t.is_empty() {
            "article".to_owned()
        } else {
            t
        }
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_come_from_the_url_then_the_title() {
        assert_eq!(
            slug("https://x.vn/tin/bai-viet-625413.html", "T"),
            "bai-viet-625413"
        );
        assert_eq!(
            slug("https://x.vn/2022/11/hello-world/", "T"),
            "hello-world"
        );
        assert_eq!(slug("https://x.vn/", "Tin mới"), "tin-moi");
        assert_eq!(slug("https://x.vn/?p=5", "¿"), "article");
    }

    #[test]
    fn language_tags_are_normalised() {
        assert_eq!(language_tag("vi_VN").as_deref(), Some("vi-VN"));
        assert_eq!(language_tag(" en-US ").as_deref(), Some("en-US"));
        assert_eq!(language_tag("<x>"), None);
    }
}
