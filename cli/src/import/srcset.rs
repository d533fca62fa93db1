//! An HTML `srcset` attribute (of an `<img>` or a `<picture>`'s `<source>`)
//! to the files of a responsive photo: only width descriptors (`480w`) are
//! kept, since the widget picks files by its own width; density
//! descriptors (`2x`) say nothing of a file's width and are left out.
//! Parsed as the HTML standard reads a srcset (a URL may hold commas).

use std::collections::BTreeMap;

/// Most files kept for one photo (the article format's limit).
pub const MAX_FILES: usize = 16;

/// Widest file the format accepts.
const MAX_WIDTH: u32 = 10_000;

/// The `(url as written, width)` candidates of a `srcset` that have a
/// width descriptor, narrowest first, one per width, at most
/// [`MAX_FILES`] (spread over the range when there are more).
pub fn parse(attr: &str) -> Vec<(String, u32)> {
    let mut by_width: BTreeMap<u32, String> = BTreeMap::new();
    let mut rest = attr;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == ',');
        if rest.is_empty() {
            break;
        }
        let end = rest
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(rest.len());
        let (raw_url, after) = rest.split_at(end);
        rest = after;
        // A URL ending in commas has no descriptors.
        let url = raw_url.trim_end_matches(',');
        let descriptors = if url.len() == raw_url.len() {
            let mut depth = 0usize;
            let stop = rest
                .char_indices()
                .find(|&(_, c)| {
                    match c {
                        '(' => depth += 1,
                        ')' => depth = depth.saturating_sub(1),
                        ',' if depth == 0 => return true,
                        _ => {}
                    }
                    false
                })
                .map_or(rest.len(), |(i, _)| i);
            let (d, after) = rest.split_at(stop);
            rest = after;
            d.trim()
        } else {
            ""
        };
        let width = match descriptors.split_ascii_whitespace().collect::<Vec<_>>()[..] {
            [w] => w
                .strip_suffix('w')
                .and_then(|n| n.parse::<u32>().ok())
                .filter(|n| (1..=MAX_WIDTH).contains(n)),
            _ => None,
        };
        if let Some(width) = width {
            if !url.is_empty() && !url.starts_with("data:") {
                by_width.entry(width).or_insert_with(|| url.to_owned());
            }
        }
    }
    let all: Vec<(String, u32)> = by_width.into_iter().map(|(w, u)| (u, w)).collect();
    if all.len() <= MAX_FILES {
        return all;
    }
    // Evenly spread, keeping the narrowest and the widest.
    let last = all.len() - 1;
    (0..MAX_FILES)
        .map(|i| all[i * last / (MAX_FILES - 1)].clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_descriptors_are_kept_in_order() {
        assert_eq!(
            parse("a-1280.jpg 1280w, a-480.jpg 480w,\n a-800.jpg   800w"),
            vec![
                ("a-480.jpg".into(), 480),
                ("a-800.jpg".into(), 800),
                ("a-1280.jpg".into(), 1280)
            ]
        );
    }

    #[test]
    fn density_descriptors_and_bad_candidates_are_left_out() {
        assert_eq!(parse("a.jpg, a@2x.jpg 2x"), vec![]);
        assert_eq!(
            parse("a.jpg 0w, b.jpg 99999w, c.jpg abcw, d.jpg 10w 2x"),
            vec![]
        );
        assert_eq!(parse("data:image/gif;base64,R0lGOD 1w"), vec![]);
        assert_eq!(parse(""), vec![]);
        assert_eq!(parse(",,, ,"), vec![]);
    }

    #[test]
    fn urls_may_hold_commas() {
        assert_eq!(
            parse("https://cdn.example/w_300,h_200/a.jpg 300w, https://cdn.example/w_600,h_400/a.jpg 600w"),
            vec![
                ("https://cdn.example/w_300,h_200/a.jpg".into(), 300),
                ("https://cdn.example/w_600,h_400/a.jpg".into(), 600)
            ]
        );
    }

    #[test]
    fn many_files_are_spread_over_the_range() {
        let attr: Vec<String> = (1..=40).map(|i| format!("a{i}.jpg {}w", i * 100)).collect();
        let got = parse(&attr.join(", "));
        assert_eq!(got.len(), MAX_FILES);
        assert_eq!(got.first().map(|f| f.1), Some(100));
        assert_eq!(got.last().map(|f| f.1), Some(4000));
    }
}
