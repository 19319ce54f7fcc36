//! Text-engine behaviour on small paragraphs: edge cases of the input,
//! justification modes, words wider than the line.

mod common;

use warraq::layout::set_paragraph;
use warraq::layout::Line;
use warraq::model::Justify;
use warraq::text::Align;
use warraq::FontBook;

fn set(text: &str, rtl: bool, measure: f32, align: Align) -> Vec<Line> {
    let styles = common::whole_style(text, None);
    let para = common::paragraph(text, &styles, rtl, measure, align);
    set_paragraph(&FontBook::bundled(), &para)
}

fn glyph_ids(lines: &[Line]) -> Vec<u16> {
    lines
        .iter()
        .flat_map(|l| &l.runs)
        .flat_map(|r| &r.glyphs)
        .map(|g| g.id)
        .collect()
}

#[test]
fn empty_and_blank_paragraphs_do_not_fail() {
    assert!(set("", true, 100.0, Align::Start).is_empty());
    for text in [" ", "\n", "\t \u{2029}", "\u{202B}\u{202C}", "\u{200F}"] {
        let lines = set(text, true, 100.0, Align::Justify(Justify::Kashida));
        let joined: String = lines.iter().map(|l| &text[l.range.clone()]).collect();
        assert_eq!(joined, text);
        assert!(!glyph_ids(&lines).contains(&0), "{text:?}: .notdef");
    }
}

#[test]
fn tabs_and_newlines_are_laid_out_as_spaces() {
    let with_space = set("عمل جيد", true, 1000.0, Align::Start);
    for text in ["عمل\tجيد", "عمل\nجيد", "عمل\u{2028}جيد"] {
        let lines = set(text, true, 1000.0, Align::Start);
        assert_eq!(lines.len(), 1, "{text:?}");
        assert!(!glyph_ids(&lines).contains(&0), "{text:?}: .notdef");
        assert!(
            (lines[0].width - with_space[0].width).abs() < 0.01,
            "{text:?}"
        );
    }
}

#[test]
fn a_word_wider_than_the_line_is_broken_between_graphemes() {
    let word = "مستشفيات".repeat(6);
    let lines = set(&word, true, 60.0, Align::Justify(Justify::Kashida));
    assert!(lines.len() > 1);
    let joined: String = lines.iter().map(|l| &word[l.range.clone()]).collect();
    assert_eq!(joined, word);
    for l in &lines {
        assert!(l.width <= 60.01, "overfull: {}", l.width);
        assert!(word.is_char_boundary(l.range.start));
    }
}

const LONG: &str = "ينبغي للدول الأطراف النظر في تشجيع سائر الكيانات الحكومية على اعتماد سياسات \
                    تمنع الاتجار بالأشخاص في سلاسل الإمداد وأن تنظر في وضع مبادئ توجيهية لذلك";

#[test]
fn spaces_mode_never_inserts_a_kashida() {
    // At 220 pt kashida mode elongates the first line (next test).
    let lines = set(LONG, true, 220.0, Align::Justify(Justify::Spaces));
    assert!(lines.len() > 2);
    for (k, l) in lines.iter().enumerate() {
        assert!(l.runs.iter().flat_map(|r| &r.glyphs).all(|g| !g.kashida));
        assert_eq!(l.justified, k + 1 < lines.len());
    }
}

/// Natural width and word-space width of a line (kashidas left out), and
/// its stretch: how wide its spaces are set, kashidas counted, relative to
/// their natural width.
fn stretch(text: &str, line: &Line) -> f32 {
    let (mut natural, mut spaces) = (0.0, 0.0);
    for run in &line.runs {
        for g in run.glyphs.iter().filter(|g| !g.kashida) {
            let adv = g.x_advance as f32 * 12.0 / 1000.0;
            natural += adv;
            if text[run.range.start + g.cluster as usize..].starts_with(' ') {
                spaces += adv;
            }
        }
    }
    (spaces + line.width - natural) / spaces
}

#[test]
fn a_line_too_loose_to_fill_is_spread_to_twice_its_spaces() {
    // Few, long words: filling 150 pt would spread the first line's
    // spaces, kashidas counted, past 2x (justify::MAX_LOOSENESS).
    let text = "المستشفيات والمؤسسات الاجتماعية المختصة بالمساعدة";
    for mode in [Justify::Kashida, Justify::Spaces] {
        let lines = set(text, true, 150.0, Align::Justify(mode));
        let first = &lines[0];
        assert!(!first.justified && first.width < 150.0, "{lines:#?}");
        let s = stretch(text, first);
        assert!((1.9..=2.01).contains(&s), "{mode:?}: spread to {s}x");
    }
}

#[test]
fn kashida_mode_elongates_when_spaces_reach_their_limit() {
    // The first line's spaces would grow past 1.25x (justify::SPACE_LIMIT).
    let text = LONG;
    let lines = set(text, true, 220.0, Align::Justify(Justify::Kashida));
    let first = &lines[0];
    assert!(first.justified, "{lines:#?}");
    let kashidas: Vec<_> = first
        .runs
        .iter()
        .flat_map(|r| &r.glyphs)
        .filter(|g| g.kashida)
        .collect();
    assert!(!kashidas.is_empty(), "no kashida on a loose line");
    let s = stretch(text, first);
    assert!((1.25..=2.0).contains(&s), "spread to {s}x");
    // Never letter-spaced: within a word, each glyph starts where the
    // previous one ends (kashidas included).
    for run in &first.runs {
        let text_run = &text[run.range.clone()];
        for pair in run.glyphs.windows(2) {
            let cluster_char = text_run[pair[0].cluster as usize..].chars().next().unwrap();
            if cluster_char == ' ' && !pair[0].kashida {
                continue;
            }
            let end = pair[0].x + pair[0].x_advance as f32 * 12.0 / 1000.0;
            assert!((pair[1].x - end).abs() < 0.02, "gap inside a word");
        }
    }
}

#[test]
fn left_to_right_paragraph_starts_at_the_left() {
    let lines = set("CTOC/COP/WG.4/2019/6", false, 400.0, Align::Start);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].runs.len(), 1);
    assert_eq!(lines[0].runs[0].level, 0);
    assert_eq!(lines[0].runs[0].glyphs[0].x, 0.0);
}
