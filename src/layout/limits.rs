//! Limits of the layout against pathological input (issue 19), each with
//! its worst case. The model's limits are in [`crate::limits`].

/// Most bytes of the symbol or of the job number that are set for the
/// running header or footer. A furniture line (10 pt on the 160 mm text
/// block) holds about 90 characters, far fewer than this: a longer text is
/// clipped to its line (with a warning), and only this prefix is ever
/// shaped, once per document. Worst case: a 1 MB symbol and a 1 MB job
/// number cost what two 4 KB texts do, whatever the number of pages (it
/// was 44 MB and 2.5 s per page, every page's lines overprinting).
pub const FURNITURE_SET_BYTES: usize = 4096;
