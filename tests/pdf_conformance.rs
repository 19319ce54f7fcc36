//! Conformance that independent validators confirm (issue 11 item 4), on
//! the example report and the three test documents: `tools/check_pdf.sh`
//! with `CHECK_PDF_STRICT=1`, which runs
//!   - qpdf --check: no error and no warning;
//!   - page-validation (PyPI), profiles `ua1` (PDF/UA-1) and `2a`
//!     (PDF/A-2a): 0 failed rules;
//!   - pdfua (PyPI): 0 findings;
//!   - outloud (PyPI): 0 errors and 0 warnings.
//!
//! The tools are those `.ci/setup` installs; a missing one fails the test.

mod common;

use std::process::Command;

use common::{on_path, python, render_pdf_file, root, tool_missing};

/// The checks are the script's; this environment makes every finding fail
/// (qpdf warnings and outloud warnings included).
const STRICT: (&str, &str) = ("CHECK_PDF_STRICT", "1");

fn check_conformance(model: &str) {
    if python().is_none() {
        tool_missing("the validator venv (page-validation, pdfua, outloud)");
    }
    if !on_path("qpdf") {
        tool_missing("qpdf");
    }
    let pdf = render_pdf_file(model);
    let out = Command::new("bash")
        .arg(root().join("tools/check_pdf.sh"))
        .arg(&pdf)
        .env(STRICT.0, STRICT.1)
        .output()
        .expect("run tools/check_pdf.sh");
    let report =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    eprintln!("{report}");
    assert_ne!(
        out.status.code(),
        Some(2),
        "a validator is missing or could not run:\n{report}"
    );
    let verdict = report
        .lines()
        .rev()
        .find(|l| l.starts_with("check_pdf:"))
        .unwrap_or("no verdict");
    assert!(
        out.status.success(),
        "{model}: {verdict}\n(full output above)"
    );
}

#[test]
fn report_passes_every_validator() {
    check_conformance("examples/un-report/report.json");
}

#[test]
fn mixed_document_passes_every_validator() {
    check_conformance("tests/fixtures/documents/mixed.json");
}

#[test]
fn vocalized_document_passes_every_validator() {
    check_conformance("tests/fixtures/documents/vocalized.json");
}

#[test]
fn lists_document_passes_every_validator() {
    check_conformance("tests/fixtures/documents/lists.json");
}
