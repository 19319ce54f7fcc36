//! `warraq render`: outputs, atomic writes, no partial files.

mod common;

use common::{temp_dir, warraq_cli as warraq};

use std::path::Path;
use std::process::Command;

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

const REPORT: &str = "examples/un-report/report.json";

#[test]
fn renders_the_report_to_pdf_and_epub() {
    let dir = temp_dir("render-both");
    let (pdf, epub) = (dir.join("r.pdf"), dir.join("r.epub"));
    let out = warraq(&[
        "render",
        REPORT,
        "--pdf",
        pdf.to_str().unwrap(),
        "--epub",
        epub.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    assert!(std::fs::read(&epub).unwrap().starts_with(b"PK"));
    assert_eq!(
        entries(&dir),
        ["r.epub", "r.pdf"],
        "no temporary files left"
    );
}

#[test]
fn pdf_to_stdout_equals_pdf_to_file() {
    let dir = temp_dir("render-stdout");
    let file = dir.join("r.pdf");
    let a = warraq(&["render", REPORT, "--pdf", file.to_str().unwrap()]);
    assert!(a.status.success());
    let b = warraq(&["render", REPORT, "--pdf", "-"]);
    assert!(b.status.success());
    assert!(
        std::fs::read(&file).unwrap() == b.stdout,
        "same bytes to a file and to stdout"
    );
}

#[test]
fn an_unwritable_output_path_is_an_io_error_and_writes_nothing() {
    let dir = temp_dir("render-unwritable");
    let epub = dir.join("r.epub");
    let out = warraq(&[
        "render",
        REPORT,
        "--epub",
        epub.to_str().unwrap(),
        "--pdf",
        "/nonexistent-dir/r.pdf",
    ]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent-dir/r.pdf"));
    assert!(!Path::new("/nonexistent-dir/r.pdf").exists());
}

#[test]
fn bad_input_leaves_the_previous_file_untouched() {
    let dir = temp_dir("render-previous");
    let pdf = dir.join("r.pdf");
    std::fs::write(&pdf, b"previous contents").unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(&bad, r#"{"title": "t", "blocks": []}"#).unwrap();
    let out = warraq(&[
        "render",
        bad.to_str().unwrap(),
        "--pdf",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(&pdf).unwrap(), b"previous contents");
    assert_eq!(
        entries(&dir),
        ["bad.json", "r.pdf"],
        "no temporary files left"
    );
}

#[test]
fn missing_glyphs_write_no_file() {
    let dir = temp_dir("render-glyphs");
    let input = dir.join("cjk.json");
    std::fs::write(
        &input,
        r#"{"title": "t", "blocks": [{"kind": "paragraph", "text": "中文"}]}"#,
    )
    .unwrap();
    let pdf = dir.join("out.pdf");
    let out = warraq(&[
        "render",
        input.to_str().unwrap(),
        "--pdf",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("U+4E2D"));
    assert_eq!(entries(&dir), ["cjk.json"]);
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let dir = temp_dir("render-determinism");
    let run = |name: &str| {
        let pdf = dir.join(format!("{name}.pdf"));
        let epub = dir.join(format!("{name}.epub"));
        let out = warraq(&[
            "render",
            REPORT,
            "--pdf",
            pdf.to_str().unwrap(),
            "--epub",
            epub.to_str().unwrap(),
        ]);
        assert!(out.status.success());
        (std::fs::read(pdf).unwrap(), std::fs::read(epub).unwrap())
    };
    let (a, b) = (run("a"), run("b"));
    assert!(a.0 == b.0, "PDF differs");
    assert!(a.1 == b.1, "EPUB differs");
}

/// DejaVu Sans (Debian fonts-dejavu-core, installed by .ci/setup) has the
/// snowman, which Amiri lacks.
const DEJAVU: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

#[test]
fn a_given_font_fills_in_characters_amiri_lacks() {
    assert!(
        Path::new(DEJAVU).exists(),
        "{DEJAVU} is missing: apt-get install fonts-dejavu-core (.ci/setup)"
    );
    let dir = temp_dir("render-fallback");
    let input = dir.join("snow.json");
    std::fs::write(
        &input,
        r#"{"title": "t", "blocks": [{"kind": "paragraph", "text": "ثلج ☃ هنا"}]}"#,
    )
    .unwrap();
    let pdf = dir.join("out.pdf");
    let without = warraq(&[
        "render",
        input.to_str().unwrap(),
        "--pdf",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(without.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&without.stderr).contains("U+2603"));
    assert!(!pdf.exists());
    let with = warraq(&[
        "render",
        input.to_str().unwrap(),
        "--pdf",
        pdf.to_str().unwrap(),
        "--font",
        DEJAVU,
    ]);
    assert!(
        with.status.success(),
        "{}",
        String::from_utf8_lossy(&with.stderr)
    );
    // Font dictionaries sit in compressed object streams: ask poppler.
    let fonts = Command::new("pdffonts")
        .arg(&pdf)
        .output()
        .expect("pdffonts (poppler-utils) runs");
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    assert!(
        fonts.contains("DejaVuSans"),
        "the fallback font is embedded:\n{fonts}"
    );
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(
        String::from_utf8_lossy(&text.stdout).contains('☃'),
        "the snowman is in the text layer"
    );
}

#[test]
fn output_does_not_depend_on_the_thread_count() {
    let run = |threads: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_warraq"))
            .args(["render", REPORT, "--pdf", "-"])
            .env("SOURCE_DATE_EPOCH", "1569196800")
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap();
        assert!(out.status.success());
        out.stdout
    };
    let one = run("1");
    assert!(one == run("2"), "1 and 2 threads give different PDFs");
    assert!(one == run("4"), "1 and 4 threads give different PDFs");
}

#[test]
fn break_symbols_lets_the_report_s_symbols_fill_their_lines() {
    // Without it, the lines before the documents list's symbols end short
    // and the warnings name the option; with it, fewer lines end short and
    // none is told to use it.
    let short = |args: &[&str]| {
        let out = warraq(args);
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.code().is_some_and(|c| c != 1), "{err}");
        err.lines()
            .filter(|l| l.contains("ends short"))
            .map(String::from)
            .collect::<Vec<String>>()
    };
    let whole = short(&["check", REPORT]);
    let broken = short(&["check", REPORT, "--break-symbols"]);
    assert!(
        whole.iter().any(|l| l.contains("--break-symbols")),
        "{whole:#?}"
    );
    assert!(
        broken.iter().all(|l| !l.contains("--break-symbols")),
        "{broken:#?}"
    );
    assert!(broken.len() < whole.len(), "{broken:#?}\n{whole:#?}");
}
