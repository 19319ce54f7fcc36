//! pandoc's JSON AST as input (issue 15): api-version 1.22 (Debian's pandoc
//! 2.17) and 1.23 (pandoc 3), every element without a mapping refused at its
//! path, and a .docx made by pandoc rendered through `--from pandoc-json`.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use warraq::model::{Block, ListItem, Span, Text};
use warraq::{parse_markdown, parse_pandoc_json};

fn root(path: &str) -> String {
    std::fs::read_to_string(common::root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A pandoc document of `version` with these blocks and a title.
fn ast(version: &str, blocks: &str) -> String {
    format!(
        r#"{{"pandoc-api-version":[{version}],"meta":{{"title":{{"t":"MetaInlines","c":[{{"t":"Str","c":"تقرير"}}]}}}},"blocks":[{blocks}]}}"#
    )
}

fn para(inlines: &str) -> String {
    format!(r#"{{"t":"Para","c":[{inlines}]}}"#)
}

const STR: &str = r#"{"t":"Str","c":"نص"}"#;

const IMAGE: &str = r#"{"t":"Image","c":[["",[],[]],[{"t":"Str","c":"خريطة"}],["map.png",""]]}"#;

/// A Table of one column and one body row holding `cell`, the body's
/// intermediate head rows `body_head`.
fn table(cell: &str, body_head: &str) -> String {
    let attr = r#"["",[],[]]"#;
    format!(
        r#"{{"t":"Table","c":[{attr},[null,[]],[[{{"t":"AlignDefault"}},{{"t":"ColWidthDefault"}}]],[{attr},[]],[[{attr},0,{body_head},[[{attr},[{cell}]]]]],[{attr},[]]]}}"#
    )
}

#[test]
fn both_api_versions_read_like_the_markdown_they_came_from() {
    let (from_md, _) = parse_markdown(&root("tests/fixtures/pandoc/sample.md")).unwrap();
    for version in ["1.22", "1.23"] {
        let json = root(&format!("tests/fixtures/pandoc/sample-{version}.json"));
        let (doc, warnings) = parse_pandoc_json(&json).unwrap_or_else(|e| panic!("{version}: {e}"));
        assert_eq!(
            doc, from_md,
            "pandoc {version} and warraq's Markdown reader agree"
        );
        assert!(warnings.is_empty(), "{warnings:?}");
    }
    let Block::Paragraph { number, text } = &from_md.blocks[1] else {
        panic!("a paragraph")
    };
    assert_eq!(*number, Some(1));
    let Text::Spans(spans) = text else {
        panic!("spans")
    };
    assert_eq!(spans[1].text, "بأهمية");
    assert!(spans[1].strong);
    assert_eq!(spans[3].lang.as_deref(), Some("en"));
}

/// Each element without a mapping, with its located message.
#[test]
fn unmapped_elements_are_located_errors() {
    let attr = r#"["",[],[]]"#;
    let cases: Vec<(String, &str, &str)> = vec![
        (
            para(&format!(r#"{STR},{{"t":"Note","c":[{},{}]}}"#, para(STR), para(STR))),
            "1.22",
            "at `blocks[0].c[1]`: a Note of 2 blocks: the model's note is one paragraph",
        ),
        (
            para(&format!(
                r#"{STR},{{"t":"Note","c":[{}]}}"#,
                para(&format!(r#"{STR},{{"t":"Note","c":[{}]}}"#, para(STR)))
            )),
            "1.23",
            "at `blocks[0].c[1].c[0].c[1]`: a Note inside a Note: a note cannot hold a note",
        ),
        (
            para(&format!(r#"{STR},{{"t":"Note","c":[{{"t":"BulletList","c":[[{}]]}}]}}"#, para(STR))),
            "1.22",
            "at `blocks[0].c[1].c[0]`: the pandoc element BulletList has no mapping",
        ),
        (
            para(&format!(r#"{{"t":"Link","c":[{attr},[{STR}],["report.pdf",""]]}}"#)),
            "1.22",
            "at `blocks[0].c[0]`: `report.pdf` is not a link warraq can write: it has no scheme (a relative reference)",
        ),
        (
            para(&format!(r#"{{"t":"Link","c":[{attr},[],["https://un.org",""]]}}"#)),
            "1.22",
            "at `blocks[0].c[0]`: a Link without text",
        ),
        (
            para(&format!(r#"{STR},{{"t":"Space"}},{{"t":"Image","c":[{attr},[{STR}],["map.png",""]]}}"#)),
            "1.22",
            "at `blocks[0].c[2]`: the pandoc element Image has no mapping in warraq's model inside running text: a figure is a paragraph holding only the image",
        ),
        (
            format!(
                r#"{{"t":"Figure","c":[{attr},[null,[]],[{{"t":"Plain","c":[{IMAGE},{IMAGE}]}}]]}}"#
            ),
            "1.23",
            "at `blocks[0]`: a Figure holds one image; other content (tables, several images, text) has no mapping",
        ),
        (
            format!(
                r#"{{"t":"Figure","c":[{attr},[null,[{p},{p}]],[{{"t":"Plain","c":[{IMAGE}]}}]]}}"#,
                p = para(STR)
            ),
            "1.23",
            "at `blocks[0].c[1][1]`: a caption of 2 blocks: a caption is one paragraph",
        ),
        (
            format!(
                r#"{{"t":"Figure","c":[{attr},[null,[]],[{{"t":"Plain","c":[{{"t":"Image","c":[{attr},[],["map.png",""]]}}]}}]]}}"#
            ),
            "1.23",
            "at `blocks[0] (document `blocks[0].alt`)`: the alternative text is empty",
        ),
        (
            table(&format!("[{attr},{{\"t\":\"AlignDefault\"}},1,1,[{p},{p}]]", p = para(STR)), "[]"),
            "1.23",
            "at `blocks[0].c[4][0][3][0][1][0]`: a table cell of 2 blocks: a cell is one paragraph",
        ),
        (
            table(&format!("[{attr},{{\"t\":\"AlignDefault\"}},1,1,[{{\"t\":\"BulletList\",\"c\":[[{p}]]}}]]", p = para(STR)), "[]"),
            "1.22",
            "at `blocks[0].c[4][0][3][0][1][0][4][0]`: the pandoc element BulletList has no mapping",
        ),
        (
            table(&format!("[{attr},{{\"t\":\"AlignDefault\"}},1,1,[{}]]", para(STR)), &format!("[[{attr},[[{attr},{{\"t\":\"AlignDefault\"}},1,1,[]]]]]")),
            "1.23",
            "at `blocks[0].c[4][0][2]`: a TableBody's intermediate head rows have no mapping",
        ),
        (
            table(&format!("[{attr},{{\"t\":\"AlignDefault\"}},1,2,[{}]]", para(STR)), "[]"),
            "1.23",
            "at `blocks[0]`: the table's rows are 2 columns wide (spans counted), its column specs 1",
        ),
        (
            table(&format!("[{attr},{{\"t\":\"AlignDefault\"}},3,1,[{}]]", para(STR)), "[]"),
            "1.23",
            "at `blocks[0] (document `blocks[0].rows[0][0].rowspan`)`: the cell runs past the table's last row",
        ),
        (
            table(&format!("[{attr},{{\"t\":\"AlignDefault\"}},1,1,[{}]]", para(&format!(r#"{STR},{{"t":"Note","c":[{}]}}"#, para(STR)))), "[]"),
            "1.22",
            "at `blocks[0] (document `blocks[0].rows[0][0]`)`: a table cell cannot hold a note",
        ),
        (
            para(&format!(r#"{{"t":"Emph","c":[{STR}]}}"#)),
            "1.22",
            "at `blocks[0].c[0]`: the pandoc element Emph has no mapping in warraq's model: the model has no emphasis (only strong)",
        ),
        (
            para(&format!(r#"{{"t":"Strikeout","c":[{STR}]}}"#)),
            "1.22",
            "at `blocks[0].c[0]`: the pandoc element Strikeout has no mapping",
        ),
        (
            para(r#"{"t":"Code","c":[["",[],[]],"x"]}"#),
            "1.22",
            "at `blocks[0].c[0]`: the pandoc element Code has no mapping",
        ),
        (
            format!(r#"{{"t":"BlockQuote","c":[{}]}}"#, para(STR)),
            "1.22",
            "at `blocks[0]`: the pandoc element BlockQuote has no mapping",
        ),
        (
            r#"{"t":"CodeBlock","c":[["",[],[]],"x"]}"#.to_string(),
            "1.22",
            "at `blocks[0]`: the pandoc element CodeBlock has no mapping",
        ),
        (
            r#"{"t":"HorizontalRule"}"#.to_string(),
            "1.22",
            "at `blocks[0]`: the pandoc element HorizontalRule has no mapping",
        ),
        (
            format!(r#"{{"t":"Header","c":[4,{attr},[{STR}]]}}"#),
            "1.22",
            "at `blocks[0]`: a Header of level 4 has no mapping",
        ),
        (
            format!(r#"{{"t":"Header","c":[3,{attr},[{STR}]]}}"#),
            "1.22",
            "at `blocks[0]`: a Header of level 3 has no mapping",
        ),
        (
            para(&format!(r#"{{"t":"Span","c":[["",["smallcaps"],[]],[{STR}]]}}"#)),
            "1.22",
            "at `blocks[0].c[0]`: the class `smallcaps` has no mapping",
        ),
        (
            format!(r#"{{"t":"BulletList","c":[[{},{}]]}}"#, para(STR), para(STR)),
            "1.22",
            "at `blocks[0].c[0][1]`: a list item holds one paragraph, then at most one nested list",
        ),
    ];
    let mut failures = Vec::new();
    for (blocks, version, expected) in &cases {
        let version = version.replace('.', ",");
        match parse_pandoc_json(&ast(&version, blocks)) {
            Ok(_) => failures.push(format!("{blocks}\n  was accepted")),
            Err(err) => {
                let got = err.to_string();
                if !got.starts_with(expected) {
                    failures.push(format!(
                        "{blocks}\n  expected: {expected}\n  got:      {got}"
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Notes, links and the masthead, from the Markdown pandoc read
/// (tests/fixtures/pandoc/README.md says how the fixtures were made): both
/// api versions read like warraq's own Markdown reader.
#[test]
fn notes_links_and_the_masthead_read_like_the_markdown() {
    let (from_md, _) = parse_markdown(&root("tests/fixtures/pandoc/notes.md")).unwrap();
    for version in ["1.22", "1.23"] {
        let json = root(&format!("tests/fixtures/pandoc/notes-{version}.json"));
        let (doc, warnings) = parse_pandoc_json(&json).unwrap_or_else(|e| panic!("{version}: {e}"));
        assert_eq!(
            doc, from_md,
            "pandoc {version} and the Markdown reader agree"
        );
        assert!(warnings.is_empty(), "{warnings:?}");
    }
    let masthead = from_md.masthead.as_ref().expect("a masthead");
    assert_eq!(masthead.meeting.len(), 2);
    assert_eq!(masthead.distribution.as_deref(), Some("عام"));
    assert!(from_md.title.has_notes());
    let Block::Paragraph { text, .. } = &from_md.blocks[2] else {
        panic!("a paragraph")
    };
    let hrefs: Vec<_> = text.spans().into_iter().filter_map(|s| s.href).collect();
    assert_eq!(
        hrefs,
        ["mailto:unodc-htmss@un.org", "https://www.unodc.org/"]
    );
}

#[test]
fn masthead_metadata_errors_name_the_field() {
    let doc = |masthead: &str| {
        format!(
            r#"{{"pandoc-api-version":[1,22],"meta":{{"title":{{"t":"MetaString","c":"ت"}},"masthead":{masthead}}},"blocks":[{}]}}"#,
            para(STR)
        )
    };
    let room = doc(
        r#"{"t":"MetaMap","c":{"organ":{"t":"MetaString","c":"م"},"room":{"t":"MetaString","c":"5"}}}"#,
    );
    let err = parse_pandoc_json(&room).unwrap_err().to_string();
    assert!(
        err.starts_with("at `meta.masthead.c.room`: the masthead has no field `room`"),
        "{err}"
    );
    let one =
        doc(r#"{"t":"MetaMap","c":{"meeting":{"t":"MetaInlines","c":[{"t":"Str","c":"فيينا"}]}}}"#);
    let (read, _) = parse_pandoc_json(&one).unwrap();
    assert_eq!(read.masthead.unwrap().meeting, ["فيينا"]);
    let err = parse_pandoc_json(&doc(r#"{"t":"MetaString","c":"م"}"#)).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("at `meta.masthead`: the masthead is a map of its fields"),
        "{err}"
    );
}

#[test]
fn other_api_versions_and_other_json_are_refused() {
    let err = parse_pandoc_json(&ast("1,17,0", &para(STR))).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("at `pandoc-api-version`: pandoc-api-version 1.17.0 is not read"),
        "{err}"
    );
    let report = root("examples/un-report/report.json");
    let err = parse_pandoc_json(&report).unwrap_err();
    assert!(err.to_string().contains("not pandoc's JSON AST"), "{err}");
}

#[test]
fn metadata_maps_and_unknown_fields_are_warnings() {
    let json = r#"{"pandoc-api-version":[1,22,2,1],"meta":{
        "title":{"t":"MetaInlines","c":[{"t":"Str","c":"تقرير"},{"t":"Space"},{"t":"Str","c":"الفريق"}]},
        "job_number":{"t":"MetaString","c":"V.19-09715"},
        "lang":{"t":"MetaInlines","c":[{"t":"Str","c":"ar"}]},
        "author":{"t":"MetaInlines","c":[{"t":"Str","c":"أحد"}]}},
        "blocks":[{"t":"Plain","c":[{"t":"Str","c":"نص"},{"t":"LineBreak"},{"t":"Quoted","c":[{"t":"DoubleQuote"},[{"t":"Str","c":"مقتبس"}]]}]}]}"#;
    let (doc, warnings) = parse_pandoc_json(json).unwrap();
    assert_eq!(doc.title.plain(), "تقرير الفريق");
    assert_eq!(doc.job_number.as_deref(), Some("V.19-09715"));
    assert_eq!(
        warnings[0].to_string(),
        "at `meta.author`: metadata field `author` has no place in the model; ignored"
    );
    assert_eq!(
        doc.blocks[0],
        Block::Paragraph {
            number: None,
            text: Text::Plain("نص\n“مقتبس”".into())
        }
    );
}

#[test]
fn span_dir_is_a_warning_and_lang_applies() {
    let span =
        r#"{"t":"Span","c":[["",[],[["lang","en"],["dir","ltr"]]],[{"t":"Str","c":"How"}]]}"#;
    let (doc, warnings) = parse_pandoc_json(&ast("1,23,1", &para(span))).unwrap();
    assert_eq!(
        doc.blocks[0],
        Block::Paragraph {
            number: None,
            text: Text::Spans(vec![Span::new("How").with_lang("en")])
        }
    );
    assert!(
        warnings[0]
            .to_string()
            .starts_with("at `blocks[0].c[0]`: `dir=ltr` ignored"),
        "{warnings:?}"
    );
}

#[test]
fn validation_errors_name_the_pandoc_element() {
    let zero = para(r#"{"t":"Str","c":"٠-"},{"t":"Space"},{"t":"Str","c":"نص"}"#);
    let blocks = format!(r#"{},{{"t":"Div","c":[["",[],[]],[{zero}]]}}"#, para(STR));
    let err = parse_pandoc_json(&ast("1,22", &blocks)).unwrap_err();
    assert_eq!(
        err.to_string().lines().next().unwrap(),
        "at `blocks[1].c[1][0] (document `blocks[1].number`)`: number 0 is out of range"
    );
}

/// The Markdown a person would give pandoc, to make a Word file of.
const DOCX_SOURCE: &str = "---
title: تقرير الاجتماع
---

# أولاً - مقدِّمة

١- أقرَّ مؤتمر الأطراف **بأهمية** التعاون الدولي.

٢- وقرَّر المؤتمر إنشاء فريق عامل.

## ألف - التوصيات

- (أ) افتتاح الاجتماع؛
- (ب) إقرار جدول الأعمال.

1. المسائل التنظيمية.
2. اعتماد التقرير.
";

fn run(program: &str, args: &[&str], stdin: Option<&[u8]>) -> Vec<u8> {
    let mut child = Command::new(program)
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1569196800")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{program} runs: {e}"));
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or_default()).unwrap();
    drop(input);
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{program} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// pandoc makes a .docx from Markdown; `pandoc t.docx -t json | warraq
/// render - --from pandoc-json` renders it with its headings, numbered
/// paragraphs, lists and strong text; the PDF's text is checked.
#[test]
fn a_docx_made_by_pandoc_renders_through_pandoc_json() {
    if !common::on_path("pandoc") {
        common::tool_missing("pandoc (Debian's pandoc package)");
    }
    let dir = std::env::temp_dir().join(format!("warraq-docx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (md, docx, pdf, model) = (
        dir.join("in.md"),
        dir.join("t.docx"),
        dir.join("x.pdf"),
        dir.join("model.json"),
    );
    std::fs::write(&md, DOCX_SOURCE).unwrap();
    let path = |p: &std::path::Path| p.to_str().unwrap().to_string();
    run("pandoc", &[&path(&md), "-o", &path(&docx)], None);
    let ast = run("pandoc", &[&path(&docx), "-t", "json"], None);

    // What the Word file became.
    let (doc, _) = parse_pandoc_json(std::str::from_utf8(&ast).unwrap()).unwrap();
    let item = |label: &str, text: &str| ListItem {
        label: Some(label.into()),
        text: Text::Plain(text.into()),
        items: vec![],
    };
    let strong = |text: &str, strong| Span {
        strong,
        ..Span::new(text)
    };
    assert_eq!(doc.title.plain(), "تقرير الاجتماع");
    assert_eq!(
        doc.blocks,
        [
            Block::Heading {
                level: 1,
                label: Some("أولاً".into()),
                text: Text::Plain("مقدِّمة".into())
            },
            Block::Paragraph {
                number: Some(1),
                text: Text::Spans(vec![
                    strong("أقرَّ مؤتمر الأطراف ", false),
                    strong("بأهمية", true),
                    strong(" التعاون الدولي.", false)
                ])
            },
            Block::Paragraph {
                number: Some(2),
                text: Text::Plain("وقرَّر المؤتمر إنشاء فريق عامل.".into())
            },
            Block::Heading {
                level: 2,
                label: Some("ألف".into()),
                text: Text::Plain("التوصيات".into())
            },
            Block::List {
                items: vec![
                    item("(أ)", "افتتاح الاجتماع؛"),
                    item("(ب)", "إقرار جدول الأعمال.")
                ]
            },
            Block::List {
                items: vec![
                    item("١-", "المسائل التنظيمية."),
                    item("٢-", "اعتماد التقرير.")
                ]
            },
        ]
    );

    // The command line, as the issue writes it, and the PDF's text.
    let warraq = env!("CARGO_BIN_EXE_warraq");
    let render = [
        "render",
        "-",
        "--from",
        "pandoc-json",
        "--text-order",
        "logical",
        "--pdf",
    ];
    let mut args = render.to_vec();
    let pdf_path = path(&pdf);
    args.push(&pdf_path);
    run(warraq, &args, Some(&ast));
    let json = run(
        warraq,
        &["convert", "-", "--from", "pandoc-json", "--to", "json"],
        Some(&ast),
    );
    std::fs::write(&model, json).unwrap();
    let Some(py) = common::python() else {
        common::tool_missing("a Python with the text-layer checkers (WARRAQ_PYTHON)");
    };
    let out = Command::new(py)
        .arg(common::root().join("tools/check_text_layer.py"))
        .arg(&model)
        .arg(&pdf)
        .args(["--model-furniture", "--details", "--metric", "words"])
        .args(["--only", "pdfinfo-struct", "--min=pdfinfo-struct=100"])
        .output()
        .expect("check_text_layer.py runs");
    let report =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "the PDF's structure text does not hold the document:\n{report}"
    );
}

/// A Word file with a title note, footnotes and links (made by pandoc from
/// tests/fixtures/pandoc/notes.md): `pandoc notes.docx -t json | warraq
/// render - --from pandoc-json` renders it, and the notes and links are in
/// the document. notes-docx.json is that JSON, checked without pandoc.
#[test]
fn a_docx_with_notes_and_links_renders_through_pandoc_json() {
    let committed = root("tests/fixtures/pandoc/notes-docx.json");
    let check = |json: &str| {
        let (doc, _) = parse_pandoc_json(json).unwrap();
        assert!(doc.title.has_notes(), "the title note");
        let notes: Vec<String> = warraq::model::semantics::notes(&doc)
            .iter()
            .map(|n| n.text.plain())
            .collect();
        assert_eq!(
            notes,
            [
                "أُعدَّت هذه الورقة دون تحرير رسمي.",
                "انظر CTOC/COP/2018/13 والمقرر ٩/١.",
                "يشمل ذلك تدريب موظفي الحدود."
            ]
        );
        let Block::Paragraph { text, .. } = &doc.blocks[1] else {
            panic!("a paragraph")
        };
        let link = text.spans().into_iter().find(|s| s.href.is_some()).unwrap();
        assert_eq!(link.text, "www.unodc.org/glotip");
        assert_eq!(link.href.as_deref(), Some("https://www.unodc.org/glotip"));
    };
    check(&committed);
    if !common::on_path("pandoc") {
        common::tool_missing("pandoc (Debian's pandoc package)");
    }
    let dir = std::env::temp_dir().join(format!("warraq-docx-notes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = |p: &std::path::Path| p.to_str().unwrap().to_string();
    let (docx, pdf) = (dir.join("notes.docx"), dir.join("notes.pdf"));
    let md = common::root().join("tests/fixtures/pandoc/notes.md");
    run("pandoc", &[&path(&md), "-o", &path(&docx)], None);
    let ast = run("pandoc", &[&path(&docx), "-t", "json"], None);
    check(std::str::from_utf8(&ast).unwrap());
    let warraq = env!("CARGO_BIN_EXE_warraq");
    let pdf_path = path(&pdf);
    run(
        warraq,
        &["render", "-", "--from", "pandoc-json", "--pdf", &pdf_path],
        Some(&ast),
    );
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    let json = run(
        warraq,
        &["convert", "-", "--from", "pandoc-json", "--to", "json"],
        Some(&ast),
    );
    let json = String::from_utf8(json).unwrap();
    assert!(
        json.contains("\"href\": \"https://www.unodc.org/cop\""),
        "{json}"
    );
    assert!(
        json.contains("\"note\": \"يشمل ذلك تدريب موظفي الحدود.\""),
        "{json}"
    );
}

/// Tables and figures, from the Markdown pandoc read
/// (tests/fixtures/pandoc/tables.md; tables-1.23.json is tables-1.22.json
/// as pandoc 3 writes it, made by to_1_23.py): both api versions read like
/// warraq's own Markdown reader: header rows, the columns' sides, spans in
/// cells, the caption, the headerless table, figures with their
/// description, title and width.
#[test]
fn tables_and_figures_read_like_the_markdown() {
    let (from_md, _) = parse_markdown(&root("tests/fixtures/pandoc/tables.md")).unwrap();
    assert!(matches!(
        from_md.blocks[2],
        Block::Table { header_rows: 1, .. }
    ));
    assert!(matches!(
        from_md.blocks[3],
        Block::Table { header_rows: 0, .. }
    ));
    assert!(matches!(
        &from_md.blocks[4],
        Block::Figure { width: Some(w), caption: Some(_), .. } if *w == 0.6
    ));
    for version in ["1.22", "1.23"] {
        let json = root(&format!("tests/fixtures/pandoc/tables-{version}.json"));
        let (doc, warnings) = parse_pandoc_json(&json).unwrap_or_else(|e| panic!("{version}: {e}"));
        assert_eq!(
            doc, from_md,
            "pandoc {version} and warraq's Markdown reader agree"
        );
        assert!(warnings.is_empty(), "{warnings:?}");
    }
}

/// A pandoc cell: `[attr, alignment, rowspan, colspan, [Plain]]`.
fn pcell(align: &str, rowspan: u32, colspan: u32, text: &str) -> String {
    format!(
        r#"[["",[],[]],{{"t":"{align}"}},{rowspan},{colspan},[{{"t":"Plain","c":[{{"t":"Str","c":"{text}"}}]}}]]"#
    )
}

fn prow(cells: &[String]) -> String {
    format!(r#"[["",[],[]],[{}]]"#, cells.join(","))
}

/// A Table as pandoc 3 writes one from Word or HTML: two head rows with a
/// column span and a row span, two bodies (one with a row-head column),
/// a foot; column widths; a cell's own alignment over its column's; the
/// row-head column's cells head their rows.
#[test]
fn a_pandoc_table_keeps_its_spans_heads_and_alignments() {
    use warraq::model::{Cell, CellAlign};
    let d = "AlignDefault";
    let attr = r#"["",[],[]]"#;
    let head = [
        prow(&[pcell(d, 1, 2, "المنطقة"), pcell(d, 2, 1, "المجموع")]),
        prow(&[pcell(d, 1, 1, "الذكور"), pcell("AlignRight", 1, 1, "الإناث")]),
    ];
    let body = |cells: [&str; 3]| prow(&cells.map(|t| pcell(d, 1, 1, t)));
    let specs = r#"[[{"t":"AlignLeft"},{"t":"ColWidth","c":0.4}],[{"t":"AlignDefault"},{"t":"ColWidthDefault"}],[{"t":"AlignCenter"},{"t":"ColWidth","c":0.3}]]"#;
    let table = format!(
        r#"{{"t":"Table","c":[{attr},[null,[{{"t":"Plain","c":[{STR}]}}]],{specs},[{attr},[{}]],[[{attr},0,[],[{}]],[{attr},1,[],[{}]]],[{attr},[{}]]]}}"#,
        head.join(","),
        body(["١٢", "٣", "١٥"]),
        body(["٤", "٥", "٩"]),
        body(["١٦", "٨", "٢٤"]),
    );
    let (doc, warnings) = parse_pandoc_json(&ast("1,23,1", &table)).unwrap();
    let cell = |text: &str, rowspan, colspan, align| Cell {
        rowspan,
        colspan,
        align,
        ..Cell::new(text)
    };
    let (end, center, start) = (
        Some(CellAlign::End),
        Some(CellAlign::Center),
        Some(CellAlign::Start),
    );
    let row = |t: [&str; 3]| {
        vec![
            cell(t[0], 1, 1, end),
            cell(t[1], 1, 1, None),
            cell(t[2], 1, 1, center),
        ]
    };
    assert_eq!(
        doc.blocks,
        [Block::Table {
            caption: Some(Text::Plain("نص".into())),
            header_rows: 2,
            rows: vec![
                vec![cell("المنطقة", 1, 2, end), cell("المجموع", 2, 1, center)],
                vec![cell("الذكور", 1, 1, end), cell("الإناث", 1, 1, start)],
                row(["١٢", "٣", "١٥"]),
                // The second body's row-head column: its first cell heads the row.
                {
                    let mut r = row(["٤", "٥", "٩"]);
                    r[0].header = true;
                    r
                },
                row(["١٦", "٨", "٢٤"]),
            ],
        }]
    );
    let warnings: Vec<String> = warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(
        warnings,
        ["at `blocks[0].c[5][1]`: the TableFoot's 1 row(s) read as the table's last body rows"]
    );
}

/// 1.22's figure paragraph and 1.23's Figure; a Word image's width in
/// inches is ignored with a warning (the figure keeps its natural size).
#[test]
fn pandoc_figures_take_description_title_and_width() {
    let image = |attrs: &str, title: &str| {
        format!(
            r#"{{"t":"Image","c":[["",[],[{attrs}]],[{{"t":"Str","c":"خريطة"}}],["media/image1.png","{title}"]]}}"#
        )
    };
    let figure = |caption: Option<&str>, width| Block::Figure {
        src: "media/image1.png".into(),
        alt: "خريطة".into(),
        caption: caption.map(|c| Text::Plain(c.into())),
        width,
    };
    let read = |version: &str, block: String| parse_pandoc_json(&ast(version, &block)).unwrap();
    let (doc, warnings) = read(
        "1,22,2,1",
        para(&image(r#"["width","25%"]"#, "fig:الشكل ١")),
    );
    assert_eq!(doc.blocks, [figure(Some("الشكل ١"), Some(0.25))]);
    assert!(warnings.is_empty());
    let (doc, warnings) = read(
        "1,22,2,1",
        para(&image(r#"["width","6.5in"],["height","3in"]"#, "")),
    );
    assert_eq!(doc.blocks, [figure(None, None)]);
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(warnings[0]
        .to_string()
        .starts_with("at `blocks[0].c[0]`: the image attribute `width=6.5in` ignored"));
    let caption = r#"[null,[{"t":"Plain","c":[{"t":"Strong","c":[{"t":"Str","c":"الشكل"}]}]}]]"#;
    let block = format!(
        r#"{{"t":"Figure","c":[["",[],[]],{caption},[{{"t":"Plain","c":[{}]}}]]}}"#,
        image("", "")
    );
    let (doc, _) = read("1,23,1", block);
    let Block::Figure { caption, .. } = &doc.blocks[0] else {
        panic!("a figure")
    };
    let strong = Span {
        strong: true,
        ..Span::new("الشكل")
    };
    assert_eq!(caption, &Some(Text::Spans(vec![strong])));
}

/// The Markdown of a Word file with a table: pandoc writes the table with
/// its header row and its caption (Word's "Table Caption" paragraph).
const DOCX_TABLE_SOURCE: &str = "---
title: تقرير الجدول
lang: ar
---

# أولاً - الضحايا

١- يبيِّن الجدول التالي عدد الضحايا حسب المنطقة.

| المنطقة | عدد الضحايا | النسبة |
|:--------|------:|:---:|
| شمال أفريقيا | ١٢٠ | ٣٥٪ |
| **الشرق الأوسط** | ٨٥ | ٢٥٪ |

Table: الجدول ١ - الضحايا حسب المنطقة

٢- وقرَّر المؤتمر إنشاء فريق عامل.
";

/// pandoc makes a .docx with a table; `pandoc t.docx -t json | warraq
/// render - --from pandoc-json` renders it: the table keeps its header
/// row, its cells (strong text too) and its caption, read once (pandoc's
/// docx reader gives the caption both as a paragraph and as the Table's,
/// with a warning); the structure text of the PDF holds the caption and
/// every cell (tools/check_text_layer.py, words metric).
#[test]
fn a_docx_with_a_table_renders_through_pandoc_json() {
    if !common::on_path("pandoc") {
        common::tool_missing("pandoc (Debian's pandoc package)");
    }
    let dir = std::env::temp_dir().join(format!("warraq-docx-table-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = |p: &std::path::Path| p.to_str().unwrap().to_string();
    let (md, docx, pdf, model) = (
        dir.join("in.md"),
        dir.join("t.docx"),
        dir.join("t.pdf"),
        dir.join("model.json"),
    );
    std::fs::write(&md, DOCX_TABLE_SOURCE).unwrap();
    run("pandoc", &[&path(&md), "-o", &path(&docx)], None);
    let ast = run("pandoc", &[&path(&docx), "-t", "json"], None);
    let (doc, warnings) = parse_pandoc_json(std::str::from_utf8(&ast).unwrap()).unwrap();
    let kinds: Vec<&str> = doc
        .blocks
        .iter()
        .map(|b| match b {
            Block::Heading { .. } => "heading",
            Block::Paragraph { .. } => "paragraph",
            Block::Table { .. } => "table",
            _ => "other",
        })
        .collect();
    assert_eq!(kinds, ["heading", "paragraph", "table", "paragraph"]);
    let Block::Table {
        caption,
        header_rows,
        rows,
    } = &doc.blocks[2]
    else {
        panic!("a table")
    };
    assert_eq!(
        caption.as_ref().map(Text::plain).as_deref(),
        Some("الجدول ١ - الضحايا حسب المنطقة")
    );
    assert_eq!(*header_rows, 1);
    let texts: Vec<Vec<String>> = rows
        .iter()
        .map(|row| row.iter().map(|c| c.text.plain()).collect())
        .collect();
    assert_eq!(
        texts,
        [
            ["المنطقة", "عدد الضحايا", "النسبة"],
            ["شمال أفريقيا", "١٢٠", "٣٥٪"],
            ["الشرق الأوسط", "٨٥", "٢٥٪"],
        ]
    );
    assert!(rows[2][0].text.spans()[0].strong, "strong survives Word");
    assert!(
        warnings
            .iter()
            .any(|w| w.message.contains("repeats its caption")),
        "{warnings:?}"
    );

    let warraq = env!("CARGO_BIN_EXE_warraq");
    let pdf_path = path(&pdf);
    let render = [
        "render",
        "-",
        "--from",
        "pandoc-json",
        "--text-order",
        "logical",
        "--pdf",
        &pdf_path,
    ];
    run(warraq, &render, Some(&ast));
    let json = run(
        warraq,
        &["convert", "-", "--from", "pandoc-json", "--to", "json"],
        Some(&ast),
    );
    std::fs::write(&model, json).unwrap();
    let Some(py) = common::python() else {
        common::tool_missing("a Python with the text-layer checkers (WARRAQ_PYTHON)");
    };
    let out = Command::new(py)
        .arg(common::root().join("tools/check_text_layer.py"))
        .arg(&model)
        .arg(&pdf)
        .args(["--model-furniture", "--details", "--metric", "words"])
        .args(["--only", "pdfinfo-struct", "--min=pdfinfo-struct=100"])
        .output()
        .expect("check_text_layer.py runs");
    let report =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "the PDF's structure text does not hold the table:\n{report}"
    );
    assert!(report.contains("| pdfinfo-struct"), "{report}");

    // The default (visual) order, as readers show it: PDF.js finds all 14
    // texts (title, heading, paragraphs, caption, nine cells); PDFium all but
    // the two percentages (it reorders `٣٥٪` around the Arabic percent sign),
    // measured 2026-12-02.
    let visual = dir.join("visual.pdf");
    let visual_path = path(&visual);
    run(
        warraq,
        &[
            "render",
            "-",
            "--from",
            "pandoc-json",
            "--pdf",
            &visual_path,
        ],
        Some(&ast),
    );
    let out = Command::new(common::python().unwrap())
        .arg(common::root().join("tools/check_text_layer.py"))
        .arg(&model)
        .arg(&visual)
        .args(["--model-furniture", "--details", "--metric", "words"])
        .args(["--only", "pdfjs", "--only", "pdfium"])
        .args(["--min=pdfjs=100", "--min=pdfium=85"])
        .output()
        .expect("check_text_layer.py runs");
    let report =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "PDF.js and PDFium do not read the table:\n{report}"
    );
}
