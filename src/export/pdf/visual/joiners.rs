//! The zero-width joiners (ZWNJ, ZWJ) of Persian and Urdu words, written
//! with the glyph right of them.
//!
//! The shaper leaves each joiner as a glyph of its own, without width.
//! poppler and MuPDF read its character, but PDF.js drops every text
//! glyph whose text is a format character (Unicode category Cf), and
//! PDFium drops the joiner too: `دولت‌های` came out `دولتهای` in both.
//! Written as the first character of the glyph right of it, the joiner
//! stands where the engines' reversal of the line puts it back (a
//! right-to-left word: after its left neighbour in reading order, the
//! letter right of it), and PDF.js keeps a glyph whose text ends with a
//! letter.

use super::{FontSet, Written};
use crate::error::Result;

/// Folds each joiner into the glyph right of it, unless that glyph is a
/// mark or a space (or there is none: the joiner stays as it is).
pub(super) fn into_next_glyph(line: &mut Vec<Written>, fonts: &mut FontSet) -> Result<()> {
    let mut k = 0;
    while k + 1 < line.len() {
        let next = &line[k + 1];
        if is_joiner(&line[k].text) && !next.mark && !next.is_space() {
            let text = format!("{}{}", line[k].text, next.text);
            let glyph = fonts.cid_text(next.glyph.font, next.drawn.glyph(), &text)?;
            let next = &mut line[k + 1];
            next.text = text;
            next.glyph.cid = glyph;
            line.remove(k);
            continue;
        }
        k += 1;
    }
    Ok(())
}

/// Whether a glyph's text is only joiners.
fn is_joiner(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| matches!(c, '\u{200C}' | '\u{200D}'))
}

#[cfg(test)]
mod tests {
    use super::is_joiner;

    #[test]
    fn only_joiners_are_joiners() {
        assert!(is_joiner("\u{200C}") && is_joiner("\u{200D}\u{200C}"));
        assert!(!is_joiner("") && !is_joiner("\u{200C}ت") && !is_joiner(" "));
    }
}
