//! RFC 3339 date-times that keep the publisher's own UTC offset.
//!
//! The widget shows the wall-clock time the publisher wrote ("Thứ Sáu,
//! 25/11/2022 15:15" for `2022-11-25T15:15:00+07:00`), never the viewer's
//! time zone, so this type stores the local fields and the offset as given and
//! never converts. Parsing rejects dates without an offset and impossible
//! dates (30 February, hour 24, offsets beyond ±23:59).

use crate::decimal;
use crate::prelude::*;
use core::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date and wall-clock time with the UTC offset it was written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DateTime {
    /// Year, 1..=9999.
    pub year: u16,
    /// Month, 1..=12.
    pub month: u8,
    /// Day of month, 1..=31 (checked against the month's length).
    pub day: u8,
    /// Hour, 0..=23.
    pub hour: u8,
    /// Minute, 0..=59.
    pub minute: u8,
    /// Second, 0..=60 (60 only as a leap second).
    pub second: u8,
    /// Offset from UTC in minutes, -1439..=1439.
    pub offset_minutes: i16,
}

/// Why a date-time string was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateError {
    /// Not of the shape `YYYY-MM-DDTHH:MM[:SS[.frac]]±HH:MM` or `...Z`.
    Syntax,
    /// Well-formed but without a UTC offset, so the wall time is ambiguous.
    MissingOffset,
    /// A field is out of range (month 13, 30 February, hour 24, ...).
    Impossible,
}

impl DateError {
    /// What is wrong, in plain English (the `Display` text).
    pub fn message(self) -> &'static str {
        match self {
            Self::Syntax => "not an RFC 3339 date-time (expected e.g. 2022-11-25T15:15:00+07:00)",
            Self::MissingOffset => {
                "date-time has no UTC offset (add e.g. +07:00 or Z so the time is unambiguous)"
            }
            Self::Impossible => "impossible date or time",
        }
    }
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl core::error::Error for DateError {}

/// Day of the week.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weekday {
    /// Monday.
    Monday,
    /// Tuesday.
    Tuesday,
    /// Wednesday.
    Wednesday,
    /// Thursday.
    Thursday,
    /// Friday.
    Friday,
    /// Saturday.
    Saturday,
    /// Sunday.
    Sunday,
}

impl Weekday {
    /// Index with Monday = 0.
    pub fn index(self) -> usize {
        self as usize
    }
}

/// Whether `year` is a Gregorian leap year.
pub fn is_leap_year(year: u16) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in `month` of `year`; 0 for an invalid month.
pub fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

fn digits(s: &[u8]) -> Option<u32> {
    if s.is_empty() || !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(s.iter().fold(0, |acc, d| acc * 10 + u32::from(d - b'0')))
}

fn field<T: TryFrom<u32>>(s: &[u8]) -> Result<T, DateError> {
    digits(s)
        .and_then(|v| T::try_from(v).ok())
        .ok_or(DateError::Syntax)
}

impl DateTime {
    /// Parses an RFC 3339 date-time. Fractional seconds are accepted and dropped.
    ///
    /// # Errors
    ///
    /// [`DateError::MissingOffset`] when the string has no `Z` or `±HH:MM`,
    /// [`DateError::Impossible`] for out-of-range fields, and
    /// [`DateError::Syntax`] for anything else that is not RFC 3339.
    pub fn parse(input: &str) -> Result<Self, DateError> {
        let s = input.trim().as_bytes();
        // Date part: YYYY-MM-DD, then 'T' (or 't' / space, as RFC 3339 allows).
        if s.len() < 16 || s[4] != b'-' || s[7] != b'-' || !matches!(s[10], b'T' | b't' | b' ') {
            return Err(DateError::Syntax);
        }
        let year: u16 = field(&s[0..4])?;
        let month: u8 = field(&s[5..7])?;
        let day: u8 = field(&s[8..10])?;
        if s[13] != b':' {
            return Err(DateError::Syntax);
        }
        let hour: u8 = field(&s[11..13])?;
        let minute: u8 = field(&s[14..16])?;
        let mut rest = &s[16..];
        let mut second = 0u8;
        if let [b':', a, b, tail @ ..] = rest {
            second = field(&[*a, *b])?;
            rest = tail;
            if let [b'.', tail @ ..] = rest {
                let n = tail.iter().take_while(|c| c.is_ascii_digit()).count();
                if n == 0 {
                    return Err(DateError::Syntax);
                }
                rest = &tail[n..];
            }
        }
        let offset_minutes: i16 = match rest {
            [] => return Err(DateError::MissingOffset),
            [b'Z' | b'z'] => 0,
            [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
                let oh: i16 = field(&[*h1, *h2])?;
                let om: i16 = field(&[*m1, *m2])?;
                if oh > 23 || om > 59 {
                    return Err(DateError::Impossible);
                }
                let total = oh * 60 + om;
                if *sign == b'-' {
                    -total
                } else {
                    total
                }
            }
            _ => return Err(DateError::Syntax),
        };
        let dt = Self {
            year,
            month,
            day,
            hour,
            minute,
            second,
            offset_minutes,
        };
        if dt.is_possible() {
            Ok(dt)
        } else {
            Err(DateError::Impossible)
        }
    }

    fn is_possible(&self) -> bool {
        (1..=9999).contains(&self.year)
            && (1..=12).contains(&self.month)
            && self.day >= 1
            && self.day <= days_in_month(self.year, self.month)
            && self.hour < 24
            && self.minute < 60
            && self.second <= 60
    }

    /// Day of the week of the local (publisher's) date.
    pub fn weekday(&self) -> Weekday {
        // Days since 1970-01-01 (a Thursday), by Howard Hinnant's civil algorithm.
        let days = days_from_civil(i64::from(self.year), self.month, self.day);
        // 1970-01-01 is Thursday, index 3 with Monday = 0.
        match (days + 3).rem_euclid(7) {
            0 => Weekday::Monday,
            1 => Weekday::Tuesday,
            2 => Weekday::Wednesday,
            3 => Weekday::Thursday,
            4 => Weekday::Friday,
            5 => Weekday::Saturday,
            _ => Weekday::Sunday,
        }
    }

    /// Seconds since the Unix epoch of this instant (offset applied), for sorting.
    pub fn unix_seconds(&self) -> i64 {
        let days = days_from_civil(i64::from(self.year), self.month, self.day);
        days * 86_400
            + i64::from(self.hour) * 3600
            + i64::from(self.minute) * 60
            + i64::from(self.second)
            - i64::from(self.offset_minutes) * 60
    }
}

fn days_from_civil(y: i64, m: u8, d: u8) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

impl DateTime {
    /// RFC 3339 with seconds and the original offset, e.g.
    /// `2022-11-25T15:15:00+07:00` (the `Display` text), written without
    /// `core::fmt` for the embed's wasm.
    pub fn rfc3339(&self) -> String {
        let mut out = String::with_capacity(25);
        decimal::push_padded(&mut out, u64::from(self.year), 4);
        for (separator, field) in [
            ('-', self.month),
            ('-', self.day),
            ('T', self.hour),
            (':', self.minute),
            (':', self.second),
        ] {
            out.push(separator);
            decimal::push_padded(&mut out, u64::from(field), 2);
        }
        if self.offset_minutes == 0 {
            out.push('Z');
        } else {
            out.push(if self.offset_minutes < 0 { '-' } else { '+' });
            let abs = self.offset_minutes.unsigned_abs();
            decimal::push_padded(&mut out, u64::from(abs / 60), 2);
            out.push(':');
            decimal::push_padded(&mut out, u64::from(abs % 60), 2);
        }
        out
    }
}

impl fmt::Display for DateTime {
    /// RFC 3339 with seconds and the original offset, e.g. `2022-11-25T15:15:00+07:00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.rfc3339())
    }
}

impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Self::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_seed_date() {
        let d = DateTime::parse("2022-11-25T15:15:00+07:00").unwrap();
        assert_eq!(
            (d.year, d.month, d.day, d.hour, d.minute),
            (2022, 11, 25, 15, 15)
        );
        assert_eq!(d.offset_minutes, 420);
        assert_eq!(d.weekday(), Weekday::Friday);
        assert_eq!(d.to_string(), "2022-11-25T15:15:00+07:00");
    }

    #[test]
    fn accepts_z_fractions_and_negative_offsets() {
        assert_eq!(
            DateTime::parse("2024-02-29T00:00:00Z")
                .unwrap()
                .offset_minutes,
            0
        );
        let d = DateTime::parse("2021-01-01T23:59:59.123-05:30").unwrap();
        assert_eq!(d.offset_minutes, -330);
        assert_eq!(d.to_string(), "2021-01-01T23:59:59-05:30");
        assert_eq!(DateTime::parse("2022-11-25T15:15+07:00").unwrap().second, 0);
    }

    #[test]
    fn rejects_missing_offsets_and_impossible_dates() {
        assert_eq!(
            DateTime::parse("2022-11-25T15:15:00"),
            Err(DateError::MissingOffset)
        );
        assert_eq!(
            DateTime::parse("2023-02-29T10:00:00Z"),
            Err(DateError::Impossible)
        );
        assert_eq!(
            DateTime::parse("2022-13-01T10:00:00Z"),
            Err(DateError::Impossible)
        );
        assert_eq!(
            DateTime::parse("2022-11-25T24:00:00Z"),
            Err(DateError::Impossible)
        );
        assert_eq!(
            DateTime::parse("2022-11-25T10:00:00+24:00"),
            Err(DateError::Impossible)
        );
        assert_eq!(DateTime::parse("25/11/2022 15:15"), Err(DateError::Syntax));
        assert_eq!(DateTime::parse(""), Err(DateError::Syntax));
        assert_eq!(
            DateTime::parse("2022-11-25T15:15:00+0700"),
            Err(DateError::Syntax)
        );
        assert_eq!(
            DateTime::parse("२०२२-11-25T15:15:00Z"),
            Err(DateError::Syntax)
        );
    }

    #[test]
    fn weekdays_across_eras() {
        assert_eq!(
            DateTime::parse("1970-01-01T00:00:00Z").unwrap().weekday(),
            Weekday::Thursday
        );
        assert_eq!(
            DateTime::parse("2000-02-29T00:00:00Z").unwrap().weekday(),
            Weekday::Tuesday
        );
        assert_eq!(
            DateTime::parse("2026-11-25T00:00:00Z").unwrap().weekday(),
            Weekday::Wednesday
        );
        assert_eq!(
            DateTime::parse("1900-03-01T00:00:00Z").unwrap().weekday(),
            Weekday::Thursday
        );
    }

    #[test]
    fn unix_seconds_apply_the_offset() {
        let a = DateTime::parse("2022-11-25T15:15:00+07:00").unwrap();
        let b = DateTime::parse("2022-11-25T08:15:00Z").unwrap();
        assert_eq!(a.unix_seconds(), b.unix_seconds());
        assert_eq!(b.unix_seconds(), 1_669_364_100);
    }
}
