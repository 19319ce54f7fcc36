//! The first page's masthead, as the UN prints it: the organisation and the
//! symbol on the top band over a heavy rule; the distribution, date and
//! language lines at the end edge beside the organ at the start edge; a
//! light rule; the meeting lines and the agenda item; then the title.

use super::{place as place_line, Geometry, Line, Piece, PlacedLine, Rect, Role};
use crate::model::semantics::MastheadLine;

/// The masthead placed on the first page.
pub(super) struct Placed {
    /// Its lines, in reading order.
    pub lines: Vec<PlacedLine>,
    /// Its rules.
    pub rules: Vec<Rect>,
    /// Where the flow starts: the baseline the title's first advance is
    /// measured from.
    pub bottom: f32,
}

/// Baseline of the top band, from the page's top edge.
const BAND: f32 = 52.0;
/// The heavy rule under the band: its distance below the band's baseline
/// and its weight; the light rule's weight.
const HEAVY: (f32, f32) = (8.0, 1.6);
const LIGHT: f32 = 0.6;

/// Places the masthead pieces; `None` when the document has none.
pub(super) fn place(pieces: &[Piece], set: &[Vec<Line>], geometry: &Geometry) -> Option<Placed> {
    let of = |role: fn(Role) -> bool| -> Vec<usize> {
        (0..pieces.len())
            .filter(|&p| role(pieces[p].role))
            .collect()
    };
    let band = of(|r| matches!(r, Role::Organisation | Role::Symbol));
    if band.is_empty() {
        return None;
    }
    let mut out = Placed {
        lines: Vec::new(),
        rules: Vec::new(),
        bottom: 0.0,
    };
    let width = geometry.text_width();
    // The gaps are Amiri's; a font with taller lines (Nastaliq) has them
    // as much larger (1 for Amiri: see FontBook::leading_scale).
    let k = geometry.leading / Geometry::a4().leading;
    for &p in &band {
        put(&mut out.lines, p, BAND, pieces, set, geometry);
    }
    let heavy = BAND + HEAVY.0 * k;
    out.rules.push(Rect {
        x: geometry.left,
        y: heavy,
        width,
        height: HEAVY.1,
    });
    // Two columns side by side, both from under the heavy rule.
    let column_top = heavy + HEAVY.1 + 18.0 * k;
    let mut bottom = column_top;
    for kind in [is_distribution as fn(Role) -> bool, is_organ] {
        let mut y = column_top;
        for p in of(kind) {
            y = put(&mut out.lines, p, y, pieces, set, geometry);
        }
        bottom = bottom.max(y);
    }
    let light = bottom - 2.0 * k;
    out.rules.push(Rect {
        x: geometry.left,
        y: light,
        width,
        height: LIGHT,
    });
    let mut y = light + 22.0 * k;
    let mut last = None;
    for p in of(|r| {
        matches!(
            r,
            Role::Masthead(MastheadLine::Meeting | MastheadLine::AgendaItem)
        )
    }) {
        if last == Some(MastheadLine::Meeting)
            && pieces[p].role == Role::Masthead(MastheadLine::AgendaItem)
        {
            y += 6.0;
        }
        last = match pieces[p].role {
            Role::Masthead(kind) => Some(kind),
            _ => None,
        };
        y = put(&mut out.lines, p, y, pieces, set, geometry);
    }
    out.bottom = y + 18.0 * k;
    Some(out)
}

fn is_distribution(role: Role) -> bool {
    matches!(
        role,
        Role::Masthead(
            MastheadLine::Distribution
                | MastheadLine::Date
                | MastheadLine::Language
                | MastheadLine::Original
        )
    )
}

fn is_organ(role: Role) -> bool {
    role == Role::Masthead(MastheadLine::Organ)
}

/// Places every line of piece `p` from baseline `y`; returns the baseline
/// after its last line.
fn put(
    out: &mut Vec<PlacedLine>,
    p: usize,
    mut y: f32,
    pieces: &[Piece],
    set: &[Vec<Line>],
    geometry: &Geometry,
) -> f32 {
    let lead = geometry.leading * pieces[p].size / geometry.body_size;
    for (k, line) in set[p].iter().enumerate() {
        out.push(place_line(p, k, y, line, &pieces[p], geometry));
        y += lead;
    }
    y
}
