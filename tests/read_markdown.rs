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
            "نص ![خريطة](map.png) نص.\n",
            "5:4: an image inside running text: a figure is a block",
        ),
        (
            "![خريطة](map.png)\nنص.\n",
            "5:1: an image inside running text: a figure is a block",
        ),
        (
            "- ![خريطة](map.png)\n",
            "5:3: an image inside running text: a figure is a block",
        ),
        (
            "![خريطة](map.png){height=3in}\n",
            "5:1: the image attribute `height=3in` has no mapping",
        ),
        (
            "![خريطة](map.png){width=3in}\n",
            "5:1: the image attribute `width=3in` has no mapping",
        ),
        (
            "![*خريطة*](map.png)\n",
            "5:3: emphasis (`*…*` or `_…_`) has no mapping",
        ),
        (
            "- بند\n\n  | أ | ب |\n  |---|---|\n  | ١ | ٢ |\n",
            "7:3: a table inside another block has no mapping",
        ),
        (
            "| أ | ب |\n|---|---|\n| `١` | ٢ |\n",
            "7:3: inline code (`…`) has no mapping",
        ),
        (
            "| أ | ب |\n|---|---|\n| ١[^1] | ٢ |\n\n[^1]: حاشية.\n",
            "5:1 at `blocks[0].rows[1][0]`: a table cell cannot hold a note",
        ),
        (
            "Table: قبل\n\n| أ | ب |\n|---|---|\n| ١ | ٢ |\n\nTable: بعد\n",
            "11:1: the table has a caption before it and another after it",
        ),
        (
            "![](map.png)\n",
            "5:1 at `blocks[0].alt`: the alternative text is empty",
        ),
        (
            "|  |  |\n|---|---|\n|  |  |\n",
            "5:1 at `blocks[0].rows`: every cell of the table is empty",
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
fn footnotes_are_note_spans_where_the_reference_stands() {
    let doc = read(
        "نص[^a] و**غامق**[^*].\n\n- بند[^3]\n\n[^3]: حاشية البند.\n\n[^a]: انظر [CTOC]{lang=en} و**هذا**.\n\n[^*]: علامة.\n",
    );
    let note = |text: Text| Span::note(text);
    assert_eq!(
        doc.blocks,
        [
            Block::Paragraph {
                number: None,
                text: Text::Spans(vec![
                    span("نص", None, false),
                    note(Text::Spans(vec![
                        span("انظر ", None, false),
                        span("CTOC", Some("en"), false),
                        span(" و", None, false),
                        span("هذا", None, true),
                        span(".", None, false),
                    ])),
                    span(" و", None, false),
                    span("غامق", None, true),
                    note(plain("علامة.")).with_mark("*"),
                    span(".", None, false),
                ])
            },
            Block::List {
                items: vec![ListItem::new(Text::Spans(vec![
                    span("بند", None, false),
                    note(plain("حاشية البند.")),
                ]))]
            },
        ]
    );
}

#[test]
fn a_title_note_is_a_reference_in_the_front_matter() {
    let md = "---\ntitle: تقرير[^*]\nsubtitle: ورقة[^1]\n---\n\n[^*]: دون تحرير.\n\n[^1]: حاشية.\n\nنص.\n";
    let (doc, _) = parse_markdown(md).unwrap();
    assert_eq!(
        doc.title,
        Text::Spans(vec![
            Span::new("تقرير"),
            Span::note(plain("دون تحرير.")).with_mark("*")
        ])
    );
    assert_eq!(
        doc.subtitle,
        Some(Text::Spans(vec![
            Span::new("ورقة"),
            Span::note(plain("حاشية."))
        ]))
    );
}

#[test]
fn links_are_spans_with_href_and_keep_their_styles() {
    let doc = read(
        "انظر [**الموقع**](https://www.unodc.org/) و<https://un.org> و<info@un.org> و[[SHERLOC](https://sherloc.unodc.org)]{lang=en} و[[How to]{lang=en}](https://x.org/a\\(b).\n",
    );
    let link = |text: &str, href: &str, lang: Option<&str>, strong: bool| Span {
        href: Some(href.into()),
        ..span(text, lang, strong)
    };
    let Block::Paragraph { text, .. } = &doc.blocks[0] else {
        panic!("a paragraph")
    };
    assert_eq!(
        text,
        &Text::Spans(vec![
            span("انظر ", None, false),
            link("الموقع", "https://www.unodc.org/", None, true),
            span(" و", None, false),
            link("https://un.org", "https://un.org", None, false),
            span(" و", None, false),
            link("info@un.org", "mailto:info@un.org", None, false),
            span(" و", None, false),
            link("SHERLOC", "https://sherloc.unodc.org", Some("en"), false),
            span(" و", None, false),
            link("How to", "https://x.org/a(b", Some("en"), false),
            span(".", None, false),
        ])
    );
    let md = format!("{FRONT}[نص](https://un.org \"عنوان\")\n");
    let (_, warnings) = parse_markdown(&md).unwrap();
    assert!(
        warnings[0]
            .to_string()
            .starts_with("5:1: the link title \"عنوان\" ignored"),
        "{warnings:?}"
    );
}

/// Footnotes and links the model cannot hold, each at its line:column.
#[test]
fn footnote_and_link_errors_are_located() {
    let cases: &[(&str, &str)] = &[
        (
            "نص[^1].\n",
            "5:3: the footnote reference `[^1]` has no definition",
        ),
        (
            "نص.\n\n[^1]: حاشية.\n",
            "7:1: the footnote `[^1]` is never referred to",
        ),
        (
            "نص[^1] و[^1].\n\n[^1]: حاشية.\n",
            "5:9: the footnote `[^1]` is referred to a second time",
        ),
        (
            "نص[^1] و[^2].\n\n[^1]: حاشية[^2].\n\n[^2]: أخرى.\n",
            "7:12: a footnote inside a footnote (`[^2]`): a note cannot hold a note",
        ),
        (
            "نص[^1].\n\n[^1]: فقرة.\n\n    فقرة ثانية.\n",
            "9:5: a footnote holds one paragraph",
        ),
        (
            "نص[^1].\n\n[^1]: حاشية.\n[^1]: مكررة.\n",
            "8:1: the footnote `[^1]` is defined twice",
        ),
        (
            "نص [رابط](report.pdf).\n",
            "5:4: `report.pdf` is not a link warraq can write: it has no scheme (a relative reference)",
        ),
        (
            "نص [رابط](ftp://un.org).\n",
            "5:4: `ftp://un.org` is not a link warraq can write: the scheme `ftp` is not http, https or mailto",
        ),
        ("نص [](https://un.org).\n", "5:4: a link without text"),
        (
            "نص[^1][CTOC]{lang=en}.\n\n[^1]: حاشية.\n",
            "5:3: the footnote reference `[^1]` is directly followed by `[`",
        ),
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
    let err = parse_markdown("---\ntitle: تقرير[^x]\n---\n\nنص\n").unwrap_err();
    assert!(
        err.to_string()
            .starts_with("2:1: the footnote reference `[^x]` has no definition"),
        "{err}"
    );
}

#[test]
fn the_masthead_holds_its_fields() {
    let md = "---\ntitle: ت\nmasthead:\n  organ: مؤتمر الأطراف\n  distribution: عام\n  \
              date: ٢٤ حزيران/يونيه ٢٠١٩\n  original: الإنكليزية\n  meeting:\n  - الفريق العامل\n  \
              - فيينا\n  agenda_item: البند ٢\n---\n\nنص\n";
    let (doc, _) = parse_markdown(md).unwrap();
    assert_eq!(
        doc.masthead,
        Some(warraq::model::Masthead {
            organ: Some("مؤتمر الأطراف".into()),
            distribution: Some("عام".into()),
            date: Some("٢٤ حزيران/يونيه ٢٠١٩".into()),
            original: Some("الإنكليزية".into()),
            meeting: vec!["الفريق العامل".into(), "فيينا".into()],
            agenda_item: Some("البند ٢".into()),
        })
    );
    assert_eq!(
        write_markdown(&doc).unwrap().lines().nth(3),
        Some("masthead:")
    );
}

#[test]
fn the_writer_refuses_what_has_no_markdown_form_of_notes() {
    let (mut doc, _) = parse_markdown(&format!("{FRONT}نص\n")).unwrap();
    doc.blocks[0] = Block::Paragraph {
        number: None,
        text: Text::Spans(vec![
            span("نص", None, false),
            Span::note(plain("أ")).with_mark("*"),
            Span::note(plain("ب")).with_mark("*"),
        ]),
    };
    let err = write_markdown(&doc).unwrap_err().to_string();
    assert!(
        err.contains("the note mark `*` has no Markdown form"),
        "{err}"
    );
    doc.blocks[0] = Block::Paragraph {
        number: None,
        text: Text::Spans(vec![
            span("نص", None, false),
            Span::note(plain("أ")).with_mark("a"),
        ]),
    };
    let err = write_markdown(&doc).unwrap_err().to_string();
    assert!(
        err.contains("the note mark `a` has no Markdown form"),
        "{err}"
    );
    doc.blocks[0] = Block::Paragraph {
        number: None,
        text: Text::Spans(vec![
            span("نص", None, false),
            Span::note(plain("أ")),
            span("(جنيف)", None, false),
            Span::note(plain("ب")),
            span(": نص", None, false),
        ]),
    };
    let md = write_markdown(&doc).unwrap();
    assert!(md.contains("نص[^1]\\(جنيف)[^2]\\: نص"), "{md}");
    doc.blocks[0] = Block::Paragraph {
        number: None,
        text: Text::Spans(vec![
            span("نص", None, false),
            Span::note(plain("أ")),
            span("UN", Some("en"), false),
        ]),
    };
    let err = write_markdown(&doc).unwrap_err().to_string();
    assert!(
        err.contains("a note directly followed by a language span or a link"),
        "{err}"
    );
    doc.title = Text::Spans(vec![span("UNTOC", Some("en"), false)]);
    let err = write_markdown(&doc).unwrap_err().to_string();
    assert!(
        err.contains("the title has a language, strong or link span"),
        "{err}"
    );
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
        "examples/notes/notes.json",
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

fn cell(text: &str, align: Option<warraq::model::CellAlign>) -> warraq::model::Cell {
    warraq::model::Cell {
        align,
        ..warraq::model::Cell::new(text)
    }
}

/// A GFM table: its header row, its columns' sides (the left is the end of
/// a right-to-left line), inline spans in its cells, its caption after it.
#[test]
fn gfm_tables_read_with_header_alignment_and_caption() {
    use warraq::model::CellAlign::{Center, End, Start};
    let doc = read(
        "| البلد | **العدد** | مصدر |\n|:---|---:|:--:|\n| [Jordan]{lang=en} | ١٢ | [UNODC](https://www.unodc.org) |\n\
         | مصر \\| القاهرة | ٣ |  |\n\nTable: الجدول ١ - **الضحايا**\n",
    );
    let link = Span {
        href: Some("https://www.unodc.org".into()),
        ..Span::new("UNODC")
    };
    let styled = |text: Text, align| warraq::model::Cell {
        text,
        ..cell("", Some(align))
    };
    assert_eq!(
        doc.blocks,
        [Block::Table {
            caption: Some(Text::Spans(vec![
                span("الجدول ١ - ", None, false),
                span("الضحايا", None, true)
            ])),
            header_rows: 1,
            rows: vec![
                vec![
                    cell("البلد", Some(End)),
                    styled(Text::Spans(vec![span("العدد", None, true)]), Start),
                    cell("مصدر", Some(Center)),
                ],
                vec![
                    styled(Text::Spans(vec![span("Jordan", Some("en"), false)]), End),
                    cell("١٢", Some(Start)),
                    styled(Text::Spans(vec![link]), Center),
                ],
                vec![
                    cell("مصر | القاهرة", Some(End)),
                    cell("٣", Some(Start)),
                    cell("", Some(Center)),
                ],
            ],
        }]
    );
    // In a left-to-right document the left is the start.
    let en =
        parse_markdown("---\ntitle: Report\nlang: en\n---\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n")
            .unwrap()
            .0;
    let Block::Table { rows, .. } = &en.blocks[0] else {
        panic!("a table")
    };
    assert_eq!(rows[1], [cell("1", Some(Start)), cell("2", Some(End))]);
}

/// An empty header row is no header; a `Table: …` paragraph right before
/// a table is its caption too; `Table\: …` is a paragraph.
#[test]
fn headerless_tables_and_captions_before() {
    let doc = read(
        "Table: قبل الجدول\n\n|  |  |\n|---|---|\n| أ | ب |\n\nTable\\: فقرة.\n\nTable: بلا جدول.\n",
    );
    assert_eq!(
        doc.blocks,
        [
            Block::Table {
                caption: Some(plain("قبل الجدول")),
                header_rows: 0,
                rows: vec![vec![cell("أ", None), cell("ب", None)]],
            },
            Block::Paragraph {
                number: None,
                text: plain("Table: فقرة.")
            },
            Block::Paragraph {
                number: None,
                text: plain("Table: بلا جدول.")
            },
        ]
    );
}

/// A paragraph that holds only an image is a figure: the description its
/// alternative text, the title its caption, `{width=60%}` its width.
#[test]
fn an_image_alone_in_its_paragraph_is_a_figure() {
    let doc = read(
        "![خريطة **المنطقة**](maps/map.png \"الشكل ١ - المنطقة\"){width=60%}\n\n\
         ![رسم بياني](<chart 2.png>)\n",
    );
    assert_eq!(
        doc.blocks,
        [
            Block::Figure {
                src: "maps/map.png".into(),
                alt: "خريطة المنطقة".into(),
                caption: Some(plain("الشكل ١ - المنطقة")),
                width: Some(0.6),
            },
            Block::Figure {
                src: "chart 2.png".into(),
                alt: "رسم بياني".into(),
                caption: None,
                width: None,
            },
        ]
    );
}

/// Tables and figures round-trip: Markdown → JSON → Markdown → JSON, and
/// the writer refuses what GFM cannot hold, saying why.
#[test]
fn tables_and_figures_round_trip_through_markdown() {
    let md = root("tests/fixtures/pandoc/tables.md");
    let (doc, warnings) = parse_markdown(&md).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    let written = write_markdown(&doc).unwrap();
    let (back, _) = parse_markdown(&written).unwrap_or_else(|e| panic!("{e}\n{written}"));
    assert_eq!(back, doc, "Markdown → JSON → Markdown → JSON:\n{written}");
    let json = serde_json::to_string_pretty(&back).unwrap();
    let (again, _) = parse_json(&json).unwrap();
    assert_eq!(write_markdown(&again).unwrap(), written);

    let refused = |doc: &Document| write_markdown(doc).unwrap_err().to_string();
    let mut spans = doc.clone();
    let Block::Table { rows, .. } = &mut spans.blocks[2] else {
        panic!("a table")
    };
    rows[1][0].colspan = 2;
    rows[1].pop();
    assert!(
        refused(&spans).contains("blocks[2]: the table has no Markdown form: a cell spans"),
        "{}",
        refused(&spans)
    );
    let mut aligned = doc.clone();
    let Block::Table { rows, .. } = &mut aligned.blocks[2] else {
        panic!("a table")
    };
    rows[0][0].align = None;
    assert!(refused(&aligned).contains("the cells of column 1 are aligned differently"));
    let mut styled = doc.clone();
    let Block::Figure { caption, .. } = &mut styled.blocks[4] else {
        panic!("a figure")
    };
    *caption = Some(Text::Spans(vec![span("الشكل", None, true)]));
    assert!(refused(&styled).contains("blocks[4]: the figure has no Markdown form: its caption"));
}
