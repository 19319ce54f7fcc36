//! `warraq convert` and `--from` (issue 15): the example report as Markdown
//! renders to the same PDF and EPUB bytes as the JSON.

use std::process::{Command, Output};

fn warraq(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_warraq"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1569196800")
        .output()
        .expect("the binary runs")
}

fn ok(args: &[&str]) -> Vec<u8> {
    let out = warraq(args);
    assert!(
        out.status.success(),
        "warraq {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn tempdir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("warraq-convert-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const JSON: &str = "examples/un-report/report.json";
const MARKDOWN: &str = "examples/un-report/report.md";

#[test]
fn the_markdown_report_renders_to_the_same_bytes_as_the_json() {
    let dir = tempdir("same");
    let mut outputs = Vec::new();
    for (input, stem) in [(JSON, "json"), (MARKDOWN, "md")] {
        let pdf = dir.join(format!("{stem}.pdf"));
        let epub = dir.join(format!("{stem}.epub"));
        let (p, e) = (pdf.to_str().unwrap(), epub.to_str().unwrap());
        ok(&["render", input, "--pdf", p, "--epub", e]);
        outputs.push((std::fs::read(&pdf).unwrap(), std::fs::read(&epub).unwrap()));
    }
    assert!(outputs[0].0 == outputs[1].0, "the same PDF bytes");
    assert!(outputs[0].1 == outputs[1].1, "the same EPUB bytes");
}

#[test]
fn convert_prints_the_json_contract_and_the_markdown_form() {
    let json = ok(&["convert", MARKDOWN, "--to", "json"]);
    let (from_md, _) = warraq::parse_json(std::str::from_utf8(&json).unwrap()).unwrap();
    let (doc, _) = warraq::parse_json(&std::fs::read_to_string(JSON).unwrap()).unwrap();
    assert_eq!(from_md, doc);
    let expected = serde_json::to_string_pretty(&doc).unwrap() + "\n";
    assert_eq!(
        String::from_utf8(json).unwrap(),
        expected,
        "serde's pretty JSON"
    );

    let md = ok(&["convert", JSON, "--to", "markdown"]);
    assert_eq!(
        String::from_utf8(md).unwrap(),
        std::fs::read_to_string(MARKDOWN).unwrap(),
        "examples/un-report/report.md is what convert writes"
    );
}

#[test]
fn from_overrides_the_extension_and_standard_input_is_json() {
    let dir = tempdir("from");
    let copy = dir.join("report.txt");
    std::fs::copy(MARKDOWN, &copy).unwrap();
    let copy = copy.to_str().unwrap();
    let out = warraq(&["check", copy]);
    assert_eq!(out.status.code(), Some(2), "a .txt is read as JSON");
    ok(&["check", copy, "--from", "markdown", "-q"]);
}

#[test]
fn markdown_errors_name_the_file_line_and_column() {
    let dir = tempdir("errors");
    let md = dir.join("bad.md");
    std::fs::write(&md, "---\ntitle: ت\n---\n\nنص [رابط](report.pdf).\n").unwrap();
    let out = warraq(&["check", md.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let expected = format!(
        "error: {}:5:4: `report.pdf` is not a link warraq can write: it has no scheme",
        md.display()
    );
    assert!(stderr.starts_with(&expected), "{stderr}");
}

/// examples/notes (a title note marked `*`, numbered notes, links, the
/// masthead): JSON → Markdown → JSON gives the same document.
#[test]
fn notes_links_and_the_masthead_round_trip_through_markdown() {
    const NOTES: &str = "examples/notes/notes.json";
    let dir = tempdir("notes");
    let md = dir.join("notes.md");
    std::fs::write(&md, ok(&["convert", NOTES, "--to", "markdown"])).unwrap();
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(text.contains("[^*]: أُعدَّت هذه الورقة"), "{text}");
    assert!(text.contains("(mailto:unodc-htmss@un.org)"), "{text}");
    let json = ok(&["convert", md.to_str().unwrap(), "--to", "json"]);
    let (back, _) = warraq::parse_json(std::str::from_utf8(&json).unwrap()).unwrap();
    let (doc, _) = warraq::parse_json(&std::fs::read_to_string(NOTES).unwrap()).unwrap();
    assert_eq!(back, doc);
}

/// The Markdown of a table and two figures, whose images sit beside it.
const FIGURES_MD: &str = "---
title: الجداول والأشكال
---

| البلد | العدد |
|:---|---:|
| مصر | ١٢ |

Table: الجدول ١ - الضحايا

![رسم بياني للضحايا](chart.png \"الشكل ١ - الضحايا\"){width=60%}

![خريطة المنطقة](maps/map.jpg)
";

/// A Markdown document's images are read from its own directory, wherever
/// warraq runs; from standard input, from the working directory; a missing
/// image is an error naming it. `convert` takes the tables and figures
/// through JSON and back to the same Markdown.
#[test]
fn markdown_figures_load_beside_the_document_and_round_trip() {
    let dir = tempdir("figures");
    std::fs::create_dir_all(dir.join("maps")).unwrap();
    std::fs::copy("examples/tables/chart.png", dir.join("chart.png")).unwrap();
    std::fs::copy("examples/tables/map.jpg", dir.join("maps/map.jpg")).unwrap();
    let md = dir.join("doc.md");
    std::fs::write(&md, FIGURES_MD).unwrap();
    let (md, pdf) = (md.to_str().unwrap(), dir.join("doc.pdf"));
    ok(&["render", md, "--pdf", pdf.to_str().unwrap()]);
    let bytes = std::fs::read(&pdf).unwrap();

    // Standard input: the images are the working directory's.
    let stdin_pdf = dir.join("stdin.pdf");
    let mut child = Command::new(env!("CARGO_BIN_EXE_warraq"))
        .current_dir(&dir)
        .args(["render", "-", "--from", "markdown", "--pdf"])
        .arg(&stdin_pdf)
        .env("SOURCE_DATE_EPOCH", "1569196800")
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(FIGURES_MD.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(std::fs::read(&stdin_pdf).unwrap(), bytes, "the same PDF");

    let missing = dir.join("missing.md");
    std::fs::write(
        &missing,
        FIGURES_MD.replace("maps/map.jpg", "maps/none.jpg"),
    )
    .unwrap();
    let none_pdf = dir.join("none.pdf");
    let out = warraq(&[
        "render",
        missing.to_str().unwrap(),
        "--pdf",
        none_pdf.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!none_pdf.exists(), "nothing written");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("none.jpg"), "{stderr}");

    let json = dir.join("doc.json");
    std::fs::write(&json, ok(&["convert", md, "--to", "json"])).unwrap();
    let back = ok(&["convert", json.to_str().unwrap(), "--to", "markdown"]);
    let again = dir.join("again.md");
    std::fs::write(&again, &back).unwrap();
    let json_again = ok(&["convert", again.to_str().unwrap(), "--to", "json"]);
    assert_eq!(
        json_again,
        std::fs::read(&json).unwrap(),
        "Markdown → JSON → Markdown → JSON"
    );
    let text = String::from_utf8(back).unwrap();
    assert!(text.contains("| :--- | ---: |"), "{text}");
    assert!(text.contains("Table: الجدول ١ - الضحايا"), "{text}");
    assert!(
        text.contains("![رسم بياني للضحايا](chart.png \"الشكل ١ - الضحايا\"){width=60%}"),
        "{text}"
    );
}
