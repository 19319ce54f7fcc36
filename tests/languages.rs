//! The document's language decides the words and digits warraq generates
//! (issue 17): Persian and Urdu documents get their own, `AR` and `ar-EG`
//! are Arabic, `-u-nu-latn` gives Latin digits, an unknown language warns;
//! and a document without a date gets no invented one.

mod epub_support;

use epub_support::{parse_xml, render_json, text_files, Rendered};
use warraq::layout::Role;
use warraq::model::semantics::MastheadLine;

const PERSIAN: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/documents/persian.json"
);
const URDU: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/documents/urdu.json"
);
const MIXED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/documents/mixed.json"
);

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The printed texts of a layout with a role, in order.
fn printed(book: &Rendered, keep: impl Fn(Role) -> bool) -> Vec<String> {
    book.layout
        .pieces
        .iter()
        .filter(|p| keep(p.role))
        .map(|p| p.text.clone())
        .collect()
}

/// The navigation document's headings and entries, as a reader lists them.
fn nav_texts(book: &Rendered) -> Vec<String> {
    let files = text_files(&book.epub);
    let nav = parse_xml(&files["OEBPS/nav.xhtml"]);
    nav.descendants()
        .into_iter()
        .filter(|e| matches!(e.name.as_str(), "title" | "h1" | "h2" | "a"))
        .map(|e| e.text())
        .collect()
}

/// What every generated word of a language is expected to be.
struct Expected<'a> {
    numbers: [&'a str; 2],
    recommendations: [&'a str; 2],
    note: &'a str,
    masthead: [&'a str; 3],
    organisation: &'a str,
    nav: [&'a str; 5],
}

fn check(book: &Rendered, want: &Expected) {
    assert_eq!(printed(book, |r| r == Role::Number), want.numbers);
    assert_eq!(
        printed(book, |r| r == Role::RecommendationHeading),
        want.recommendations
    );
    assert_eq!(printed(book, |r| r == Role::NoteLabel), [want.note]);
    let masthead = printed(book, |r| {
        matches!(
            r,
            Role::Masthead(MastheadLine::Distribution | MastheadLine::Language)
                | Role::Masthead(MastheadLine::Original)
        )
    });
    assert_eq!(masthead, want.masthead);
    assert_eq!(
        printed(book, |r| r == Role::Organisation),
        [want.organisation]
    );
    let nav = nav_texts(book);
    for word in want.nav {
        assert!(nav.iter().any(|t| t == word), "{word} not in {nav:?}");
    }
    for word in ["Contents", "Landmarks", "Pages", "Recommendation"] {
        let files = text_files(&book.epub);
        for (name, text) in files.iter().filter(|(n, _)| n.ends_with(".xhtml")) {
            assert!(!text.contains(word), "{word} in {name}");
        }
    }
    let files = text_files(&book.epub);
    let s02 = &files["OEBPS/s02.xhtml"];
    for heading in want.recommendations {
        assert!(s02.contains(heading), "{heading} not in the EPUB");
    }
}

#[test]
fn a_persian_document_speaks_persian() {
    let (_, warnings) = warraq::parse_json(&read(PERSIAN)).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    check(
        &render_json(&read(PERSIAN)),
        &Expected {
            numbers: ["۱-", "۲-"],
            recommendations: ["توصیه ۱", "توصیه ۲"],
            note: "۱",
            masthead: ["توزیع: عمومی", "فارسی", "اصل: انگلیسی"],
            organisation: "سازمان ملل متحد",
            nav: ["فهرست مطالب", "نشانه‌ها", "صفحه‌ها", "صفحهٔ عنوان", "آغاز متن"],
        },
    );
}

#[test]
fn an_urdu_document_speaks_urdu() {
    let (_, warnings) = warraq::parse_json(&read(URDU)).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    check(
        &render_json(&read(URDU)),
        &Expected {
            numbers: ["۱-", "۲-"],
            recommendations: ["سفارش ۱", "سفارش ۲"],
            note: "۱",
            masthead: ["تقسیم: عام", "اردو", "اصل: انگریزی"],
            organisation: "اقوام متحدہ",
            nav: ["فہرست مضامین", "نشانات", "صفحات", "سرورق", "متن کا آغاز"],
        },
    );
}

/// The generated texts of the mixed fixture under another language tag.
fn generated(lang: &str) -> (Vec<String>, Vec<String>) {
    let json = read(MIXED).replacen("\"lang\": \"ar\"", &format!("\"lang\": \"{lang}\""), 1);
    let book = render_json(&json);
    let pieces = printed(&book, |r| {
        matches!(r, Role::Number | Role::RecommendationHeading)
    });
    (pieces, nav_texts(&book))
}

#[test]
fn case_and_region_do_not_change_arabic() {
    let arabic = generated("ar");
    assert!(arabic.0.contains(&"١-".to_string()), "{:?}", arabic.0);
    assert!(arabic.1.contains(&"المحتويات".to_string()));
    assert_eq!(generated("AR"), arabic);
    assert_eq!(generated("ar-EG"), arabic);
}

#[test]
fn the_latin_numbering_system_gives_latin_digits() {
    let (pieces, nav) = generated("ar-u-nu-latn");
    assert!(pieces.contains(&"1-".to_string()), "{pieces:?}");
    assert!(pieces.iter().any(|p| p == "التوصية 1"), "{pieces:?}");
    assert!(pieces.iter().all(|p| !p.contains('١')), "{pieces:?}");
    assert!(nav.contains(&"المحتويات".to_string()));
}

#[test]
fn an_unknown_language_warns_and_falls_back_to_its_script() {
    let json = read(PERSIAN).replacen("\"lang\": \"fa\"", "\"lang\": \"sd\"", 1);
    let (doc, warnings) = warraq::parse_json(&json).unwrap();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].location.path, "lang");
    assert!(warnings[0].message.contains("`sd`"), "{}", warnings[0]);
    assert!(warnings[0].message.contains("Arabic"), "{}", warnings[0]);
    // Arabic words, right to left; the masthead names no language.
    let book = render_json(&json);
    assert_eq!(
        printed(&book, |r| r == Role::RecommendationHeading),
        ["التوصية ١", "التوصية ٢"]
    );
    assert!(printed(&book, |r| r == Role::Masthead(MastheadLine::Language)).is_empty());
    assert_eq!(doc.lang, "sd");
    let files = text_files(&book.epub);
    assert!(files["OEBPS/nav.xhtml"].contains("dir=\"rtl\""));
    // A Latin-script language gets the English words, left to right.
    let json = read(PERSIAN).replacen("\"lang\": \"fa\"", "\"lang\": \"de\"", 1);
    let (_, warnings) = warraq::parse_json(&json).unwrap();
    assert!(warnings[0].message.contains("English"), "{}", warnings[0]);
}

#[test]
fn no_date_no_invented_date() {
    // The fixture has no `date`; no timestamp is given.
    let json = read(PERSIAN);
    assert!(!json.contains("\"date\""));
    let book = render_json(&json);
    let fonts = warraq::FontBook::bundled();
    let pdf = warraq::write_pdf(&book.doc, &fonts, &book.layout, &Default::default()).unwrap();
    let (info, xmp) = pdf_dates(&pdf);
    assert!(info.is_empty(), "the PDF's Info has dates: {info:?}");
    for what in [
        "1970",
        "xmp:CreateDate",
        "xmp:ModifyDate",
        "xmp:MetadataDate",
    ] {
        assert!(!xmp.contains(what), "the PDF's XMP has {what}");
    }
    // The EPUB must have dcterms:modified: the time of the render.
    let files = text_files(&book.epub);
    for (name, text) in &files {
        assert!(!text.contains("1970"), "{name} has 1970");
    }
    let opf = &files["OEBPS/content.opf"];
    let modified = opf
        .split("<meta property=\"dcterms:modified\">")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .expect("dcterms:modified");
    let year: i32 = modified[..4].parse().unwrap();
    assert!(year >= 2025 && modified.ends_with('Z'), "{modified}");
    // A timestamp gives both their dates.
    let options = warraq::ExportOptions {
        timestamp: Some(1_569_196_800),
        ..Default::default()
    };
    let pdf = warraq::write_pdf(&book.doc, &fonts, &book.layout, &options).unwrap();
    let (info, xmp) = pdf_dates(&pdf);
    assert_eq!(info, ["D:20190923000000Z", "D:20190923000000Z"]);
    assert!(xmp.contains("<xmp:CreateDate>2019-09-23T00:00:00Z</xmp:CreateDate>"));
}

/// The Info dictionary's CreationDate and ModDate, and the XMP packet.
fn pdf_dates(pdf: &[u8]) -> (Vec<String>, String) {
    let doc = lopdf::Document::load_mem(pdf).expect("lopdf reads the PDF");
    let info_id = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let info = doc.get_dictionary(info_id).unwrap();
    let dates = [b"CreationDate".as_slice(), b"ModDate"]
        .iter()
        .filter_map(|key| info.get(key).ok())
        .map(|d| String::from_utf8_lossy(d.as_str().unwrap()).into_owned())
        .collect();
    let catalog = doc.catalog().unwrap();
    let xmp_id = catalog.get(b"Metadata").unwrap().as_reference().unwrap();
    let xmp = doc.get_object(xmp_id).unwrap().as_stream().unwrap();
    (dates, String::from_utf8(xmp.content.clone()).unwrap())
}
