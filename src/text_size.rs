//! The reader's text size: a few fixed steps, a reducer, and how the choice
//! is stored between visits.
//!
//! Only the article text scales (the widget's controls keep their size), via
//! the `--aw-text-scale` custom property. Persistence is in the browser's
//! `localStorage`; this module only defines the key and the encoding so both
//! are tested natively.

use crate::decimal;
use crate::prelude::*;

/// The scale factors the reader can step through, in per cent; index 2 is
/// the original size. Integers on purpose: formatting a float would pull
/// ~10 KB of float-printing code into the wasm.
pub const STEPS: [u32; 7] = [85, 92, 100, 112, 125, 140, 160];

/// Index of the original size in [`STEPS`].
pub const ORIGINAL: usize = 2;

/// `localStorage` key under which the chosen step is remembered.
pub const STORAGE_KEY: &str = "article-widget:text-size";

/// What the reader asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextSizeAction {
    /// One step smaller.
    Smaller,
    /// One step larger.
    Larger,
    /// Back to the original size ("Gốc").
    Reset,
}

/// A position in [`STEPS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextSize(usize);

impl Default for TextSize {
    fn default() -> Self {
        Self(ORIGINAL)
    }
}

impl TextSize {
    /// Applies an action, staying within the steps.
    #[must_use]
    pub fn apply(self, action: TextSizeAction) -> Self {
        match action {
            TextSizeAction::Smaller => Self(self.0.saturating_sub(1)),
            TextSizeAction::Larger => Self((self.0 + 1).min(STEPS.len() - 1)),
            TextSizeAction::Reset => Self(ORIGINAL),
        }
    }

    /// The scale factor in per cent (100 = original).
    pub fn percent(self) -> u32 {
        STEPS[self.0.min(STEPS.len() - 1)]
    }

    /// Whether it can get smaller.
    pub fn can_shrink(self) -> bool {
        self.0 > 0
    }

    /// Whether it can get larger.
    pub fn can_grow(self) -> bool {
        self.0 + 1 < STEPS.len()
    }

    /// Whether this is the original size.
    pub fn is_original(self) -> bool {
        self.0 == ORIGINAL
    }

    /// The value stored between visits.
    pub fn to_storage(self) -> String {
        decimal::text(self.0 as u64)
    }

    /// Reads a stored value; anything unexpected gives the original size.
    pub fn from_storage(value: Option<&str>) -> Self {
        value
            .and_then(|v| v.trim().parse::<usize>().ok())
            .filter(|i| *i < STEPS.len())
            .map_or_else(Self::default, Self)
    }

    /// The CSS declaration for the article element, e.g. `--aw-text-scale:1.12`.
    pub fn style(self) -> String {
        let p = self.percent();
        let mut out = decimal::between("--aw-text-scale:", u64::from(p / 100), ".");
        decimal::push_padded(&mut out, u64::from(p % 100), 2);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_clamp_and_reset() {
        let mut t = TextSize::default();
        assert!(t.is_original());
        for _ in 0..10 {
            t = t.apply(TextSizeAction::Larger);
        }
        assert!(!t.can_grow());
        assert_eq!(t.percent(), 160);
        assert_eq!(t.style(), "--aw-text-scale:1.60");
        t = t.apply(TextSizeAction::Reset);
        assert_eq!(t, TextSize::default());
        for _ in 0..10 {
            t = t.apply(TextSizeAction::Smaller);
        }
        assert!(!t.can_shrink());
        assert_eq!(t.percent(), 85);
    }

    #[test]
    fn storage_round_trip_and_garbage() {
        let t = TextSize::default().apply(TextSizeAction::Larger);
        assert_eq!(TextSize::from_storage(Some(&t.to_storage())), t);
        assert_eq!(TextSize::from_storage(Some("99")), TextSize::default());
        assert_eq!(TextSize::from_storage(Some("-1")), TextSize::default());
        assert_eq!(TextSize::from_storage(Some("abc")), TextSize::default());
        assert_eq!(TextSize::from_storage(None), TextSize::default());
        assert_eq!(t.style(), "--aw-text-scale:1.12");
        assert_eq!(TextSize::default().style(), "--aw-text-scale:1.00");
    }
}
