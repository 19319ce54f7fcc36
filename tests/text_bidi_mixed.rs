//! Mixed-direction paragraphs keep the visual order a browser shows.
//!
//! Each expectation is the line's runs, left to right, as (text, level),
//! worked out by hand from UAX #9 (the rule used is named next to it) and
//! cross-checked with GNU FriBidi (`fribidi --rtl`).

use warraq::layout::set_paragraph;
use warraq::layout::StyleRun;
use warraq::text::{Align, Paragraph};
use warraq::FontBook;

/// The runs of a one-line right-to-left paragraph, left to right.
fn visual_runs(spans: &[(&str, Option<&str>)]) -> Vec<(String, u8)> {
    let mut text = String::new();
    let mut styles = Vec::new();
    for (s, lang) in spans {
        let start = text.len();
        text.push_str(s);
        styles.push(StyleRun {
            range: start..text.len(),
            lang: lang.map(str::to_string),
            strong: false,
            raised: false,
        });
    }
    let fonts = FontBook::bundled();
    let para = Paragraph {
        text: &text,
        styles: &styles,
        rtl: true,
        bold: false,
        size: 12.0,
        measure: 10_000.0,
        align: Align::Start,
        break_symbols: false,
    };
    let lines = set_paragraph(&fonts, &para);
    assert_eq!(lines.len(), 1, "one line expected");
    lines[0]
        .runs
        .iter()
        .map(|r| (text[r.range.clone()].to_string(), r.level))
        .collect()
}

fn runs(expected: &[(&str, u8)]) -> Vec<(String, u8)> {
    expected.iter().map(|(t, l)| (t.to_string(), *l)).collect()
}

#[test]
fn english_title_inside_arabic() {
    // L at level 2 inside the RTL paragraph; the spaces between Arabic and
    // English are neutrals between R and L: N2 gives them level 1, the
    // space inside the title is between L and L: N1 gives it level 2.
    let got = visual_runs(&[
        ("صدر كتيب ", None),
        ("How to Assist Victims", Some("en")),
        (" عن المكتب", None),
    ]);
    assert_eq!(
        got,
        runs(&[
            (" عن المكتب", 1),
            ("How to Assist Victims", 2),
            ("صدر كتيب ", 1),
        ])
    );
}

#[test]
fn english_span_keeps_its_language() {
    let fonts = FontBook::bundled();
    let text = "كتيب Alibaba هنا";
    let styles = [
        StyleRun {
            range: 0..9,
            lang: None,
            strong: false,
            raised: false,
        },
        StyleRun {
            range: 9..16,
            lang: Some("en".into()),
            strong: false,
            raised: false,
        },
        StyleRun {
            range: 16..text.len(),
            lang: None,
            strong: false,
            raised: false,
        },
    ];
    let para = Paragraph {
        text,
        styles: &styles,
        rtl: true,
        bold: false,
        size: 12.0,
        measure: 10_000.0,
        align: Align::Start,
        break_symbols: false,
    };
    let line = &set_paragraph(&fonts, &para)[0];
    let english = line
        .runs
        .iter()
        .find(|r| &text[r.range.clone()] == "Alibaba")
        .unwrap();
    assert_eq!(english.lang.as_deref(), Some("en"));
    assert_eq!(english.level, 2);
}

#[test]
fn percent_and_slash_with_european_digits() {
    // W2: European digits after Arabic letters (AL) become AN. W4: a CS
    // between two ANs becomes AN (2019/2020 stays one number). W5 does not
    // apply to AN, so the % (ET) becomes ON (W6) and R by N1 (between AN and
    // R): it shows on the number's left, "%50" read left to right, as
    // browsers show it in Arabic text. Numbers are level 2 (I1).
    let got = visual_runs(&[("بلغت النسبة 50% في عام 2019/2020 تقريبا", None)]);
    assert_eq!(
        got,
        runs(&[
            (" تقريبا", 1),
            ("2019/2020", 2),
            ("% في عام ", 1),
            ("50", 2),
            ("بلغت النسبة ", 1),
        ])
    );
}

#[test]
fn arabic_percent_sign_stays_left_of_arabic_indic_digits() {
    // AN digits are level 2; ARABIC PERCENT SIGN (ET) next to AN is not
    // changed by W5, becomes ON (W6) and R by N1 (between AN and R): level 1,
    // so it shows on the digits' left.
    let got = visual_runs(&[("نسبة ٥٠٪ فقط", None)]);
    assert_eq!(got, runs(&[("٪ فقط", 1), ("٥٠", 2), ("نسبة ", 1)]));
}

#[test]
fn date_with_arabic_indic_digits_and_month_slash() {
    // The slash of أيلول/سبتمبر is a CS between two ALs: ON, then R (N1).
    let got = visual_runs(&[("في ١١ أيلول/سبتمبر ٢٠١٩،", None)]);
    assert_eq!(
        got,
        runs(&[
            ("،", 1),
            ("٢٠١٩", 2),
            (" أيلول/سبتمبر ", 1),
            ("١١", 2),
            ("في ", 1),
        ])
    );
}

#[test]
fn document_symbol_in_parentheses() {
    // W7 turns the digits after WG into L; the slashes and the dot between
    // Ls become L (N1): the symbol is one level-2 run. The parentheses
    // enclose L with R before them: N0 gives them the embedding direction.
    let got = visual_runs(&[("وترد في الوثيقة (CTOC/COP/WG.4/2019/6) قائمة", None)]);
    assert_eq!(
        got,
        runs(&[
            (") قائمة", 1),
            ("CTOC/COP/WG.4/2019/6", 2),
            ("وترد في الوثيقة (", 1),
        ])
    );
}

#[test]
fn two_symbols_joined_by_arabic_comma_and_waw() {
    // The Arabic comma (CS) between an L (W7) and an AL is ON, then R (N2).
    let got = visual_runs(&[(
        "جدول الأعمال (CTOC/COP/WG.4/2019/1، وCTOC/COP/WG.4/2019/1/Corr.1)؛",
        None,
    )]);
    assert_eq!(
        got,
        runs(&[
            (")؛", 1),
            ("CTOC/COP/WG.4/2019/1/Corr.1", 2),
            ("، و", 1),
            ("CTOC/COP/WG.4/2019/1", 2),
            ("جدول الأعمال (", 1),
        ])
    );
}

#[test]
fn parentheses_are_mirrored_in_right_to_left_runs() {
    // L4 (mirroring, done by the shaper): in an RTL run U+0028 is drawn with
    // the glyph of U+0029, so the opening parenthesis opens to the left.
    let fonts = FontBook::bundled();
    let ltr_close = {
        let styles = [StyleRun {
            range: 0..1,
            lang: None,
            strong: false,
            raised: false,
        }];
        let para = Paragraph {
            text: ")",
            styles: &styles,
            rtl: false,
            bold: false,
            size: 12.0,
            measure: 100.0,
            align: Align::Start,
            break_symbols: false,
        };
        set_paragraph(&fonts, &para)[0].runs[0].glyphs[0].id
    };
    let text = "قائمة (أ)";
    let styles = [StyleRun {
        range: 0..text.len(),
        lang: None,
        strong: false,
        raised: false,
    }];
    let para = Paragraph {
        text,
        styles: &styles,
        rtl: true,
        bold: false,
        size: 12.0,
        measure: 100.0,
        align: Align::Start,
        break_symbols: false,
    };
    let line = &set_paragraph(&fonts, &para)[0];
    let run = &line.runs[0];
    let open = text.find('(').unwrap() - run.range.start;
    let glyph = run
        .glyphs
        .iter()
        .find(|g| g.cluster as usize == open)
        .unwrap();
    assert_eq!(glyph.id, ltr_close);
}

#[test]
fn bidi_controls_and_ignorables_render_no_notdef() {
    let fonts = FontBook::bundled();
    let text = "عربي \u{202B}نص\u{202C} \u{2067}English\u{2069} \u{200F}x\u{200D}y\u{FEFF}";
    let styles = [StyleRun {
        range: 0..text.len(),
        lang: None,
        strong: false,
        raised: false,
    }];
    let para = Paragraph {
        text,
        styles: &styles,
        rtl: true,
        bold: false,
        size: 12.0,
        measure: 10_000.0,
        align: Align::Start,
        break_symbols: false,
    };
    let lines = set_paragraph(&fonts, &para);
    for run in lines.iter().flat_map(|l| &l.runs) {
        for g in &run.glyphs {
            assert_ne!(g.id, 0, ".notdef in run {:?}", &text[run.range.clone()]);
        }
    }
}
