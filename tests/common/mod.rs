//! Helpers shared by the text-engine tests.
#![allow(dead_code)]

use warraq::layout::{Line, Piece};
use warraq::{FontBook, Layout};

/// The example report, laid out with the bundled fonts (once per test binary).
pub fn report_layout() -> (&'static Layout, &'static FontBook) {
    static LAID_OUT: std::sync::OnceLock<(Layout, FontBook)> = std::sync::OnceLock::new();
    let (layout, fonts) = LAID_OUT.get_or_init(lay_out_report);
    (layout, fonts)
}

fn lay_out_report() -> (Layout, FontBook) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/un-report/report.json"
    );
    let json = std::fs::read_to_string(path).expect("the example report is readable");
    let (doc, _) = warraq::parse_json(&json).expect("the example report parses");
    let fonts = FontBook::bundled();
    let layout = warraq::lay_out(&doc, &fonts, &Default::default()).expect("the report lays out");
    (layout, fonts)
}

/// Every content line of the layout with its piece, in reading order.
pub fn content_lines(layout: &Layout) -> Vec<(&Piece, usize, &Line)> {
    layout
        .pages
        .iter()
        .flat_map(|p| p.lines.iter())
        .map(|l| (&layout.pieces[l.piece], l.piece, &l.line))
        .collect()
}

// ---------------------------------------------------------------------------
// External tools (validators, text extractors), shared by the PDF tests. A
// test whose tool is missing fails: a skipped check is not a passed one.

/// The Python with the validator packages: `WARRAQ_PYTHON` (set by
/// `. tools/env.sh`), else the venv `.ci/setup` installs.
pub fn python() -> Option<std::path::PathBuf> {
    let candidates = [
        std::env::var("WARRAQ_PYTHON")
            .ok()
            .map(std::path::PathBuf::from),
        Some(std::path::PathBuf::from("/opt/warraq-venv/bin/python")),
    ];
    candidates.into_iter().flatten().find(|p| p.exists())
}

/// Runs `python -c script args…`, fails the test (with its output) unless
/// it exits 0, and returns what it printed.
pub fn run_python<S: AsRef<std::ffi::OsStr>>(
    python: &std::path::Path,
    script: &str,
    args: &[S],
) -> String {
    let out = std::process::Command::new(python)
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .expect("python runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// Fails the test: `what` is required.
pub fn tool_missing(what: &str) -> ! {
    panic!("{what} is required but not available (install them with .ci/setup; see tools/env.sh)");
}

/// Whether `tool` runs (`tool -v`).
pub fn on_path(tool: &str) -> bool {
    std::process::Command::new(tool).arg("-v").output().is_ok()
}

/// The repository root.
pub fn root() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Renders the model at `model` (relative to the root) to a PDF in a
/// directory of this test process; returns its path.
pub fn render_pdf_file(model: &str) -> std::path::PathBuf {
    render_pdf_file_with(model, &Default::default())
}

/// [`render_pdf_file`] with export options (the text layer's order); the
/// file name says the order.
pub fn render_pdf_file_with(model: &str, options: &warraq::ExportOptions) -> std::path::PathBuf {
    let json = std::fs::read_to_string(root().join(model))
        .unwrap_or_else(|e| panic!("{model} is readable: {e}"));
    let (doc, _) = warraq::parse_json(&json).unwrap_or_else(|e| panic!("{model} parses: {e}"));
    let fonts = FontBook::bundled();
    let dir = root().join(model);
    let layout_options = warraq::LayoutOptions {
        images: warraq::Images::load(&doc, dir.parent().expect("a directory"))
            .unwrap_or_else(|e| panic!("{model}'s images load: {e}")),
        ..Default::default()
    };
    let layout = warraq::lay_out(&doc, &fonts, &layout_options).expect("layout");
    let bytes = warraq::write_pdf(&doc, &fonts, &layout, options).expect("pdf");
    let dir = std::env::temp_dir().join(format!("warraq-pdf-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let stem = std::path::Path::new(model)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("doc");
    let order = match options.text_order {
        warraq::TextOrder::Visual => "",
        warraq::TextOrder::Logical => "-logical",
    };
    let path = dir.join(format!("{stem}{order}.pdf"));
    std::fs::write(&path, bytes).expect("write pdf");
    path
}

/// The documents the PDF text and conformance tests run on: the example
/// report, the three test documents, the example with notes and links and
/// the tables example.
pub const DOCUMENTS: [&str; 6] = [
    "examples/un-report/report.json",
    "tests/fixtures/documents/mixed.json",
    "tests/fixtures/documents/vocalized.json",
    "tests/fixtures/documents/lists.json",
    "examples/notes/notes.json",
    "examples/tables/tables.json",
];

// ---------------------------------------------------------------------------
// The CLI, for the tests that run it.

/// Runs the `warraq` binary with `args` and a fixed `SOURCE_DATE_EPOCH`.
pub fn warraq_cli(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_warraq"))
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1569196800")
        .output()
        .expect("the binary runs")
}

/// A new, empty directory of this test process named after `name`.
pub fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("warraq-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// One style over the whole of `text`, in `lang` (the document's if `None`).
pub fn whole_style(text: &str, lang: Option<&str>) -> [warraq::text::StyleRun; 1] {
    [warraq::text::StyleRun {
        range: 0..text.len(),
        lang: lang.map(String::from),
        ..Default::default()
    }]
}

/// A paragraph of `text` at 12 pt, regular, symbols kept whole.
pub fn paragraph<'a>(
    text: &'a str,
    styles: &'a [warraq::text::StyleRun],
    rtl: bool,
    measure: f32,
    align: warraq::text::Align,
) -> warraq::text::Paragraph<'a> {
    warraq::text::Paragraph {
        text,
        styles,
        rtl,
        bold: false,
        size: 12.0,
        measure,
        align,
        break_symbols: false,
    }
}
