//! The EPUBs of the example report, of the tables example and of the escaping fixture pass the
//! validators of the issue (`epub_support::validators`): both EPUBChecks,
//! epubcheck-ts and DAISY Ace.

mod epub_support;

use epub_support::validators::{validate, work_dir};
use epub_support::{render_file, report};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/epub/escaping.json"
);

const TABLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/tables/tables.json");

#[test]
fn report_and_fixture_pass_both_epubchecks_epubcheck_ts_and_ace() {
    let mut problems = validate("report", &report().epub);
    problems.extend(validate("escaping", &render_file(FIXTURE).epub));
    problems.extend(validate("tables", &render_file(TABLES).epub));
    let _ = std::fs::remove_dir_all(work_dir());
    assert!(
        problems.is_empty(),
        "validator findings:\n{}",
        problems.join("\n")
    );
}
