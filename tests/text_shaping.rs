//! Shaping matches HarfBuzz: every run of every line of the example report
//! without an inserted kashida is glyph-identical (ids, clusters, advances,
//! offsets) to `hb-shape` with the same font file, direction, language and
//! text (script guessed from the text by both).
//!
//! The reference is tests/fixtures/shaping/report.txt, written by
//! tools/gen_hb_fixtures.py (HarfBuzz's `hb-shape`, Debian libharfbuzz-bin).

mod common;

use std::collections::BTreeMap;

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

fn reference() -> Reference {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/shaping/report.txt"
    );
    let text = std::fs::read_to_string(path).expect("the HarfBuzz fixture exists");
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

#[test]
fn report_runs_are_shaped_like_harfbuzz() {
    let reference = reference();
    let (layout, fonts) = common::report_layout();
    let mut compared = 0;
    let mut with_kashida = 0;
    let mut failures = Vec::new();
    for (piece, _, line) in common::content_lines(layout) {
        for run in &line.runs {
            if run.glyphs.iter().any(|g| g.kashida) {
                with_kashida += 1;
                continue;
            }
            let key = (
                fonts.get(run.font).name.clone(),
                if run.is_rtl() { "rtl" } else { "ltr" }.to_string(),
                run.lang.clone().unwrap_or_default(),
                piece.text[run.range.clone()].to_string(),
            );
            let Some(expected) = reference.get(&key) else {
                failures.push(format!(
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
            compared += 1;
            if &ours != expected {
                failures.push(format!(
                    "run {key:?} differs from HarfBuzz:\n  ours: {ours:?}\n  hb:   {expected:?}"
                ));
            }
        }
    }
    assert!(compared > 500, "only {compared} runs compared");
    assert!(
        failures.is_empty(),
        "{} of {} runs differ ({} runs with kashida skipped):\n{}",
        failures.len(),
        compared + failures.len(),
        with_kashida,
        failures[..failures.len().min(5)].join("\n")
    );
    eprintln!("{compared} runs identical to HarfBuzz, {with_kashida} runs with kashida skipped");
}
