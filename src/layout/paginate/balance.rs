//! Balanced page bottoms (LaTeX's `\flushbottom`): the space between
//! blocks is glue that may stretch or shrink within limits, so that every
//! full page ends on the bottom of the text block (or just above its
//! notes).
//!
//! The page breaker works as TeX's page builder does: it adds lines while
//! the page, its glue shrunk as far as allowed, still holds them; each
//! allowed break on the way gets a badness, `100 r³` with `r` the share of
//! the page's stretch (or shrink) the break needs to reach the bottom; at
//! the first line that no longer fits, the page breaks at the least bad
//! break (the latest of equals). So a page that would need more stretch
//! than its gaps allow takes one more line (or lead-in group) by shrinking
//! its gaps instead, when they can give that much; and between stretching
//! and shrinking, the smaller distortion wins. A page no break of which
//! can reach the bottom within the limits (one line too many to shrink in,
//! too much space to stretch: a heading and its two lines that do not fit)
//! gets its gaps stretched to their limit and the rest from its lines'
//! leading, each by at most [`LEAD_STRETCH`]; if that is still not enough
//! it is left with its natural spacing, short, rather than stretched
//! absurdly. The last page is never stretched.
//!
//! Otherwise lines inside a paragraph keep their leading: only the space
//! between blocks moves, so a paragraph's lines stay on a regular grid.

/// The space above a block: its natural size and how far it may stretch
/// and shrink, points.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct Glue {
    pub space: f32,
    pub stretch: f32,
    pub shrink: f32,
}

impl Glue {
    /// `space` that may grow by `stretch` of itself and give up a third.
    pub fn flexible(space: f32, stretch: f32) -> Glue {
        Glue {
            space,
            stretch: space * stretch,
            shrink: space / 3.0,
        }
    }

    /// `space` that never moves.
    pub fn fixed(space: f32) -> Glue {
        Glue {
            space,
            stretch: 0.0,
            shrink: 0.0,
        }
    }
}

/// Badness of a page whose glue gives `stretch` and `shrink` at most and
/// needs `delta` points (positive: stretch) to reach its bottom; `None`
/// when the glue cannot give that much.
pub(super) fn badness(delta: f32, stretch: f32, shrink: f32) -> Option<f32> {
    if delta.abs() <= TOLERANCE {
        return Some(0.0);
    }
    let capacity = if delta > 0.0 { stretch } else { shrink };
    if capacity <= 0.0 || delta.abs() > capacity + TOLERANCE {
        return None;
    }
    let r = (delta.abs() / capacity).min(1.0);
    Some(100.0 * r * r * r)
}

/// A shortfall this small (points) needs no glue: within the 1 pt by which
/// full pages may differ.
pub(super) const TOLERANCE: f32 = 0.25;

/// Spreads `delta` points over the gaps of a page: `glue[k]` is the glue
/// above its `k`-th slot (none for the first), `ys[k]` its baseline, moved
/// in place by the gaps above it. Each gap gives in proportion to its
/// stretch (or shrink), never beyond it.
pub(super) fn spread(delta: f32, glue: &[Glue], ys: &mut [f32]) {
    let (stretch, shrink) = totals(glue);
    let capacity = if delta > 0.0 { stretch } else { shrink };
    if capacity <= 0.0 {
        return;
    }
    let ratio = (delta / capacity).clamp(-1.0, 1.0);
    let mut moved = 0.0;
    for (g, y) in glue.iter().zip(ys.iter_mut()) {
        moved += ratio * if delta > 0.0 { g.stretch } else { g.shrink };
        *y += moved;
    }
}

/// How far each line's leading may grow, as a fraction of it, on a page
/// whose gaps between blocks cannot reach its bottom (InDesign's vertical
/// justification past its paragraph-spacing limit): 1.5 pt at 20 pt. Only
/// then: every other page keeps the grid. A fully vocalized document's
/// page that ended with a lead-in's paragraph split two and two was 70 pt
/// short with its gaps doubled (`tools/typography.py`).
pub(super) const LEAD_STRETCH: f32 = 0.075;

/// Spreads `delta` points of stretch over a page whose gaps cannot give
/// it: every gap to its full stretch, the rest over the lines, `leads[k]`
/// being what the leading above slot `k` may grow by, in proportion.
/// Moves nothing and returns false when both together cannot give it.
pub(super) fn spread_with_leading(
    delta: f32,
    glue: &[Glue],
    leads: &[f32],
    ys: &mut [f32],
) -> bool {
    let (stretch, _) = totals(glue);
    let lines: f32 = leads.iter().sum();
    if delta <= stretch || lines <= 0.0 || delta > stretch + lines + TOLERANCE {
        return false;
    }
    let ratio = ((delta - stretch) / lines).min(1.0);
    let mut moved = 0.0;
    for ((g, lead), y) in glue.iter().zip(leads).zip(ys.iter_mut()) {
        moved += g.stretch + ratio * lead;
        *y += moved;
    }
    true
}

/// The stretch and shrink of a page's gaps together.
pub(super) fn totals(glue: &[Glue]) -> (f32, f32) {
    glue.iter()
        .fold((0.0, 0.0), |(a, b), g| (a + g.stretch, b + g.shrink))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn badness_grows_with_the_share_of_the_glue_used() {
        assert_eq!(badness(0.1, 0.0, 0.0), Some(0.0));
        assert_eq!(badness(5.0, 10.0, 2.0), Some(12.5));
        assert_eq!(badness(-2.0, 10.0, 2.0), Some(100.0));
        assert_eq!(badness(-3.0, 10.0, 2.0), None);
        assert_eq!(badness(12.0, 10.0, 2.0), None);
        assert_eq!(badness(1.0, 0.0, 2.0), None);
    }

    #[test]
    fn leading_takes_what_the_gaps_cannot() {
        let glue = [Glue::default(), Glue::flexible(6.0, 1.0), Glue::default()];
        let leads = [0.0, 1.5, 1.5];
        let mut ys = [0.0, 26.0, 46.0];
        // 6 pt from the gap, 1.5 pt from each line's leading.
        assert!(spread_with_leading(9.0, &glue, &leads, &mut ys));
        assert_eq!(ys, [0.0, 33.5, 55.0]);
        // More than both give: nothing moves.
        let mut ys = [0.0, 26.0, 46.0];
        assert!(!spread_with_leading(10.0, &glue, &leads, &mut ys));
        assert_eq!(ys, [0.0, 26.0, 46.0]);
    }

    #[test]
    fn spread_moves_each_baseline_by_the_gaps_above_it() {
        let glue = [
            Glue::default(),
            Glue::flexible(6.0, 1.0),
            Glue::default(),
            Glue::flexible(12.0, 1.0),
        ];
        let mut ys = [100.0, 126.0, 146.0, 178.0];
        spread(9.0, &glue, &mut ys);
        assert_eq!(ys, [100.0, 129.0, 149.0, 187.0]);
        let mut ys = [100.0, 126.0, 146.0, 178.0];
        spread(-3.0, &glue, &mut ys);
        assert_eq!(ys, [100.0, 125.0, 145.0, 175.0]);
    }
}
