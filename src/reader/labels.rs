//! The reader's own words (home list, offline reading, updates), in the two UI
//! languages. No publisher is named here: the publication's name comes from
//! its brand ([`crate::brand`]). The article's labels live in [`crate::i18n`]; these belong to
//! the page frame around it.

use crate::i18n::Lang;

/// Words of the reader frame in one language.
#[derive(Debug)]
pub struct ReaderLabels {
    /// The tab title of an article, with `{title}` for its title and
    /// `{site}` for the publication's name (away from an article the tab
    /// shows the name alone).
    pub tab_article: &'static str,
    /// Heading of the publisher's social pages under the home list.
    pub social: &'static str,
    /// Heading of the home list.
    pub latest: &'static str,
    /// Link back to the list.
    pub home: &'static str,
    /// While the feed loads.
    pub loading_feed: &'static str,
    /// Before the reason when the feed could not be loaded.
    pub feed_failed: &'static str,
    /// When the feed has no usable items.
    pub feed_empty: &'static str,
    /// Heading of the saved-articles list.
    pub saved_title: &'static str,
    /// When nothing is saved.
    pub saved_empty: &'static str,
    /// Button: keep this article for offline reading.
    pub save: &'static str,
    /// While saving.
    pub saving: &'static str,
    /// Shown next to the button once saved.
    pub saved: &'static str,
    /// Button: forget the saved copy.
    pub unsave: &'static str,
    /// When saving failed.
    pub save_failed: &'static str,
    /// When the browser has no service worker (saving is impossible).
    pub save_unavailable: &'static str,
    /// The offline indicator.
    pub offline: &'static str,
    /// An article that was never opened or saved, while offline.
    pub not_offline: &'static str,
    /// A new version of the reader is ready.
    pub update_ready: &'static str,
    /// Button that switches to the new version.
    pub update_reload: &'static str,
    /// A feed slug that is not in the feed.
    pub unknown_article: &'static str,
}

const VI: ReaderLabels = ReaderLabels {
    tab_article: "{title} — {site}",
    social: "Theo dõi chúng tôi",
    latest: "Tin mới",
    home: "← Danh sách tin",
    loading_feed: "Đang tải danh sách tin…",
    feed_failed: "Không tải được danh sách tin",
    feed_empty: "Chưa có tin bài nào.",
    saved_title: "Đã lưu để đọc ngoại tuyến",
    saved_empty: "Chưa lưu bài nào. Mở một bài và chọn “Lưu để đọc ngoại tuyến”.",
    save: "Lưu để đọc ngoại tuyến",
    saving: "Đang lưu…",
    saved: "Đã lưu để đọc ngoại tuyến.",
    unsave: "Bỏ lưu",
    save_failed: "Không lưu được bài này",
    save_unavailable: "Trình duyệt này không hỗ trợ đọc ngoại tuyến.",
    offline: "Bạn đang ngoại tuyến — đang hiển thị bản đã lưu.",
    not_offline: "Bài này chưa có trên máy để đọc ngoại tuyến: bạn chưa mở hoặc chưa lưu bài này. Hãy kết nối mạng rồi thử lại.",
    update_ready: "Đã có phiên bản mới của trang đọc tin.",
    update_reload: "Tải lại",
    unknown_article: "Không có bài này trong danh sách tin.",
};

const EN: ReaderLabels = ReaderLabels {
    tab_article: "{title} — {site}",
    social: "Follow us",
    latest: "Latest news",
    home: "← All news",
    loading_feed: "Loading the news list…",
    feed_failed: "The news list could not be loaded",
    feed_empty: "No articles yet.",
    saved_title: "Saved for offline reading",
    saved_empty: "Nothing saved yet. Open an article and choose “Save for offline”.",
    save: "Save for offline",
    saving: "Saving…",
    saved: "Saved for offline reading.",
    unsave: "Remove",
    save_failed: "This article could not be saved",
    save_unavailable: "This browser cannot keep articles for offline reading.",
    offline: "You are offline — showing saved copies.",
    not_offline: "This article is not available offline: it was never opened or saved on this device. Connect to the internet and try again.",
    update_ready: "A new version of the reader is ready.",
    update_reload: "Reload",
    unknown_article: "This article is not in the news list.",
};

/// The reader's words in `lang`.
pub fn reader_labels(lang: Lang) -> &'static ReaderLabels {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_titles_name_the_article() {
        for lang in [Lang::Vi, Lang::En] {
            let l = reader_labels(lang);
            assert!(l.tab_article.contains("{title}"), "{lang:?}");
            assert!(l.tab_article.contains("{site}"), "{lang:?}");
        }
    }

    #[test]
    fn both_languages_say_offline() {
        assert!(reader_labels(Lang::Vi).not_offline.contains("ngoại tuyến"));
        assert!(reader_labels(Lang::En)
            .not_offline
            .contains("not available offline"));
    }
}
