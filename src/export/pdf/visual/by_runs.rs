//! Lines PDF.js would read as left to right, in a right-to-left paragraph
//! too, are written run by run: which lines, and the order of a run of
//! neutrals among them.

/// Whether PDF.js would read a line of this text as left to right, in a
/// right-to-left paragraph too. Such a line is written run by run: each
/// bidi level run in a marked-content sequence of its own (its `part`),
/// the sequences in reading order (see `segments` in `content.rs`); other
/// lines are written whole (`part` 0).
///
/// PDF.js runs the bidi algorithm on each text item alone and takes one
/// with more than 4 characters, fewer than 30 % of them right-to-left
/// (R, AL, AN), as left to right: a line that is mostly a document symbol,
/// written left to right, came out as drawn (`؛)CTOC/COP/WG.4/2019/2(`).
/// Run by run, each item is one direction and the items follow in reading
/// order: `(`, `CTOC/COP/WG.4/2019/2`, `)`, `؛`.
pub(super) fn ltr_to_pdfjs(text: &str) -> bool {
    let total = text.chars().count();
    let right = text.chars().filter(|&c| pdfjs_rtl(c)).count();
    total > 4 && (right as f32) < 0.3 * total as f32
}

/// A character PDF.js counts as right to left (bidi class R, AL or AN).
fn pdfjs_rtl(c: char) -> bool {
    use unicode_bidi::BidiClass::{AL, AN, R};
    matches!(unicode_bidi::bidi_class(c), R | AL | AN)
}

/// A right-to-left part of a line written run by run (`rtl_parts`, by
/// number) that holds no right-to-left character (`).` after a symbol:
/// neutrals only) is written in reading order, its glyphs from right to
/// left.
///
/// PDF.js keeps the text of an item without an R, AL or AN character as it
/// comes, so the part written left to right came out reversed (`.)` for
/// `).`, `(CTOC/COP/WG.4/2019/5).` of the report). Each glyph now starts left
/// of where the one before it ended, and PDF.js joins them in stream order,
/// without a space (there is none: a part with whitespace is left as it
/// is, since that move would drop the space).
pub(super) fn neutral_parts_in_reading_order(line: &mut [super::Written], rtl_parts: &[u16]) {
    for &part in rtl_parts {
        let Some(start) = line.iter().position(|w| w.glyph.part == part) else {
            continue;
        };
        let len = line[start..]
            .iter()
            .take_while(|w| w.glyph.part == part)
            .count();
        let glyphs = &mut line[start..start + len];
        let mut chars = glyphs.iter().flat_map(|w| w.text.chars());
        let neutral = glyphs.len() > 1 && !chars.any(|c| c.is_whitespace() || pdfjs_rtl(c));
        if neutral {
            glyphs.reverse();
        }
    }
}
