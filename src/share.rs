//! Share targets and the share links built for them.
//!
//! Every share target is a plain link (or, for [`Network::Native`] and
//! [`Network::Copy`], a button): no network SDK is loaded and no request goes to
//! any network before the reader clicks. The links are built here, without the
//! browser, so that each one can be checked byte for byte by native tests.
//!
//! Every value put into a link goes through [`encode_component`] (RFC 3986
//! percent-encoding of everything but the unreserved characters), never through
//! `format!` alone: a title containing `&`, `#` or `=` must not be able to add
//! or cut parameters. The endpoints and the reasons for choosing them are in
//! `docs/sharing.md`.

use crate::i18n::Lang;
use crate::prelude::*;

/// A share target the widget can offer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Network {
    /// The browser's own share sheet (`navigator.share`), shown only where it exists.
    Native,
    /// Facebook's sharer.
    Facebook,
    /// Zalo, Vietnam's most used messenger.
    Zalo,
    /// X (formerly Twitter) post intent.
    X,
    /// The share-offsite page of `linkedin.com`.
    LinkedIn,
    /// Telegram's share link.
    Telegram,
    /// A `mailto:` link that opens the reader's mail program.
    Email,
    /// Copies the article's link to the clipboard.
    Copy,
}

impl Network {
    /// Every network, in the default order.
    pub const ALL: [Network; 8] = [
        Network::Native,
        Network::Facebook,
        Network::Zalo,
        Network::X,
        Network::LinkedIn,
        Network::Telegram,
        Network::Email,
        Network::Copy,
    ];

    /// Looks a network up by its configuration name, ignoring ASCII case and
    /// surrounding whitespace. `twitter` is accepted for [`Network::X`] and
    /// `mail` for [`Network::Email`].
    pub fn from_name(name: &str) -> Option<Network> {
        let name = name.trim().to_ascii_lowercase();
        let network = match name.as_str() {
            "native" => Network::Native,
            "facebook" => Network::Facebook,
            "zalo" => Network::Zalo,
            "x" | "twitter" => Network::X,
            "linkedin" => Network::LinkedIn,
            "telegram" => Network::Telegram,
            "email" | "mail" => Network::Email,
            "copy" => Network::Copy,
            _ => return None,
        };
        Some(network)
    }

    /// The canonical configuration name (what [`Network::from_name`] accepts).
    pub fn name(self) -> &'static str {
        match self {
            Network::Native => "native",
            Network::Facebook => "facebook",
            Network::Zalo => "zalo",
            Network::X => "x",
            Network::LinkedIn => "linkedin",
            Network::Telegram => "telegram",
            Network::Email => "email",
            Network::Copy => "copy",
        }
    }

    /// The name shown to readers. Brand names stay as they are; the three
    /// actions are translated through the label table of `lang`.
    pub fn display_name(self, lang: Lang) -> &'static str {
        let labels = lang.labels();
        match self {
            Network::Native => labels.share_native,
            Network::Facebook => "Facebook",
            Network::Zalo => "Zalo",
            Network::X => "X",
            Network::LinkedIn => "LinkedIn",
            Network::Telegram => "Telegram",
            Network::Email => labels.email,
            Network::Copy => labels.copy_link,
        }
    }

    /// The SVG path (24×24 view box) of this network's icon, drawn with
    /// `currentColor`; shared by the reader's components and the embed's markup.
    pub fn icon_path(self) -> &'static str {
        match self {
            Network::Native => "M18 16a3 3 0 0 0-2.4 1.2l-6.7-3.4a3 3 0 0 0 0-1.6l6.7-3.4A3 3 0 1 0 15 7l-6.7 3.4a3 3 0 1 0 0 3.2L15 17a3 3 0 1 0 3-1z",
            Network::Facebook => "M14 8h3V4h-3a4 4 0 0 0-4 4v2H8v4h2v8h4v-8h3l1-4h-4V8z",
            Network::Zalo => "M4 5h16v11H10l-4 3v-3H4zM8 8v1h4l-4 4v1h6v-1h-4l4-4V8z",
            Network::X => "M4 4h4.5l4 5.6L17.2 4H20l-6.2 7.2L20.5 20H16l-4.3-6-5.2 6H3.8l6.6-7.6z",
            Network::LinkedIn => "M4 9h3.5v11H4zM5.8 3.5a2 2 0 1 1 0 4 2 2 0 0 1 0-4zM10 9h3.4v1.6c.5-.9 1.7-1.9 3.5-1.9 3.6 0 4.1 2.3 4.1 5.3v6h-3.5v-5.3c0-1.3 0-2.9-1.8-2.9s-2.1 1.4-2.1 2.8V20H10z",
            Network::Telegram => "M21 4 2.5 11.2c-1 .4-1 1.1 0 1.4l4.6 1.4 1.8 5.5c.2.6.5.7 1 .3l2.6-2.2 4.9 3.6c.6.3 1 .2 1.2-.6L22 5.1c.3-1.1-.4-1.6-1-1.1zM8.5 13.5l9-6-7 7-.4 3.5z",
            Network::Email => "M3 5h18v14H3zM3 6l9 7 9-7",
            Network::Copy => "M10 14a5 5 0 0 0 7 0l3-3a5 5 0 0 0-7-7l-1 1M14 10a5 5 0 0 0-7 0l-3 3a5 5 0 0 0 7 7l1-1",
        }
    }

    /// Whether the icon is drawn as an outline (stroke) rather than filled.
    pub fn icon_stroked(self) -> bool {
        matches!(self, Network::Email | Network::Copy)
    }

    /// Whether this target is a link built by [`share_url`] (as opposed to a
    /// button handled by the page: [`Network::Native`] and [`Network::Copy`]).
    pub fn is_link(self) -> bool {
        !matches!(self, Network::Native | Network::Copy)
    }
}

/// Default order when not configured: [`Network::ALL`], that is Native,
/// Facebook, Zalo, X, [`Network::LinkedIn`], Telegram, Email, Copy.
pub const DEFAULT_NETWORKS: [Network; 8] = Network::ALL;

/// Parses a comma and/or whitespace separated list of network names
/// (`"facebook, zalo,copy"`).
///
/// The order is kept and duplicates are dropped (the first one wins; aliases
/// such as `twitter` count as their network). Names that are not networks are
/// returned, as written and without duplicates, in the second vector so the
/// UI can report them; they never stop the known ones from being shown.
pub fn parse_networks(list: &str) -> (Vec<Network>, Vec<String>) {
    let mut networks = Vec::new();
    let mut unknown: Vec<String> = Vec::new();
    for name in list
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
    {
        match Network::from_name(name) {
            Some(network) => {
                if !networks.contains(&network) {
                    networks.push(network);
                }
            }
            None => {
                if !unknown.iter().any(|u| u == name) {
                    unknown.push(name.to_owned());
                }
            }
        }
    }
    (networks, unknown)
}

/// Facebook's sharer; it reads the page's Open Graph tags for the preview.
pub const FACEBOOK_ENDPOINT: &str = "https://www.facebook.com/sharer/sharer.php";
/// Zalo's share plugin page (see `docs/sharing.md` for why this one).
pub const ZALO_ENDPOINT: &str = "https://sp.zalo.me/plugins/share";
/// X's documented post web intent.
pub const X_ENDPOINT: &str = "https://x.com/intent/tweet";
/// The share-offsite page of `linkedin.com`.
pub const LINKEDIN_ENDPOINT: &str = "https://www.linkedin.com/sharing/share-offsite/";
/// Telegram's share link.
pub const TELEGRAM_ENDPOINT: &str = "https://t.me/share/url";

/// The share link for `network`, or `None` for [`Network::Native`] and
/// [`Network::Copy`] (they are buttons, not links).
///
/// `url` is the article's canonical URL (already validated as http(s)) and is
/// passed on as one parameter, exactly as given. `title` has its whitespace
/// runs (including line breaks) collapsed to single spaces and is trimmed: it
/// becomes one line of text, and a mail subject may not contain a line break.
/// An empty title leaves the text parameters out instead of sending them empty.
///
/// | network | link |
/// | --- | --- |
/// | Facebook | `https://www.facebook.com/sharer/sharer.php?u=URL` |
/// | Zalo | `https://sp.zalo.me/plugins/share?href=URL` |
/// | X | `https://x.com/intent/tweet?url=URL&text=TITLE` |
/// | LinkedIn | `https://www.linkedin.com/sharing/share-offsite/?url=URL` |
/// | Telegram | `https://t.me/share/url?url=URL&text=TITLE` |
/// | Email | `mailto:?subject=TITLE&body=TITLE%0D%0AURL` |
pub fn share_url(network: Network, url: &str, title: &str) -> Option<String> {
    let url = encode_component(url);
    let title = one_line(title);
    let text = if title.is_empty() {
        String::new()
    } else {
        encode_component(&title)
    };
    // Joined with `concat`, not `format!` (which would link `core::fmt`
    // into the embed's wasm).
    let with_text = |base: &str| {
        if text.is_empty() {
            [base, "?url=", &url].concat()
        } else {
            [base, "?url=", &url, "&text=", &text].concat()
        }
    };
    let link = match network {
        Network::Native | Network::Copy => return None,
        Network::Facebook => [FACEBOOK_ENDPOINT, "?u=", &url].concat(),
        Network::Zalo => [ZALO_ENDPOINT, "?href=", &url].concat(),
        Network::X => with_text(X_ENDPOINT),
        Network::LinkedIn => [LINKEDIN_ENDPOINT, "?url=", &url].concat(),
        Network::Telegram => with_text(TELEGRAM_ENDPOINT),
        // RFC 6068: percent-encoded UTF-8, spaces as %20 (never `+`), and the
        // line break in a body written as %0D%0A.
        Network::Email if text.is_empty() => ["mailto:?body=", &url].concat(),
        Network::Email => ["mailto:?subject=", &text, "&body=", &text, "%0D%0A", &url].concat(),
    };
    Some(link)
}

/// RFC 3986 percent-encoding of everything except unreserved characters
/// (`A-Z a-z 0-9 - . _ ~`), UTF-8 aware, with upper-case hex digits.
///
/// The result is safe as a query parameter value, a path segment or a
/// `mailto:` header value: it contains only unreserved characters and `%XX`.
pub fn encode_component(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0x0F)]));
        }
    }
    out
}

/// Collapses every whitespace run to one space and trims the ends.
fn one_line(s: &str) -> String {
    join(s.split_whitespace(), " ")
}

/// `parts` with `separator` between them, like `[..].join(separator)`
/// without the slice `join` machinery (about 1 KB of the embed's wasm).
/// Empty parts are kept.
pub fn join<S: AsRef<str>>(parts: impl IntoIterator<Item = S>, separator: &str) -> String {
    let mut out = String::new();
    for (i, part) in parts.into_iter().enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        out.push_str(part.as_ref());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_is_slice_join() {
        for parts in [&[][..], &["a"], &["a", "b", "c"], &["", "x", ""]] {
            assert_eq!(join(parts, ", "), parts.join(", "), "{parts:?}");
        }
        assert_eq!(one_line("  a \n\t b  "), "a b");
    }

    #[test]
    fn names_round_trip_and_aliases() {
        for network in Network::ALL {
            assert_eq!(Network::from_name(network.name()), Some(network));
            assert_eq!(
                Network::from_name(&network.name().to_ascii_uppercase()),
                Some(network)
            );
        }
        assert_eq!(Network::from_name("Twitter"), Some(Network::X));
        assert_eq!(Network::from_name(" MAIL "), Some(Network::Email));
        assert_eq!(Network::from_name("LinkedIn"), Some(Network::LinkedIn));
        assert_eq!(Network::from_name("whatsapp"), None);
        assert_eq!(Network::from_name(""), None);
    }

    #[test]
    fn display_names_follow_the_language() {
        assert_eq!(Network::Email.display_name(Lang::Vi), "Gửi e-mail");
        assert_eq!(Network::Email.display_name(Lang::En), "E-mail");
        assert_eq!(Network::Copy.display_name(Lang::Vi), "Sao chép liên kết");
        assert_eq!(Network::Copy.display_name(Lang::En), "Copy link");
        assert_eq!(Network::Native.display_name(Lang::Vi), "Chia sẻ");
        assert_eq!(Network::Native.display_name(Lang::En), "Share");
        assert_eq!(Network::Zalo.display_name(Lang::En), "Zalo");
        assert_eq!(Network::LinkedIn.display_name(Lang::Vi), "LinkedIn");
    }

    #[test]
    fn default_order() {
        assert_eq!(DEFAULT_NETWORKS, Network::ALL);
        assert_eq!(DEFAULT_NETWORKS[0], Network::Native);
        assert_eq!(DEFAULT_NETWORKS[7], Network::Copy);
    }

    #[test]
    fn links_and_buttons() {
        for network in Network::ALL {
            assert_eq!(
                share_url(network, "https://a.example/", "t").is_some(),
                network.is_link(),
                "{network:?}"
            );
        }
    }

    #[test]
    fn encodes_all_but_unreserved() {
        assert_eq!(encode_component("AZaz09-._~"), "AZaz09-._~");
        assert_eq!(encode_component("a b+c"), "a%20b%2Bc");
        assert_eq!(encode_component("&#?=/%:"), "%26%23%3F%3D%2F%25%3A");
        assert_eq!(encode_component("ủ"), "%E1%BB%A7");
        assert_eq!(encode_component("😀"), "%F0%9F%98%80");
        assert_eq!(encode_component("\r\n"), "%0D%0A");
        assert_eq!(encode_component(""), "");
    }

    #[test]
    fn title_becomes_one_line() {
        assert_eq!(one_line("  a \n\t b  "), "a b");
        assert_eq!(one_line(" \n "), "");
    }

    #[test]
    fn empty_title_drops_text_parameters() {
        let u = "https://a.example/x";
        assert_eq!(
            share_url(Network::X, u, " ").as_deref(),
            Some("https://x.com/intent/tweet?url=https%3A%2F%2Fa.example%2Fx")
        );
        assert_eq!(
            share_url(Network::Email, u, "").as_deref(),
            Some("mailto:?body=https%3A%2F%2Fa.example%2Fx")
        );
    }

    #[test]
    fn parse_keeps_order_and_reports_unknown() {
        let (networks, unknown) = parse_networks("zalo, Facebook copy,,twitter x ZALO whatsapp");
        assert_eq!(
            networks,
            [Network::Zalo, Network::Facebook, Network::Copy, Network::X]
        );
        assert_eq!(unknown, ["whatsapp"]);
        assert_eq!(parse_networks(""), (vec![], vec![]));
    }
}
