//! Dates from the options (`--timestamp`, `SOURCE_DATE_EPOCH`) or the
//! document; the clock only for the EPUB's required `dcterms:modified` when
//! neither gives one.

/// A UTC date and time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateTime {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Day, 1–31.
    pub day: u32,
    /// Hour, 0–23.
    pub hour: u32,
    /// Minute.
    pub minute: u32,
    /// Second.
    pub second: u32,
}

impl DateTime {
    /// The earliest timestamp a PDF or EPUB date can hold: 0001-01-01T00:00:00Z
    /// (both write four-digit years).
    pub const MIN_UNIX: i64 = -62_135_596_800;
    /// The latest: 9999-12-31T23:59:59Z.
    pub const MAX_UNIX: i64 = 253_402_300_799;

    /// From seconds since the Unix epoch, when it is a date the outputs can
    /// write (from [`Self::MIN_UNIX`] to [`Self::MAX_UNIX`]).
    pub fn from_unix_checked(t: i64) -> Option<Self> {
        (Self::MIN_UNIX..=Self::MAX_UNIX)
            .contains(&t)
            .then(|| Self::from_unix(t))
    }

    /// From seconds since the Unix epoch (proleptic Gregorian, UTC), clamped
    /// to the dates the outputs can write; callers that take a timestamp
    /// from a user check it with [`Self::from_unix_checked`] first.
    pub fn from_unix(t: i64) -> Self {
        let t = t.clamp(Self::MIN_UNIX, Self::MAX_UNIX);
        let days = t.div_euclid(86_400);
        let secs = t.rem_euclid(86_400) as u32;
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        DateTime {
            year,
            month,
            day,
            hour: secs / 3600,
            minute: secs / 60 % 60,
            second: secs % 60,
        }
    }

    /// The time of the render, to the second (the Unix epoch if the clock
    /// is set before it, which the outputs then show as that).
    pub fn now() -> Self {
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(Self::MAX_UNIX));
        Self::from_unix(t)
    }

    /// From `YYYY-MM-DD`, at midnight, when that day exists (not `2019-02-31`).
    pub fn from_iso_date(s: &str) -> Option<Self> {
        let (year, month, day) = crate::model::calendar_date(s)?;
        Some(DateTime {
            year,
            month,
            day,
            hour: 0,
            minute: 0,
            second: 0,
        })
    }

    /// `2019-09-23T00:00:00Z`, for XMP and EPUB.
    pub fn iso(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }

    /// `D:20190923000000Z`, for the PDF Info dictionary.
    pub fn pdf(&self) -> String {
        format!(
            "D:{:04}{:02}{:02}{:02}{:02}{:02}Z",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }
}

#[cfg(test)]
mod tests {
    use super::DateTime;

    #[test]
    fn unix_dates() {
        assert_eq!(DateTime::from_unix(0).iso(), "1970-01-01T00:00:00Z");
        assert_eq!(
            DateTime::from_unix(1_569_196_800).iso(),
            "2019-09-23T00:00:00Z"
        );
        assert_eq!(
            DateTime::from_unix(951_782_400 + 3661).iso(),
            "2000-02-29T01:01:01Z"
        );
    }

    #[test]
    fn the_range_of_timestamps_the_outputs_can_write() {
        let min = DateTime::from_unix_checked(DateTime::MIN_UNIX).unwrap();
        assert_eq!(min.iso(), "0001-01-01T00:00:00Z");
        let max = DateTime::from_unix_checked(DateTime::MAX_UNIX).unwrap();
        assert_eq!(max.pdf(), "D:99991231235959Z");
        assert_eq!(DateTime::from_unix_checked(DateTime::MAX_UNIX + 1), None);
        assert_eq!(DateTime::from_unix_checked(DateTime::MIN_UNIX - 1), None);
        // Out of range, the library clamps instead of writing garbage.
        assert_eq!(DateTime::from_unix(i64::MIN), min);
        assert_eq!(DateTime::from_unix(i64::MAX), max);
    }

    #[test]
    fn now_is_after_this_code_was_written() {
        assert!(DateTime::now().year >= 2025);
    }

    #[test]
    fn impossible_dates_are_none() {
        assert_eq!(DateTime::from_iso_date("2019-02-31"), None);
        assert_eq!(DateTime::from_iso_date("2019-09-23").unwrap().day, 23);
    }
}
