//! Issue 19: hostile input, hostile fonts and hostile file systems. Every
//! case ends in exit 0 with valid outputs, or 2/1 with a message naming the
//! place; never a panic (exit 101), never a changed file on failure, never
//! a followed symlink. The cases come from `tests/hostile/mod.rs`.

mod common;

use common::warraq_cli as warraq;

#[path = "hostile/mod.rs"]
mod hostile;

use std::io::Read;
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::Path;
use std::process::{Command, Output, Stdio};

use hostile::*;
use warraq::{Error, FontBook, LayoutOptions};

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Asserts the exit code, no panic, and that stderr has every needle.
fn expect(out: &Output, code: i32, needles: &[&str]) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(code), "stderr:\n{err}");
    assert!(!err.contains("panicked"), "{err}");
    for needle in needles {
        assert!(err.contains(needle), "stderr lacks {needle:?}:\n{err}");
    }
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_string()
}

// 1. Panics.

#[test]
fn marks_stacked_on_one_base_are_a_located_limit() {
    let dir = tempdir("marks");
    let input = write(&dir, "marks.json", paragraph(&stacked_marks(65_536)));
    let out = warraq(&["check", &input]);
    expect(
        &out,
        2,
        &["marks.json:1:", "blocks[0].text", "combining marks", "30"],
    );
    let at_limit = write(&dir, "thirty.json", paragraph(&stacked_marks(30)));
    let pdf = dir.join("thirty.pdf");
    let out = warraq(&["render", &at_limit, "--pdf", pdf.to_str().unwrap()]);
    expect(&out, 0, &[]);
    let over = write(&dir, "over.json", paragraph(&stacked_marks(31)));
    expect(&warraq(&["check", &over]), 2, &["character 32"]);
}

#[test]
fn a_shaper_panic_is_contained_and_named() {
    // A document built in code is validated like JSON (issue 12): the
    // marks are refused before they reach the shaper.
    let (mut doc, _) = warraq::parse_json(&paragraph("نص")).unwrap();
    doc.blocks = vec![warraq::model::Block::Paragraph {
        number: None,
        text: warraq::model::Text::Plain(stacked_marks(65_536)),
    }];
    let fonts = FontBook::bundled();
    match warraq::lay_out(&doc, &fonts, &LayoutOptions::default()) {
        Err(Error::Limit { location, .. }) => assert_eq!(location.path, "blocks[0].text"),
        Err(other) => panic!("expected the marks' limit, got {other}"),
        Ok(_) => panic!("expected validation to refuse the marks"),
    }
    // The paragraph pipeline itself takes no document: the marks reach
    // rustybuzz, whose panic the containment seam turns into an error
    // naming the font.
    let text = stacked_marks(65_536);
    let styles = [warraq::text::StyleRun {
        range: 0..text.len(),
        lang: None,
        strong: false,
        raised: false,
    }];
    let para = warraq::text::Paragraph {
        text: &text,
        styles: &styles,
        rtl: true,
        bold: false,
        size: 12.0,
        measure: 400.0,
        align: warraq::text::Align::Start,
        break_symbols: false,
    };
    let _ = warraq::layout::set_paragraph(&fonts, &para);
    match fonts.take_shaping_failure() {
        Err(Error::Font { message, .. }) => {
            assert!(message.contains("Amiri"), "{message}");
            assert!(message.contains("panicked"), "{message}");
        }
        Err(other) => panic!("expected a font error, got {other}"),
        Ok(()) => panic!("expected the shaper to fail"),
    }
    // The book is usable afterwards.
    let (doc, _) = warraq::parse_json(&paragraph("نص")).unwrap();
    assert!(warraq::lay_out(&doc, &fonts, &LayoutOptions::default()).is_ok());
}

/// Renders SNOW with `font` as the fallback, to PDF and EPUB.
fn render_with_font(name: &str, font: Vec<u8>) -> (Output, std::path::PathBuf) {
    let dir = tempdir(name);
    let input = write(&dir, "snow.json", SNOW);
    let font = write(&dir, &format!("{name}.ttf"), font);
    let (pdf, epub) = (dir.join("o.pdf"), dir.join("o.epub"));
    let out = warraq(&[
        "render",
        &input,
        "--pdf",
        pdf.to_str().unwrap(),
        "--epub",
        epub.to_str().unwrap(),
        "--font",
        &font,
    ]);
    (out, dir)
}

#[test]
fn a_font_without_horizontal_metrics_is_refused_up_front() {
    let (out, dir) = render_with_font("hmetrics0", font_without_hmetrics());
    expect(&out, 1, &["hmetrics0.ttf", "numberOfHMetrics is 0"]);
    assert_eq!(entries(&dir), ["hmetrics0.ttf", "snow.json"]);
}

#[test]
fn a_one_byte_corrupted_font_is_refused_up_front() {
    let (out, dir) = render_with_font("onebyte", font_one_byte_corrupted());
    expect(&out, 1, &["onebyte.ttf", "damaged", "109 glyphs"]);
    assert_eq!(entries(&dir), ["onebyte.ttf", "snow.json"]);
}

#[test]
fn a_truncated_font_is_called_truncated_not_cff() {
    let (out, _) = render_with_font("truncated", font_truncated());
    expect(&out, 1, &["truncated.ttf", "truncated"]);
    assert!(!stderr(&out).contains("CFF"), "{}", stderr(&out));
}

#[test]
fn a_font_collection_gives_its_first_face() {
    let (out, _) = render_with_font("collection", font_collection());
    expect(&out, 0, &["o.pdf: 1 page"]);
}

#[test]
fn a_face_past_a_collection_is_refused_up_front() {
    let dir = tempdir("collection-face");
    let input = write(&dir, "snow.json", SNOW);
    let font = write(&dir, "collection.ttc", font_collection());
    let pdf = dir.join("o.pdf");
    let face = format!("{font}#1");
    let out = warraq(&[
        "render",
        &input,
        "--pdf",
        pdf.to_str().unwrap(),
        "--font",
        &face,
    ]);
    expect(
        &out,
        1,
        &["collection.ttc#1", "faces 0 to 0; there is no face 1"],
    );
    assert_eq!(entries(&dir), ["collection.ttc", "snow.json"]);
}

#[test]
fn the_fallback_font_itself_renders() {
    let (out, dir) = render_with_font("dejavu", dejavu());
    expect(&out, 0, &["o.pdf: 1 page", "o.epub: 1 page"]);
    assert!(std::fs::read(dir.join("o.epub"))
        .unwrap()
        .starts_with(b"PK"));
}

#[test]
fn layout_into_a_pipe_closed_early_is_quiet() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_warraq"))
        .args(["layout", "examples/un-report/report.json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 10];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The pipe's reader is gone (`| head -c 10`).
    let out = child.wait_with_output().unwrap();
    expect(&out, 0, &[]);
    // Nothing about the pipe: the layout's own warnings only (the report
    // has two, lines too loose to fill).
    let err = stderr(&out);
    assert!(err.lines().all(|l| l.starts_with("warning: ")), "{err}");
}

#[test]
fn schema_into_a_full_device_is_an_error() {
    let full = std::fs::File::create("/dev/full").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_warraq"))
        .arg("schema")
        .stdout(full)
        .output()
        .unwrap();
    expect(&out, 1, &["<stdout>", "No space left on device"]);
}

#[test]
fn check_with_a_full_stderr_does_not_panic() {
    let dir = tempdir("stderr-full");
    let input = write(&dir, "in.json", SMALL);
    let full = std::fs::File::create("/dev/full").unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_warraq"))
        .args(["check", &input])
        .stderr(full)
        .status()
        .unwrap();
    // The report could not be written: no success, and no panic (101).
    assert_eq!(status.code(), Some(1));
}

// 2. No output replaced unless every output was written.

#[test]
fn a_failing_epub_leaves_the_existing_pdf_untouched() {
    let dir = tempdir("commit");
    let input = write(&dir, "in.json", SMALL);
    let pdf = write(&dir, "p.pdf", "previous");
    let epub = dir.join("nodir/x.epub");
    let out = warraq(&[
        "render",
        &input,
        "--pdf",
        &pdf,
        "--epub",
        epub.to_str().unwrap(),
    ]);
    expect(&out, 1, &["nodir/x.epub", "No such file or directory"]);
    assert_eq!(std::fs::read(&pdf).unwrap(), b"previous");
    assert_eq!(
        entries(&dir),
        ["in.json", "p.pdf"],
        "no temporary file left"
    );
}

#[test]
fn a_full_device_for_the_epub_leaves_the_existing_pdf_untouched() {
    let dir = tempdir("commit-full");
    let input = write(&dir, "in.json", SMALL);
    let pdf = write(&dir, "p.pdf", "previous");
    let out = warraq(&["render", &input, "--pdf", &pdf, "--epub", "/dev/full"]);
    expect(&out, 1, &["/dev/full", "No space left on device"]);
    assert_eq!(std::fs::read(&pdf).unwrap(), b"previous");
    assert_eq!(entries(&dir), ["in.json", "p.pdf"]);
}

// 3. Temporary files: random, exclusive, short; modes kept.

#[test]
fn planted_symlinks_are_never_followed() {
    let dir = tempdir("planted");
    let input = write(&dir, "in.json", SMALL);
    let victim = write(&dir, "victim", "precious");
    // Every name the old writer could pick for this run's neighbours.
    for pid in 1..200u32 {
        std::os::unix::fs::symlink(&victim, dir.join(format!(".out.pdf.{pid}.tmp"))).unwrap();
    }
    let pdf = dir.join("out.pdf");
    let out = warraq(&["render", &input, "--pdf", pdf.to_str().unwrap()]);
    expect(&out, 0, &[]);
    assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    assert_eq!(entries(&dir).len(), 3 + 199, "no temporary file left");
}

#[test]
fn a_symlinked_output_replaces_its_target_and_stays_a_link() {
    let dir = tempdir("link");
    let input = write(&dir, "in.json", SMALL);
    let target = write(&dir, "real.pdf", "old");
    let link = dir.join("link.pdf");
    std::os::unix::fs::symlink("real.pdf", &link).unwrap();
    let out = warraq(&["render", &input, "--pdf", link.to_str().unwrap()]);
    expect(&out, 0, &[]);
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read(&target).unwrap().starts_with(b"%PDF-"));
}

#[test]
fn a_replaced_file_keeps_its_mode_and_a_new_one_gets_the_umask_default() {
    let dir = tempdir("mode");
    let input = write(&dir, "in.json", SMALL);
    let pdf = write(&dir, "p.pdf", "old");
    std::fs::set_permissions(&pdf, std::fs::Permissions::from_mode(0o640)).unwrap();
    expect(&warraq(&["render", &input, "--pdf", &pdf]), 0, &[]);
    let mode = std::fs::metadata(&pdf).unwrap().permissions().mode() & 0o7777;
    assert_eq!(mode, 0o640);
    let new = dir.join("new.pdf");
    expect(
        &warraq(&["render", &input, "--pdf", new.to_str().unwrap()]),
        0,
        &[],
    );
    let mode = std::fs::metadata(&new).unwrap().permissions().mode() & 0o7777;
    assert_ne!(
        mode & 0o044,
        0,
        "not the 0600 of a temporary file: {mode:o}"
    );
}

#[test]
fn a_254_character_output_name_works() {
    let dir = tempdir("long");
    let input = write(&dir, "in.json", SMALL);
    let name = format!("{}.pdf", "a".repeat(250));
    let pdf = dir.join(&name);
    let out = warraq(&["render", &input, "--pdf", pdf.to_str().unwrap()]);
    expect(&out, 0, &[]);
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
}

// 4. Outputs that are not regular files; outputs that collide.

#[test]
fn a_link_to_a_device_stays_a_link_to_the_device() {
    let dir = tempdir("device");
    let input = write(&dir, "in.json", SMALL);
    let link = dir.join("null.pdf");
    std::os::unix::fs::symlink("/dev/null", &link).unwrap();
    let out = warraq(&["render", &input, "--pdf", link.to_str().unwrap()]);
    expect(&out, 0, &[]);
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    let null = std::fs::metadata("/dev/null").unwrap();
    assert!(null.file_type().is_char_device());
}

#[test]
fn a_fifo_output_is_written_through() {
    let dir = tempdir("fifo");
    let input = write(&dir, "in.json", SMALL);
    let fifo = dir.join("pipe.pdf");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).unwrap())
    };
    let out = warraq(&["render", &input, "--pdf", fifo.to_str().unwrap()]);
    expect(&out, 0, &[]);
    assert!(reader.join().unwrap().starts_with(b"%PDF-"));
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
}

#[test]
fn the_same_file_twice_or_the_input_as_output_is_a_usage_error() {
    let dir = tempdir("same");
    let input = write(&dir, "in.json", SMALL);
    let x = dir.join("x");
    let dotted = dir.join(".").join("x");
    let out = warraq(&[
        "render",
        &input,
        "--pdf",
        x.to_str().unwrap(),
        "--epub",
        dotted.to_str().unwrap(),
    ]);
    expect(&out, 2, &["are the same file"]);
    let link = dir.join("link.json");
    std::os::unix::fs::symlink("in.json", &link).unwrap();
    let out = warraq(&["render", &input, "--epub", link.to_str().unwrap()]);
    expect(&out, 2, &["is the input file"]);
    assert_eq!(std::fs::read_to_string(&input).unwrap(), SMALL);
    assert_eq!(entries(&dir), ["in.json", "link.json"]);
}

#[test]
fn pdf_to_a_closed_stdout_is_an_error() {
    let dir = tempdir("closed");
    let input = write(&dir, "in.json", SMALL);
    let out = Command::new("sh")
        .args(["-c", "exec \"$0\" render \"$1\" --pdf - >&-"])
        .arg(env!("CARGO_BIN_EXE_warraq"))
        .arg(&input)
        .output()
        .unwrap();
    expect(&out, 1, &["<stdout>", "closed"]);
}

// 7. Bounded reads.

#[test]
fn reading_dev_zero_stops_at_the_limit() {
    let out = warraq(&["check", "/dev/zero"]);
    expect(&out, 2, &["/dev/zero", "limit of 67108864 bytes"]);
    let dir = tempdir("font-zero");
    let input = write(&dir, "in.json", SMALL);
    let out = warraq(&["check", &input, "--font", "/dev/zero"]);
    expect(&out, 1, &["/dev/zero", "limit is 67108864 bytes"]);
}

// 8. Dates.

#[test]
fn timestamps_out_of_range_are_usage_errors() {
    let dir = tempdir("timestamp");
    let input = write(&dir, "in.json", SMALL);
    let pdf = dir.join("p.pdf");
    for t in ["253402300800", "-62135596801", "-2192465290127082952"] {
        let out = warraq(&[
            "render",
            &input,
            "--pdf",
            pdf.to_str().unwrap(),
            "--timestamp",
            t,
        ]);
        expect(&out, 2, &["--timestamp", "out of range", "9999-12-31"]);
    }
    let out = Command::new(env!("CARGO_BIN_EXE_warraq"))
        .args(["render", &input, "--pdf", pdf.to_str().unwrap()])
        .env("SOURCE_DATE_EPOCH", "99999999999999")
        .output()
        .unwrap();
    expect(&out, 2, &["SOURCE_DATE_EPOCH", "out of range"]);
    assert!(!pdf.exists());
    let ok = warraq(&[
        "render",
        &input,
        "--pdf",
        pdf.to_str().unwrap(),
        "--timestamp",
        "253402300799",
    ]);
    expect(&ok, 0, &[]);
    let bytes = std::fs::read(&pdf).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("9999-12-31T23:59:59Z"), "the XMP date");
}

#[test]
fn a_date_that_does_not_exist_is_a_located_error() {
    let json = SMALL.replace("2019-09-23", "2019-02-31");
    let dir = tempdir("date");
    let input = write(&dir, "in.json", json);
    let out = warraq(&["check", &input]);
    expect(
        &out,
        2,
        &["in.json:1:", "`date`", "2019-02-31", "is not a date"],
    );
}

#[test]
fn pdf_and_epub_carry_the_same_date() {
    let dir = tempdir("same-date");
    let input = write(&dir, "in.json", SMALL);
    let (pdf, epub) = (dir.join("p.pdf"), dir.join("e.epub"));
    let out = Command::new(env!("CARGO_BIN_EXE_warraq"))
        .args(["render", &input, "--pdf", pdf.to_str().unwrap()])
        .args(["--epub", epub.to_str().unwrap()])
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    expect(&out, 0, &[]);
    let pdf = String::from_utf8_lossy(&std::fs::read(&pdf).unwrap()).into_owned();
    assert!(pdf.contains("2019-09-23T00:00:00Z"), "the PDF's XMP date");
    let opf = Command::new("unzip")
        .args(["-p", epub.to_str().unwrap(), "OEBPS/content.opf"])
        .output()
        .expect("unzip runs");
    let opf = String::from_utf8_lossy(&opf.stdout);
    assert!(opf.contains("2019-09-23"), "the EPUB's date:\n{opf}");
}

// 9. Messages.

#[test]
fn utf16_input_names_the_file_and_the_encoding() {
    let dir = tempdir("utf16");
    let mut le = vec![0xFF, 0xFE];
    le.extend(SMALL.encode_utf16().flat_map(u16::to_le_bytes));
    let input = write(&dir, "u16.json", le);
    let out = warraq(&["check", &input]);
    expect(
        &out,
        2,
        &["u16.json: the input is UTF-16 (little-endian); save it as UTF-8"],
    );
    let mut be = vec![0xFE, 0xFF];
    be.extend(SMALL.encode_utf16().flat_map(u16::to_be_bytes));
    let input = write(&dir, "u16be.json", be);
    expect(
        &warraq(&["check", &input]),
        2,
        &["u16be.json", "UTF-16 (big-endian)"],
    );
    let input = write(&dir, "latin1.json", b"{\"title\": \"caf\xe9\"}");
    expect(
        &warraq(&["check", &input]),
        2,
        &["latin1.json: the input is not UTF-8"],
    );
}

#[test]
fn a_utf8_bom_is_skipped_and_columns_stay_right() {
    let dir = tempdir("bom");
    let bom = write(&dir, "bom.json", format!("\u{FEFF}{SMALL}"));
    expect(&warraq(&["check", &bom]), 0, &["bom.json: ok"]);
    let bad = r#"{"title": 7, "blocks": []}"#;
    let plain_bad = write(&dir, "plain-bad.json", bad);
    let bom_bad = write(&dir, "bom-bad.json", format!("\u{FEFF}{bad}"));
    let a = stderr(&warraq(&["check", &plain_bad]));
    let b = stderr(&warraq(&["check", &bom_bad]));
    assert!(a.contains("plain-bad.json:1:"), "{a}");
    assert_eq!(a.replace("plain-bad", "bom-bad"), b);
}

// Issue 12: the CLI.

#[test]
fn check_finds_what_only_rendering_would() {
    let dir = tempdir("check-glyphs");
    let input = write(&dir, "in.json", paragraph("نص 中文"));
    expect(&warraq(&["check", &input]), 2, &["in.json: ", "U+4E2D"]);
}

#[test]
fn render_says_what_it_wrote_unless_quiet() {
    let dir = tempdir("summary");
    let input = write(&dir, "in.json", SMALL);
    let (pdf, epub) = (dir.join("r.pdf"), dir.join("r.epub"));
    let out = warraq(&[
        "render",
        &input,
        "--pdf",
        pdf.to_str().unwrap(),
        "--epub",
        epub.to_str().unwrap(),
    ]);
    expect(&out, 0, &[]);
    let size = std::fs::metadata(&pdf).unwrap().len();
    let lines: Vec<String> = stderr(&out).lines().map(str::to_string).collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines[0].ends_with(&format!("r.pdf: 1 page, {} bytes", with_commas(size))),
        "{lines:?}"
    );
    assert!(lines[1].contains("r.epub: 1 page, "), "{lines:?}");
    let quiet = warraq(&["render", &input, "--pdf", pdf.to_str().unwrap(), "-q"]);
    expect(&quiet, 0, &[]);
    assert_eq!(stderr(&quiet), "");
}

fn with_commas(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[test]
fn nothing_to_render_says_so_with_a_hint() {
    let out = warraq(&["render", "-"]);
    expect(&out, 2, &[]);
    assert_eq!(
        stderr(&out),
        "error: nothing to render\n  hint: name an output with --pdf OUT.pdf and/or --epub OUT.epub\n"
    );
}

// 5 (the part in the model): one warning per paragraph, located in one pass.

#[test]
fn twenty_thousand_repeated_numbers_are_each_located() {
    let dir = tempdir("numbered-one");
    let input = write(&dir, "in.json", paragraphs_numbered_one(20_000));
    let mut child = Command::new(env!("CARGO_BIN_EXE_warraq"))
        .args(["check", "-q", &input])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{}", &err[..err.len().min(500)]);
    let warnings: Vec<&str> = err.lines().collect();
    assert_eq!(warnings.len(), 19_999);
    // All on line 1 (compact JSON): the column of the last block's number.
    let json = paragraphs_numbered_one(20_000);
    let last = json.rfind("\"number\"").unwrap();
    let column = json[..last].chars().count() + 1 + "\"number\":".len();
    let expected = format!("warning: {input}:1:{column} at `blocks[19999].number`");
    assert!(
        warnings[19_998].starts_with(&expected),
        "{}\n{expected}",
        warnings[19_998]
    );
}

#[test]
fn a_link_to_proc_self_fd_1_writes_standard_output() {
    let dir = tempdir("proc-fd");
    let input = write(&dir, "in.json", SMALL);
    let link = dir.join("stdout.pdf");
    std::os::unix::fs::symlink("/proc/self/fd/1", &link).unwrap();
    // Standard output is a pipe here: the PDF goes through it.
    let out = warraq(&["render", &input, "--pdf", link.to_str().unwrap()]);
    expect(&out, 0, &[]);
    assert!(out.stdout.starts_with(b"%PDF-"));
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(entries(&dir), ["in.json", "stdout.pdf"]);
}

#[test]
fn render_into_a_closed_pipe_is_an_error_and_commits_no_file() {
    let dir = tempdir("render-pipe");
    let input = write(&dir, "in.json", SMALL);
    let pdf = write(&dir, "p.pdf", "previous");
    // A pipe whose reader is gone before warraq starts.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = Command::new(env!("CARGO_BIN_EXE_warraq"))
        .args(["render", &input, "--pdf", &pdf, "--epub", "-"])
        .stdout(writer)
        .output()
        .unwrap();
    expect(&out, 1, &["<stdout>", "Broken pipe"]);
    assert_eq!(std::fs::read(&pdf).unwrap(), b"previous");
    assert_eq!(entries(&dir), ["in.json", "p.pdf"]);
}

#[test]
fn a_font_whose_layout_tables_crash_the_shaper_is_refused() {
    let (out, dir) = render_with_font("gsub", font_with_damaged_gsub());
    if cfg!(debug_assertions) {
        // rustybuzz's arithmetic overflows (checked in debug builds): the
        // face is tried once, contained, when the font is added.
        expect(&out, 1, &["gsub.ttf", "layout tables are damaged"]);
        assert_eq!(entries(&dir), ["gsub.ttf", "snow.json"]);
    } else {
        assert_ne!(out.status.code(), Some(101), "{}", stderr(&out));
    }
}

#[test]
fn a_cmap_group_beyond_unicode_is_refused_not_walked() {
    let (out, _) = render_with_font("cmap", font_with_endless_cmap_group());
    expect(&out, 1, &["cmap.ttf", "cmap is damaged", "beyond Unicode"]);
}
