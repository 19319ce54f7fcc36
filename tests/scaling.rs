//! The formerly quadratic inputs of issue 19 (items 5 and 6), at modest
//! sizes: what they must produce. `bench/scaling.sh` measures their time at
//! full size; these tests check the results only (no timing here).

use std::collections::BTreeMap;

use lopdf::Object;
use warraq::layout::{limits::FURNITURE_SET_BYTES, Role};
use warraq::{ExportOptions, FontBook, Layout, LayoutOptions};

fn lay_out(json: &serde_json::Value) -> Layout {
    let (doc, _) = warraq::parse_json(&json.to_string()).expect("the case parses");
    warraq::lay_out(&doc, &FontBook::bundled(), &LayoutOptions::default()).expect("lays out")
}

fn pdf_of(json: &serde_json::Value) -> lopdf::Document {
    let (doc, _) = warraq::parse_json(&json.to_string()).expect("the case parses");
    let fonts = FontBook::bundled();
    let layout = warraq::lay_out(&doc, &fonts, &LayoutOptions::default()).expect("lays out");
    let pdf = warraq::write_pdf(&doc, &fonts, &layout, &ExportOptions::default()).expect("a PDF");
    lopdf::Document::load_mem(&pdf).expect("the PDF parses")
}

fn one_paragraph(text: &str) -> serde_json::Value {
    serde_json::json!({"title": "عنوان", "blocks": [{"kind": "paragraph", "text": text}]})
}

/// How many structure elements of each type the PDF has.
fn structure_types(pdf: &lopdf::Document) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for object in pdf.objects.values() {
        if let Object::Dictionary(d) = object {
            // A structure element: a type (`/S`) and a parent (`/P`).
            if d.has(b"P") {
                if let Ok(Object::Name(s)) = d.get(b"S") {
                    *out.entry(String::from_utf8_lossy(s).into_owned())
                        .or_default() += 1;
                }
            }
        }
    }
    out
}

/// Every content line of the one paragraph: consecutive ranges covering its
/// text, none wider than the measure.
fn paragraph_lines(layout: &Layout) -> Vec<std::ops::Range<usize>> {
    let lines: Vec<_> = layout
        .pages
        .iter()
        .flat_map(|p| &p.lines)
        .filter(|l| layout.pieces[l.piece].role == Role::Body)
        .collect();
    let piece = &layout.pieces[lines[0].piece];
    let mut at = 0;
    for l in &lines {
        assert_eq!(l.line.range.start, at, "lines follow each other");
        assert!(
            l.line.width <= piece.measure + 0.01,
            "line {:?} is {} wide, the measure {}",
            l.line.range,
            l.line.width,
            piece.measure
        );
        at = l.line.range.end;
    }
    assert_eq!(at, piece.text.len(), "the lines cover the text");
    lines.iter().map(|l| l.line.range.clone()).collect()
}

/// Issue 19, item 6: a huge symbol and job number were set on every page
/// (44 MB and 2.5 s a page) and their lines overprinted. Now each is one
/// clipped line, set once, with a warning naming the field.
#[test]
fn a_huge_symbol_and_job_number_are_one_clipped_line_on_every_page() {
    let symbol = "CTOC/COP/WG.4/2019/6 ".repeat(3_000);
    let job = "V.19-09715 ".repeat(6_000);
    let body: Vec<_> = (0..12)
        .map(|_| serde_json::json!({"kind": "paragraph", "text": "نص الفقرة ".repeat(60)}))
        .collect();
    let json = serde_json::json!({
        "title": "عنوان", "symbol": symbol.trim(), "job_number": job.trim(), "blocks": body,
    });
    let layout = lay_out(&json);
    let pages = layout.pages.len();
    assert!(pages >= 3, "{pages} pages");
    let g = &layout.geometry;
    let mut header = None;
    for page in &layout.pages {
        assert_eq!(
            page.furniture.len(),
            2,
            "page {}: one header, one footer",
            page.number
        );
        for placed in &page.furniture {
            let piece = &layout.pieces[placed.piece];
            assert!(
                piece.text.len() <= FURNITURE_SET_BYTES,
                "only a prefix is kept"
            );
            assert!(piece.clipped);
            assert!(placed.x >= g.left - 0.01, "inside the left margin");
            assert!(
                placed.x + placed.line.width <= g.width - g.right + 0.01,
                "inside the right margin"
            );
            assert_eq!(
                placed.line.range.end,
                piece.text.len(),
                "the whole piece printed"
            );
            match piece.role {
                Role::Header => {
                    assert!(symbol.starts_with(&piece.text));
                    let line = &placed.line;
                    assert_eq!(header.get_or_insert(line), &line, "the same header line");
                }
                Role::Footer => {
                    let folio = format!("{}/{pages}", page.number);
                    assert!(
                        piece.text.starts_with(&folio) || piece.text.ends_with(&folio),
                        "page {}: the footer {:?} has its page number",
                        page.number,
                        piece.text
                    );
                }
                other => panic!("furniture of role {other:?}"),
            }
        }
    }
    let warned: Vec<_> = layout
        .warnings()
        .into_iter()
        .map(|w| w.location.path)
        .collect();
    assert_eq!(warned, ["symbol", "job_number"]);
}

#[test]
fn a_symbol_that_fits_is_printed_whole_without_a_warning() {
    let json = serde_json::json!({
        "title": "عنوان", "symbol": "A/74/100", "job_number": "V.19-09715",
        "blocks": [{"kind": "paragraph", "text": "نص"}],
    });
    let layout = lay_out(&json);
    let texts: Vec<&str> = layout.pages[0]
        .furniture
        .iter()
        .map(|l| layout.pieces[l.piece].text.as_str())
        .collect();
    assert_eq!(texts, ["A/74/100", "V.19-09715   1/1"]);
    assert_eq!(layout.warnings(), Vec::new());
}

/// Issue 19, item 5: a ZWSP after every letter was quadratic; the lines
/// still break at the ZWSPs only.
#[test]
fn a_zwsp_after_every_letter_breaks_at_the_zwsps() {
    let text = "ب\u{200B}".repeat(4_000);
    let lines = paragraph_lines(&lay_out(&one_paragraph(&text)));
    assert!(lines.len() > 10, "{} lines", lines.len());
    for r in &lines {
        assert!(text[..r.end].ends_with('\u{200B}'), "a break at {}", r.end);
    }
}

/// Issue 19, item 5: `ب-` chains were quadratic; they break after a hyphen.
#[test]
fn ba_hyphen_chains_break_after_a_hyphen() {
    let text = "ب-".repeat(6_000);
    let lines = paragraph_lines(&lay_out(&one_paragraph(&text)));
    assert!(lines.len() > 10, "{} lines", lines.len());
    for r in &lines[..lines.len() - 1] {
        assert!(text[..r.end].ends_with('-'), "a break at {}", r.end);
    }
}

/// Issue 19, item 5: 512K digits without a space took 135 s; the digits
/// are broken between graphemes, with one warning per break.
#[test]
fn digits_without_a_space_fill_the_lines() {
    let text = "1234567890".repeat(2_000);
    let layout = lay_out(&one_paragraph(&text));
    let lines = paragraph_lines(&layout);
    assert!(lines.len() > 100, "{} lines", lines.len());
    assert_eq!(layout.warnings().len(), lines.len() - 1);
}

/// Issue 19, item 5: `، ` repeated was quadratic; every break is after a space.
#[test]
fn repeated_commas_break_after_a_space() {
    let text = "، ".repeat(8_000);
    let lines = paragraph_lines(&lay_out(&one_paragraph(text.trim_end())));
    assert!(lines.len() > 10, "{} lines", lines.len());
    for r in &lines[..lines.len() - 1] {
        assert!(text[..r.end].ends_with(' '), "a break at {}", r.end);
    }
}

/// Issue 19, item 5: 100,000 list items took 238 s in the PDF writer
/// (lopdf's pruning). Every item reaches the structure tree, and the file
/// holds no unreferenced object.
#[test]
fn thousands_of_list_items_each_reach_the_structure_tree() {
    let n = 3_000;
    let items: Vec<_> = (0..n)
        .map(|i| serde_json::json!({"label": "(أ)", "text": format!("البند {i}")}))
        .collect();
    let json = serde_json::json!({"title": "عنوان", "blocks": [{"kind": "list", "items": items}]});
    let mut pdf = pdf_of(&json);
    let container_ids: Vec<_> = pdf
        .objects
        .iter()
        .filter(|(_, o)| match o {
            Object::Stream(s) => {
                matches!(s.dict.get(b"Type"), Ok(Object::Name(n)) if n == b"ObjStm" || n == b"XRef")
            }
            _ => false,
        })
        .map(|(id, _)| *id)
        .collect();
    assert!(!container_ids.is_empty());
    let types = structure_types(&pdf);
    assert_eq!(types.get("LI"), Some(&n), "{types:?}");
    assert_eq!(types.get("Lbl"), Some(&n), "{types:?}");
    assert_eq!(types.get("L"), Some(&1), "{types:?}");
    // lopdf keeps the object streams and the cross-reference stream it read
    // as objects: those are the only ones nothing refers to.
    let unreferenced: Vec<_> = pdf
        .prune_objects()
        .into_iter()
        .filter(|id| !container_ids.contains(id))
        .collect();
    assert_eq!(unreferenced, Vec::new(), "no unreferenced object");
}

/// Issue 19, item 5: 99,999 headings took 103 s.
#[test]
fn thousands_of_headings_are_each_tagged_and_outlined() {
    let n: usize = 2_000;
    let blocks: Vec<_> = (0..n)
        .map(|i| serde_json::json!({"kind": "heading", "level": 1 + i % 2, "text": format!("عنوان {i}")}))
        .collect();
    let pdf = pdf_of(&serde_json::json!({"title": "عنوان", "blocks": blocks}));
    let types = structure_types(&pdf);
    assert_eq!(types.get("H1"), Some(&(n / 2)), "{types:?}");
    assert_eq!(types.get("H2"), Some(&(n / 2)), "{types:?}");
    let outlines = pdf
        .catalog()
        .and_then(|c| c.get(b"Outlines"))
        .and_then(Object::as_reference)
        .and_then(|id| pdf.get_dictionary(id))
        .expect("an outline");
    let count = outlines.get(b"Count").and_then(Object::as_i64).unwrap();
    assert_eq!(count, n as i64, "one outline entry per heading");
}

/// Issue 19, item 5: 100,000 spans alternating Arabic and English took 71 s
/// (a linear search per glyph for its structure element). Each English
/// span is its own `Span` with `/Lang (en)`.
#[test]
fn thousands_of_alternating_spans_keep_their_language() {
    let n = 2_000;
    let spans: Vec<_> = (0..n)
        .map(|i| {
            if i % 2 == 1 {
                serde_json::json!({"text": "word ", "lang": "en"})
            } else {
                serde_json::json!({"text": "كلمة "})
            }
        })
        .collect();
    let pdf = pdf_of(&one_paragraph_spans(spans));
    let english = pdf
        .objects
        .values()
        .filter(|o| match o {
            Object::Dictionary(d) => {
                matches!(d.get(b"S"), Ok(Object::Name(s)) if s == b"Span")
                    && matches!(d.get(b"Lang"), Ok(Object::String(l, _)) if l == b"en")
            }
            _ => false,
        })
        .count();
    assert_eq!(english, n / 2);
}

fn one_paragraph_spans(spans: Vec<serde_json::Value>) -> serde_json::Value {
    serde_json::json!({"title": "عنوان", "blocks": [{"kind": "paragraph", "text": spans}]})
}

/// Found by the case above: the breaker lets a justified paragraph's last
/// line shrink its spaces, but the line was then set unjustified, at its
/// natural width, 31 pt past the measure. It is now justified.
#[test]
fn a_last_line_that_needs_its_spaces_shrunk_stays_inside_the_measure() {
    let text = "، ".repeat(8_000);
    let layout = lay_out(&one_paragraph(text.trim_end()));
    let last = layout.pages.last().and_then(|p| p.lines.last()).unwrap();
    let measure = layout.pieces[last.piece].measure;
    assert!(
        last.line.width <= measure + 0.01,
        "{} > {measure}",
        last.line.width
    );
}
