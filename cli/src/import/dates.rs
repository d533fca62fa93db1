//! Dates as CMSs write them (ISO 8601 with or without an offset, RFC 2822 in
//! feeds, day/month/year on Vietnamese portals) to the article format's
//! RFC 3339 with the publisher's own offset.
//!
//! A date that carries its offset keeps it. One that does not is placed in
//! the `--timezone` (an IANA name), and the import says so: the widget shows
//! wall time in the article's offset, so a wrong zone would show a wrong time.

use jiff::civil;
use jiff::fmt::temporal::Pieces;
use jiff::tz::{Offset, TimeZone};
use jiff::{Timestamp, ZonedDateTime};

/// How a date was turned into one with an offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum How {
    /// It carried its own offset.
    Exact,
    /// It had a time but no offset: placed in the time zone.
    Zoned,
    /// It had only a day: midnight in the time zone.
    DayOnly,
}

/// The `strptime` formats tried after ISO 8601 and RFC 2822, for dates
/// without an offset.
const CIVIL_FORMATS: [&str; 6] = [
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y, %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y-%m-%d %H:%M",
];

/// RFC 3339 with seconds and a numeric offset, as the article format wants.
pub fn format(z: &ZonedDateTime) -> String {
    z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// A timestamp shown in `tz`.
pub fn in_zone(t: Timestamp, tz: &TimeZone) -> String {
    format(&t.to_zoned_datetime(tz.clone()))
}

/// Parses a date as written by a CMS; `None` when it is not one.
pub fn parse(raw: &str, tz: &TimeZone) -> Option<(String, How)> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    if let Ok(pieces) = Pieces::parse(raw) {
        let date = pieces.date();
        let time = pieces.time();
        let dt = date.to_datetime(time.unwrap_or(civil::Time::midnight()));
        if let Some(offset) = pieces.offset() {
            let offset: Offset = offset.to_numeric_offset();
            let z = dt.to_zoned_datetime(TimeZone::fixed(offset)).ok()?;
            return Some((format(&z), How::Exact));
        }
        let z = dt.to_zoned_datetime(tz.clone()).ok()?;
        let how = if time.is_some() {
            How::Zoned
        } else {
            How::DayOnly
        };
        return Some((format(&z), how));
    }
    if let Ok(z) = jiff::fmt::rfc2822::parse(raw) {
        return Some((format(&z), How::Exact));
    }
    CIVIL_FORMATS.iter().find_map(|f| {
        let dt = civil::DateTime::strptime(f, raw).ok()?;
        let z = dt.to_zoned_datetime(tz.clone()).ok()?;
        Some((format(&z), How::Zoned))
    })
}

/// The time zone named on the command line, or the system's.
///
/// # Errors
///
/// A message naming the zone when it is not in the time-zone database.
pub fn zone(name: Option<&str>) -> Result<TimeZone, String> {
    match name {
        Some(n) => TimeZone::get(n).map_err(|_| {
            format!("unknown time zone \"{n}\" (give an IANA name such as Asia/Ho_Chi_Minh)")
        }),
        None => Ok(TimeZone::system()),
    }
}

/// The zone's name for messages.
pub fn zone_name(tz: &TimeZone) -> String {
    tz.iana_name()
        .unwrap_or("the system's time zone")
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hcm() -> TimeZone {
        zone(Some("Asia/Ho_Chi_Minh")).unwrap()
    }

    #[test]
    fn an_offset_is_kept() {
        assert_eq!(
            parse("2022-11-25T15:15:00+07:00", &hcm()),
            Some(("2022-11-25T15:15:00+07:00".into(), How::Exact))
        );
        assert_eq!(
            parse("2022-11-25T08:15:00Z", &hcm()),
            Some(("2022-11-25T08:15:00+00:00".into(), How::Exact))
        );
        assert_eq!(
            parse("Fri, 25 Nov 2022 15:15:00 +0700", &hcm()),
            Some(("2022-11-25T15:15:00+07:00".into(), How::Exact))
        );
    }

    #[test]
    fn no_offset_takes_the_zone() {
        assert_eq!(
            parse("2022-11-25T15:15:00", &hcm()),
            Some(("2022-11-25T15:15:00+07:00".into(), How::Zoned))
        );
        assert_eq!(
            parse("25/11/2022 15:15", &hcm()),
            Some(("2022-11-25T15:15:00+07:00".into(), How::Zoned))
        );
        assert_eq!(
            parse("2022-11-25", &hcm()),
            Some(("2022-11-25T00:00:00+07:00".into(), How::DayOnly))
        );
        let paris = zone(Some("Europe/Paris")).unwrap();
        assert_eq!(
            parse("2022-07-01T12:00:00", &paris).map(|d| d.0),
            Some("2022-07-01T12:00:00+02:00".into())
        );
    }

    #[test]
    fn nonsense_is_not_a_date() {
        assert_eq!(parse("yesterday", &hcm()), None);
        assert_eq!(parse("2022-13-45", &hcm()), None);
        assert!(zone(Some("Mars/Olympus")).is_err());
    }
}
