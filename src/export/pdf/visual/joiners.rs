//! The zero-width joiners (ZWNJ, ZWJ) of Persian and Urdu words, written
//! with the glyph right of them.
//!
//! The shaper leaves each joiner as a glyph of its own, without width.
//! poppler and MuPDF read its character, but PDF.js drops every text
//! glyph whose text is a format character (Unicode category Cf), and
//! PDFium drops the joiner too: `دولت‌های` came out `دولتهای` in both.
//! Written as the first character of the glyph right of it, the joiner
//! stands where the engines' reversal of the line puts it back (in a
//! right-to-left word, after the letter right of it, which comes before it
//! in reading order). PDF.js tells a glyph's kind by its whole text
//! (`^(\s)|(\p{Mn})|(\p{Cf})$`): it drops one whose text *ends* with a
//! format character, so the joiner goes first in the text of the glyph
//! right of it, not last in that of the glyph left of it.

use super::{FontSet, Written};
use crate::error::Result;

/// Folds each joiner into the glyph right of it, unless that glyph is a
/// mark, a space or another element's (or there is none): the joiner then
/// stays as it is.
///
/// Not into a mark (`حقّ‌ها`, the shadda right of the joiner): PDFium keeps
/// a mark's text in place (a weak left-to-right run of its own) and PDF.js
/// did too, so the joiner came out before the mark (`حق‌ّها`); the joiner
/// after it (`ّ‌`) ends with a format character, which PDF.js drops with the
/// mark. Left alone, the joiner is lost there, as before.
pub(super) fn into_next_glyph(line: &mut Vec<Written>, fonts: &mut FontSet) -> Result<()> {
    let mut k = 0;
    while k + 1 < line.len() {
        let (this, next) = (&line[k], &line[k + 1]);
        let same = this.glyph.target == next.glyph.target && this.glyph.part == next.glyph.part;
        if is_joiner(&this.text) && same && !next.mark && !next.is_space() {
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
