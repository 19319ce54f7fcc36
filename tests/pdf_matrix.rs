//! The extraction matrix of issue 11: the text of the example report and of
//! the three test documents (`tests/fixtures/documents/`) must come back out
//! of every PDF engine people read with, and the report's phrases must be
//! found on their pages by the viewers' search.
//!
//! The measuring is `tools/check_text_layer.py` (its docstring defines the
//! metrics: "words", "strict", word recall, added controls, spaces inside
//! words and before punctuation); this file holds the targets. It needs the
//! tools `.ci/setup` installs (poppler, mupdf-tools, the Python venv with
//! pdfminer.six, PyMuPDF, pypdfium2 and pypdf, and Node with pdfjs-dist);
//! a missing tool fails the test.

mod common;

use std::process::Command;

use common::{on_path, python, render_pdf_file, root, run_python, tool_missing};

/// The targets of issue 11, for the record: structure text 100 % strict;
/// PDFium, PDF.js, pdftotext, mutool, PyMuPDF >= 98 % words; pdfminer and
/// pypdf >= 95 %; recall >= 0.995; no added control anywhere. They are NOT
/// all met: no single content-stream order serves both the viewers (PDFium,
/// PDF.js and PyMuPDF rebuild reading order from a line drawn left to right)
/// and the stream-order readers (poppler's structure text, pdfminer, mutool
/// 1.21); see the issue note and `TextOrder`. What is tested here are
/// floors: the figures measured when each was set, so that no change makes
/// an engine read worse. Raise them as the text layer improves. Met
/// (2026-12-04): PDF.js on the report (98.6 %, recall 0.999), vocalized,
/// lists and tables.
const TARGET_VIEWER_WORDS_PCT: f64 = 98.0;

/// Floors of the default (visual) order: texts found, "words" metric, per
/// cent, per engine, for the report, mixed, vocalized, lists and notes
/// documents. The report's masthead (issue 13) added nine texts, read like
/// the others (PDF.js 92.6 -> 93.0, PDFium 71.9 -> 72.7). The breaker's
/// rating of loose lines (issue 16) moved the report's line ends: one more
/// line starts with a mark, which PDF.js reads with the line before (93.0
/// -> 92.3; issue 11's note). The notes
/// document's texts include each note's and each reference's mark; PDF.js
/// loses the narrow space before a mark at its marked-content boundary
/// (the Reference), as it does before an English span (issue 11's note).
///
/// The tables example (issue 14; its texts are the captions and every
/// cell's text) measured 2026-12-02: PDF.js 99.0 %, PDFium 96.0 %, PyMuPDF
/// 81.5 %, pdftotext 80.5 %, pypdf 83.5 %; word recall PDF.js 0.516 (it
/// glues a row's cells: `٥عضو`), PDFium 0.979. Since each cell's text ends
/// with an artifact space (2026-12-02 afternoon): pypdf's recall 0.493 ->
/// 0.871 and mutool's 0.040 -> 0.241, pypdf's words 83.0 -> 82.5 % (it reads
/// one more cell's number with a space inside, `٢٠١ ٧`); PDF.js still glues
/// (a jump left to the next cell is a new item without a space, and it
/// reads no whitespace glyph). A cell found alone is a low
/// bar (a number of one digit is found anywhere): the row order is the
/// structure dump's test (tests/tables.rs).
///
/// Marks at line ends (2026-12-03, `visual::leading_marks_apart`, a mark
/// apart in a text object of its own, a glyph the font moves back written
/// before the next, the letter under tall marks in their object): PDF.js
/// report 92.3 -> 95.1 %, vocalized 82.4 -> 100 %; PDFium report 72.7 ->
/// 74.8 %, tables 96.0 -> 96.5 %; PyMuPDF vocalized 64.7 -> 76.5 %, report
/// 72.0 -> 71.3 % (recommendation 38: the line after the mark's own text
/// object starts with the paragraph's `.`, which MuPDF then reads left to
/// right, at the line's start: it gives a neutral at a text object's start
/// the left-to-right level) and pypdf 44.1 -> 43.4 %. Lines PDF.js would
/// read as left to right written run by run (`visual::by_runs::ltr_to_pdfjs`):
/// PDF.js report 95.1 -> 96.5 %, PyMuPDF 71.3 -> 72.7 %. A mark's text on
/// its mark glyph, never on an extension glyph the font adds
/// (`visual::marks_to_mark_glyphs`): PyMuPDF vocalized 76.5 -> 82.4 %.
/// Marks just right of a weak run written just left of it
/// (`visual::marks_before_weak_runs`): PDFium report 74.8 -> 76.9 %,
/// vocalized 11.8 -> 58.8 % (recall 0.767 -> 0.941), lists 65.4 -> 69.2 %.
/// Marks just before their letter (`visual::marks_at_the_pen`): PDFium
/// report 76.9 -> 77.6 %. Neutrals after a symbol in reading order
/// (`visual::by_runs::neutral_parts_in_reading_order`, 2026-12-03): PDF.js report
/// 96.5 -> 97.2 %. Document symbols kept whole, never broken after a slash
/// unless `break_symbols` (2026-12-04): PDF.js report 97.2 -> 98.6 % (the
/// documents list's two symbols and paragraph 69 read whole; paragraph 69
/// now fails on PDF.js's leftward glue, `(الوثائقCTOC`), PyMuPDF 72.7 ->
/// 73.4 %; mixed unchanged (its `A/RES/55/25` reads whole but glued).
/// Paragraph numbers and item labels written small and raised
/// (`visual::labels`, 2026-12-04 evening): pypdf report 43.4 ->
/// 69.2 %, lists 46.2 -> 50.0 %, notes 46.2 -> 50.0 %; pdftotext report
/// 22.4 -> 23.1 %; every other figure unchanged.
const VISUAL_FLOORS: [(&str, [f64; 6]); 5] = [
    ("pdfjs", [98.5, 68.7, 99.9, 99.9, 61.4, 98.5]),
    ("pdfium", [77.5, 18.7, 58.7, 69.1, 65.3, 96.4]),
    ("pymupdf", [73.3, 6.2, 82.3, 49.9, 57.6, 81.0]),
    ("pdftotext", [23.0, 0.0, 11.7, 38.4, 34.5, 80.0]),
    ("pypdf", [69.1, 6.2, 0.0, 49.9, 49.9, 82.4]),
];
/// Word recall floors of the default order (report, mixed, vocalized,
/// lists, notes, tables). The mixed document's PDF.js recall went 0.923 ->
/// 0.919 when the breaker's rating of loose lines moved its line ends.
/// With numbers and labels raised, PDF.js reads them apart from the first
/// word (`١٦-وأشار` was one word): report 0.984 -> 0.999 (issue 11's
/// 0.995 met), mixed 0.916 -> 0.947, vocalized 0.946 -> 1.000, lists
/// 0.918 -> 1.000, notes 0.856 -> 0.880, tables 0.516 -> 0.526.
const VISUAL_RECALL_FLOORS: [(&str, [f64; 6]); 2] = [
    ("pdfjs", [0.998, 0.94, 0.999, 0.999, 0.87, 0.52]),
    ("pdfium", [0.98, 0.87, 0.93, 0.93, 0.93, 0.97]),
];
/// Floors of the logical order on the report: structure text, mutool and
/// pdfminer read it (words %), with the direction marks it carries.
const LOGICAL_REPORT_FLOORS: [(&str, f64); 4] = [
    ("pdfinfo-struct", 100.0),
    ("pdfinfo-struct-eq", 100.0),
    ("mutool", 85.0),
    ("pdfminer", 85.0),
];
/// Invisible controls (LRM, RLM, ALM, embeddings, isolates) not in the
/// source, in any engine's output of the default order (an engine's own
/// balanced LRE/RLE…PDF wrappers excepted) and in any /ActualText: none
/// (issue 11, met).
const MAX_ADDED_CONTROLS: u32 = 0;
/// Report phrases PDFium's search and PDF.js's page text find on their
/// page (of 20; floors).
const SEARCH_FLOORS: [(&str, u32); 2] = [("pdfium", 14), ("pdfjs", 19)];
/// Phrases of the report and the page each must be found on.
const SEARCH_PHRASES: &str = "tests/fixtures/search/report.json";
/// The report's document symbols and their pages, and how many of the 12
/// each engine must find there.
const SYMBOL_PHRASES: &str = "tests/fixtures/search/report-symbols.json";
const SYMBOL_SEARCH_FLOORS: [(&str, u32); 2] = [("pdfium", 11), ("pdfjs", 12)];

fn require_tools() -> std::path::PathBuf {
    let Some(py) = python() else {
        tool_missing("a Python with pdfminer.six, pymupdf, pypdfium2 and pypdf (WARRAQ_PYTHON)");
    };
    for tool in ["pdfinfo", "pdftotext", "mutool", "node"] {
        if !on_path(tool) {
            tool_missing(tool);
        }
    }
    py
}

/// Runs `tools/check_text_layer.py` on `pdf` (rendered from `model`) with
/// `args`; fails with its report.
fn check(model: &str, pdf: &std::path::Path, args: &[String]) {
    let py = require_tools();
    let out = Command::new(py)
        .arg(root().join("tools/check_text_layer.py"))
        .arg(root().join(model))
        .arg(pdf)
        .arg("--model-furniture")
        .arg("--details")
        .args(["--metric", "words"])
        .args(args)
        .output()
        .expect("run check_text_layer.py");
    let report =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    eprintln!("{report}");
    assert!(
        out.status.success(),
        "{model}: the text layer reads worse than its floors:\n{report}"
    );
}

/// The default (visual) order of document `k` of [`common::DOCUMENTS`]
/// against its floors.
fn check_matrix(k: usize) {
    // PDF.js holds the viewers' target where it meets it.
    assert!(VISUAL_FLOORS[0].1[0] >= TARGET_VIEWER_WORDS_PCT);
    let model = common::DOCUMENTS[k];
    let pdf = render_pdf_file(model);
    let mut args = Vec::new();
    for (engine, floors) in VISUAL_FLOORS {
        args.extend(["--only".to_string(), engine.to_string()]);
        args.push(format!("--min={engine}={}", floors[k]));
    }
    for (engine, floors) in VISUAL_RECALL_FLOORS {
        args.push(format!("--min-recall={engine}={}", floors[k]));
    }
    args.push(format!("--max-added-controls=all={MAX_ADDED_CONTROLS}"));
    args.push(format!("--max-actualtext-controls={MAX_ADDED_CONTROLS}"));
    check(model, &pdf, &args);
}

/// The logical order (`--text-order logical`) keeps what the stream-order
/// readers got before the default became visual.
#[test]
fn logical_order_report_floors() {
    let model = common::DOCUMENTS[0];
    let options = warraq::ExportOptions {
        text_order: warraq::TextOrder::Logical,
        ..Default::default()
    };
    let pdf = common::render_pdf_file_with(model, &options);
    let mut args = Vec::new();
    for (engine, floor) in LOGICAL_REPORT_FLOORS {
        args.extend(["--only".to_string(), engine.to_string()]);
        args.push(format!("--min={engine}={floor}"));
    }
    check(model, &pdf, &args);
}

#[test]
fn report_text_holds_its_floors_in_every_engine() {
    check_matrix(0);
}

/// Arabic with English, Latin and Arabic-Indic digits, symbols, URLs,
/// percentages, dates, quotes and brackets.
#[test]
fn mixed_document_text_holds_its_floors() {
    check_matrix(1);
}

/// Fully vocalized classical Arabic: harakat, shadda, tanwin, sukun,
/// lam-alef ligatures with marks.
#[test]
fn vocalized_document_text_holds_its_floors() {
    check_matrix(2);
}

/// Nested lists with (أ)(ب) labels, numbered paragraphs, recommendations,
/// ranges and "N وN" pairs.
#[test]
fn notes_document_text_holds_its_floors() {
    check_matrix(4);
}

#[test]
fn lists_document_text_holds_its_floors() {
    check_matrix(3);
}

/// Lines that end (on the left, where a right-to-left line written left to
/// right begins) with a letter bearing marks (`توقيتاً`, `أقرَّ`, a line
/// broken after `عرضاً`), a short letter under a shadda with a damma
/// (`النُّهُج`), and a letter the font moves back (`مشتركة`): every viewer
/// engine reads each paragraph exactly. Before, PDFium read `ً وأكدت …
/// توقيتا` (the mark's text object started where its `TJ` did, at the
/// line's other end) and broke `النُّهُج` over three lines (marks taller
/// than 4.5 pt above a short letter), PDF.js put the mark before the next
/// line, and MuPDF at its own line's start.
#[test]
fn marks_at_line_ends_read_exactly_in_every_viewer() {
    read_exactly(
        "tests/fixtures/documents/line-ends.json",
        &["pdfium", "pdfjs", "pymupdf", "pdftotext"],
    );
}

/// Letters bearing marks just right of a weak run, inside lines and at
/// their ends (`دقيقاً.`, `نيابةً،`, `مؤخراً؛`, `كبيراً.`): PDFium, PDF.js and
/// MuPDF read each paragraph exactly. Before, PDFium read the mark after
/// the punctuation (`دقيقا.ً`): it copies a run of weak characters as
/// drawn, and the mark was drawn after the `.` (see
/// `visual::marks_before_weak_runs`). poppler is left out: it now reads
/// the mark, written left of the `.`, as a word of its own (`دقيقا ً.`),
/// where it read a space before the `.` (`دقيقاً .`); both fail.
#[test]
fn marks_before_punctuation_read_exactly_in_every_viewer() {
    read_exactly(
        "tests/fixtures/documents/weak-runs.json",
        &["pdfium", "pdfjs", "pymupdf"],
    );
}

/// Lines that are a document symbol between brackets and punctuation, in
/// a right-to-left paragraph (`(CTOC/COP/WG.4/2019/5).`, the report's last
/// documents-list item): PDF.js and pypdf read each exactly. Before, PDF.js
/// read `.)` for `).`: it keeps a text item without a right-to-left
/// character as it comes, and the closing neutrals were written left to
/// right (see `visual::by_runs::neutral_parts_in_reading_order`). PDFium and
/// MuPDF are left out: PDFium reads such a line as drawn, its brackets
/// mirrored (`.)CTOC/COP/WG.4/2019/5(`), and MuPDF puts each run on a line
/// of its own, before this change too.
#[test]
fn symbol_lines_read_exactly_in_pdfjs() {
    read_exactly(
        "tests/fixtures/documents/symbol-lines.json",
        &["pdfjs", "pypdf"],
    );
}

/// Renders `model` and checks that each of `engines` reads every text of
/// it exactly (100 %, word recall 1), adding no control character.
fn read_exactly(model: &str, engines: &[&str]) {
    let pdf = render_pdf_file(model);
    let mut args = Vec::new();
    for engine in engines {
        args.extend(["--only".to_string(), engine.to_string()]);
        args.push(format!("--min={engine}=100"));
        args.push(format!("--min-recall={engine}=1"));
    }
    args.push(format!("--max-added-controls=all={MAX_ADDED_CONTROLS}"));
    check(model, &pdf, &args);
}

/// The first page's text in PDFium and in PDF.js.
fn first_page_in_viewers(model: &str) -> (String, String) {
    let py = require_tools();
    let pdf = render_pdf_file(model);
    let script = "import sys\n\
        sys.path.insert(0, sys.argv[2])\n\
        import text_engines as t\n\
        print(t.ex_pdfium(sys.argv[1])[0])\n\
        print('\\x00')\n\
        print(t.ex_pdfjs(sys.argv[1])[0])\n";
    let tools = root().join("tools");
    let text = run_python(&py, script, &[pdf.as_os_str(), tools.as_os_str()]);
    let (pdfium, pdfjs) = text.split_once('\0').expect("two extractions");
    (pdfium.to_string(), pdfjs.to_string())
}

/// PDFium reads the narrow space before a note's mark after a wide letter
/// (`کرے ۱`, Urdu yeh barree): its threshold for a space between two text
/// objects grows with the wider glyph, and the mark's text moves left to
/// clear it (`visual::note_marks`). Before, it read `کرے۱`.
#[test]
fn pdfium_reads_the_space_before_a_note_mark_after_a_wide_letter() {
    let (pdfium, _) = first_page_in_viewers("examples/urdu/urdu.json");
    let words = pdfium.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("غور کرے ۱ اور"),
        "PDFium glued the mark: {words:?}"
    );
}

/// Prints how many words of a model (argv 1) hold a joiner, and each one
/// PDFium or PDF.js (argv 2, the PDF; argv 3, tools/) gives back fewer
/// times than it is printed.
const JOINER_WORDS: &str = r#"
import sys, json, collections
sys.path.insert(0, sys.argv[3])
import check_text_layer as c, text_engines as t
model = json.load(open(sys.argv[1], encoding="utf-8"))
words = collections.Counter(
    w.strip(".,،:()«»") for e in c.expected_texts(model) for w in e.raw.split() if "\u200c" in w
)
print("words", sum(words.values()))
for name in ("pdfium", "pdfjs"):
    text = " ".join(getattr(t, "ex_" + name)(sys.argv[2]))
    for w, n in sorted(words.items()):
        if text.count(w) < n:
            print("lost", name, w, text.count(w), n)
"#;

/// A Persian word's zero-width non-joiner (`دولت‌های`) comes back in
/// PDFium and PDF.js, every time the word is printed: both dropped it as a
/// glyph of its own (PDF.js drops a glyph whose text ends with a format
/// character), and it is now written with the letter right of it
/// (`visual::joiners`).
#[test]
fn persian_words_keep_their_joiners_in_pdfium_and_pdfjs() {
    let py = require_tools();
    let script = JOINER_WORDS;
    let tools = root().join("tools");
    for model in [
        "tests/fixtures/documents/persian.json",
        "tests/fixtures/documents/persian-shaping.json",
    ] {
        let pdf = render_pdf_file(model);
        let path = root().join(model);
        let args = [path.as_os_str(), pdf.as_os_str(), tools.as_os_str()];
        let out = run_python(&py, script, &args);
        let words: usize = out
            .lines()
            .find_map(|l| l.strip_prefix("words "))
            .and_then(|n| n.trim().parse().ok())
            .expect("a count of words");
        assert!(words >= 2, "{model}: only {words} words with a joiner");
        let lost: Vec<&str> = out.lines().filter(|l| l.starts_with("lost")).collect();
        assert!(lost.is_empty(), "{model}: {lost:?}");
    }
}

/// A right-to-left paragraph's number is read before its first word, with
/// whitespace between: PDF.js glued them when the number's text stood on
/// the baseline (`١-أقرَّ`), and PDFium read the number after the line
/// when it was raised less than 1.05 em (`visual::labels`). PDFium reads
/// the number's `-` first (`-١`, its weak-run rule), as before.
#[test]
fn right_to_left_numbers_read_apart_before_their_lines() {
    let (pdfium, pdfjs) = first_page_in_viewers(common::DOCUMENTS[0]);
    let first_words = ["أقر", "وكان", "اعتمد", "أوصى"];
    for (k, word) in first_words.iter().enumerate() {
        let digit = char::from_u32(0x0661 + k as u32).expect("a digit");
        for (engine, text, number) in [
            ("PDFium", &pdfium, format!("-{digit}")),
            ("PDF.js", &pdfjs, format!("{digit}-")),
        ] {
            let apart = text.match_indices(&number).any(|(at, _)| {
                let after = &text[at + number.len()..];
                let rest = after.trim_start();
                rest.len() < after.len() && rest.starts_with(word)
            });
            assert!(
                apart,
                "{engine} does not read {number:?}, whitespace, {word:?}:\n{text}"
            );
        }
    }
}

/// A left-to-right paragraph's number and item's label stand left of their
/// line, where PDFium and PDF.js read the gap as a space: they are written
/// on the baseline, not raised like right-to-left ones (`visual::labels`;
/// raised, PDFium read `1.` and `The` on two lines).
#[test]
fn left_to_right_numbers_and_labels_read_in_their_lines() {
    let (pdfium, pdfjs) = first_page_in_viewers("tests/fixtures/documents/english-numbers.json");
    for (engine, text) in [("PDFium", &pdfium), ("PDF.js", &pdfjs)] {
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        for start in [
            "1. The Conference",
            "2. Also in",
            "(a) Provisional",
            "(b) Background",
        ] {
            assert!(
                lines.iter().any(|l| l.starts_with(start)),
                "{engine} has no line starting {start:?}:\n{text}"
            );
        }
    }
}

/// PDFium guesses each page's text direction from how much of the text's
/// extent its text objects cover (`tools/pdfium_orientation.py` redoes
/// it); on a page it takes for vertical text it reads each text object of
/// one glyph as a line (README, Known limits). Every page of the examples
/// must be taken for horizontal text. The sparse page (a title over one
/// short line) shows that the tool agrees with PDFium: it calls the page
/// vertical, and PDFium reads the line in pieces there.
#[test]
fn pdfium_takes_every_example_page_for_horizontal_text() {
    let mut pdfs = Vec::new();
    for model in [
        common::DOCUMENTS[0],
        common::DOCUMENTS[4],
        common::DOCUMENTS[5],
        "examples/urdu/urdu.json",
    ] {
        pdfs.push(render_pdf_file(model));
    }
    let (ok, report) = orientations(&pdfs);
    assert!(ok, "a page PDFium takes for vertical text:\n{report}");

    let sparse = render_pdf_file("tests/fixtures/documents/sparse-page.json");
    let (_, report) = orientations(&[sparse]);
    assert!(
        report.trim_end().ends_with(" V"),
        "the sparse page: {report}"
    );
    let (pdfium, _) = first_page_in_viewers("tests/fixtures/documents/sparse-page.json");
    let line: Vec<&str> = pdfium.lines().skip(1).collect();
    assert!(
        line.len() > 1,
        "PDFium read the sparse page's line whole: {pdfium:?}"
    );
}

/// `tools/pdfium_orientation.py` on `pdfs`: whether every page is H, and
/// what it printed.
fn orientations(pdfs: &[std::path::PathBuf]) -> (bool, String) {
    let py = require_tools();
    let out = Command::new(&py)
        .arg(root().join("tools/pdfium_orientation.py"))
        .args(pdfs)
        .output()
        .expect("run tools/pdfium_orientation.py");
    let report = String::from_utf8_lossy(&out.stdout).to_string();
    (out.status.success(), report)
}

/// Issue 14: captions and every cell of the tables example (a table over
/// two pages with its header repeated as an artifact, spans, numbers).
#[test]
fn tables_document_text_holds_its_floors() {
    check_matrix(5);
}

/// Issue 11 item 3: each phrase a reader types (numbers, the document
/// symbol, an English title, a phrase across a line break…) is found on its
/// page by PDFium's text search and in PDF.js's text of that page.
#[test]
fn search_finds_the_report_phrases_on_their_pages() {
    search_report(SEARCH_PHRASES, SEARCH_FLOORS);
}

/// Every document symbol of the report is found whole on its page: kept
/// whole on its line, as by default (with `--break-symbols`, measured
/// 2026-12-04: PDFium 7/12, PDF.js 10/12). PDFium misses
/// `CTOC/COP/WG.4/2019/INF/1/Rev.1` inside its Arabic line either way: it
/// reverses the parts of a weak run there (the issue 11 note).
#[test]
fn search_finds_every_document_symbol_whole() {
    search_report(SYMBOL_PHRASES, SYMBOL_SEARCH_FLOORS);
}

/// The phrases of `file` searched in the report's PDF, each engine finding
/// at least its floor of them on their pages.
fn search_report(file: &str, floors: [(&str, u32); 2]) {
    let model = common::DOCUMENTS[0];
    let pdf = render_pdf_file(model);
    let mut args = vec![
        "--only".to_string(),
        "pdfinfo-struct".to_string(),
        "--search".to_string(),
        root().join(file).to_string_lossy().into_owned(),
    ];
    args.extend(floors.map(|(e, n)| format!("--min-search={e}={n}")));
    check(model, &pdf, &args);
}

/// The search data file itself: 20 phrases, each with a page of the report.
#[test]
fn search_phrases_are_twenty_with_pages() {
    let text = std::fs::read_to_string(root().join(SEARCH_PHRASES)).expect("search phrases");
    let phrases = text.matches("\"phrase\":").count();
    let pages = text.matches("\"page\":").count();
    assert_eq!(phrases, 20, "{SEARCH_PHRASES} must hold 20 phrases");
    assert_eq!(pages, phrases, "every phrase needs its page");
}

/// The instrument itself on known inputs: normalizations, engine wrappers,
/// furniture (only recurring whole lines: a symbol the subtitle quotes, on a
/// line of its own in MuPDF's output, once made the subtitle "missing"),
/// spacing defects, added controls, recall and the structure-tree parse.
#[test]
fn text_layer_checker_measures_known_inputs() {
    let Some(py) = python() else {
        tool_missing("a Python (WARRAQ_PYTHON)");
    };
    let out = Command::new(py)
        .arg(root().join("tools/check_text_layer.py"))
        .arg("--self-test")
        .output()
        .expect("run check_text_layer.py --self-test");
    let report =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{report}");
}

/// PDF.js takes a glyph whose text holds a nonspacing mark (`\p{Mn}`) for
/// a zero-width diacritic and does not advance its pen for it. A glyph with
/// an advance that stands for a mark therefore puts PDF.js's pen behind the
/// real one, and the line's next `Td` shows the lag as a space. Amiri adds
/// such glyphs (an extension under a kasra, a sukun or a shadda that needs
/// room): the mark's character must go to the mark glyph, not to them. On
/// the long vocalized fixture 40 glyphs broke this before (4.45 pt each at
/// most); their marks now read where they are in PyMuPDF too.
#[test]
fn no_glyph_that_stands_for_a_mark_moves_the_pen() {
    let Some(py) = python() else {
        tool_missing("the validator venv (pikepdf)");
    };
    let script = r#"
import re, sys, unicodedata, pikepdf
bad = []
pdf = pikepdf.open(sys.argv[1])
for number, page in enumerate(pdf.pages, 1):
    fonts = {}
    for name, font in page.Resources.Font.items():
        maps = {int(m[1], 16): bytes.fromhex(m[2]).decode('utf-16-be') for m in
                re.finditer(r'<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]*)>', font.ToUnicode.read_bytes().decode('latin1'))}
        cid = font.DescendantFonts[0]
        widths, w, k = {}, cid.W, 0
        while k < len(w):
            if isinstance(w[k + 1], pikepdf.Array):
                widths.update({int(w[k]) + j: float(x) for j, x in enumerate(w[k + 1])}); k += 2
            else:
                widths.update({j: float(w[k + 2]) for j in range(int(w[k]), int(w[k + 1]) + 1)}); k += 3
        fonts[name] = (maps, widths, float(cid.get('/DW', 1000)))
    font = None
    for operands, op in pikepdf.parse_content_stream(page):
        if str(op) == 'Tf':
            font = fonts[str(operands[0])]
        elif str(op) == 'TJ':
            for item in operands[0]:
                if isinstance(item, pikepdf.String):
                    b = bytes(item)
                    for code in (b[j] * 256 + b[j + 1] for j in range(0, len(b), 2)):
                        text = font[0].get(code, '')
                        mark = not text[:1].isspace() and any(unicodedata.category(c) == 'Mn' for c in text)
                        if mark and font[1].get(code, font[2]) != 0:
                            bad.append((number, code, text))
print(len(bad), bad[:10])
"#;
    for model in [
        "tests/fixtures/documents/vocalized-long.json",
        "tests/fixtures/documents/vocalized-notes.json",
    ] {
        let pdf = render_pdf_file(model);
        let stdout = run_python(&py, script, &[&pdf]);
        assert!(
            stdout.starts_with("0 "),
            "{model}: glyphs that stand for marks and move the pen (page, CID, text): {stdout}"
        );
    }
}

/// Documents whose every text within pdftotext's reach it must give back.
/// The notes example is left out: poppler reads the masthead's left column
/// into its organ's two lines (README, Known limits).
const REACH_DOCUMENTS: [&str; 9] = [
    "examples/un-report/report.json",
    "tests/fixtures/documents/mixed.json",
    "tests/fixtures/documents/vocalized.json",
    "tests/fixtures/documents/lists.json",
    "examples/tables/tables.json",
    "tests/fixtures/documents/line-ends.json",
    "tests/fixtures/documents/weak-runs.json",
    "tests/fixtures/documents/symbol-lines.json",
    "tests/fixtures/documents/vocalized-notes.json",
];

/// Issue 11 item 5: poppler's `pdftotext` rebuilds a right-to-left line by
/// its own rule, which cannot give back a digit, comma or full stop followed
/// by a space and an Arabic letter, whatever the text layer
/// (`tools/poppler_reach.py`). Every text that rule gives back from a text
/// layer in bidi order, it must give back from warraq's PDF; and the rule
/// must be poppler's: in each document, the texts pdftotext finds beyond
/// the rule's reach (saved by a line break, or by warraq's order of digit
/// groups) are at most one in ten.
#[test]
fn pdftotext_gives_back_every_text_within_its_reach() {
    let py = require_tools();
    if !on_path("fribidi") {
        tool_missing("fribidi (GNU FriBidi's command line)");
    }
    for (k, model) in REACH_DOCUMENTS.iter().enumerate() {
        let pdf = render_pdf_file(model);
        let out = Command::new(&py)
            .arg(root().join("tools/poppler_reach.py"))
            .arg(root().join(model))
            .arg("--pdf")
            .arg(&pdf)
            .arg("--json")
            .output()
            .expect("run tools/poppler_reach.py");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{model}: {text}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let report: serde_json::Value = serde_json::from_str(&text).expect("its JSON");
        let entry = &report[0];
        let missed = entry["missed_within_reach"].as_array().expect("a list");
        assert!(
            missed.is_empty(),
            "{model}: pdftotext misses texts its rule can give back: {missed:?}"
        );
        let beyond = entry["found_out_of_reach"].as_array().expect("a list");
        let texts = entry["texts"].as_u64().expect("a count");
        assert!(
            beyond.len() as u64 * 10 <= texts,
            "{model}: pdftotext finds texts the rule says it cannot: {beyond:?}"
        );
        let within = entry["within_reach"].as_u64().expect("a count");
        if k == 0 {
            assert!(within >= 30, "the report: only {within} texts within reach");
        }
    }
}
