//! Explicit limits against pathological input.
//!
//! Each one keeps time and memory bounded on hostile documents while staying
//! far above what a real report needs (CTOC/COP/WG.4/2019/6: 60 KB, 130 blocks).

/// Largest JSON input. A 500-page report is about 2 MB of JSON.
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// Most blocks in one document: about 5,000 printed pages of short paragraphs.
pub const MAX_BLOCKS: usize = 100_000;

/// Largest text of one block (bytes of UTF-8). Line breaking is near-linear in
/// practice but its work per paragraph grows with the paragraph, so one
/// paragraph is capped at about 250 printed pages.
pub const MAX_TEXT_BYTES: usize = 1024 * 1024;

/// Deepest nesting of lists.
pub const MAX_LIST_DEPTH: usize = 8;

/// Largest paragraph or recommendation number.
pub const MAX_NUMBER: u32 = 99_999;

/// Most combining marks in a row on one base character (format characters
/// such as ZWJ between them neither count nor end the run). Unicode's
/// Stream-Safe Text Format (UAX #15) allows 30 non-starters in a row; no
/// real text comes close (Quranic Arabic stacks four or five). The shaper
/// attaches each mark to its base across every mark between them, so the
/// work per mark grows with the run, and rustybuzz panics past 32,767
/// glyphs between a mark and its base (a 16-bit attachment offset).
pub const MAX_MARKS_PER_BASE: usize = 30;

/// Largest font file given with `--font`. Amiri is 0.4 MB; the largest
/// single-face fonts in common use (Noto Sans CJK) are about 17 MB.
pub const MAX_FONT_BYTES: usize = 64 * 1024 * 1024;
