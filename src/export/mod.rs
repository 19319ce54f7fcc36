//! Output formats: the tagged PDF and the EPUB.

pub mod epub;
pub mod pdf;
mod time;

pub use time::DateTime;

/// Options shared by the exporters.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// Seconds since the Unix epoch of the creation and modification dates.
    /// `None`: the document's `date` at midnight UTC, else the epoch itself,
    /// so that the same input always gives the same bytes.
    pub timestamp: Option<i64>,
}

impl ExportOptions {
    /// The date written to the metadata.
    pub fn date_time(&self, doc: &crate::model::Document) -> DateTime {
        match (self.timestamp, &doc.date) {
            (Some(t), _) => DateTime::from_unix(t),
            (None, Some(date)) => DateTime::from_iso_date(date).unwrap_or_default(),
            (None, None) => DateTime::default(),
        }
    }
}
