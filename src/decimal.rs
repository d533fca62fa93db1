//! Integers as decimal text without `core::fmt`.
//!
//! The embed engine's wasm is size-bound (see `docs/performance.md`):
//! `format!`, `write!` and `to_string()` on numbers link `core::fmt`'s
//! formatting machinery (argument tables, padding, one `Display` per integer
//! type), several kilobytes of wasm. The pure modules the engine uses write
//! numbers with these helpers instead, and join text with `push_str` or
//! `concat`. The output is the same as `{n}` and `{n:02}`.

use crate::prelude::*;

/// Appends `n` in decimal, as `{n}` would.
pub fn push(out: &mut String, n: u64) {
    push_padded(out, n, 1);
}

/// Appends `n` in decimal with at least `width` digits, zeros in front, as
/// `{n:0width$}` would (`width` counts up to 20, the digits of `u64::MAX`).
pub fn push_padded(out: &mut String, mut n: u64, width: usize) {
    let mut digits = [b'0'; 20];
    let mut start = digits.len();
    let least = digits.len() - width.clamp(1, digits.len());
    while n > 0 || start > least {
        start -= 1;
        // The remainder is below 10: the cast cannot truncate.
        #[allow(clippy::cast_possible_truncation)]
        let digit = (n % 10) as u8;
        digits[start] = b'0' + digit;
        n /= 10;
    }
    out.extend(digits.iter().skip(start).map(|&d| char::from(d)));
}

/// Appends `n` in decimal, with a minus sign when negative, as `{n}` would.
pub fn push_signed(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    push(out, n.unsigned_abs());
}

/// `before`, `n` in decimal and `after`, as `format!("{before}{n}{after}")`
/// would give them.
pub fn between(before: &str, n: u64, after: &str) -> String {
    let mut out = String::with_capacity(before.len() + 20 + after.len());
    out.push_str(before);
    push(&mut out, n);
    out.push_str(after);
    out
}

/// `n` in decimal, as `n.to_string()` would give it.
pub fn text(n: u64) -> String {
    let mut out = String::new();
    push(&mut out, n);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_read_as_format_writes_them() {
        for n in [
            0,
            1,
            9,
            10,
            99,
            100,
            12_345,
            1 << 53,
            u64::MAX - 1,
            u64::MAX,
        ] {
            assert_eq!(text(n), format!("{n}"));
            for width in [0, 1, 2, 3, 20] {
                let mut out = String::from("x");
                push_padded(&mut out, n, width);
                assert_eq!(out, format!("x{n:0width$}"));
            }
        }
        for n in [0, -1, 7, -10, i64::MIN, i64::MAX] {
            let mut out = String::new();
            push_signed(&mut out, n);
            assert_eq!(out, format!("{n}"));
        }
        assert_eq!(between("a ", 42, " b"), "a 42 b");
        let mut wide = String::new();
        push_padded(&mut wide, 5, 40);
        assert_eq!(wide, format!("{:020}", 5));
    }
}
