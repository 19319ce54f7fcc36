//! Per-stage benchmarks on the example report, and the shape-once floor.
//!
//! cargo bench --bench pipeline
//! Figures are recorded in the speed issue's note, never asserted in tests.

use criterion::{criterion_group, criterion_main, Criterion};
use warraq::layout::set_paragraph;
use warraq::layout::{paginate::paginate, pieces, Geometry};
use warraq::text::FontBook;
use warraq::{ExportOptions, LayoutOptions};

fn report() -> String {
    std::fs::read_to_string("examples/un-report/report.json").expect("run from the repository root")
}

/// Shaping every piece of the report once with rustybuzz, one plan per font
/// and direction reused: the floor under which no layout can go.
fn shape_once(fonts: &FontBook, texts: &[(bool, bool, String)]) -> usize {
    let plans: Vec<_> = [(false, false), (false, true), (true, false), (true, true)]
        .iter()
        .map(|&(bold, rtl)| {
            let face = fonts
                .get(if bold {
                    FontBook::BOLD
                } else {
                    FontBook::REGULAR
                })
                .shaper();
            let dir = if rtl {
                rustybuzz::Direction::RightToLeft
            } else {
                rustybuzz::Direction::LeftToRight
            };
            let script = if rtl {
                rustybuzz::script::ARABIC
            } else {
                rustybuzz::script::LATIN
            };
            rustybuzz::ShapePlan::new(&face, dir, Some(script), None, &[])
        })
        .collect();
    let faces = [
        fonts.get(FontBook::REGULAR).shaper(),
        fonts.get(FontBook::BOLD).shaper(),
    ];
    let mut glyphs = 0;
    for (bold, rtl, text) in texts {
        let plan = &plans[usize::from(*bold) * 2 + usize::from(*rtl)];
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.set_direction(if *rtl {
            rustybuzz::Direction::RightToLeft
        } else {
            rustybuzz::Direction::LeftToRight
        });
        buffer.set_script(if *rtl {
            rustybuzz::script::ARABIC
        } else {
            rustybuzz::script::LATIN
        });
        let out = rustybuzz::shape_with_plan(&faces[usize::from(*bold)], plan, buffer);
        glyphs += out.len();
    }
    glyphs
}

fn stages(c: &mut Criterion) {
    let json = report();
    let (doc, _) = warraq::parse_json(&json).unwrap();
    let fonts = FontBook::bundled();
    let geometry = Geometry::a4();
    let pieces = pieces(&doc, &geometry, doc.justify());
    let texts: Vec<(bool, bool, String)> = pieces
        .iter()
        .map(|p| (p.bold, p.rtl, p.text.clone()))
        .collect();
    let layout = warraq::lay_out(&doc, &fonts, &LayoutOptions::default()).unwrap();
    let options = ExportOptions::default();

    c.bench_function("parse", |b| b.iter(|| warraq::parse_json(&json).unwrap()));
    c.bench_function("shape_once_floor", |b| {
        b.iter(|| shape_once(&fonts, &texts))
    });
    c.bench_function("set_paragraphs", |b| {
        b.iter(|| {
            pieces
                .iter()
                .map(|p| set_paragraph(&fonts, &p.paragraph()))
                .collect::<Vec<_>>()
        })
    });
    let set: Vec<_> = pieces
        .iter()
        .map(|p| set_paragraph(&fonts, &p.paragraph()))
        .collect();
    let images = warraq::Images::default();
    c.bench_function("paginate", |b| {
        b.iter(|| {
            let mut pieces = pieces.clone();
            paginate(&doc, (&fonts, &images), &geometry, &mut pieces, set.clone())
        })
    });
    c.bench_function("lay_out", |b| {
        b.iter(|| warraq::lay_out(&doc, &fonts, &LayoutOptions::default()).unwrap())
    });
    c.bench_function("write_pdf", |b| {
        b.iter(|| warraq::write_pdf(&doc, &fonts, &layout, &options))
    });
    c.bench_function("write_epub", |b| {
        b.iter(|| warraq::write_epub(&doc, &fonts, &layout, &options))
    });
    c.bench_function("render_pdf_and_epub", |b| {
        b.iter(|| {
            let (doc, _) = warraq::parse_json(&json).unwrap();
            let layout = warraq::lay_out(&doc, &fonts, &LayoutOptions::default()).unwrap();
            (
                warraq::write_pdf(&doc, &fonts, &layout, &options),
                warraq::write_epub(&doc, &fonts, &layout, &options),
            )
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = stages
}
criterion_main!(benches);
