//! UI languages: one table of labels per language, and date-line formatting.
//!
//! Adding a language is adding a [`Labels`] table and a [`Lang`] variant: the
//! struct has one field per label, so a table that forgets one does not compile.

use crate::datetime::{DateTime, Weekday};
use crate::decimal;
use crate::prelude::*;

/// A language the widget's own labels are available in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Vietnamese (the default: the portal's own language).
    Vi,
    /// English.
    En,
}

impl Lang {
    /// Every supported language.
    pub const ALL: [Lang; 2] = [Lang::Vi, Lang::En];

    /// Picks the UI language for a BCP 47 tag (`vi`, `vi-VN`, `en-GB`, ...).
    /// Unknown languages fall back to English, the most widely read second language.
    pub fn from_tag(tag: &str) -> Lang {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "vi" => Lang::Vi,
            _ => Lang::En,
        }
    }

    /// The BCP 47 tag for `lang` attributes.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// The label table for this language.
    pub fn labels(self) -> &'static Labels {
        match self {
            Lang::Vi => &VI,
            Lang::En => &EN,
        }
    }
}

/// Every piece of UI text the widget shows, for one language.
#[derive(Debug, PartialEq, Eq)]
pub struct Labels {
    /// Names of the days of the week, Monday first.
    pub weekdays: [&'static str; 7],
    /// Names of the months, January first (used by long date formats).
    pub months: [&'static str; 12],
    /// Shown while the article loads.
    pub loading: &'static str,
    /// Heading of the error box.
    pub error_title: &'static str,
    /// Retry button.
    pub retry: &'static str,
    /// Heading of the list of parts left out of a degraded article.
    pub omitted_title: &'static str,
    /// Print button.
    pub print: &'static str,
    /// Text size: smaller.
    pub text_smaller: &'static str,
    /// Text size: larger.
    pub text_larger: &'static str,
    /// Text size: reset, short ("Gốc" in the seed's toolbar).
    pub text_reset: &'static str,
    /// Accessible name of the reset button.
    pub text_reset_name: &'static str,
    /// Link to the original article page.
    pub original_article: &'static str,
    /// Accessible name of a share link; `{network}` is replaced by the network.
    pub share_via: &'static str,
    /// Heading of the article's QR code block.
    pub qr_heading: &'static str,
    /// Shown while a QR code is being made.
    pub qr_making: &'static str,
    /// Shown when a QR code cannot be made; `{reason}` is replaced.
    pub qr_failed: &'static str,
    /// QR failure reason: the link is too long; `{bytes}` is replaced.
    pub qr_too_long: &'static str,
    /// QR failure reason: there is no link to encode.
    pub qr_empty: &'static str,
    /// Theme picker label.
    pub theme: &'static str,
    /// Theme names: auto, light, dark, sepia.
    pub theme_names: [&'static str; 4],
    /// Language picker label.
    pub language: &'static str,
    /// Language picker: follow the article.
    pub language_auto: &'static str,
    /// Current text size for screen readers; `{percent}` is replaced.
    pub text_size_now: &'static str,
    /// Accessible name of the text size group.
    pub text_size: &'static str,
    /// Prefix of the byline for screen readers.
    pub author: &'static str,
    /// "Tiện ích thông tin": the share section heading.
    pub share_title: &'static str,
    /// Native share button.
    pub share_native: &'static str,
    /// Copy link button.
    pub copy_link: &'static str,
    /// Confirmation after copying.
    pub link_copied: &'static str,
    /// Shown when the clipboard refused.
    pub copy_failed: &'static str,
    /// Share by e-mail.
    pub email: &'static str,
    /// "Nguồn tin": the source heading.
    pub source: &'static str,
    /// Before the article's tags.
    pub tags: &'static str,
    /// Prefix of the article QR code's label ("QR CODE: `<title>`").
    pub qr_label: &'static str,
    /// Download the QR code as SVG.
    pub qr_download_svg: &'static str,
    /// Download the QR code as PNG.
    pub qr_download_png: &'static str,
    /// "Chúng tôi trên Mạng Xã hội".
    pub social_title: &'static str,
    /// Label of a social page's QR code; `{name}` is replaced by the page name.
    pub social_qr: &'static str,
    /// "Tin khác": related articles heading.
    pub related_title: &'static str,
    /// Accessible name of the toolbar.
    pub toolbar: &'static str,
    /// "Published" for screen readers before the date line.
    pub published: &'static str,
    /// Opens in a new tab (appended to external link names for screen readers).
    pub new_tab: &'static str,
    /// Countdown before an automatic retry; `{seconds}` is replaced.
    pub retry_in: &'static str,
    /// Shown over an article while a newer version is fetched.
    pub updating: &'static str,
    /// Heading of the notice when a refresh failed and the article stays.
    pub refresh_failed: &'static str,
    /// Notice over a kept copy; `{saved}` is replaced by when it was saved.
    pub offline_copy: &'static str,
    /// Before the time of the article's last update.
    pub updated: &'static str,
    /// Before the publisher's name in the attribution line.
    pub published_by: &'static str,
    /// A video facade's button, before the video's title.
    pub play_video: &'static str,
    /// Before the video host's name in the link under a playing video.
    pub watch_on: &'static str,
    /// Accessible name of a photo gallery without a caption.
    pub gallery: &'static str,
    /// Accessible name of a table's scrolling box without a caption.
    pub table: &'static str,
}

/// Vietnamese labels.
pub static VI: Labels = Labels {
    weekdays: [
        "Thứ Hai",
        "Thứ Ba",
        "Thứ Tư",
        "Thứ Năm",
        "Thứ Sáu",
        "Thứ Bảy",
        "Chủ Nhật",
    ],
    months: [
        "tháng 1",
        "tháng 2",
        "tháng 3",
        "tháng 4",
        "tháng 5",
        "tháng 6",
        "tháng 7",
        "tháng 8",
        "tháng 9",
        "tháng 10",
        "tháng 11",
        "tháng 12",
    ],
    loading: "Đang tải bài viết…",
    error_title: "Không hiển thị được bài viết",
    retry: "Thử lại",
    omitted_title: "Một số phần của bài viết bị lỗi nên không được hiển thị",
    print: "In bài",
    text_smaller: "Giảm cỡ chữ",
    text_larger: "Tăng cỡ chữ",
    text_reset: "Gốc",
    text_reset_name: "Cỡ chữ gốc",
    original_article: "Xem bài gốc",
    share_via: "Chia sẻ qua {network}",
    qr_heading: "QR Code",
    qr_making: "Đang tạo mã QR…",
    qr_failed: "Không tạo được mã QR: {reason}",
    qr_too_long: "liên kết quá dài ({bytes} byte) để mã QR chứa được",
    qr_empty: "không có liên kết",
    theme: "Giao diện",
    theme_names: ["Tự động", "Sáng", "Tối", "Giấy cũ"],
    language: "Ngôn ngữ",
    language_auto: "Theo bài viết",
    text_size_now: "Cỡ chữ hiện tại: {percent}%",
    text_size: "Cỡ chữ",
    author: "Tác giả",
    share_title: "Tiện ích thông tin",
    share_native: "Chia sẻ",
    copy_link: "Sao chép liên kết",
    link_copied: "Đã sao chép liên kết",
    copy_failed: "Không sao chép được, hãy chọn và sao chép liên kết thủ công",
    email: "Gửi e-mail",
    source: "Nguồn tin",
    tags: "Từ khóa",
    qr_label: "QR CODE",
    qr_download_svg: "Tải mã QR (SVG)",
    qr_download_png: "Tải mã QR (PNG)",
    social_title: "Chúng tôi trên Mạng Xã hội",
    social_qr: "Mã QR Code truy cập vào {name}",
    related_title: "Tin khác",
    toolbar: "Công cụ bài viết",
    published: "Ngày đăng",
    new_tab: "mở trong thẻ mới",
    retry_in: "Thử lại sau {seconds} giây…",
    updating: "Đang cập nhật bài viết…",
    refresh_failed: "Không cập nhật được bài viết",
    offline_copy: "Không tải được bản mới nhất. Đây là bản đã lưu lúc {saved}.",
    updated: "Cập nhật",
    published_by: "Bài gốc đăng trên",
    play_video: "Phát video",
    watch_on: "Xem trên",
    gallery: "Bộ ảnh",
    table: "Bảng",
};

/// English labels.
pub static EN: Labels = Labels {
    weekdays: [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ],
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    loading: "Loading the article…",
    error_title: "The article could not be shown",
    retry: "Try again",
    omitted_title: "Some parts of this article had errors and are not shown",
    print: "Print",
    text_smaller: "Smaller text",
    text_larger: "Larger text",
    text_reset: "Original",
    text_reset_name: "Original text size",
    original_article: "View original",
    share_via: "Share on {network}",
    qr_heading: "QR Code",
    qr_making: "Making the QR code…",
    qr_failed: "Could not make the QR code: {reason}",
    qr_too_long: "the link is too long ({bytes} bytes) for a QR code",
    qr_empty: "there is no link",
    theme: "Theme",
    theme_names: ["Automatic", "Light", "Dark", "Sepia"],
    language: "Language",
    language_auto: "Article's language",
    text_size_now: "Current text size: {percent}%",
    text_size: "Text size",
    author: "Author",
    share_title: "Share",
    share_native: "Share",
    copy_link: "Copy link",
    link_copied: "Link copied",
    copy_failed: "Could not copy; select the link and copy it yourself",
    email: "E-mail",
    source: "Source",
    tags: "Tags",
    qr_label: "QR CODE",
    qr_download_svg: "Download QR code (SVG)",
    qr_download_png: "Download QR code (PNG)",
    social_title: "Follow us",
    social_qr: "QR code to visit {name}",
    related_title: "More news",
    toolbar: "Article tools",
    published: "Published",
    new_tab: "opens in a new tab",
    retry_in: "Trying again in {seconds} seconds…",
    updating: "Updating the article…",
    refresh_failed: "The article could not be updated",
    offline_copy: "The latest version could not be loaded. This is the copy saved on {saved}.",
    updated: "Updated",
    published_by: "First published by",
    play_video: "Play video",
    watch_on: "Watch on",
    gallery: "Photo gallery",
    table: "Table",
};

fn weekday_name(labels: &Labels, w: Weekday) -> &'static str {
    labels.weekdays[w.index()]
}

/// The date line as the portal writes it, in the article's own UTC offset:
/// "Thứ Sáu, 25/11/2022 15:15" (vi) or "Friday, 25 November 2022, 15:15" (en).
pub fn date_line(lang: Lang, dt: &DateTime) -> String {
    let labels = lang.labels();
    let mut out = String::from(weekday_name(labels, dt.weekday()));
    out.push_str(", ");
    match lang {
        Lang::Vi => {
            push_numeric_date(&mut out, dt);
            out.push(' ');
        }
        Lang::En => {
            let month = labels.months[usize::from(dt.month.saturating_sub(1)) % 12];
            push_worded_date(&mut out, dt, month);
            out.push_str(", ");
        }
    }
    decimal::push_padded(&mut out, u64::from(dt.hour), 2);
    out.push(':');
    decimal::push_padded(&mut out, u64::from(dt.minute), 2);
    out
}

/// Appends "25/11/2022".
fn push_numeric_date(out: &mut String, dt: &DateTime) {
    decimal::push_padded(out, u64::from(dt.day), 2);
    out.push('/');
    decimal::push_padded(out, u64::from(dt.month), 2);
    out.push('/');
    decimal::push(out, u64::from(dt.year));
}

/// Appends "25 November 2022" with `month` as the month's name.
fn push_worded_date(out: &mut String, dt: &DateTime, month: &str) {
    decimal::push(out, u64::from(dt.day));
    out.push(' ');
    out.push_str(month);
    out.push(' ');
    decimal::push(out, u64::from(dt.year));
}

/// A short date for lists ("25/11/2022" or "25 Nov 2022").
pub fn short_date(lang: Lang, dt: &DateTime) -> String {
    let mut out = String::new();
    match lang {
        Lang::Vi => push_numeric_date(&mut out, dt),
        Lang::En => {
            let month = lang.labels().months[usize::from(dt.month.saturating_sub(1)) % 12];
            push_worded_date(&mut out, dt, month.get(..3).unwrap_or(month));
        }
    }
    out
}

/// The UTC offset as shown to readers, e.g. "GMT+7" or "GMT-5:30".
pub fn offset_label(dt: &DateTime) -> String {
    let m = dt.offset_minutes;
    let abs = m.unsigned_abs();
    let mut out = decimal::between(if m < 0 { "GMT-" } else { "GMT+" }, u64::from(abs / 60), "");
    if abs % 60 != 0 {
        out.push(':');
        decimal::push_padded(&mut out, u64::from(abs % 60), 2);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(s: &str) -> DateTime {
        DateTime::parse(s).unwrap()
    }

    #[test]
    fn seed_date_line_in_both_languages() {
        let d = dt("2022-11-25T15:15:00+07:00");
        assert_eq!(date_line(Lang::Vi, &d), "Thứ Sáu, 25/11/2022 15:15");
        assert_eq!(date_line(Lang::En, &d), "Friday, 25 November 2022, 15:15");
    }

    #[test]
    fn date_line_keeps_the_article_offset() {
        // 23:30 at -05:00 is already Saturday in UTC; the reader sees the publisher's Friday.
        let d = dt("2022-11-25T23:30:00-05:00");
        assert_eq!(date_line(Lang::Vi, &d), "Thứ Sáu, 25/11/2022 23:30");
        assert_eq!(offset_label(&d), "GMT-5");
        let d = dt("2023-01-01T00:05:00+05:45");
        assert_eq!(date_line(Lang::En, &d), "Sunday, 1 January 2023, 00:05");
        assert_eq!(offset_label(&d), "GMT+5:45");
        let d = dt("2024-02-29T08:00:00Z");
        assert_eq!(date_line(Lang::Vi, &d), "Thứ Năm, 29/02/2024 08:00");
        assert_eq!(offset_label(&d), "GMT+0");
        let d = dt("2026-11-22T09:00:00+07:00");
        assert_eq!(date_line(Lang::Vi, &d), "Chủ Nhật, 22/11/2026 09:00");
    }

    #[test]
    fn short_dates() {
        let d = dt("2022-11-05T15:15:00+07:00");
        assert_eq!(short_date(Lang::Vi, &d), "05/11/2022");
        assert_eq!(short_date(Lang::En, &d), "5 Nov 2022");
    }

    #[test]
    fn language_from_tags() {
        assert_eq!(Lang::from_tag("vi"), Lang::Vi);
        assert_eq!(Lang::from_tag("vi-VN"), Lang::Vi);
        assert_eq!(Lang::from_tag("VI_vn"), Lang::Vi);
        assert_eq!(Lang::from_tag("en-GB"), Lang::En);
        assert_eq!(Lang::from_tag("fr"), Lang::En);
        assert_eq!(Lang::from_tag(""), Lang::En);
    }

    #[test]
    fn every_label_table_is_complete() {
        for lang in Lang::ALL {
            let l = lang.labels();
            let debug = format!("{l:?}");
            assert!(
                !debug.contains("\"\""),
                "{lang:?} has an empty label: {debug}"
            );
            assert!(
                l.social_qr.contains("{name}"),
                "{lang:?} social_qr lacks {{name}}"
            );
            assert!(l.retry_in.contains("{seconds}"), "{lang:?} retry_in");
            assert!(l.offline_copy.contains("{saved}"), "{lang:?} offline_copy");
            for (label, placeholder) in [
                (l.share_via, "{network}"),
                (l.qr_failed, "{reason}"),
                (l.qr_too_long, "{bytes}"),
                (l.text_size_now, "{percent}"),
            ] {
                assert!(
                    label.contains(placeholder),
                    "{lang:?}: {label:?} lacks {placeholder}"
                );
            }
            assert!(l.theme_names.iter().all(|s| !s.is_empty()));
            assert!(l
                .weekdays
                .iter()
                .chain(l.months.iter())
                .all(|s| !s.is_empty()));
        }
    }
}
