//! The gap PDFium needs to read a space before a note's mark.
//!
//! A note's mark is a raised run (a narrow no-break space and the
//! mark), written invisible on the baseline and drawn raised. PDFium skips
//! the narrow space's own text object (its box has no width), so the space
//! it reads there is one it makes from the gap between the mark's text
//! object and the next one (`ProcessInsertObject`). It makes one only when
//! the gap is wider than a threshold that grows with the wider of the two
//! glyphs beside it: `NormalizeThreshold(max(w1, w2), 400, 700, 800)`
//! thousandths of an em (half, a quarter, a fifth or a sixth of the width,
//! by steps), at that glyph's size. After `ے` (1.16 em wide in Amiri) the
//! narrow space's 0.2 em of the mark's size fell short: `کرے۱ اور`.
//!
//! The mark's text is only text (its glyphs are drawn as outlines where
//! they stand), so it moves left until the gap clears the threshold,
//! keeping a tenth of an em of the gap left of it (a word space, whose
//! text it may then overlap).

use super::Written;

/// Margin over PDFium's threshold, points.
const MARGIN: f32 = 0.1;

/// Moves each raised run's text left where the gap right of it is too
/// narrow for PDFium to read a space.
pub(super) fn clear_gap_for_pdfium(line: &mut [Written]) {
    let mut k = 0;
    while k < line.len() {
        if !line[k].raised {
            k += 1;
            continue;
        }
        let start = k;
        while k < line.len() && line[k].raised {
            k += 1;
        }
        shift(line, start, k);
    }
}

/// Moves `line[start..end]` (a raised run) left as far as PDFium needs.
fn shift(line: &mut [Written], start: usize, end: usize) {
    let (Some(next), Some(last)) = (
        line.get(end),
        line[start..end]
            .iter()
            .rev()
            .find(|w| !w.is_space() && !w.mark),
    ) else {
        return;
    };
    if next.is_space() || next.mark {
        return;
    }
    let last_right = last.glyph.x + last.glyph.width * last.glyph.size / 1000.0;
    let gap = next.glyph.x - last_right;
    let (wide, size) = if last.glyph.width >= next.glyph.width {
        (last.glyph.width, last.glyph.size)
    } else {
        (next.glyph.width, next.glyph.size)
    };
    let need = normalize_threshold(wide) * size / 1000.0 + MARGIN - gap;
    if need <= 0.0 {
        return;
    }
    // The gap to the glyph left of it (a word space there), but a tenth
    // of an em of the mark's size.
    let keep = 0.1 * line[start].glyph.size;
    let room = match line[..start].iter().rev().find(|w| !w.is_space()) {
        Some(left) => line[start].glyph.x - left.right() - keep,
        None => 0.0,
    };
    let by = need.min(room.max(0.0));
    for w in &mut line[start..end] {
        w.glyph.x -= by;
    }
}

/// PDFium's `NormalizeThreshold(width, 400, 700, 800)`, in thousandths of
/// an em.
fn normalize_threshold(width: f32) -> f32 {
    width
        / if width < 400.0 {
            2.0
        } else if width < 700.0 {
            4.0
        } else if width < 800.0 {
            5.0
        } else {
            6.0
        }
}

#[cfg(test)]
mod tests {
    use super::normalize_threshold;

    #[test]
    fn the_threshold_falls_by_steps_as_pdfium_s() {
        assert_eq!(normalize_threshold(300.0), 150.0);
        assert_eq!(normalize_threshold(600.0), 150.0);
        assert_eq!(normalize_threshold(750.0), 150.0);
        assert_eq!(normalize_threshold(1200.0), 200.0);
    }
}
