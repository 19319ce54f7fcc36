//! Helpers shared by the text-engine tests.
#![allow(dead_code)]

use warraq::layout::{Line, Piece};
use warraq::{FontBook, Layout};

/// The example report, laid out with the bundled fonts (once per test binary).
pub fn report_layout() -> (&'static Layout, &'static FontBook) {
    static LAID_OUT: std::sync::OnceLock<(Layout, FontBook)> = std::sync::OnceLock::new();
    let (layout, fonts) = LAID_OUT.get_or_init(lay_out_report);
    (layout, fonts)
}

fn lay_out_report() -> (Layout, FontBook) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/un-report/report.json"
    );
    let json = std::fs::read_to_string(path).expect("the example report is readable");
    let (doc, _) = warraq::parse_json(&json).expect("the example report parses");
    let fonts = FontBook::bundled();
    let layout = warraq::lay_out(&doc, &fonts, &Default::default()).expect("the report lays out");
    (layout, fonts)
}

/// Every content line of the layout with its piece, in reading order.
pub fn content_lines(layout: &Layout) -> Vec<(&Piece, usize, &Line)> {
    layout
        .pages
        .iter()
        .flat_map(|p| p.lines.iter())
        .map(|l| (&layout.pieces[l.piece], l.piece, &l.line))
        .collect()
}
