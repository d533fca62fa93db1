//! Share links, byte for byte, and the round trip of awkward titles and URLs
//! through them (decoded again with a small decoder written for this test).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::missing_panics_doc)]
#![cfg(not(target_arch = "wasm32"))]

use article_widget::i18n::Lang;
use article_widget::share::{
    encode_component, parse_networks, share_url, Network, DEFAULT_NETWORKS,
};
use pretty_assertions::assert_eq;

const TITLE: &str = "Quận ủy Lê Chân: Tổng kết 10 năm thực hiện Nghị quyết Trung ương 8 khóa XI về Chiến lược bảo vệ Tổ quốc trong tình hình mới";
const URL: &str = "https://haiphong.gov.vn/tin-tuc-su-kien/quan-uy-le-chan-tong-ket-10-nam-thuc-hien-nghi-quyet-trung-uong-8-khoa-xi-ve-chien-luoc-bao-ve-to-quoc-trong-tinh-hinh-moi-625413.html";

// Written out independently of the code under test (Python's
// `urllib.parse.quote(s.encode(), safe="")`, which keeps only `A-Za-z0-9-._~`).
const URL_ENC: &str = "https%3A%2F%2Fhaiphong.gov.vn%2Ftin-tuc-su-kien%2Fquan-uy-le-chan-tong-ket-10-nam-thuc-hien-nghi-quyet-trung-uong-8-khoa-xi-ve-chien-luoc-bao-ve-to-quoc-trong-tinh-hinh-moi-625413.html";
const TITLE_ENC: &str = "Qu%E1%BA%ADn%20%E1%BB%A7y%20L%C3%AA%20Ch%C3%A2n%3A%20T%E1%BB%95ng%20k%E1%BA%BFt%2010%20n%C4%83m%20th%E1%BB%B1c%20hi%E1%BB%87n%20Ngh%E1%BB%8B%20quy%E1%BA%BFt%20Trung%20%C6%B0%C6%A1ng%208%20kh%C3%B3a%20XI%20v%E1%BB%81%20Chi%E1%BA%BFn%20l%C6%B0%E1%BB%A3c%20b%E1%BA%A3o%20v%E1%BB%87%20T%E1%BB%95%20qu%E1%BB%91c%20trong%20t%C3%ACnh%20h%C3%ACnh%20m%E1%BB%9Bi";

#[test]
fn encoding_of_the_demo_matches_an_independent_encoder() {
    assert_eq!(encode_component(URL), URL_ENC);
    assert_eq!(encode_component(TITLE), TITLE_ENC);
}

#[test]
fn demo_article_links() {
    let link = |n| share_url(n, URL, TITLE).unwrap();
    assert_eq!(
        link(Network::Facebook),
        format!("https://www.facebook.com/sharer/sharer.php?u={URL_ENC}")
    );
    assert_eq!(
        link(Network::Zalo),
        format!("https://sp.zalo.me/plugins/share?href={URL_ENC}")
    );
    assert_eq!(
        link(Network::X),
        format!("https://x.com/intent/tweet?url={URL_ENC}&text={TITLE_ENC}")
    );
    assert_eq!(
        link(Network::LinkedIn),
        format!("https://www.linkedin.com/sharing/share-offsite/?url={URL_ENC}")
    );
    assert_eq!(
        link(Network::Telegram),
        format!("https://t.me/share/url?url={URL_ENC}&text={TITLE_ENC}")
    );
    assert_eq!(
        link(Network::Email),
        format!("mailto:?subject={TITLE_ENC}&body={TITLE_ENC}%0D%0A{URL_ENC}")
    );
    assert_eq!(share_url(Network::Native, URL, TITLE), None);
    assert_eq!(share_url(Network::Copy, URL, TITLE), None);
}

#[test]
fn a_short_link_in_full() {
    assert_eq!(
        share_url(Network::Telegram, "https://a.example/p?id=1", "Tin mới").unwrap(),
        "https://t.me/share/url?url=https%3A%2F%2Fa.example%2Fp%3Fid%3D1&text=Tin%20m%E1%BB%9Bi"
    );
    assert_eq!(
        share_url(Network::Email, "https://a.example/", "A + B").unwrap(),
        "mailto:?subject=A%20%2B%20B&body=A%20%2B%20B%0D%0Ahttps%3A%2F%2Fa.example%2F"
    );
}

// ---- a test-only decoder ------------------------------------------------

fn hex(b: u8) -> u8 {
    match b {
        b'0'..=b'9' => b - b'0',
        b'A'..=b'F' => b - b'A' + 10,
        _ => panic!("not an upper-case hex digit: {:?}", char::from(b)),
    }
}

/// Decodes `%XX` escapes; fails on anything `encode_component` never writes.
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            out.push(hex(b[i + 1]) << 4 | hex(b[i + 2]));
            i += 3;
        } else {
            assert!(
                b[i].is_ascii_alphanumeric() || b"-._~".contains(&b[i]),
                "raw {:?} in a parameter of {s}",
                char::from(b[i])
            );
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("parameter decodes to UTF-8")
}

/// Splits a link into its base and decoded `(name, value)` parameters.
fn parse_link(link: &str) -> (&str, Vec<(String, String)>) {
    let (base, query) = link.split_once('?').expect("link has a query");
    let params = query
        .split('&')
        .map(|p| {
            let (k, v) = p.split_once('=').expect("name=value");
            (k.to_owned(), percent_decode(v))
        })
        .collect();
    (base, params)
}

const AWKWARD_URL: &str = "https://vi.example/tìm kiếm?q=a&b=c+d%20e&x=1=2#phần-2?z&y";
const AWKWARD_TITLES: [&str; 6] = [
    "A & B # C ? D = E + F % G",
    "100% đúng: a+b=c & d#e?f",
    "Dòng một\nDòng hai\r\n\tba",
    "Chúc mừng 🎉🇻🇳 năm mới",
    "plus+%2B already-encoded",
    "",
];

/// The title a link is expected to carry: one line, trimmed.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn awkward_input_comes_back_unchanged() {
    for title in AWKWARD_TITLES {
        let want_title = one_line(title);
        for network in Network::ALL.into_iter().filter(|n| n.is_link()) {
            let link = share_url(network, AWKWARD_URL, title).unwrap();
            assert!(
                !link.contains([' ', '\n', '\r', '+', '#']),
                "{network:?}: unencoded character in {link}"
            );
            let (base, params) = parse_link(&link);
            let get = |name: &str| {
                let found: Vec<&String> = params
                    .iter()
                    .filter(|(k, _)| k == name)
                    .map(|(_, v)| v)
                    .collect();
                assert!(found.len() <= 1, "{name} repeated in {link}");
                found.first().map(|s| s.as_str())
            };
            let names: Vec<&str> = params.iter().map(|(k, _)| k.as_str()).collect();
            match network {
                Network::Facebook => {
                    assert_eq!(names, ["u"]);
                    assert_eq!(get("u"), Some(AWKWARD_URL));
                }
                Network::Zalo => {
                    assert_eq!(names, ["href"]);
                    assert_eq!(get("href"), Some(AWKWARD_URL));
                }
                Network::LinkedIn => {
                    assert_eq!(names, ["url"]);
                    assert_eq!(get("url"), Some(AWKWARD_URL));
                }
                Network::X | Network::Telegram => {
                    assert_eq!(get("url"), Some(AWKWARD_URL));
                    if want_title.is_empty() {
                        assert_eq!(names, ["url"], "{link}");
                    } else {
                        assert_eq!(names, ["url", "text"], "{link}");
                        assert_eq!(get("text"), Some(want_title.as_str()));
                    }
                }
                Network::Email => {
                    assert_eq!(base, "mailto:");
                    if want_title.is_empty() {
                        assert_eq!(names, ["body"]);
                        assert_eq!(get("body"), Some(AWKWARD_URL));
                    } else {
                        assert_eq!(names, ["subject", "body"]);
                        assert_eq!(get("subject"), Some(want_title.as_str()));
                        let body = format!("{want_title}\r\n{AWKWARD_URL}");
                        assert_eq!(get("body"), Some(body.as_str()));
                    }
                }
                Network::Native | Network::Copy => unreachable!(),
            }
        }
    }
}

#[test]
fn url_with_query_and_fragment_is_one_parameter() {
    let url = "https://haiphong.gov.vn/bai-viet?id=625413&lang=vi#binh-luan";
    let link = share_url(Network::Facebook, url, TITLE).unwrap();
    assert_eq!(
        link,
        "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fhaiphong.gov.vn%2Fbai-viet%3Fid%3D625413%26lang%3Dvi%23binh-luan"
    );
    let (_, params) = parse_link(&link);
    assert_eq!(params, [("u".to_owned(), url.to_owned())]);
}

#[test]
fn emoji_and_newline_are_encoded_as_utf8() {
    let link = share_url(Network::X, "https://a.example/", "Vui 😀\nquá").unwrap();
    assert_eq!(
        link,
        "https://x.com/intent/tweet?url=https%3A%2F%2Fa.example%2F&text=Vui%20%F0%9F%98%80%20qu%C3%A1"
    );
}

// ---- configuration -----------------------------------------------------

#[test]
fn default_order_and_names() {
    assert_eq!(
        DEFAULT_NETWORKS.map(Network::name),
        ["native", "facebook", "zalo", "x", "linkedin", "telegram", "email", "copy"]
    );
    assert_eq!(
        DEFAULT_NETWORKS.map(|n| n.display_name(Lang::Vi)),
        [
            "Chia sẻ",
            "Facebook",
            "Zalo",
            "X",
            "LinkedIn",
            "Telegram",
            "Gửi e-mail",
            "Sao chép liên kết"
        ]
    );
    assert_eq!(
        DEFAULT_NETWORKS.map(|n| n.display_name(Lang::En)),
        [
            "Share",
            "Facebook",
            "Zalo",
            "X",
            "LinkedIn",
            "Telegram",
            "E-mail",
            "Copy link"
        ]
    );
}

#[test]
fn parse_networks_keeps_the_configured_order() {
    assert_eq!(
        parse_networks("facebook, zalo,copy"),
        (
            vec![Network::Facebook, Network::Zalo, Network::Copy],
            vec![]
        )
    );
    assert_eq!(
        parse_networks("copy telegram\tlinkedin\nnative"),
        (
            vec![
                Network::Copy,
                Network::Telegram,
                Network::LinkedIn,
                Network::Native
            ],
            vec![]
        )
    );
}

#[test]
fn parse_networks_drops_duplicates_and_aliases() {
    let (networks, unknown) = parse_networks("x,twitter,X, email mail,EMAIL,zalo,Zalo");
    assert_eq!(networks, [Network::X, Network::Email, Network::Zalo]);
    assert!(unknown.is_empty());
}

#[test]
fn parse_networks_reports_unknown_names_as_written() {
    let (networks, unknown) =
        parse_networks("WhatsApp, facebook, viber,whatsapp, WhatsApp ,face-book");
    assert_eq!(networks, [Network::Facebook]);
    assert_eq!(unknown, ["WhatsApp", "viber", "whatsapp", "face-book"]);
}

#[test]
fn parse_networks_of_nothing() {
    assert_eq!(parse_networks(""), (vec![], vec![]));
    assert_eq!(parse_networks(" , ,, "), (vec![], vec![]));
}
