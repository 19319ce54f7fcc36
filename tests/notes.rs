//! Notes, links and the UN first page (issue 13): the model's errors, the
//! pagination of footnotes, the structure tree and annotations of the PDF,
//! the masthead and the barcode.

mod common;

use std::process::Command;

use common::{python, render_pdf_file, root, tool_missing};
use warraq::layout::{Layout, Role};
use warraq::FontBook;

fn lay_out(json: &str) -> Layout {
    let (doc, _) = warraq::parse_json(json).unwrap_or_else(|e| panic!("{e}\n{json}"));
    warraq::lay_out(&doc, &FontBook::bundled(), &Default::default()).expect("layout")
}

/// `n` sentences of Arabic filler.
fn filler(n: usize) -> String {
    (0..n)
        .map(|k| {
            format!("وتنظر الدول الأطراف في الجملة رقم {k} من هذا النص، بما يتفق مع أحكام الاتفاقية.")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn paragraph(text: serde_json::Value) -> serde_json::Value {
    serde_json::json!({"kind": "paragraph", "text": text})
}

fn document(blocks: Vec<serde_json::Value>) -> String {
    serde_json::json!({"title": "وثيقة", "blocks": blocks}).to_string()
}

// ---------------------------------------------------------------------------
// The model

fn error_of(json: &str) -> String {
    match warraq::parse_json(json) {
        Ok(_) => panic!("accepted: {json}"),
        Err(e) => e.to_string(),
    }
}

fn with_spans(spans: &str) -> String {
    format!("{{\"title\": \"ت\", \"blocks\": [\n{{\"kind\": \"paragraph\", \"text\": {spans}}}]}}")
}

#[test]
fn bad_links_and_notes_are_located_errors() {
    let cases = [
        (
            r#"[{"text": "أ", "href": "www.unodc.org"}]"#,
            "blocks[0].text[0].href",
            "no scheme",
        ),
        (
            r#"[{"text": "أ", "href": "ftp://x.org/"}]"#,
            "blocks[0].text[0].href",
            "`ftp`",
        ),
        (
            r#"[{"text": "أ", "href": "https:///x"}]"#,
            "blocks[0].text[0].href",
            "host",
        ),
        (
            r#"[{"text": "أ", "href": "https://x.org/a b"}]"#,
            "blocks[0].text[0].href",
            "U+0020",
        ),
        (
            r#"[{"text": "أ", "href": "mailto:nobody"}]"#,
            "blocks[0].text[0].href",
            "`@`",
        ),
        (
            r#"[{"text": "أ"}, {"note": " "}]"#,
            "blocks[0].text[1].note",
            "the note is empty",
        ),
        (
            r#"[{"text": "أ"}, {"note": [{"text": "ب"}, {"note": "ج"}]}]"#,
            "blocks[0].text[1].note[1].note",
            "cannot hold a note",
        ),
        (
            r#"[{"text": "أ", "note": "ب"}]"#,
            "blocks[0].text[0]",
            "not both",
        ),
        (
            r#"[{"lang": "en"}]"#,
            "blocks[0].text[0]",
            "needs `text` or `note`",
        ),
        (
            r#"[{"text": "أ", "mark": "*"}]"#,
            "blocks[0].text[0]",
            "needs `note`",
        ),
        (
            r#"[{"text": "أ"}, {"note": "ب", "href": "https://x.org/"}]"#,
            "blocks[0].text[1].href",
            "does not apply to a note",
        ),
        (
            r#"[{"note": "ب"}]"#,
            "blocks[0].text",
            "a note needs text to hang on",
        ),
    ];
    for (spans, path, what) in cases {
        let message = error_of(&with_spans(spans));
        assert!(
            message.contains(&format!("at `{path}`")),
            "{spans}: {message}"
        );
        assert!(message.contains(what), "{spans}: {message}");
        // Line and column of the JSON source: the text is on line 2.
        assert!(message.starts_with("2:"), "{spans}: {message}");
    }
    let masthead = r#"{"title": "ت", "masthead": {"organ": "م", "room": "5"}, "blocks": [{"kind": "paragraph", "text": "ن"}]}"#;
    let message = error_of(masthead);
    assert!(
        message.contains("at `masthead.room`") && message.contains("unknown field `room`"),
        "{message}"
    );
    let empty = r#"{"title": "ت", "masthead": {"meeting": [""]}, "blocks": [{"kind": "paragraph", "text": "ن"}]}"#;
    assert!(error_of(empty).contains("at `masthead.meeting[0]`"));
}

#[test]
fn notes_are_numbered_through_the_document_in_its_digits() {
    let json = std::fs::read_to_string(root().join("examples/notes/notes.json")).unwrap();
    let (doc, _) = warraq::parse_json(&json).unwrap();
    let labels: Vec<String> = warraq::model::semantics::notes(&doc)
        .into_iter()
        .map(|n| n.label)
        .collect();
    assert_eq!(labels, ["*", "١", "٢", "٣", "٤", "٥"]);
    let english = doc.clone().with_lang("en");
    let labels: Vec<String> = warraq::model::semantics::notes(&english)
        .into_iter()
        .map(|n| n.label)
        .collect();
    assert_eq!(labels, ["*", "1", "2", "3", "4", "5"]);
}

// ---------------------------------------------------------------------------
// Pagination of notes

/// The facts of a laid-out note: the page of its reference and every page
/// its lines are on, with their baselines.
struct NoteFacts {
    reference_page: usize,
    lines: Vec<(usize, usize, f32)>, // (page, line index in the note's text, y)
    label_page: Option<usize>,
}

fn note_facts(layout: &Layout) -> Vec<NoteFacts> {
    let count = layout
        .pieces
        .iter()
        .filter_map(|p| p.note)
        .max()
        .map_or(0, |m| m + 1);
    let mut out: Vec<NoteFacts> = (0..count)
        .map(|_| NoteFacts {
            reference_page: 0,
            lines: Vec::new(),
            label_page: None,
        })
        .collect();
    for page in &layout.pages {
        for placed in &page.lines {
            let piece = &layout.pieces[placed.piece];
            for (range, k) in &piece.refs {
                if placed.line.range.contains(&range.start) {
                    out[*k].reference_page = page.number;
                }
            }
            match (piece.role, piece.note) {
                (Role::NoteBody, Some(k)) => {
                    out[k].lines.push((page.number, placed.index, placed.y))
                }
                (Role::NoteLabel, Some(k)) => out[k].label_page = Some(page.number),
                _ => {}
            }
        }
    }
    out
}

/// What must hold of every layout with notes: a note starts on the page of
/// its reference, its label with its first line; its lines come in order,
/// on that page and the following ones, each page's notes below all its
/// body text and above the bottom margin, without overlapping.
fn check_notes(layout: &Layout) {
    let g = &layout.geometry;
    let limit = g.height - g.bottom + 0.01;
    for (k, note) in note_facts(layout).iter().enumerate() {
        assert!(
            note.reference_page > 0,
            "note {k}: its reference is on no page"
        );
        let first = note
            .lines
            .first()
            .unwrap_or_else(|| panic!("note {k} has no lines"));
        assert_eq!(first.1, 0, "note {k}: starts with line {}", first.1);
        assert_eq!(
            first.0, note.reference_page,
            "note {k}: starts on page {} but its reference is on page {}",
            first.0, note.reference_page
        );
        assert_eq!(
            note.label_page,
            Some(note.reference_page),
            "note {k}: its label"
        );
        for pair in note.lines.windows(2) {
            assert_eq!(pair[1].1, pair[0].1 + 1, "note {k}: lines out of order");
            assert!(
                pair[1].0 >= pair[0].0,
                "note {k}: a line on an earlier page"
            );
            assert!(
                pair[1].0 > pair[0].0 || pair[1].2 > pair[0].2,
                "note {k}: lines overlap"
            );
        }
    }
    for page in &layout.pages {
        let (mut body, mut notes) = (Vec::new(), Vec::new());
        for placed in &page.lines {
            let role = layout.pieces[placed.piece].role;
            assert!(
                placed.y <= limit,
                "page {}: a line below the text block ({})",
                page.number,
                placed.y
            );
            match role {
                Role::NoteBody => notes.push(placed.y),
                Role::NoteLabel => {}
                _ => body.push(placed.y),
            }
        }
        if let (Some(&low), Some(&top)) = (
            body.iter().max_by(|a, b| a.total_cmp(b)),
            notes.iter().min_by(|a, b| a.total_cmp(b)),
        ) {
            assert!(
                top - low >= 24.0,
                "page {}: notes at {top} under body text at {low}",
                page.number
            );
        }
    }
}

#[test]
fn a_note_too_long_for_its_page_continues_on_the_next() {
    let long = filler(60);
    let json = document(vec![
        paragraph(serde_json::json!(filler(8))),
        paragraph(serde_json::json!([{"text": filler(2)}, {"note": long}, {"text": " وانتهى."}])),
        paragraph(serde_json::json!(filler(20))),
    ]);
    let layout = lay_out(&json);
    check_notes(&layout);
    let facts = note_facts(&layout);
    let pages: std::collections::BTreeSet<usize> = facts[0].lines.iter().map(|l| l.0).collect();
    assert!(pages.len() >= 2, "the long note is on pages {pages:?} only");
    // The continuation opens the next page's notes, on its own.
    let next = *pages.iter().nth(1).unwrap();
    let page = &layout.pages[next - 1];
    let first_note_line = page
        .lines
        .iter()
        .find(|l| matches!(layout.pieces[l.piece].role, Role::NoteBody))
        .unwrap();
    assert_eq!(layout.pieces[first_note_line.piece].note, Some(0));
}

#[test]
fn many_notes_share_a_page() {
    let spans: Vec<serde_json::Value> = (0..14)
        .flat_map(|k| {
            [
                serde_json::json!({"text": format!("الجملة {k} من الفقرة")}),
                serde_json::json!({"note": format!("الحاشية {k}، وهي قصيرة.")}),
                serde_json::json!({"text": " "}),
            ]
        })
        .collect();
    let layout = lay_out(&document(vec![paragraph(serde_json::json!(spans))]));
    check_notes(&layout);
    let on_first = note_facts(&layout)
        .iter()
        .filter(|n| n.lines[0].0 == 1)
        .count();
    assert_eq!(on_first, 14, "all fourteen notes on the first page");
}

#[test]
fn a_reference_on_the_last_line_of_a_page_keeps_its_note() {
    // Move a paragraph with a note down the page a line at a time until its
    // reference falls on the last body line of a page (or a page break
    // moves the line): every layout on the way keeps the rules.
    let mut on_last_line = 0;
    for words in (0..200).step_by(4) {
        let before = (0..words).map(|_| "كلمة").collect::<Vec<_>>().join(" ");
        let json = document(vec![
            paragraph(serde_json::json!(filler(24))),
            paragraph(serde_json::json!(format!("{before} نهاية."))),
            // The reference at the end of the paragraph: a page may break
            // after it (not inside a paragraph's first or last two lines).
            paragraph(serde_json::json!([{"text": filler(3)}, {"note": filler(3)}, {"text": "."}])),
            paragraph(serde_json::json!(filler(30))),
        ]);
        let layout = lay_out(&json);
        check_notes(&layout);
        let facts = note_facts(&layout);
        let page = &layout.pages[facts[0].reference_page - 1];
        let last_body = page
            .lines
            .iter()
            .filter(|l| {
                !matches!(
                    layout.pieces[l.piece].role,
                    Role::NoteBody | Role::NoteLabel
                )
            })
            .max_by(|a, b| a.y.total_cmp(&b.y))
            .unwrap();
        let piece = &layout.pieces[last_body.piece];
        if piece
            .refs
            .iter()
            .any(|(r, _)| last_body.line.range.contains(&r.start))
        {
            on_last_line += 1;
        }
    }
    assert!(
        on_last_line > 0,
        "no layout put the reference on the last line of its page"
    );
}

#[test]
fn the_layout_dump_shows_notes_references_links_and_rules() {
    let json = std::fs::read_to_string(root().join("examples/notes/notes.json")).unwrap();
    let (doc, _) = warraq::parse_json(&json).unwrap();
    let fonts = FontBook::bundled();
    let layout = warraq::lay_out(&doc, &fonts, &Default::default()).unwrap();
    let dump: serde_json::Value =
        serde_json::from_str(&warraq::dump_json(&layout, &fonts)).unwrap();
    let lines: Vec<&serde_json::Value> = dump["pages"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["lines"].as_array().unwrap())
        .collect();
    let notes: std::collections::BTreeSet<u64> =
        lines.iter().filter_map(|l| l["note"].as_u64()).collect();
    assert_eq!(notes.len(), 6);
    let refs: usize = lines
        .iter()
        .filter_map(|l| l["refs"].as_array())
        .map(Vec::len)
        .sum();
    assert_eq!(refs, 6);
    let links: Vec<&str> = lines
        .iter()
        .filter_map(|l| l["links"].as_array())
        .flatten()
        .filter_map(|h| h.as_str())
        .collect();
    assert!(links.contains(&"mailto:unodc-htmss@un.org"), "{links:?}");
    assert!(
        dump["pages"][0]["rules"]
            .as_array()
            .is_some_and(|r| r.len() > 40),
        "rules and bars on page 1"
    );
}

// ---------------------------------------------------------------------------
// The first page

#[test]
fn the_first_page_carries_the_masthead_and_no_running_header() {
    let json = std::fs::read_to_string(root().join("examples/notes/notes.json")).unwrap();
    let layout = lay_out(&json);
    let first = &layout.pages[0];
    let roles: Vec<Role> = first
        .lines
        .iter()
        .map(|l| layout.pieces[l.piece].role)
        .collect();
    let title = roles
        .iter()
        .position(|r| *r == Role::Title)
        .expect("the title on page 1");
    assert_eq!(&roles[..2], &[Role::Organisation, Role::Symbol]);
    assert!(
        roles[2..title]
            .iter()
            .all(|r| matches!(r, Role::Masthead(_))),
        "{roles:?}"
    );
    let texts: Vec<&str> = first.lines[..title]
        .iter()
        .map(|l| &layout.pieces[l.piece].text[l.line.range.clone()])
        .collect();
    for want in [
        "الأمم المتحدة",
        "CTOC/COP/WG.4/2019/2",
        "التوزيع: عام",
        "العربية",
        "الأصل: الإنكليزية",
        "البند ٢ من جدول الأعمال المؤقَّت",
    ] {
        assert!(
            texts.iter().any(|t| t.trim_end() == want),
            "{want} not in {texts:?}"
        );
    }
    // Above the title, in the masthead's order: the band, then the columns.
    let y = |k: usize| first.lines[k].y;
    assert!(y(0) < y(2) && y(2) < y(title), "masthead above the title");
    let furniture: Vec<Role> = first
        .furniture
        .iter()
        .map(|l| layout.pieces[l.piece].role)
        .collect();
    assert_eq!(furniture, [Role::Footer], "page 1: the footer only");
    let footer = &layout.pieces[first.furniture[0].piece].text;
    assert_eq!(footer, "V.19-05611 (A)");
    let second = &layout.pages[1];
    assert!(second
        .furniture
        .iter()
        .any(|l| layout.pieces[l.piece].role == Role::Header));
}

#[test]
fn a_document_without_a_masthead_keeps_its_running_header_on_page_one() {
    let json = std::fs::read_to_string(root().join("examples/un-report/report.json")).unwrap();
    let (mut doc, _) = warraq::parse_json(&json).unwrap();
    doc.masthead = None;
    let layout = warraq::lay_out(&doc, &FontBook::bundled(), &Default::default()).unwrap();
    let first = &layout.pages[0];
    assert_eq!(layout.pieces[first.lines[0].piece].role, Role::Title);
    assert!(first
        .furniture
        .iter()
        .any(|l| layout.pieces[l.piece].role == Role::Header));
    assert!(first.rules.is_empty());
}

/// The barcode read back by an independent decoder (ZBar) from the
/// rendered first page: the job number's digits.
#[test]
fn the_barcode_decodes_to_the_job_number() {
    let pdf = render_pdf_file("examples/notes/notes.json");
    let png = pdf.with_extension("page1");
    let status = Command::new("pdftoppm")
        .args(["-r", "200", "-png", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&pdf)
        .arg(&png)
        .status()
        .unwrap_or_else(|_| tool_missing("pdftoppm (poppler-utils)"));
    assert!(status.success());
    let out = Command::new("zbarimg")
        .args(["-q", "--raw"])
        .arg(png.with_extension("page1.png"))
        .output()
        .unwrap_or_else(|_| tool_missing("zbarimg (zbar-tools)"));
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        text.trim(),
        "1905611",
        "zbarimg read {text:?} ({})",
        String::from_utf8_lossy(&out.stderr)
    );
}

// ---------------------------------------------------------------------------
// The PDF: structure tree and annotations, read with pikepdf

const STRUCTURE: &str = r#"
import json, sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
root = pdf.Root.StructTreeRoot
nums = list(root.ParentTree.Nums)
parent_of = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
out = {"notes": [], "references": 0, "reference_links": 0, "links": [], "annots": []}
def text_of(e):
    return ""
def walk(e, parent):
    s = str(e.get("/S"))
    kids = e.get("/K")
    kids = list(kids) if isinstance(kids, pikepdf.Array) else ([] if kids is None else [kids])
    if s == "/Note":
        out["notes"].append({"id": bytes(e.ID).decode(), "kids": [str(k.get("/S")) for k in kids if isinstance(k, pikepdf.Dictionary) and "/S" in k], "parent": str(parent.get("/S"))})
    if s == "/Reference":
        out["references"] += 1
        lbl = [k for k in kids if isinstance(k, pikepdf.Dictionary) and k.get("/S") == "/Lbl"]
        inner = lbl[0].get("/K") if lbl else None
        inner = list(inner) if isinstance(inner, pikepdf.Array) else [inner]
        out["reference_links"] += sum(1 for k in inner if isinstance(k, pikepdf.Dictionary) and k.get("/S") == "/Link")
    if s == "/Link":
        objr = [k for k in kids if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR"]
        mcs = [k for k in kids if isinstance(k, int) or (isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/MCR")]
        out["links"].append({"objr": len(objr), "mc": len(mcs), "ok": all(parent_of[int(o.Obj.StructParent)].objgen == e.objgen for o in objr)})
    for k in kids:
        if isinstance(k, pikepdf.Dictionary) and "/S" in k:
            walk(k, e)
walk(root.K[0], root)
pages = [p.obj.objgen for p in pdf.pages]
for n, page in enumerate(pdf.pages):
    for a in page.obj.get("/Annots", []):
        out["annots"].append({"subtype": str(a.Subtype), "uri": str(a.A.URI) if "/A" in a else None,
            "dest_page": pages.index(a.Dest[0].objgen) + 1 if "/Dest" in a else None, "page": n + 1,
            "contents": str(a.Contents), "border": [int(x) for x in a.Border], "flags": int(a.F), "sp": "/StructParent" in a})
print(json.dumps(out, ensure_ascii=False))
"#;

#[test]
fn notes_and_links_are_tagged_and_annotated() {
    let pdf = render_pdf_file("examples/notes/notes.json");
    let py = python().unwrap_or_else(|| tool_missing("the validator venv (pikepdf)"));
    let out = Command::new(py)
        .arg("-c")
        .arg(STRUCTURE)
        .arg(&pdf)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let notes = v["notes"].as_array().unwrap();
    assert_eq!(notes.len(), 6, "{v}");
    let ids: std::collections::BTreeSet<&str> =
        notes.iter().map(|n| n["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 6, "unique /ID");
    for n in notes {
        assert_eq!(n["kids"], serde_json::json!(["/Lbl", "/P"]), "{n}");
    }
    assert_eq!(v["references"], 6);
    // Each mark is Reference → Lbl → Link, the Link to its note.
    assert_eq!(v["reference_links"], 6, "{v}");
    // Each link (three URIs, six marks): its text's marked content and one
    // OBJR per annotation, whose /StructParent leads back to it.
    let links = v["links"].as_array().unwrap();
    assert_eq!(links.len(), 9, "{v}");
    for l in links {
        assert!(
            l["mc"].as_u64().unwrap() >= 1 && l["objr"].as_u64().unwrap() >= 1,
            "{l}"
        );
        assert_eq!(l["ok"], true, "{l}");
    }
    let annots = v["annots"].as_array().unwrap();
    let uris: Vec<&str> = annots.iter().filter_map(|a| a["uri"].as_str()).collect();
    // A mark's link leads to its note, which is on the mark's page.
    let to_notes: Vec<&serde_json::Value> = annots.iter().filter(|a| a["uri"].is_null()).collect();
    assert_eq!(to_notes.len(), 6, "{v}");
    for a in &to_notes {
        assert_eq!(a["dest_page"], a["page"], "{a}");
    }
    for want in [
        "https://www.unodc.org/unodc/en/data-and-analysis/glotip.html",
        "mailto:unodc-htmss@un.org",
        "https://www.unodc.org/unodc/en/human-trafficking/publications.html",
    ] {
        assert!(uris.contains(&want), "{want} not in {uris:?}");
    }
    for a in annots {
        assert_eq!(a["subtype"], "/Link");
        assert_eq!(a["border"], serde_json::json!([0, 0, 0]), "no box");
        assert_eq!(a["flags"], 4, "printable");
        assert_eq!(a["sp"], true);
    }
    let contents: Vec<&str> = annots
        .iter()
        .map(|a| a["contents"].as_str().unwrap())
        .collect();
    assert!(contents.contains(&"unodc-htmss@un.org"), "{contents:?}");
    // A mark's link says which note it leads to: its label and text.
    assert!(
        contents.contains(
            &"٤ يشمل ذلك تدريب موظفي الحدود والعاملين في المجال الإنساني على مؤشرات الاتِّجار."
        ),
        "{contents:?}"
    );
}

/// A full page with notes is balanced down to them (issue 16): on the
/// notes example's first page the body's last baseline is 24 pt (the
/// notes' separation) above the first note's, within 1 pt; the page ended
/// 52 pt higher before.
#[test]
fn a_full_page_with_notes_ends_just_above_them() {
    let json = std::fs::read_to_string("examples/notes/notes.json").unwrap();
    let (doc, _) = warraq::parse_json(&json).unwrap();
    let fonts = warraq::FontBook::bundled();
    let layout = warraq::lay_out(&doc, &fonts, &Default::default()).unwrap();
    assert!(layout.pages.len() > 1, "the example has a full page");
    let page = &layout.pages[0];
    let role = |l: &&warraq::layout::PlacedLine| layout.pieces[l.piece].role;
    let (notes, body): (Vec<_>, Vec<_>) = page
        .lines
        .iter()
        .partition(|l| matches!(role(l), Role::NoteBody | Role::NoteLabel));
    let first_note = notes.iter().map(|l| l.y).fold(f32::INFINITY, f32::min);
    let last_body = body.iter().map(|l| l.y).fold(0.0, f32::max);
    assert!(
        (first_note - last_body - 24.0).abs() <= 1.0,
        "body ends at {last_body:.1}, the notes start at {first_note:.1}"
    );
}
