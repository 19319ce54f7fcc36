//! Shaping matches HarfBuzz: every run of every line of the example report
//! (and of an Urdu and a Persian document) without an inserted kashida is
//! glyph-identical (ids, clusters, advances, offsets) to `hb-shape` with the
//! same font file, direction, language (the run's own, else the document's:
//! `--language=ar`, `ur`, `fa`) and text (script guessed from the text by
//! both).
//!
//! The references are tests/fixtures/shaping/{report,urdu,persian,vocalized}.txt,
//! written by tools/gen_hb_fixtures.py (HarfBuzz's `hb-shape`, Debian
//! libharfbuzz-bin).

mod common;

use std::collections::BTreeMap;

use warraq::{FontBook, Layout};

/// (font, direction, language, text) → HarfBuzz's glyphs.
type Reference = BTreeMap<(String, String, String, String), Vec<HbGlyph>>;

/// One glyph of hb-shape's serialization: `gid=cluster@x,y+advance`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct HbGlyph {
    id: u32,
    cluster: u32,
    x_offset: i32,
    y_offset: i32,
    x_advance: i32,
}

fn parse_glyph(s: &str) -> HbGlyph {
    let (id, rest) = s.split_once('=').expect("gid=cluster");
    let (rest, advance) = rest.rsplit_once('+').expect("+advance");
    let (cluster, offsets) = match rest.split_once('@') {
        Some((c, o)) => (c, Some(o)),
        None => (rest, None),
    };
    let (x_offset, y_offset) = offsets.map_or((0, 0), |o| {
        let (x, y) = o.split_once(',').expect("@x,y");
        (x.parse().unwrap(), y.parse().unwrap())
    });
    HbGlyph {
        id: id.parse().unwrap(),
        cluster: cluster.parse().unwrap(),
        x_offset,
        y_offset,
        x_advance: advance.parse().unwrap(),
    }
}

fn reference(name: &str) -> Reference {
    let path = format!(
        "{}/tests/fixtures/shaping/{name}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("the HarfBuzz fixture exists");
    let mut map = Reference::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 5, "bad fixture line: {line}");
        let glyphs = f[4]
            .trim_start_matches('[')
            .trim_end_matches(']')
            .split('|')
            .filter(|g| !g.is_empty())
            .map(parse_glyph)
            .collect();
        map.insert((f[0].into(), f[1].into(), f[2].into(), f[3].into()), glyphs);
    }
    map
}

/// Lays out a test document (tests/fixtures/documents/NAME.json).
fn lay_out_fixture(name: &str) -> (Layout, FontBook) {
    let path = format!(
        "{}/tests/fixtures/documents/{name}-shaping.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let json = std::fs::read_to_string(&path).expect("the document is readable");
    let (doc, _) = warraq::parse_json(&json).expect("the document parses");
    let fonts = FontBook::bundled();
    let layout = warraq::lay_out(&doc, &fonts, &Default::default()).expect("it lays out");
    (layout, fonts)
}

/// What comparing a layout's runs with HarfBuzz found.
struct Comparison {
    compared: usize,
    with_kashida: usize,
    failures: Vec<String>,
}

/// Compares every run without a kashida with the reference; runs without a
/// language of their own are looked up in `doc_lang`.
fn compare(layout: &Layout, fonts: &FontBook, reference: &Reference, doc_lang: &str) -> Comparison {
    let mut c = Comparison {
        compared: 0,
        with_kashida: 0,
        failures: Vec::new(),
    };
    for (piece, _, line) in common::content_lines(layout) {
        for run in &line.runs {
            if run.glyphs.iter().any(|g| g.kashida) {
                c.with_kashida += 1;
                continue;
            }
            let key = (
                fonts.get(run.font).name.clone(),
                if run.is_rtl() { "rtl" } else { "ltr" }.to_string(),
                run.lang.clone().unwrap_or_else(|| doc_lang.to_string()),
                piece.text[run.range.clone()].to_string(),
            );
            let Some(expected) = reference.get(&key) else {
                c.failures.push(format!(
                    "run {key:?} is not in the fixture: run tools/gen_hb_fixtures.py"
                ));
                continue;
            };
            let ours: Vec<HbGlyph> = run
                .glyphs
                .iter()
                .map(|g| HbGlyph {
                    id: u32::from(g.id),
                    cluster: g.cluster,
                    x_offset: g.x_offset,
                    y_offset: g.y_offset,
                    x_advance: g.x_advance,
                })
                .collect();
            c.compared += 1;
            if &ours != expected {
                c.failures.push(format!(
                    "run {key:?} differs from HarfBuzz:\n  ours: {ours:?}\n  hb:   {expected:?}"
                ));
            }
        }
    }
    c
}

/// Asserts that no run differed and at least `min` were compared.
fn assert_identical(c: &Comparison, min: usize) {
    assert!(c.compared >= min, "only {} runs compared", c.compared);
    assert!(
        c.failures.is_empty(),
        "{} of {} runs differ ({} runs with kashida skipped):\n{}",
        c.failures.len(),
        c.compared + c.failures.len(),
        c.with_kashida,
        c.failures[..c.failures.len().min(5)].join("\n")
    );
    eprintln!(
        "{} runs identical to HarfBuzz, {} runs with kashida skipped",
        c.compared, c.with_kashida
    );
}

#[test]
fn report_runs_are_shaped_like_harfbuzz() {
    // The report is an Arabic document: its runs are shaped with `ar`
    // (Amiri's `ARA` language system: 7 runs differed without it).
    let (layout, fonts) = common::report_layout();
    let c = compare(layout, fonts, &reference("report"), "ar");
    assert_identical(&c, 500);
}

#[test]
fn urdu_runs_take_the_urdu_forms() {
    // Urdu ۴ ۶ ۷ have their own shapes (`locl` of Amiri's `URD`); a span in
    // Persian keeps the Persian ones.
    let (layout, fonts) = lay_out_fixture("urdu");
    let c = compare(&layout, &fonts, &reference("urdu"), "ur");
    assert_identical(&c, 10);
    let urdu_four = 1464;
    let drawn: Vec<u16> = common::content_lines(&layout)
        .iter()
        .flat_map(|(_, _, line)| &line.runs)
        .flat_map(|r| &r.glyphs)
        .map(|g| g.id)
        .collect();
    assert!(drawn.contains(&urdu_four), "no Urdu four drawn: {drawn:?}");
}

#[test]
fn vocalized_runs_are_shaped_like_harfbuzz() {
    // Every mark placed as HarfBuzz places it (offsets are compared too).
    let path = format!(
        "{}/tests/fixtures/documents/vocalized-long.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let json = std::fs::read_to_string(&path).expect("the document is readable");
    let (doc, _) = warraq::parse_json(&json).expect("the document parses");
    let fonts = FontBook::bundled();
    let layout = warraq::lay_out(&doc, &fonts, &Default::default()).expect("it lays out");
    let c = compare(&layout, &fonts, &reference("vocalized"), "ar");
    assert_identical(&c, 200);
}

#[test]
fn persian_runs_are_shaped_like_harfbuzz() {
    let (layout, fonts) = lay_out_fixture("persian");
    let c = compare(&layout, &fonts, &reference("persian"), "fa");
    assert_identical(&c, 10);
}
