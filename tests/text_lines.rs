//! Line breaking and justification of the example report.

mod common;

use std::collections::BTreeMap;

use warraq::layout::{Line, Piece};
use warraq::text::Align;

/// Right edge of a line's last glyph, points from the line's left edge.
fn right_edge(line: &Line, units_per_em: f32) -> f32 {
    line.runs
        .iter()
        .flat_map(|r| r.glyphs.iter().map(move |g| (g, r.size)))
        .map(|(g, size)| g.x + g.x_advance as f32 * size / units_per_em)
        .fold(0.0, f32::max)
}

fn upem(fonts: &warraq::FontBook) -> f32 {
    f32::from(fonts.get(warraq::FontBook::REGULAR).units_per_em)
}

#[test]
fn no_line_is_wider_than_its_measure() {
    let (layout, fonts) = common::report_layout();
    let upem = upem(fonts);
    let mut overfull = Vec::new();
    for (piece, _, line) in common::content_lines(layout) {
        let edge = right_edge(line, upem);
        if line.width > piece.measure + 0.01 || edge > piece.measure + 0.01 {
            overfull.push(format!(
                "{} {:?}: width {} edge {edge} > measure {}",
                piece.path,
                &piece.text[line.range.clone()],
                line.width,
                piece.measure
            ));
        }
    }
    assert!(
        overfull.is_empty(),
        "overfull lines:\n{}",
        overfull.join("\n")
    );
}

#[test]
fn justified_lines_fill_the_measure_exactly() {
    let (layout, fonts) = common::report_layout();
    let upem = upem(fonts);
    let mut justified = 0;
    for (piece, _, line) in common::content_lines(layout) {
        if !line.justified {
            continue;
        }
        justified += 1;
        assert!(matches!(piece.align, Align::Justify(_)), "{}", piece.path);
        assert!((line.width - piece.measure).abs() <= 0.01, "{}", piece.path);
        let edge = right_edge(line, upem);
        assert!(
            (edge - piece.measure).abs() <= 0.01,
            "{} {:?}: glyphs end at {edge}, measure {}",
            piece.path,
            &piece.text[line.range.clone()],
            piece.measure
        );
        let first = line.runs.iter().flat_map(|r| &r.glyphs).next().unwrap();
        assert!(
            first.x.abs() <= 0.01,
            "{}: starts at {}",
            piece.path,
            first.x
        );
    }
    assert!(justified > 200, "only {justified} justified lines");
}

#[test]
fn every_line_but_the_last_of_a_justified_paragraph_is_justified() {
    let (layout, _) = common::report_layout();
    let lines = by_piece(layout);
    for (piece, lines) in lines.values() {
        if !matches!(piece.align, Align::Justify(_)) {
            continue;
        }
        let (last, rest) = lines.split_last().unwrap();
        assert!(!last.justified, "{}: last line justified", piece.path);
        for l in rest {
            assert!(
                l.justified,
                "{} {:?}: not justified",
                piece.path,
                &piece.text[l.range.clone()]
            );
        }
    }
}

#[test]
fn line_texts_give_back_the_paragraph_and_never_a_tatweel() {
    let (layout, _) = common::report_layout();
    for (piece, lines) in by_piece(layout).values() {
        let mut text = String::new();
        for l in lines {
            let t = &piece.text[l.range.clone()];
            assert!(!t.contains('\u{640}'), "{}: tatweel in {t:?}", piece.path);
            for r in &l.runs {
                assert!(!piece.text[r.range.clone()].contains('\u{640}'));
                assert!(l.range.start <= r.range.start && r.range.end <= l.range.end);
            }
            text.push_str(t);
        }
        assert_eq!(text, piece.text, "{}", piece.path);
    }
}

#[test]
fn lines_break_only_after_spaces() {
    // No word of the report is wider than a line, so no line may end inside
    // a word: every line but a paragraph's last ends with a space.
    let (layout, _) = common::report_layout();
    for (piece, lines) in by_piece(layout).values() {
        for l in &lines[..lines.len() - 1] {
            let t = &piece.text[l.range.clone()];
            assert!(
                t.ends_with(' '),
                "{}: line ends inside a word: {t:?}",
                piece.path
            );
        }
    }
}

#[test]
fn kashidas_sit_inside_arabic_words() {
    let (layout, _) = common::report_layout();
    let mut kashidas = 0;
    for (piece, _, line) in common::content_lines(layout) {
        let glyphs: Vec<_> = line.runs.iter().flat_map(|r| &r.glyphs).collect();
        if let (Some(first), Some(last)) = (glyphs.first(), glyphs.last()) {
            assert!(
                !first.kashida && !last.kashida,
                "{}: kashida at a line end",
                piece.path
            );
        }
        for run in &line.runs {
            let text = &piece.text[run.range.clone()];
            for g in run.glyphs.iter().filter(|g| g.kashida) {
                kashidas += 1;
                assert!(
                    run.is_rtl(),
                    "{}: kashida in a left-to-right run",
                    piece.path
                );
                let at = g.cluster as usize;
                let before = text[..at].chars().next_back().unwrap();
                let after = text[at..].chars().next().unwrap();
                let arabic = |c: char| ('\u{0620}'..='\u{06FF}').contains(&c);
                assert!(
                    arabic(before) && arabic(after),
                    "{}: kashida between {before:?} and {after:?}",
                    piece.path
                );
            }
        }
        // Never letter-spaced: glyph pens only move by advances, spaces and kashidas.
    }
    assert!(kashidas > 0, "no kashida in the report");
}

/// Lines of each piece that has content lines, in order.
fn by_piece(layout: &warraq::Layout) -> BTreeMap<usize, (&Piece, Vec<&Line>)> {
    let mut map: BTreeMap<usize, (&Piece, Vec<&Line>)> = BTreeMap::new();
    for (piece, index, line) in common::content_lines(layout) {
        map.entry(index).or_insert((piece, Vec::new())).1.push(line);
    }
    map
}
