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

use common::{on_path, python, render_pdf_file, root, tool_missing};

/// Structure text (`pdfinfo -struct-text`): every text found with its
/// controls kept, and each text equal to one structure element.
const STRUCT_MIN_STRICT_PCT: f64 = 100.0;
/// The viewers and the most used extractors: PDFium (Chrome, Edge,
/// Android), PDF.js (Firefox), poppler's pdftotext, MuPDF (mutool, PyMuPDF).
const VIEWER_ENGINES: [&str; 5] = ["pdfium", "pdfjs", "pdftotext", "mutool", "pymupdf"];
/// Texts those engines must give back ("words" metric), per cent.
const VIEWER_MIN_WORDS_PCT: f64 = 98.0;
/// The libraries that read the content stream more literally.
const LIBRARY_ENGINES: [&str; 2] = ["pdfminer", "pypdf"];
/// Texts those must give back ("words" metric), per cent.
const LIBRARY_MIN_WORDS_PCT: f64 = 95.0;
/// Word recall (multiset of the model's words found), in every engine.
const MIN_WORD_RECALL: f64 = 0.995;
/// Invisible controls (LRM, RLM, ALM, embeddings, isolates) not in the
/// source, in any engine's output (an engine's own balanced LRE/RLE…PDF
/// wrappers excepted), in the structure text and in any /ActualText.
const MAX_ADDED_CONTROLS: u32 = 0;
/// Spaces inside a word, and spaces before punctuation the source lacks.
const MAX_SPLIT_WORDS: u32 = 0;
const MAX_SPACE_BEFORE_PUNCT: u32 = 0;
/// Phrases of the report and the page each must be found on.
const SEARCH_PHRASES: &str = "tests/fixtures/search/report.json";

/// Every engine the targets name; `pdftotext -raw` is measured by the
/// script but has no target.
fn engines() -> Vec<&'static str> {
    let mut all = vec!["pdfinfo-struct", "pdfinfo-struct-eq"];
    all.extend(VIEWER_ENGINES);
    all.extend(LIBRARY_ENGINES);
    all
}

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

/// Runs the matrix on one document with the targets above.
fn check_matrix(model: &str) {
    let py = require_tools();
    let pdf = render_pdf_file(model);
    let mut cmd = Command::new(py);
    cmd.arg(root().join("tools/check_text_layer.py"))
        .arg(root().join(model))
        .arg(&pdf)
        .arg("--model-furniture")
        .arg("--details")
        .args(["--metric", "words"]);
    for e in engines() {
        cmd.args(["--only", e]);
    }
    cmd.arg(format!(
        "--min-strict=pdfinfo-struct={STRUCT_MIN_STRICT_PCT},pdfinfo-struct-eq={STRUCT_MIN_STRICT_PCT}"
    ));
    for e in VIEWER_ENGINES {
        cmd.arg(format!("--min={e}={VIEWER_MIN_WORDS_PCT}"));
    }
    for e in LIBRARY_ENGINES {
        cmd.arg(format!("--min={e}={LIBRARY_MIN_WORDS_PCT}"));
    }
    cmd.arg(format!("--min-recall=all={MIN_WORD_RECALL}"))
        .arg(format!("--max-added-controls=all={MAX_ADDED_CONTROLS}"))
        .arg(format!("--max-actualtext-controls={MAX_ADDED_CONTROLS}"))
        .arg(format!("--max-split-words=all={MAX_SPLIT_WORDS}"))
        .arg(format!(
            "--max-space-before-punct=all={MAX_SPACE_BEFORE_PUNCT}"
        ));
    let out = cmd.output().expect("run check_text_layer.py");
    let report =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    eprintln!("{report}");
    assert!(
        out.status.success(),
        "{model}: the text layer misses the issue 11 targets:\n{report}"
    );
}

#[test]
fn report_text_is_exact_in_every_engine() {
    check_matrix("examples/un-report/report.json");
}

/// Arabic with English, Latin and Arabic-Indic digits, symbols, URLs,
/// percentages, dates, quotes and brackets.
#[test]
fn mixed_document_text_is_exact_in_every_engine() {
    check_matrix("tests/fixtures/documents/mixed.json");
}

/// Fully vocalized classical Arabic: harakat, shadda, tanwin, sukun,
/// lam-alef ligatures with marks.
#[test]
fn vocalized_document_text_is_exact_in_every_engine() {
    check_matrix("tests/fixtures/documents/vocalized.json");
}

/// Nested lists with (أ)(ب) labels, numbered paragraphs, recommendations,
/// ranges and "N وN" pairs.
#[test]
fn lists_document_text_is_exact_in_every_engine() {
    check_matrix("tests/fixtures/documents/lists.json");
}

/// Issue 11 item 3: each phrase a reader types (numbers, the document
/// symbol, an English title, a phrase across a line break…) is found on its
/// page by PDFium's text search and in PDF.js's text of that page.
#[test]
fn search_finds_the_report_phrases_on_their_pages() {
    let py = require_tools();
    let model = "examples/un-report/report.json";
    let pdf = render_pdf_file(model);
    let out = Command::new(py)
        .arg(root().join("tools/check_text_layer.py"))
        .arg(root().join(model))
        .arg(&pdf)
        .args(["--only", "pdfinfo-struct"])
        .arg("--search")
        .arg(root().join(SEARCH_PHRASES))
        .output()
        .expect("run check_text_layer.py");
    let report =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    eprintln!("{report}");
    assert!(
        out.status.success(),
        "search misses phrases of {SEARCH_PHRASES}:\n{report}"
    );
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
