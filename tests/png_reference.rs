//! PNG reference pages (issue 16): the typographically hard pages — the
//! report's first page (masthead, title, barcode), pages 14 and 15 (lists of
//! names and document symbols, the loosest lines; pages 15 and 16 before
//! the balanced page bottoms made the report a page shorter) and a fully vocalized
//! page — rendered by poppler and compared pixel by pixel with
//! `tests/fixtures/png/`. Any change to how they are set fails here, with a
//! difference image in `target/png-diff/` (`tools/png_reference.py` says
//! how the pixels are compared). After looking at the new pages, accept
//! them with `UPDATE=1 cargo test --test png_reference`.

mod common;

use std::process::Command;

use common::{on_path, python, render_pdf_file, root, temp_dir, tool_missing};

/// (reference name, document, page).
const PAGES: [(&str, &str, usize); 4] = [
    ("report-p01", "examples/un-report/report.json", 1),
    ("report-p14", "examples/un-report/report.json", 14),
    ("report-p15", "examples/un-report/report.json", 15),
    (
        "vocalized-p01",
        "tests/fixtures/documents/vocalized.json",
        1,
    ),
];

#[test]
fn hard_pages_look_as_they_did() {
    let Some(py) = python() else {
        tool_missing("the Python venv (Pillow)")
    };
    if !on_path("pdftoppm") {
        tool_missing("pdftoppm (poppler-utils)");
    }
    let mut pdfs = std::collections::BTreeMap::new();
    let cases: Vec<serde_json::Value> = PAGES
        .iter()
        .map(|&(name, doc, page)| {
            let pdf = pdfs.entry(doc).or_insert_with(|| render_pdf_file(doc));
            serde_json::json!({"name": name, "pdf": pdf, "page": page})
        })
        .collect();
    let dir = temp_dir("png-reference");
    let list = dir.join("cases.json");
    std::fs::write(&list, serde_json::to_vec(&cases).unwrap()).unwrap();
    let mut cmd = Command::new(py);
    cmd.arg(root().join("tools/png_reference.py")).arg(&list);
    if std::env::var_os("UPDATE").is_some() {
        cmd.arg("--update");
    }
    let out = cmd.output().expect("tools/png_reference.py runs");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "pages differ from tests/fixtures/png (look at the difference images, then \
         UPDATE=1 cargo test --test png_reference if the change is meant):\n{report}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Every page was compared (or written): none skipped silently.
    for (name, _, _) in PAGES {
        assert!(report.contains(name), "{name} not checked:\n{report}");
    }
}
