//! Markdown input (issue 15): the mapping onto the model, every construct
//! without one refused at its line:column, and the round trip
//! Markdown → JSON → Markdown → JSON.

use warraq::model::{Block, ListItem, Span, Text};
use warraq::{parse_json, parse_markdown, write_markdown, Document, Error};

const FRONT: &str = "---\ntitle: تقرير\n---\n\n";

fn read(body: &str) -> Document {
    let md = format!("{FRONT}{body}");
    parse_markdown(&md)
        .unwrap_or_else(|e| panic!("{body:?} reads: {e}"))
        .0
}

/// The error of `body` (after a three-line front matter and a blank line,
/// so the body starts on line 5), as `line:column: message`.
fn refusal(body: &str) -> String {
    let md = format!("{FRONT}{body}");
    match parse_markdown(&md) {
        Ok(_) => panic!("{body:?} was accepted"),
        Err(err) => err.to_string(),
    }
}

fn plain(s: &str) -> Text {
    Text::Plain(s.to_string())
}

fn span(text: &str, lang: Option<&str>, strong: bool) -> Span {
    Span {
        lang: lang.map(str::to_string),
        strong,
        ..Span::new(text)
    }
}

#[test]
fn the_front_matter_holds_the_top_level_fields() {
    let md =
        "---\nlang: ar\ntitle: تقرير عن اجتماع\nsubtitle: فيينا\nsymbol: CTOC/COP/WG.4/2019/6\n\
              job_number: V.19-09715\ndate: 2019-09-23\njustify: spaces\n---\n\nنص.\n";
    let (doc, warnings) = parse_markdown(md).unwrap();
    assert!(warnings.is_empty());
    assert_eq!(doc.title.plain(), "تقرير عن اجتماع");
    assert_eq!(doc.subtitle.map(|s| s.plain()).as_deref(), Some("فيينا"));
    assert_eq!(doc.symbol.as_deref(), Some("CTOC/COP/WG.4/2019/6"));
    assert_eq!(doc.job_number.as_deref(), Some("V.19-09715"));
    assert_eq!(doc.date.as_deref(), Some("2019-09-23"));
    assert_eq!(doc.justify, Some(warraq::model::Justify::Spaces));
    assert_eq!(doc.lang, "ar");
}

#[test]
fn headings_take_a_label_written_label_dash_text() {
    let doc = read("# أولاً - مقدِّمة\n\n## ألف - توصيات عامة\n\n# الفترة ٢٠١٣ \\- ٢٠٢٠\n");
    assert_eq!(
        doc.blocks,
        [
            Block::Heading {
                level: 1,
                label: Some("أولاً".into()),
                text: plain("مقدِّمة")
            },
            Block::Heading {
                level: 2,
                label: Some("ألف".into()),
                text: plain("توصيات عامة")
            },
            Block::Heading {
                level: 1,
                label: None,
                text: plain("الفترة ٢٠١٣ - ٢٠٢٠")
            },
        ]
    );
}

#[test]
fn numbered_paragraphs_and_recommendations() {
    let doc = read("١- أقرَّ المؤتمر.\n\n12- Latin digits.\n\nبلا رقم.\n\n٣\\- escaped.\n\n### التوصية ٧\n\nينبغي للدول.\n");
    assert_eq!(
        doc.blocks,
        [
            Block::Paragraph {
                number: Some(1),
                text: plain("أقرَّ المؤتمر.")
            },
            Block::Paragraph {
                number: Some(12),
                text: plain("Latin digits.")
            },
            Block::Paragraph {
                number: None,
                text: plain("بلا رقم.")
            },
            Block::Paragraph {
                number: None,
                text: plain("٣- escaped.")
            },
            Block::Recommendation {
                number: 7,
                text: plain("ينبغي للدول.")
            },
        ]
    );
}

#[test]
fn lists_take_labels_from_the_item_or_the_marker() {
    let doc = read("- ١- المسائل:\n  - (أ) افتتاح؛\n  - (ب) إقرار.\n- بلا علامة\n\n1. أول\n2. ثانٍ\n");
    let item = |label: Option<&str>, text: &str, items: Vec<ListItem>| ListItem {
        label: label.map(str::to_string),
        text: plain(text),
        items,
    };
    assert_eq!(
        doc.blocks,
        [
            Block::List {
                items: vec![
                    item(
                        Some("١-"),
                        "المسائل:",
                        vec![
                            item(Some("(أ)"), "افتتاح؛", vec![]),
                            item(Some("(ب)"), "إقرار.", vec![])
                        ]
                    ),
                    item(None, "بلا علامة", vec![]),
                ]
            },
            Block::List {
                items: vec![
                    item(Some("١-"), "أول", vec![]),
                    item(Some("٢-"), "ثانٍ", vec![])
                ]
            },
        ]
    );
    let english = "---\ntitle: t\nlang: en\n---\n\n3) three\n4) four\n";
    let (doc, _) = parse_markdown(english).unwrap();
    let Block::List { items } = &doc.blocks[0] else {
        panic!("a list")
    };
    assert_eq!(items[0].label.as_deref(), Some("3)"));
    assert_eq!(items[1].label.as_deref(), Some("4)"));
}

#[test]
fn strong_and_bracketed_spans() {
    let doc = read(
        "وثيقة **مهمة** بعنوان \"[How to Assist]{lang=en}\" و[**SHERLOC**]{lang=en} و[انظر المرفق] و\\[x\\]{lang=en}.\n",
    );
    let Block::Paragraph { text, .. } = &doc.blocks[0] else {
        panic!("a paragraph")
    };
    assert_eq!(
        text,
        &Text::Spans(vec![
            span("وثيقة ", None, false),
            span("مهمة", None, true),
            span(" بعنوان \"", None, false),
            span("How to Assist", Some("en"), false),
            span("\" و", None, false),
            span("SHERLOC", Some("en"), true),
            span(" و[انظر المرفق] و[x]{lang=en}.", None, false),
        ])
    );
}

#[test]
fn a_span_inside_a_span_keeps_its_own_language() {
    let doc = read("[outer [inner]{lang=fr} outer]{lang=en}\n");
    let Block::Paragraph { text, .. } = &doc.blocks[0] else {
        panic!("a paragraph")
    };
    assert_eq!(
        text,
        &Text::Spans(vec![
            span("outer ", Some("en"), false),
            span("inner", Some("fr"), false),
            span(" outer", Some("en"), false),
        ])
    );
}

#[test]
fn dir_on_a_span_is_a_warning() {
    let md = format!("{FRONT}[How]{{lang=en dir=ltr}}\n");
    let (_, warnings) = parse_markdown(&md).unwrap();
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0]
            .to_string()
            .starts_with("5:5: `dir=ltr` ignored"),
        "{}",
        warnings[0]
    );
}

/// Each construct without a mapping, with its located message.
#[test]
fn unmapped_constructs_are_located_errors() {
    let cases: &[(&str, &str)] = &[
        (
            "نص [رابط](https://un.org).\n",
            "5:4: a link has no mapping in warraq's model yet (links: issue 13)",
        ),
        (
            "نص<https://un.org>\n",
            "5:3: a link has no mapping in warraq's model yet (links: issue 13)",
        ),
        (
            "نص[^1].\n\n[^1]: حاشية.\n",
            "5:3: a footnote has no mapping in warraq's model yet (notes: issue 13)",
        ),
        (
            "![خريطة](map.png)\n",
            "5:1: an image has no mapping in warraq's model yet (figures: issue 14)",
        ),
        (
            "| أ | ب |\n|---|---|\n| ١ | ٢ |\n",
            "5:1: a table has no mapping in warraq's model yet (tables: issue 14)",
        ),
        (
            "نص ~~محذوف~~.\n",
            "5:4: strikethrough (`~~…~~`) has no mapping",
        ),
        (
            "نص *مائل*.\n",
            "5:4: emphasis (`*…*` or `_…_`) has no mapping in warraq's model (it has strong, `**…**`)",
        ),
        ("نص `code`.\n", "5:4: inline code (`…`) has no mapping"),
        ("```\ncode\n```\n", "5:1: a code block has no mapping"),
        ("    indented code\n", "5:5: a code block has no mapping"),
        ("> مقتبس\n", "5:1: a block quote (`>`) has no mapping"),
        ("<div>نص</div>\n", "5:1: HTML has no mapping"),
        ("نص <b>غامق</b>\n", "5:4: HTML has no mapping"),
        (
            "نص\n\n---\n",
            "7:1: a thematic break (`---`, `***`) has no mapping",
        ),
        (
            "- [ ] مهمة\n",
            "5:3: a task list marker (`[ ]`, `[x]`) has no mapping",
        ),
        ("### فرع\n\nنص\n", "5:1: a level-3 heading has no mapping"),
        ("#### فرع\n", "5:1: a heading of level 4 has no mapping"),
        (
            "### التوصية ١\n\n- بند\n",
            "5:1: a recommendation heading (`### التوصية N`) must be followed by its paragraph",
        ),
        ("### التوصية ١\n", "5:1: a recommendation heading"),
        (
            "[نص]{.class}\n",
            "5:4: the span attribute `.class` has no mapping",
        ),
        ("نص]{lang=en}\n", "5:3: `]{lang=en}` closes no `[`"),
        (
            "[**نص]{lang=en}**\n",
            "5:6: a bracketed span and `**` overlap",
        ),
        (
            "- بند\n\n  فقرة ثانية\n",
            "7:3: a list item with more than one paragraph",
        ),
        ("- # عنوان\n", "5:3: a heading inside a list has no mapping"),
    ];
    let mut failures = Vec::new();
    for (body, expected) in cases {
        let got = refusal(body);
        if !got.starts_with(expected) {
            failures.push(format!(
                "{body:?}\n  expected: {expected}\n  got:      {got}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn unmapped_errors_carry_the_markdown_source_kind() {
    let err = parse_markdown(&format!("{FRONT}نص *مائل*.\n")).unwrap_err();
    let Error::Source { kind, location, .. } = err else {
        panic!("a source error")
    };
    assert_eq!(kind, warraq::error::SourceKind::Markdown);
    assert_eq!((location.line, location.column), (Some(5), Some(4)));
}

#[test]
fn front_matter_errors_are_located() {
    let err = parse_markdown("---\ntitle: ت\nauthor: أحد\n---\n\nنص\n").unwrap_err();
    assert!(
        err.to_string()
            .starts_with("3:1: front matter: unknown field `author`"),
        "{err}"
    );
    let (doc, _) = parse_markdown("---\ntitle: ت\nmasthead: {organ: م}\n---\n\nنص\n").unwrap();
    assert_eq!(doc.masthead.unwrap().organ.as_deref(), Some("م"));
    let err =
        parse_markdown("---\ntitle: ت\nmasthead:\n  organ: م\n  room: 5\n---\n\nنص\n").unwrap_err();
    assert!(
        err.to_string()
            .starts_with("5:3: front matter: masthead: unknown field `room`"),
        "{err}"
    );
    let err = parse_markdown("# أولاً - مقدمة\n").unwrap_err();
    assert!(
        err.to_string()
            .starts_with("1:1: the document has no title"),
        "{err}"
    );
}

#[test]
fn validation_errors_point_at_the_markdown_line() {
    let err = parse_markdown(&format!("{FRONT}نص\n\n٠- صفر\n")).unwrap_err();
    assert_eq!(
        err.to_string().lines().next().unwrap(),
        "7:1 at `blocks[1].number`: number 0 is out of range"
    );
    let err = parse_markdown("---\ntitle: ت\ndate: 2019-02-31\n---\n\nنص\n").unwrap_err();
    assert!(err.to_string().starts_with("3:1 at `date`:"), "{err}");
    let (_, warnings) = parse_markdown(&format!("{FRONT}١- أ\n\n٣- ج\n")).unwrap();
    assert_eq!(
        warnings[0].to_string(),
        "7:1 at `blocks[1].number`: paragraph number 3 follows 1; expected 2"
    );
}

fn root(path: &str) -> String {
    let full = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// JSON → Markdown → JSON gives the same document, and Markdown → JSON →
/// Markdown gives the same Markdown.
fn round_trip(json_path: &str) {
    let (doc, _) = parse_json(&root(json_path)).unwrap();
    let md = write_markdown(&doc).unwrap_or_else(|e| panic!("{json_path}: {e}"));
    let (back, _) = parse_markdown(&md).unwrap_or_else(|e| panic!("{json_path}: {e}\n{md}"));
    let json = serde_json::to_string_pretty(&back).unwrap();
    let (again, _) = parse_json(&json).unwrap();
    assert_eq!(again, back, "{json_path}: JSON of the Markdown");
    let md_again = write_markdown(&again).unwrap();
    assert_eq!(md_again, md, "{json_path}: Markdown → JSON → Markdown");
    assert_eq!(
        warraq_normalized(&doc),
        back,
        "{json_path}: the Markdown reads back to the document"
    );
}

/// The document as the readers produce it (plain text when unstyled).
fn warraq_normalized(doc: &Document) -> Document {
    let md = write_markdown(doc).unwrap();
    parse_markdown(&md).unwrap().0
}

#[test]
fn round_trips_on_the_report_and_the_fixtures() {
    for path in [
        "examples/un-report/report.json",
        "tests/fixtures/documents/lists.json",
        "tests/fixtures/documents/mixed.json",
        "tests/fixtures/documents/vocalized.json",
        "tests/fixtures/epub/escaping.json",
    ] {
        round_trip(path);
    }
}

#[test]
fn the_example_report_md_is_the_report_json() {
    let (json, _) = parse_json(&root("examples/un-report/report.json")).unwrap();
    let md = root("examples/un-report/report.md");
    let started = std::time::Instant::now();
    let (doc, warnings) = parse_markdown(&md).unwrap();
    eprintln!(
        "report.md ({} bytes) parsed in {:?}",
        md.len(),
        started.elapsed()
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(doc, json, "report.md reads to exactly report.json");
    assert_eq!(
        write_markdown(&json).unwrap(),
        md,
        "report.md is what `warraq convert report.json --to markdown` writes"
    );
}

#[test]
fn a_document_without_a_faithful_markdown_form_is_refused_by_the_writer() {
    let (mut doc, _) = parse_markdown(&format!("{FRONT}نص\n")).unwrap();
    doc.blocks[0] = Block::Paragraph {
        number: None,
        text: Text::Spans(vec![span("كلمة", None, false), span(" غامقة", None, true)]),
    };
    let err = write_markdown(&doc).unwrap_err().to_string();
    assert!(err.contains("blocks[0] has no Markdown form"), "{err}");
}

#[test]
fn line_breaks_become_spaces_and_hard_breaks_line_feeds() {
    let doc = read("سطر أول\nسطر ثانٍ  \nسطر ثالث\n");
    assert_eq!(
        doc.blocks[0],
        Block::Paragraph {
            number: None,
            text: plain("سطر أول سطر ثانٍ\nسطر ثالث")
        }
    );
}
