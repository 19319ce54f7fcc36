//! Tables and figures (issue 14): located model errors (as data,
//! tests/fixtures/tables/errors.json), image errors (each file in
//! tests/fixtures/tables/), the layout dump's cells and figures, the
//! structure tree's tags (tests/fixtures/tables/tables.structure.txt,
//! `UPDATE=1` rewrites it), the EPUB's markup, and determinism, on
//! examples/tables/tables.json.

mod common;

use std::sync::OnceLock;

use common::{root, temp_dir};
use lopdf::{Document, Object, ObjectId};
use serde_json::{json, Value};
use warraq::error::Error;

const EXAMPLE: &str = "examples/tables/tables.json";
const ERRORS: &str = "tests/fixtures/tables/errors.json";
const STRUCTURE: &str = "tests/fixtures/tables/tables.structure.txt";

fn doc_with(block: Value) -> String {
    json!({"title": "جداول", "blocks": [block]}).to_string()
}

/// The example, laid out once, with its PDF and EPUB.
struct Example {
    doc: warraq::Document,
    fonts: warraq::FontBook,
    layout: warraq::Layout,
    pdf: Vec<u8>,
    epub: Vec<u8>,
}

fn render_example() -> Example {
    let path = root().join(EXAMPLE);
    let json = std::fs::read_to_string(&path).unwrap();
    let (doc, warnings) = warraq::parse_json(&json).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    let fonts = warraq::FontBook::bundled();
    let options = warraq::LayoutOptions {
        images: warraq::Images::load(&doc, path.parent().unwrap()).unwrap(),
        ..Default::default()
    };
    let layout = warraq::lay_out(&doc, &fonts, &options).unwrap();
    let pdf = warraq::write_pdf(&doc, &fonts, &layout, &Default::default()).unwrap();
    let epub = warraq::write_epub(&doc, &fonts, &layout, &Default::default()).unwrap();
    Example {
        doc,
        fonts,
        layout,
        pdf,
        epub,
    }
}

fn example() -> &'static Example {
    static EXAMPLE: OnceLock<Example> = OnceLock::new();
    EXAMPLE.get_or_init(render_example)
}

#[test]
fn every_broken_table_or_figure_is_located() {
    let cases: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(root().join(ERRORS)).unwrap()).unwrap();
    assert!(cases.len() >= 15);
    let mut failures = Vec::new();
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let want_path = case["path"].as_str().unwrap();
        let want = case["message"].as_str().unwrap();
        match warraq::parse_json(&doc_with(case["block"].clone())) {
            Ok(_) => failures.push(format!("{name}: accepted")),
            Err(e) => {
                let mut e = e;
                let path = e.location_mut().map(|l| l.path.clone()).unwrap_or_default();
                let shown = e.to_string();
                if path != want_path || !shown.contains(want) {
                    failures.push(format!(
                        "{name}: got `{path}`: {shown}\n  want `{want_path}`: …{want}…"
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_figure_without_alt_is_a_json_error_at_its_block() {
    let err = warraq::parse_json(&doc_with(json!({"kind": "figure", "src": "a.png"}))).unwrap_err();
    let shown = err.to_string();
    assert!(
        shown.contains("alt") && shown.contains("blocks[0]"),
        "{shown}"
    );
}

/// The error of loading `file` (in tests/fixtures/tables) as a figure's image.
fn image_error(file: &str) -> String {
    let json = doc_with(json!({"kind": "figure", "src": file, "alt": "صورة"}));
    let (doc, _) = warraq::parse_json(&json).unwrap();
    let dir = root().join("tests/fixtures/tables");
    match warraq::Images::load(&doc, &dir) {
        Ok(_) => panic!("{file} loaded"),
        Err(e @ Error::Image { .. }) => {
            let shown = e.to_string();
            assert!(shown.starts_with("at `blocks[0].src`: image "), "{shown}");
            assert!(shown.contains(file), "{shown}");
            assert_eq!(e.exit_code(), 2);
            shown
        }
        Err(other) => panic!("{file}: not an image error: {other}"),
    }
}

#[test]
fn image_errors_name_the_file_the_figure_and_the_fault() {
    let cases = [
        ("missing.png", "cannot be read"),
        ("truncated.png", "corrupt PNG"),
        ("truncated.jpg", "corrupt JPEG"),
        ("tiny.gif", "unsupported format: the file is GIF"),
        ("not-an-image.png", "unsupported format: the file is SVG"),
        ("cmyk.jpg", "unsupported JPEG: 4 colour components"),
        (
            "huge.png",
            "10000×5000 pixels, over the limit of 40000000 pixels",
        ),
    ];
    for (file, want) in cases {
        let shown = image_error(file);
        assert!(shown.contains(want), "{file}: {shown}");
    }
}

#[test]
fn an_image_over_the_byte_limit_is_refused_before_decoding() {
    let mut images = warraq::Images::default();
    let bytes = vec![0u8; warraq::limits::MAX_IMAGE_BYTES + 1];
    let shown = images.add("big.png", bytes).unwrap_err().to_string();
    assert!(shown.contains("the limit is 33554432 bytes"), "{shown}");
}

#[test]
fn a_figure_whose_image_was_not_loaded_is_a_located_error() {
    let json = doc_with(json!({"kind": "figure", "src": "chart.png", "alt": "رسم"}));
    let (doc, _) = warraq::parse_json(&json).unwrap();
    let fonts = warraq::FontBook::bundled();
    let mut err = warraq::lay_out(&doc, &fonts, &Default::default()).unwrap_err();
    assert_eq!(err.location_mut().unwrap().path, "blocks[0].src");
    assert!(err.to_string().contains("not loaded"), "{err}");
}

/// `warraq ARGS` run in `dir`.
fn cli_in(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_warraq"))
        .current_dir(dir)
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1569196800")
        .output()
        .expect("the binary runs")
}

#[test]
fn the_cli_reads_the_images_beside_the_document_from_any_directory() {
    let dir = temp_dir("tables-cli");
    let example = root().join(EXAMPLE);
    let out = cli_in(
        &dir,
        &[
            "render",
            example.to_str().unwrap(),
            "--pdf",
            "t.pdf",
            "--epub",
            "t.epub",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let epub = std::fs::read(dir.join("t.epub")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(epub)).unwrap();
    assert_eq!(
        zip.by_name("OEBPS/images/figure-2.jpg").unwrap().size(),
        4815
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_image_error_in_the_cli_exits_2_names_the_place_and_writes_nothing() {
    let dir = temp_dir("tables-cli-error");
    let json = doc_with(json!({"kind": "figure", "src": "missing.png", "alt": "صورة"}));
    std::fs::write(dir.join("doc.json"), json).unwrap();
    let out = cli_in(
        &dir,
        &[
            "render", "doc.json", "--pdf", "out.pdf", "--epub", "out.epub",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    for want in ["doc.json", "blocks[0].src", "missing.png", "cannot be read"] {
        assert!(err.contains(want), "{want} not in: {err}");
    }
    assert!(!dir.join("out.pdf").exists() && !dir.join("out.epub").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

fn dump() -> Value {
    let e = example();
    serde_json::from_str(&warraq::dump_json_of(&e.layout, &e.fonts, &e.doc)).unwrap()
}

/// The cells of block `b` in the dump, each with its page.
fn cells_of(dump: &Value, b: u64) -> Vec<(u64, Value)> {
    let mut out = Vec::new();
    for page in dump["pages"].as_array().unwrap() {
        for cell in page["cells"].as_array().into_iter().flatten() {
            if cell["block"] == b {
                out.push((page["number"].as_u64().unwrap(), cell.clone()));
            }
        }
    }
    out
}

#[test]
fn the_long_table_breaks_between_rows_and_repeats_its_header() {
    let dump = dump();
    let cells = cells_of(&dump, 2);
    let pages: std::collections::BTreeSet<u64> = cells.iter().map(|(p, _)| *p).collect();
    assert_eq!(pages.len(), 2, "table 1 is on two pages: {pages:?}");
    let second = *pages.iter().nth(1).unwrap();
    // Every cell of the document once as content, in reading order.
    let content: Vec<&Value> = cells
        .iter()
        .filter(|(_, c)| c.get("repeated").is_none())
        .map(|(_, c)| c)
        .collect();
    let Value::Array(rows) = &example_json()["blocks"][2]["rows"] else {
        panic!("rows")
    };
    assert_eq!(
        content.len(),
        rows.iter()
            .map(|r| r.as_array().unwrap().len())
            .sum::<usize>()
    );
    for (k, cell) in content.iter().enumerate() {
        let (r, c) = (k / 3, k % 3);
        assert_eq!(
            (cell["row"].as_u64(), cell["col"].as_u64()),
            (Some(r as u64), Some(c as u64))
        );
        let text: Vec<&str> = cell["text"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        assert_eq!(text.concat(), rows[r][c].as_str().unwrap(), "cell {r},{c}");
    }
    // The header row again at the top of the second page, as furniture.
    let repeated: Vec<&Value> = cells
        .iter()
        .filter(|(p, c)| *p == second && c.get("repeated").is_some())
        .map(|(_, c)| c)
        .collect();
    assert_eq!(repeated.len(), 3);
    assert!(repeated
        .iter()
        .all(|c| c["row"] == 0 && c["header"] == true));
    let first_body = cells
        .iter()
        .find(|(p, c)| *p == second && c.get("repeated").is_none())
        .unwrap();
    let top = |c: &Value| c["rect"][1].as_f64().unwrap();
    assert!(
        top(repeated[0]) < top(&first_body.1),
        "the header is above the rows"
    );
    // Its lines are not content lines of the page.
    let page = &dump["pages"][(second - 1) as usize];
    let header_text = repeated[0]["text"][0].as_str().unwrap();
    assert!(!page["lines"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["text"] == header_text));
}

fn example_json() -> Value {
    serde_json::from_str(&std::fs::read_to_string(root().join(EXAMPLE)).unwrap()).unwrap()
}

#[test]
fn columns_run_right_to_left_and_numbers_align_at_the_end() {
    let dump = dump();
    let cells = cells_of(&dump, 6); // the budget table
    let row1: Vec<&Value> = cells
        .iter()
        .map(|(_, c)| c)
        .filter(|c| c["row"] == 1)
        .collect();
    let x = |c: &Value| c["rect"][0].as_f64().unwrap();
    for pair in row1.windows(2) {
        assert!(
            x(pair[0]) > x(pair[1]),
            "column {} is right of the next",
            pair[0]["col"]
        );
    }
    // A number's line starts at its box's left edge plus the padding (the
    // end edge in Arabic); a word's ends at the right edge.
    let page = dump["pages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| {
            p["cells"]
                .as_array()
                .is_some_and(|c| c.iter().any(|c| c["block"] == 6))
        })
        .unwrap();
    let line_of = |text: &str| {
        page["lines"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["text"] == text)
            .unwrap_or_else(|| panic!("no line {text}"))
            .clone()
    };
    let number = line_of("١٢ ٤٥٠");
    let number_box = row1.iter().find(|c| c["text"][0] == "١٢ ٤٥٠").unwrap();
    let pad = number["x"].as_f64().unwrap() - x(number_box);
    assert!(
        (pad - 4.0).abs() < 0.01,
        "the number sits at the box's left: {pad}"
    );
    let word = line_of("الوظائف");
    let word_box = row1.iter().find(|c| c["text"][0] == "الوظائف").unwrap();
    let right = x(word_box) + word_box["rect"][2].as_f64().unwrap();
    let gap = right - (word["x"].as_f64().unwrap() + word["width"].as_f64().unwrap());
    assert!(
        (gap - 4.0).abs() < 0.01,
        "the word ends at the box's right: {gap}"
    );
}

#[test]
fn spans_make_boxes_that_cover_their_columns_and_rows() {
    let dump = dump();
    let cells = cells_of(&dump, 5);
    let find = |text: &str| {
        cells
            .iter()
            .map(|(_, c)| c)
            .find(|c| c["text"].as_array().unwrap().iter().any(|t| t == text))
            .unwrap_or_else(|| panic!("no cell {text}"))
    };
    let h = |c: &Value| c["rect"][3].as_f64().unwrap();
    let w = |c: &Value| c["rect"][2].as_f64().unwrap();
    let wide = find("عدد الضحايا");
    assert_eq!(
        (wide["colspan"].as_u64(), wide["col"].as_u64()),
        (Some(2), Some(1))
    );
    let (y2017, y2018) = (find("٢٠١٧"), find("٢٠١٨"));
    assert!((w(wide) - w(y2017) - w(y2018)).abs() < 0.01);
    let tall = find("المنطقة");
    assert_eq!(tall["rowspan"].as_u64(), Some(2));
    assert!((h(tall) - h(wide) - h(y2017)).abs() < 0.01);
    assert_eq!(find("آسيا والمحيط الهادئ")["rowspan"].as_u64(), Some(2));
}

#[test]
fn figures_are_centred_sized_and_kept_with_their_captions() {
    let dump = dump();
    let geometry = &example().layout.geometry;
    let measure = geometry.text_width() as f64;
    let mut seen = 0;
    for page in dump["pages"].as_array().unwrap() {
        for f in page["figures"].as_array().into_iter().flatten() {
            seen += 1;
            let rect: Vec<f64> = f["rect"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_f64().unwrap())
                .collect();
            let centre = rect[0] + rect[2] / 2.0;
            assert!((centre - geometry.width as f64 / 2.0).abs() < 0.01);
            let width = match f["src"].as_str().unwrap() {
                "chart.png" => 0.45 * measure,
                "map.jpg" => 400.0 * 0.75, // natural size: 96 px to the inch
                other => panic!("{other}"),
            };
            assert!((rect[2] - width).abs() < 0.01, "{}: {}", f["src"], rect[2]);
            let caption = page["lines"]
                .as_array()
                .unwrap()
                .iter()
                .find(|l| l["block"] == f["block"] && l["role"] == "caption")
                .unwrap_or_else(|| panic!("the caption of {} is on its page", f["src"]));
            assert!(caption["y"].as_f64().unwrap() > rect[1] + rect[3]);
        }
    }
    assert_eq!(seen, 2);
}

/// `json` laid out with the bundled fonts.
fn lay_out_json(json: &str) -> warraq::Layout {
    let (doc, _) = warraq::parse_json(json).unwrap();
    warraq::lay_out(&doc, &warraq::FontBook::bundled(), &Default::default()).unwrap()
}

/// The placed lines of piece `piece`, page after page.
fn lines_of(
    layout: &warraq::Layout,
    piece: usize,
) -> impl Iterator<Item = &warraq::layout::PlacedLine> {
    layout
        .pages
        .iter()
        .flat_map(|p| &p.lines)
        .filter(move |l| l.piece == piece)
}

#[test]
fn a_row_taller_than_a_page_breaks_inside_its_cells() {
    let long = "كلمة ".repeat(1500);
    let json =
        json!({"title": "جدول طويل", "blocks": [{"kind": "table", "header_rows": 1, "rows": [
            ["البند", "النص"],
            ["أ", long.trim_end()],
            ["ب", "نهاية"]
        ]}]})
        .to_string();
    let (doc, _) = warraq::parse_json(&json).unwrap();
    let fonts = warraq::FontBook::bundled();
    let layout = warraq::lay_out(&doc, &fonts, &Default::default()).unwrap();
    let dump: Value = serde_json::from_str(&warraq::dump_json_of(&layout, &fonts, &doc)).unwrap();
    let g = &layout.geometry;
    let bottom = (g.height - g.bottom) as f64;
    let mut lines = 0;
    let mut pages = 0;
    for page in dump["pages"].as_array().unwrap() {
        let cells = page["cells"].as_array().cloned().unwrap_or_default();
        if cells.iter().any(|c| c["path"] == "blocks[0].rows[1][1]") {
            pages += 1;
        }
        for cell in &cells {
            let r = &cell["rect"];
            assert!(
                r[1].as_f64().unwrap() + r[3].as_f64().unwrap() <= bottom + 0.01,
                "a box below the text block"
            );
        }
        for l in page["lines"].as_array().unwrap() {
            assert!(
                l["y"].as_f64().unwrap() <= bottom,
                "a line below the text block"
            );
            if l["role"] == "cell" && l["text"].as_str().unwrap().starts_with("كلمة") {
                lines += 1;
            }
        }
        // The header row is repeated on every page after the first.
        if page["number"] != 1 {
            assert!(
                cells.iter().any(|c| c.get("repeated").is_some()),
                "page {}",
                page["number"]
            );
        }
    }
    let piece = layout
        .pieces
        .iter()
        .position(|p| p.path == "blocks[0].rows[1][1]")
        .unwrap();
    let set = lines_of(&layout, piece).count();
    assert!(pages >= 2, "the long cell is on {pages} page(s)");
    assert_eq!(lines, set, "every line of the cell once");
}

/// Rows that a cell spans, together taller than a page: before, they were
/// kept on one page and the spanning cell ran off its foot (its lines
/// below the bottom margin, past the page's edge). Now its lines are dealt
/// to its rows, which break like any row: every line lands inside the text
/// block, once, in order, and the other cells keep their rows.
#[test]
fn rows_a_cell_spans_taller_than_a_page_break_inside_the_span() {
    let long = "نص طويل في خلية تمتد على عدة صفوف ".repeat(120);
    let json = json!({"title": "جدول", "blocks": [
        {"kind": "paragraph", "text": "فقرة قبل الجدول."},
        {"kind": "table", "header_rows": 1, "rows": [
            ["العمود الأول", "العمود الثاني"],
            [{"text": long.trim_end(), "rowspan": 3}, "صف ١"],
            ["صف ٢"],
            ["صف ٣"],
            ["أ", "ب"]
        ]}
    ]})
    .to_string();
    let layout = lay_out_json(&json);
    let g = &layout.geometry;
    let bottom = g.height - g.bottom;
    let piece = |path: &str| layout.pieces.iter().position(|p| p.path == path).unwrap();
    let span = piece("blocks[1].rows[1][0]");
    let mut seen = Vec::new();
    let mut pages = std::collections::BTreeSet::new();
    for (k, page) in layout.pages.iter().enumerate() {
        for l in &page.lines {
            assert!(
                l.y <= bottom + 0.01,
                "p. {}: a line below the text block",
                k + 1
            );
            if l.piece == span {
                seen.push(l.index);
                pages.insert(k);
            }
        }
        for c in &page.cells {
            let r = &c.rect;
            assert!(
                r.y + r.height <= bottom + 0.01,
                "p. {}: a box below the text block",
                k + 1
            );
        }
    }
    let text_end = layout.pieces[span].text.len();
    assert!(
        pages.len() >= 2,
        "the spanning cell is on {} page(s)",
        pages.len()
    );
    assert_eq!(
        seen,
        (0..seen.len()).collect::<Vec<_>>(),
        "every line once, in order"
    );
    let last = lines_of(&layout, span).last();
    assert_eq!(
        last.map(|l| l.line.range.end),
        Some(text_end),
        "the cell's text to its end"
    );
    // The rows' own cells are placed too.
    for (row, text) in [(1, "صف ١"), (2, "صف ٢"), (3, "صف ٣")] {
        let p = piece(&format!(
            "blocks[1].rows[{row}][{}]",
            if row == 1 { 1 } else { 0 }
        ));
        assert_eq!(layout.pieces[p].text, text);
        let placed = lines_of(&layout, p).count();
        assert!(placed >= 1, "{text} is placed");
    }
}

#[test]
fn same_input_same_bytes() {
    let again = render_example();
    assert!(again.pdf == example().pdf, "two PDFs differ");
    assert!(again.epub == example().epub, "two EPUBs differ");
}

#[test]
fn the_epub_writes_tables_and_figures_with_their_semantics() {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&example().epub)).unwrap();
    let mut read = |name: &str| {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut s).unwrap();
        s
    };
    let opf = read("OEBPS/content.opf");
    assert!(
        opf.contains(r#"href="images/figure-1.png" media-type="image/png""#),
        "{opf}"
    );
    assert!(
        opf.contains(r#"href="images/figure-2.jpg" media-type="image/jpeg""#),
        "{opf}"
    );
    let all: String = ["s01", "s02", "s03"]
        .iter()
        .map(|s| read(&format!("OEBPS/{s}.xhtml")))
        .collect();
    for want in [
        "<caption>الجدول ١ - الدول المشاركة وعدد ممثِّليها</caption>",
        r#"<thead><tr><th scope="col" class="start">الدولة</th>"#,
        r#"<th scope="col" rowspan="2" class="start">المنطقة</th>"#,
        r#"<th scope="col" colspan="2" class="center">عدد الضحايا</th>"#,
        r#"<td class="end"><span dir="ltr">١٢ ٤٥٠</span></td>"#,
        r#"<th scope="col" class="end">٢٠١٩</th>"#,
        r#"<tr><th scope="row" class="start">الوظائف</th>"#,
        r#"<img src="images/figure-1.png" alt="رسم بياني بالأعمدة"#,
        r#"style="width: 45.0%""#,
        "<figcaption>الشكل ٢ - المناطق التي زارها الفريق</figcaption>",
    ] {
        assert!(all.contains(want), "the EPUB lacks {want}");
    }
    assert_eq!(
        zip.by_name("OEBPS/images/figure-2.jpg").unwrap().size(),
        4815
    );
}

#[test]
fn the_structure_tree_has_the_table_and_figure_tags() {
    let dump = structure_dump(&example().pdf);
    for want in [
        "Table\n    Caption\n",
        "THead\n      TR\n        TH /O /Table /Scope /Column\n",
        "TH /O /Table /Scope /Column /RowSpan 2",
        "TH /O /Table /Scope /Column /ColSpan 2",
        "TD /O /Table /RowSpan 2",
        // Table 3's items head their rows.
        "TR\n        TH /O /Table /Scope /Row\n",
        "Figure /Alt \"رسم بياني بالأعمدة",
        "/O /Layout /BBox [",
        "/Placement /Block",
    ] {
        assert!(
            dump.contains(want),
            "the structure dump lacks {want:?}:\n{dump}"
        );
    }
    // The table's 47 rows once each (the repeated header is an artifact).
    let table = &dump[dump.find("Table").unwrap()..];
    let table = &table[..table[5..].find("\n  Table").unwrap()];
    assert_eq!(table.matches("TR\n").count(), 47);
    let expected_path = root().join(STRUCTURE);
    if std::env::var("UPDATE").as_deref() == Ok("1") {
        std::fs::write(&expected_path, &dump).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&expected_path)
        .unwrap_or_else(|_| panic!("{STRUCTURE} missing: run with UPDATE=1"));
    if dump != expected {
        let first = dump.lines().zip(expected.lines()).position(|(a, b)| a != b);
        panic!(
            "the structure tree differs from {STRUCTURE} at line {:?} (UPDATE=1 to accept):\n{}",
            first.map(|k| k + 1),
            first.map_or(String::new(), |k| format!(
                "  got:      {:?}\n  expected: {:?}",
                dump.lines().nth(k),
                expected.lines().nth(k)
            ))
        );
    }
}

// ---------------------------------------------------------------------------
// The structure dump: tags with their attributes, and the text of their
// marked content (as written: the visual order of each line).

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(id) => doc.get_object(*id).unwrap(),
        other => other,
    }
}

fn to_unicode(doc: &Document, font: &lopdf::Dictionary) -> std::collections::BTreeMap<u16, String> {
    let mut map = std::collections::BTreeMap::new();
    let Ok(id) = font.get(b"ToUnicode").and_then(Object::as_reference) else {
        return map;
    };
    let Ok(Object::Stream(s)) = doc.get_object(id) else {
        return map;
    };
    let data = s
        .decompressed_content()
        .unwrap_or_else(|_| s.content.clone());
    let text = String::from_utf8_lossy(&data);
    for line in text.lines() {
        let hex: Vec<&str> = line
            .split(['<', '>'])
            .map(str::trim)
            .filter(|t| !t.is_empty() && t.chars().all(|c| c.is_ascii_hexdigit()))
            .collect();
        if hex.len() == 2 {
            let cid = u16::from_str_radix(hex[0], 16).unwrap_or(0);
            let units: Vec<u16> = (0..hex[1].len() / 4)
                .map(|k| u16::from_str_radix(&hex[1][k * 4..k * 4 + 4], 16).unwrap_or(0))
                .collect();
            map.insert(cid, String::from_utf16_lossy(&units));
        }
    }
    map
}

/// The text of each marked content, by (page, MCID).
fn marked_text(doc: &Document) -> std::collections::BTreeMap<(ObjectId, i64), String> {
    let mut out = std::collections::BTreeMap::new();
    for (_, page) in doc.get_pages() {
        let fonts: std::collections::BTreeMap<Vec<u8>, _> = doc
            .get_page_fonts(page)
            .unwrap()
            .into_iter()
            .map(|(name, dict)| (name, to_unicode(doc, dict)))
            .collect();
        let content = lopdf::content::Content::decode(&doc.get_page_content(page)).unwrap();
        let mut font = None;
        let mut stack: Vec<Option<i64>> = Vec::new();
        for op in &content.operations {
            match op.operator.as_str() {
                "BDC" => stack.push(op.operands.get(1).and_then(|p| match p {
                    Object::Dictionary(d) => d.get(b"MCID").and_then(Object::as_i64).ok(),
                    _ => None,
                })),
                "BMC" => stack.push(None),
                "EMC" => {
                    stack.pop();
                }
                "Tf" => font = op.operands[0].as_name().ok().and_then(|n| fonts.get(n)),
                "TJ" | "Tj" => {
                    let Some(Some(mcid)) = stack.last() else {
                        continue;
                    };
                    let text: &mut String = out.entry((page, *mcid)).or_default();
                    let items: Vec<&Object> = match &op.operands[0] {
                        Object::Array(a) => a.iter().collect(),
                        o => vec![o],
                    };
                    for item in items {
                        if let Object::String(bytes, _) = item {
                            for pair in bytes.chunks(2) {
                                let cid = u16::from_be_bytes([pair[0], pair[1]]);
                                if let Some(t) =
                                    font.and_then(|f: &std::collections::BTreeMap<u16, String>| {
                                        f.get(&cid)
                                    })
                                {
                                    text.push_str(t);
                                }
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
    out
}

fn attributes(doc: &Document, a: &Object) -> String {
    let Object::Dictionary(d) = deref(doc, a) else {
        return String::new();
    };
    let mut out = String::new();
    for (k, v) in d.iter() {
        let value = match deref(doc, v) {
            Object::Name(n) => format!("/{}", String::from_utf8_lossy(n)),
            Object::Integer(i) => i.to_string(),
            Object::Array(items) => format!(
                "[{}]",
                items
                    .iter()
                    .map(|i| match i {
                        Object::Real(r) => format!("{r:.2}"),
                        Object::Integer(n) => n.to_string(),
                        _ => "?".into(),
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
            other => format!("{other:?}"),
        };
        out.push_str(&format!(" /{} {value}", String::from_utf8_lossy(k)));
    }
    out
}

fn structure_dump(bytes: &[u8]) -> String {
    let doc = Document::load_mem(bytes).unwrap();
    let texts = marked_text(&doc);
    let root_id = doc
        .catalog()
        .unwrap()
        .get(b"StructTreeRoot")
        .unwrap()
        .as_reference()
        .unwrap();
    let mut out = String::new();
    walk(
        &doc,
        doc.get_dictionary(root_id).unwrap().get(b"K").unwrap(),
        None,
        0,
        &texts,
        &mut out,
    );
    out
}

fn walk(
    doc: &Document,
    kids: &Object,
    page: Option<ObjectId>,
    depth: usize,
    texts: &std::collections::BTreeMap<(ObjectId, i64), String>,
    out: &mut String,
) {
    let items: Vec<&Object> = match deref(doc, kids) {
        Object::Array(a) => a.iter().collect(),
        other => vec![other],
    };
    let indent = "  ".repeat(depth);
    for kid in items {
        match deref(doc, kid) {
            Object::Integer(mcid) => {
                let text = page
                    .and_then(|p| texts.get(&(p, *mcid)))
                    .cloned()
                    .unwrap_or_default();
                out.push_str(&format!(
                    "{indent}{:?}\n",
                    text.split_whitespace().collect::<Vec<_>>().join(" ")
                ));
            }
            Object::Dictionary(d)
                if d.get(b"Type").and_then(Object::as_name).ok() == Some(b"MCR".as_slice()) =>
            {
                let p = d.get(b"Pg").unwrap().as_reference().unwrap();
                let mcid = d.get(b"MCID").unwrap().as_i64().unwrap();
                let text = texts.get(&(p, mcid)).cloned().unwrap_or_default();
                out.push_str(&format!(
                    "{indent}{:?}\n",
                    text.split_whitespace().collect::<Vec<_>>().join(" ")
                ));
            }
            Object::Dictionary(d) => {
                let s =
                    String::from_utf8_lossy(d.get(b"S").unwrap().as_name().unwrap()).to_string();
                let mut line = format!("{indent}{s}");
                for key in ["Lang", "Alt"] {
                    if let Ok(v) = d.get(key.as_bytes()).and_then(Object::as_str) {
                        let v = decode_text(v);
                        line.push_str(&format!(" /{key} {v:?}"));
                    }
                }
                if let Ok(a) = d.get(b"A") {
                    line.push_str(&attributes(doc, a));
                }
                out.push_str(&line);
                out.push('\n');
                let pg = d.get(b"Pg").and_then(Object::as_reference).ok().or(page);
                if let Ok(k) = d.get(b"K") {
                    walk(doc, k, pg, depth + 1, texts, out);
                }
            }
            _ => {}
        }
    }
}

/// A PDF text string: UTF-16BE with a BOM, else PDFDocEncoding (ASCII here).
fn decode_text(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|p| u16::from_be_bytes([p[0], p[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    }
}
