//! Every input error gives a located message, the right exit code, and no output file.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

struct Outcome {
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
}

fn warraq(args: &[&str], stdin: &str) -> Outcome {
    let mut child = Command::new(env!("CARGO_BIN_EXE_warraq"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    // A command that fails before reading its input closes the pipe early:
    // a broken pipe here is the binary's choice, not a test failure.
    let written = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    if let Err(e) = written {
        assert_eq!(
            e.kind(),
            std::io::ErrorKind::BrokenPipe,
            "writing stdin: {e}"
        );
    }
    let out = child.wait_with_output().unwrap();
    Outcome {
        code: out.status.code().expect("exited, not killed by a signal"),
        stdout: out.stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `warraq check -` on `json`; asserts exit 2 and that stderr names every `needle`.
fn rejects(json: &str, needles: &[&str]) {
    let out = warraq(&["check", "-"], json);
    assert_eq!(
        out.code, 2,
        "exit code for {json:?}; stderr: {}",
        out.stderr
    );
    assert!(!out.stderr.contains("panicked"), "panic: {}", out.stderr);
    for needle in needles {
        assert!(
            out.stderr.contains(needle),
            "stderr lacks {needle:?}:\n{}",
            out.stderr
        );
    }
}

const OK_BLOCK: &str = r#"{"kind": "paragraph", "number": 1, "text": "نص"}"#;

#[test]
fn malformed_json_names_line_and_column() {
    rejects(
        "{\"title\": \"t\",\n \"blocks\": [\n  {\"kind\": \"paragraph\" \"text\": \"x\"}]}",
        &["-:3:24", "expected"],
    );
}

#[test]
fn wrong_type_names_the_path() {
    let json = "{\"title\": \"t\",\n\"blocks\": [{\"kind\": \"heading\", \"level\": \"one\", \"text\": \"x\"}]}";
    rejects(json, &["-:2:", "blocks[0].level", "invalid type"]);
}

#[test]
fn unknown_field_names_the_path() {
    rejects(
        r#"{"title": "t", "blocks": [{"kind": "paragraph", "numbr": 1, "text": "x"}]}"#,
        &["blocks[0]", "unknown field `numbr`"],
    );
    rejects(
        r#"{"title": "t", "colour": "red", "blocks": []}"#,
        &["unknown field `colour`"],
    );
}

#[test]
fn missing_title() {
    rejects(
        &format!(r#"{{"blocks": [{OK_BLOCK}]}}"#),
        &["missing field `title`"],
    );
}

#[test]
fn empty_document() {
    rejects(
        "{\"title\": \"t\",\n  \"blocks\": []}",
        &["-:2:13", "`blocks`", "no blocks", "hint:"],
    );
}

#[test]
fn empty_block_text() {
    let json = format!("{{\"title\": \"t\", \"blocks\": [{OK_BLOCK},\n  {{\"kind\": \"paragraph\", \"text\": \"  \"}}]}}");
    rejects(&json, &["-:2:33", "blocks[1].text", "empty"]);
    rejects(
        r#"{"title": "t", "blocks": [{"kind": "paragraph", "text": []}]}"#,
        &["blocks[0].text", "no spans"],
    );
}

#[test]
fn level_three_heading() {
    rejects(
        r#"{"title": "t", "blocks": [{"kind": "heading", "level": 3, "text": "x"}]}"#,
        &["blocks[0].level", "level 3", "hint:"],
    );
}

#[test]
fn negative_zero_and_huge_numbers() {
    rejects(
        r#"{"title": "t", "blocks": [{"kind": "paragraph", "number": -4, "text": "x"}]}"#,
        &["blocks[0].number"],
    );
    rejects(
        r#"{"title": "t", "blocks": [{"kind": "paragraph", "number": 0, "text": "x"}]}"#,
        &["blocks[0].number", "out of range"],
    );
    rejects(
        r#"{"title": "t", "blocks": [{"kind": "recommendation", "number": 100000, "text": "x"}]}"#,
        &["blocks[0].number", "out of range"],
    );
    rejects(
        r#"{"title": "t", "blocks": [{"kind": "paragraph", "number": 99999999999, "text": "x"}]}"#,
        &["blocks[0].number"],
    );
}

#[test]
fn invalid_language_tags() {
    rejects(
        &format!(r#"{{"title": "t", "lang": "ar_EG!", "blocks": [{OK_BLOCK}]}}"#),
        &["`lang`", "BCP 47"],
    );
    rejects(
        r#"{"title": "t", "blocks": [{"kind": "paragraph", "text": [{"text": "x", "lang": "e"}]}]}"#,
        &["blocks[0].text[0].lang"],
    );
}

#[test]
fn control_characters_and_lone_surrogates() {
    rejects(
        r#"{"title": "t", "blocks": [{"kind": "paragraph", "text": "a\u0000b"}]}"#,
        &["blocks[0].text", "U+0000", "character 2"],
    );
    rejects(
        r#"{"title": "t", "blocks": [{"kind": "paragraph", "text": "a\u0007b"}]}"#,
        &["U+0007"],
    );
    rejects(
        r#"{"title": "t", "blocks": [{"kind": "paragraph", "text": "\ud800"}]}"#,
        &["-:1:", "surrogate"],
    );
}

#[test]
fn bad_dates() {
    rejects(
        &format!(r#"{{"title": "t", "date": "23/09/2019", "blocks": [{OK_BLOCK}]}}"#),
        &["`date`", "YYYY-MM-DD"],
    );
}

#[test]
fn input_that_is_not_utf8() {
    let dir = tempdir("not-utf8");
    let path = dir.join("in.json");
    std::fs::write(&path, b"{\"title\": \"\xff\"}").unwrap();
    let out = warraq(&["check", path.to_str().unwrap()], "");
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("not UTF-8"), "{}", out.stderr);
}

#[test]
fn unreadable_input_is_an_io_error() {
    let out = warraq(&["check", "/nonexistent/report.json"], "");
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("/nonexistent/report.json"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_font_that_is_not_a_font() {
    let dir = tempdir("bad-font");
    let font = dir.join("font.ttf");
    std::fs::write(&font, b"this is not a font").unwrap();
    let json = format!(r#"{{"title": "t", "blocks": [{OK_BLOCK}]}}"#);
    let out = warraq(&["check", "-", "--font", font.to_str().unwrap()], &json);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("font.ttf") && out.stderr.contains("not a usable OpenType font"),
        "{}",
        out.stderr
    );
}

#[test]
fn characters_no_font_has_are_listed() {
    let json = r#"{"title": "t", "blocks": [{"kind": "paragraph", "text": "نص"}, {"kind": "paragraph", "text": "中文 🙂"}]}"#;
    let out = warraq(&["layout", "-"], json);
    assert_eq!(out.code, 2, "{}", out.stderr);
    for needle in [
        "U+4E2D",
        "U+6587",
        "U+1F642",
        "block 1",
        "blocks[1].text",
        "--font",
    ] {
        assert!(
            out.stderr.contains(needle),
            "stderr lacks {needle}:\n{}",
            out.stderr
        );
    }
    assert!(out.stdout.is_empty());
}

#[test]
fn numbering_that_skips_or_repeats_warns() {
    let json = r#"{"title": "t", "blocks": [
        {"kind": "paragraph", "number": 1, "text": "أ"},
        {"kind": "paragraph", "number": 3, "text": "ب"},
        {"kind": "paragraph", "number": 3, "text": "ج"}]}"#;
    let out = warraq(&["check", "-"], json);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("warning: -:3:")
            && out.stderr.contains("number 3 follows 1; expected 2"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("warning: -:4:") && out.stderr.contains("number 3 repeats"),
        "{}",
        out.stderr
    );
}

#[test]
fn render_needs_an_output() {
    let out = warraq(&["render", "-"], "{}");
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("--pdf") && out.stderr.contains("--epub"),
        "{}",
        out.stderr
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(warraq(&["frobnicate"], "").code, 2);
    assert_eq!(warraq(&["render"], "").code, 2);
    let help = warraq(&["--help"], "");
    assert_eq!(help.code, 0);
    assert!(String::from_utf8_lossy(&help.stdout).contains("Examples:"));
}

fn tempdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("warraq-test-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_word_wider_than_the_line_warns_and_renders() {
    let word = "ب".repeat(400);
    let json =
        format!(r#"{{"title": "t", "blocks": [{{"kind": "paragraph", "text": "{word}"}}]}}"#);
    let out = warraq(&["layout", "-"], &json);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("warning: -:")
            && out.stderr.contains("blocks[0].text")
            && out.stderr.contains("wider than the line"),
        "{}",
        out.stderr
    );
    assert!(!out.stdout.is_empty());
}
