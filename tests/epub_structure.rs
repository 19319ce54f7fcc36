//! The EPUB of the example report, read back: the package, the page list
//! against the layout's pages, the place of every page marker, and the text
//! of every block against its source.

mod epub_support;

use std::collections::BTreeMap;

use epub_support::{content_documents, parse_xml, report, text_files, unzip, Elem, Node, REPORT};
use warraq::layout::Role;
use warraq::model::semantics::{heading_text, number_label, recommendation_heading};
use warraq::model::{Block, ListItem};

#[test]
fn mimetype_is_first_and_stored() {
    let book = report();
    let entries = unzip(&book.epub);
    assert_eq!(entries[0].name, "mimetype");
    assert!(entries[0].stored, "mimetype must be stored");
    assert_eq!(entries[0].data, b"application/epub+zip");
    // OCF: the mimetype's bytes sit at offset 38 of the file.
    assert_eq!(&book.epub[30..38], b"mimetype");
    assert_eq!(&book.epub[38..58], b"application/epub+zip");
    assert!(entries.iter().any(|e| e.name == "META-INF/container.xml"));
}

#[test]
fn package_metadata() {
    let book = report();
    let files = text_files(&book.epub);
    let opf = parse_xml(&files["OEBPS/content.opf"]);
    let all = opf.descendants();
    let text_of = |name: &str| -> Vec<String> {
        all.iter()
            .filter(|e| e.name == name)
            .map(|e| e.text())
            .collect()
    };
    let meta = |property: &str| -> Vec<String> {
        all.iter()
            .filter(|e| e.name == "meta" && e.attr("property") == Some(property))
            .map(|e| e.text())
            .collect()
    };
    assert_eq!(opf.attr("version"), Some("3.0"));
    let id = text_of("dc:identifier");
    assert_eq!(id.len(), 1);
    assert!(id[0].starts_with("urn:uuid:"), "{id:?}");
    assert_eq!(text_of("dc:title"), vec![book.doc.title.plain()]);
    assert_eq!(text_of("dc:language"), vec!["ar".to_string()]);
    assert!(text_of("dc:source")[0].contains("CTOC/COP/WG.4/2019/6"));
    assert_eq!(
        meta("dcterms:modified"),
        vec!["2019-09-23T00:00:00Z".to_string()]
    );
    assert_eq!(meta("source-of"), vec!["pagination".to_string()]);
    let page_source: Vec<&str> = all
        .iter()
        .filter(|e| e.name == "meta" && e.attr("name") == Some("pageBreakSource"))
        .filter_map(|e| e.attr("content"))
        .collect();
    assert_eq!(page_source, vec!["CTOC/COP/WG.4/2019/6"]);
    assert_eq!(meta("schema:accessMode"), vec!["textual".to_string()]);
    assert_eq!(
        meta("schema:accessModeSufficient"),
        vec!["textual".to_string()]
    );
    assert_eq!(meta("schema:accessibilityHazard"), vec!["none".to_string()]);
    let features = meta("schema:accessibilityFeature");
    for f in [
        "structuralNavigation",
        "tableOfContents",
        "readingOrder",
        "printPageNumbers",
        "pageNavigation",
        "displayTransformability",
    ] {
        assert!(features.iter().any(|x| x == f), "missing feature {f}");
    }
    let summary = all
        .iter()
        .find(|e| e.attr("property") == Some("schema:accessibilitySummary"))
        .expect("a summary");
    assert_eq!(summary.attr("xml:lang"), Some("ar"));
    assert!(summary
        .text()
        .chars()
        .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)));
    assert_eq!(
        meta("dcterms:conformsTo"),
        vec!["EPUB Accessibility 1.1 - WCAG 2.1 Level AA".to_string()]
    );
    let spine = all.iter().find(|e| e.name == "spine").unwrap();
    assert_eq!(spine.attr("page-progression-direction"), Some("rtl"));
}

#[test]
fn one_content_document_per_level_one_section() {
    let book = report();
    let files = text_files(&book.epub);
    let docs = content_documents(&files);
    let level_one = book
        .doc
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Heading { level: 1, .. }))
        .count();
    assert_eq!(docs.len(), level_one + 1, "title page + one per section");
    for (href, html) in &docs {
        assert_eq!(html.attr("lang"), Some("ar"), "{href}");
        assert_eq!(html.attr("xml:lang"), Some("ar"), "{href}");
        assert_eq!(html.attr("dir"), Some("rtl"), "{href}");
        let h1 = html
            .descendants()
            .into_iter()
            .filter(|e| e.name == "h1")
            .count();
        assert_eq!(h1, 1, "{href}: one h1");
    }
}

#[test]
fn page_list_has_one_entry_per_laid_out_page() {
    let book = report();
    let files = text_files(&book.epub);
    let nav = parse_xml(&files["OEBPS/nav.xhtml"]);
    let page_list = nav
        .descendants()
        .into_iter()
        .find(|e| e.name == "nav" && e.attr("epub:type") == Some("page-list"))
        .expect("a page-list nav");
    let links: Vec<&Elem> = page_list
        .descendants()
        .into_iter()
        .filter(|e| e.name == "a")
        .collect();
    assert!(book.layout.pages.len() > 1);
    assert_eq!(links.len(), book.layout.pages.len());
    let docs: BTreeMap<String, Elem> = content_documents(&files).into_iter().collect();
    for (k, a) in links.iter().enumerate() {
        let n = k + 1;
        assert_eq!(a.text(), n.to_string());
        let href = a.attr("href").unwrap();
        let (file, id) = href.split_once('#').expect("a fragment");
        assert_eq!(id, format!("page-{n}"));
        let marker = docs[file]
            .by_id(id)
            .unwrap_or_else(|| panic!("{href} exists"));
        assert_eq!(marker.attr("epub:type"), Some("pagebreak"));
        assert_eq!(marker.attr("role"), Some("doc-pagebreak"));
        assert_eq!(marker.attr("aria-label"), Some(n.to_string().as_str()));
        assert!(marker.children.is_empty(), "markers carry no text");
    }
}

#[test]
fn toc_has_every_heading_nested() {
    let book = report();
    let files = text_files(&book.epub);
    let nav = parse_xml(&files["OEBPS/nav.xhtml"]);
    let toc = nav
        .descendants()
        .into_iter()
        .find(|e| e.attr("epub:type") == Some("toc"))
        .expect("a toc nav");
    let entries: Vec<String> = toc
        .descendants()
        .into_iter()
        .filter(|e| e.name == "a")
        .map(|a| a.text())
        .collect();
    let mut expected = vec![book.doc.title.plain()];
    for block in &book.doc.blocks {
        match block {
            Block::Heading { label, text, .. } => {
                expected.push(heading_text(label.as_deref(), &text.plain()))
            }
            Block::Recommendation { number, .. } => {
                expected.push(recommendation_heading(*number, &book.doc.lang))
            }
            _ => {}
        }
    }
    assert_eq!(entries, expected);
    // Level-2 headings sit in the list of their level-1 heading.
    let top = toc.elements().find(|e| e.name == "ol").unwrap();
    let top_level = top.elements().count();
    let level_one = book
        .doc
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Heading { level: 1, .. }))
        .count();
    assert_eq!(top_level, level_one + 1);
}

/// The text of every block, read back from the XHTML, equals its source.
#[test]
fn every_block_text_equals_its_source() {
    let book = report();
    let files = text_files(&book.epub);
    let docs = content_documents(&files);
    let find = |id: &str| -> Elem {
        docs.iter()
            .find_map(|(_, html)| html.by_id(id).cloned())
            .unwrap_or_else(|| panic!("no element #{id}"))
    };
    let lang = &book.doc.lang;
    // Checked against the printed report, not against our helpers.
    assert!(find("b1").text().starts_with("١- أقرَّ مؤتمر الأطراف"));
    assert_eq!(find("b0").text(), "أولاً - مقدِّمة");
    assert_eq!(find("title").text(), book.doc.title.plain());
    for (i, block) in book.doc.blocks.iter().enumerate() {
        let id = format!("b{i}");
        match block {
            Block::Heading { label, text, level } => {
                let e = find(&id);
                assert_eq!(e.name, format!("h{level}"));
                assert_eq!(e.text(), heading_text(label.as_deref(), &text.plain()));
            }
            Block::Paragraph { number, text } => {
                let e = find(&id);
                assert_eq!(e.name, "p");
                let expected = match number {
                    Some(n) => format!("{} {}", number_label(*n, lang), text.plain()),
                    None => text.plain(),
                };
                assert_eq!(e.text(), expected, "block {i}");
            }
            Block::Recommendation { number, text } => {
                let e = find(&id);
                let h = e.elements().next().unwrap();
                assert!(matches!(h.name.as_str(), "h2" | "h3" | "h4"), "{}", h.name);
                assert_eq!(h.text(), recommendation_heading(*number, lang));
                let p = e.elements().nth(1).unwrap();
                assert_eq!(p.text(), text.plain(), "block {i}");
            }
            Block::List { items } => check_items(&find, i, items, &mut Vec::new()),
            Block::Table { .. } => assert_eq!(find(&id).name, "table"),
            Block::Figure { .. } => assert_eq!(find(&id).name, "figure"),
        }
    }
    // No tatweel that the source does not have.
    let source = std::fs::read_to_string(REPORT).unwrap();
    let tatweels = |s: &str| s.matches('\u{0640}').count();
    let in_books: usize = docs.iter().map(|(_, h)| tatweels(&h.text())).sum();
    assert_eq!(in_books, tatweels(&source));
}

fn check_items(find: &dyn Fn(&str) -> Elem, block: usize, items: &[ListItem], at: &mut Vec<usize>) {
    for (k, item) in items.iter().enumerate() {
        at.push(k);
        let id = std::iter::once(format!("b{block}"))
            .chain(at.iter().map(|k| k.to_string()))
            .collect::<Vec<_>>()
            .join("-");
        let li = find(&id);
        assert_eq!(li.name, "li");
        let own = li.text_without(&|e| e.name == "ol");
        let expected = match &item.label {
            Some(label) => format!("{label} {}", item.text.plain()),
            None => item.text.plain(),
        };
        assert_eq!(own, expected, "#{id}");
        check_items(find, block, &item.items, at);
        at.pop();
    }
}

#[test]
fn english_spans_are_marked_left_to_right() {
    let book = report();
    let files = text_files(&book.epub);
    let docs = content_documents(&files);
    let spans: Vec<&Elem> = docs
        .iter()
        .flat_map(|(_, h)| h.descendants())
        .filter(|e| e.name == "span" && e.attr("lang") == Some("en"))
        .collect();
    let mut expected = Vec::new();
    for block in &book.doc.blocks {
        if let Block::Paragraph {
            text: warraq::model::Text::Spans(s),
            ..
        } = block
        {
            expected.extend(
                s.iter()
                    .filter(|s| s.lang.as_deref() == Some("en"))
                    .map(|s| s.text.clone()),
            );
        }
    }
    assert!(!expected.is_empty());
    assert_eq!(spans.iter().map(|e| e.text()).collect::<Vec<_>>(), expected);
    for e in spans {
        assert_eq!(e.attr("xml:lang"), Some("en"));
        assert_eq!(e.attr("dir"), Some("ltr"));
    }
}

/// What comes through a content document, in order.
enum Event {
    Text(String, String),
    Marker(usize, String),
    Start(String),
}

fn linearize(e: &Elem, ctx: &str, out: &mut Vec<Event>) {
    let id = e.attr("id").unwrap_or("");
    if e.attr("role") == Some("doc-pagebreak") {
        let n = id.trim_start_matches("page-").parse().unwrap();
        out.push(Event::Marker(n, ctx.to_string()));
        return;
    }
    let block_id = id.starts_with('b')
        && id[1..]
            .split('-')
            .all(|k| !k.is_empty() && k.bytes().all(|b| b.is_ascii_digit()));
    let ctx = if block_id || id == "title" || id == "subtitle" || id == "masthead" {
        out.push(Event::Start(id.to_string()));
        id
    } else {
        ctx
    };
    for child in &e.children {
        match child {
            Node::Text(t) => out.push(Event::Text(ctx.to_string(), t.clone())),
            Node::Elem(c) => linearize(c, ctx, out),
        }
    }
}

/// Each page marker sits where the layout starts the page: before the
/// element of the piece's block, or inside its text at the line's offset.
#[test]
fn page_markers_sit_where_the_pages_start() {
    let book = report();
    let files = text_files(&book.epub);
    let mut events = Vec::new();
    for (_, html) in content_documents(&files) {
        linearize(&html, "", &mut events);
    }
    let lang = &book.doc.lang;
    let mut inside = 0;
    for page in &book.layout.pages {
        let line = &page.lines[0];
        let piece = &book.layout.pieces[line.piece];
        let offset = line.line.range.start;
        let id = match piece.block {
            None if piece.role == Role::Title => "title".to_string(),
            None if matches!(
                piece.role,
                Role::Organisation | Role::Symbol | Role::Masthead(_)
            ) =>
            {
                "masthead".to_string()
            }
            None => "subtitle".to_string(),
            Some(b) => std::iter::once(format!("b{b}"))
                .chain(piece.item.iter().map(|k| k.to_string()))
                .collect::<Vec<_>>()
                .join("-"),
        };
        let block = piece.block.map(|b| &book.doc.blocks[b]);
        // The text of the element before the page's first line, if the page
        // starts inside the element; `None` if it starts before the element.
        let before: Option<String> = match (piece.role, block) {
            (Role::Body, Some(Block::Recommendation { number, .. })) => Some(format!(
                "{}{}",
                recommendation_heading(*number, lang),
                &piece.text[..offset]
            )),
            (Role::Body, Some(Block::Paragraph { number, .. })) if offset > 0 => {
                Some(match number {
                    Some(n) => format!("{} {}", number_label(*n, lang), &piece.text[..offset]),
                    None => piece.text[..offset].to_string(),
                })
            }
            (Role::ItemBody, _) if offset > 0 => {
                let label = book.layout.pieces.iter().find(|p| {
                    p.role == Role::Label && p.block == piece.block && p.item == piece.item
                });
                Some(match label {
                    Some(l) => format!("{} {}", l.text, &piece.text[..offset]),
                    None => piece.text[..offset].to_string(),
                })
            }
            (Role::ItemBody | Role::Label, _) => Some(String::new()),
            (Role::Heading(_) | Role::Title | Role::Subtitle, _) if offset > 0 => {
                Some(piece.text[..offset].to_string())
            }
            _ => None,
        };
        let at = events
            .iter()
            .position(|e| matches!(e, Event::Marker(n, _) if *n == page.number))
            .unwrap_or_else(|| panic!("no marker for page {}", page.number));
        match before {
            Some(expected) => {
                inside += usize::from(!expected.is_empty());
                let Event::Marker(_, ctx) = &events[at] else {
                    unreachable!()
                };
                assert_eq!(ctx, &id, "page {} starts inside #{id}", page.number);
                let text: String = events[..at]
                    .iter()
                    .filter_map(|e| match e {
                        Event::Text(c, t) if c == &id => Some(t.as_str()),
                        _ => None,
                    })
                    .collect();
                assert_eq!(text, expected, "text of #{id} before page {}", page.number);
            }
            None => {
                let next = events[at + 1..].iter().find_map(|e| match e {
                    Event::Start(s) => Some(s.as_str()),
                    Event::Text(_, t) if !t.trim().is_empty() => Some("(text)"),
                    _ => None,
                });
                assert_eq!(
                    next,
                    Some(id.as_str()),
                    "page {} starts before #{id}",
                    page.number
                );
            }
        }
    }
    assert!(inside > 0, "the report has pages that start mid-paragraph");
}

/// The subset fonts shape every text of the book exactly as the full Amiri
/// faces do (same clusters, advances and offsets; only glyph ids are
/// renumbered): the layout tables survived subsetting.
#[test]
fn embedded_fonts_shape_like_the_originals() {
    let book = report();
    let entries = epub_support::unzip(&book.epub);
    let font = |name: &str| -> Vec<u8> {
        entries
            .iter()
            .find(|e| e.name == format!("OEBPS/fonts/{name}"))
            .unwrap_or_else(|| panic!("{name} is embedded"))
            .data
            .clone()
    };
    let originals = [
        (
            "Amiri-Regular.ttf",
            include_bytes!("../fonts/Amiri-Regular.ttf").as_slice(),
        ),
        (
            "Amiri-Bold.ttf",
            include_bytes!("../fonts/Amiri-Bold.ttf").as_slice(),
        ),
    ];
    let texts: Vec<&str> = book
        .layout
        .pieces
        .iter()
        .filter(|p| !matches!(p.role, Role::Header | Role::Footer))
        .map(|p| p.text.as_str())
        .collect();
    for (name, original) in originals {
        let subset = font(name);
        assert!(subset.len() < original.len() / 2, "{name} is subset");
        let full = rustybuzz::Face::from_slice(original, 0).unwrap();
        let sub = rustybuzz::Face::from_slice(&subset, 0).expect("the subset parses");
        for text in &texts {
            let shape = |face: &rustybuzz::Face| {
                let mut buffer = rustybuzz::UnicodeBuffer::new();
                buffer.push_str(text);
                buffer.guess_segment_properties();
                let out = rustybuzz::shape(face, &[], buffer);
                out.glyph_infos()
                    .iter()
                    .zip(out.glyph_positions())
                    .map(|(i, p)| {
                        (
                            i.cluster,
                            p.x_advance,
                            p.x_offset,
                            p.y_offset,
                            i.glyph_id == 0,
                        )
                    })
                    .collect::<Vec<_>>()
            };
            let a = shape(&full);
            let b = shape(&sub);
            assert!(b.iter().all(|g| !g.4), "{name}: .notdef in {text}");
            assert_eq!(a, b, "{name} shapes differently: {text}");
        }
    }
}

/// A font given for characters Amiri lacks (DejaVu Sans has the snowman) is
/// embedded too, subset, and follows Amiri in the style sheet's font stack,
/// as it follows Amiri in the PDF's fallback order.
#[test]
fn a_fallback_font_is_embedded_after_amiri() {
    let dejavu = std::path::Path::new("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
    assert!(
        dejavu.exists(),
        "{} is missing: apt-get install fonts-dejavu-core (.ci/setup)",
        dejavu.display()
    );
    let json = r#"{"title": "t", "blocks": [{"kind": "paragraph", "text": "ثلج ☃ هنا"}]}"#;
    let (doc, _) = warraq::parse_json(json).unwrap();
    let mut fonts = warraq::FontBook::bundled();
    fonts.add_file(dejavu).unwrap();
    let layout = warraq::lay_out(&doc, &fonts, &Default::default()).unwrap();
    let epub = warraq::write_epub(&doc, &fonts, &layout, &Default::default()).unwrap();
    let entries = unzip(&epub);
    let font = entries
        .iter()
        .find(|e| e.name == "OEBPS/fonts/DejaVuSans.ttf")
        .expect("the fallback font is in the book");
    let full = std::fs::read(dejavu).unwrap();
    assert!(
        font.data.len() < full.len() / 4,
        "subset: {} bytes",
        font.data.len()
    );
    let face = ttf_parser::Face::parse(&font.data, 0).expect("a font");
    assert!(
        face.glyph_index('☃').is_some(),
        "the subset draws the snowman"
    );
    let files = text_files(&epub);
    let css = &files["OEBPS/style.css"];
    assert!(css.contains("font-family: \"DejaVu Sans\";"), "{css}");
    assert!(
        css.contains("font-family: \"Amiri\", \"DejaVu Sans\", serif;"),
        "{css}"
    );
    assert!(files["OEBPS/content.opf"].contains("href=\"fonts/DejaVuSans.ttf\""));
    // The report, which needs no fallback, carries the two Amiri faces only.
    let report_fonts: Vec<String> = unzip(&report().epub)
        .into_iter()
        .filter(|e| e.name.ends_with(".ttf"))
        .map(|e| e.name)
        .collect();
    assert_eq!(
        report_fonts,
        [
            "OEBPS/fonts/Amiri-Regular.ttf",
            "OEBPS/fonts/Amiri-Bold.ttf"
        ]
    );
}
