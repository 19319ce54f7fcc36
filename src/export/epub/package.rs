//! The package document (OPF): metadata with EPUB Accessibility 1.1
//! properties, the manifest and the right-to-left spine.

use super::font::EmbeddedFont;
use super::nav::NAV_FILE;
use super::xhtml::Chapter;
use super::xml::Xml;
use crate::export::ExportOptions;
use crate::model::language::Words;
use crate::model::semantics::is_rtl_lang;
use crate::model::Document;

/// What the package lists besides the metadata.
pub(super) struct Manifest<'a> {
    /// The content documents, in reading order.
    pub chapters: &'a [Chapter],
    /// The embedded fonts.
    pub fonts: &'a [EmbeddedFont],
    /// The figures' images: file (`images/figure-1.png`) and media type.
    pub images: &'a [(String, &'static str)],
}

/// The accessibility features the book has (schema.org vocabulary).
const FEATURES: [&str; 7] = [
    "structuralNavigation",
    "tableOfContents",
    "readingOrder",
    "printPageNumbers",
    "pageNavigation",
    "pageBreakMarkers",
    "displayTransformability",
];

/// Writes the package document.
pub(super) fn package(
    doc: &Document,
    options: &ExportOptions,
    manifest: &Manifest,
    words: &Words,
) -> String {
    let lang = doc.lang.as_str();
    let rtl = is_rtl_lang(lang);
    let mut x = Xml::new();
    x.open(
        "package",
        &[
            ("xmlns", "http://www.idpf.org/2007/opf"),
            ("version", "3.0"),
            ("unique-identifier", "pub-id"),
            ("xml:lang", lang),
            ("dir", if rtl { "rtl" } else { "ltr" }),
        ],
    );
    x.raw("\n");
    metadata(&mut x, doc, options, words);
    x.raw("\n");
    items(&mut x, manifest);
    x.raw("\n");
    x.open(
        "spine",
        &[(
            "page-progression-direction",
            if rtl { "rtl" } else { "ltr" },
        )],
    );
    x.raw("\n");
    let mut spine: Vec<&str> = manifest.chapters.iter().map(|c| c.file.as_str()).collect();
    // The table of contents follows the title page in reading order.
    spine.insert(spine.len().min(1), NAV_FILE);
    for file in spine {
        x.empty("itemref", &[("idref", &item_id(file))]);
        x.raw("\n");
    }
    x.close();
    x.raw("\n");
    x.finish()
}

fn metadata(x: &mut Xml, doc: &Document, options: &ExportOptions, words: &Words) {
    x.open(
        "metadata",
        &[("xmlns:dc", "http://purl.org/dc/elements/1.1/")],
    );
    x.raw("\n");
    let line = |x: &mut Xml, name: &'static str, attrs: &[(&str, &str)], text: &str| {
        x.leaf(name, attrs, text);
        x.raw("\n");
    };
    line(x, "dc:identifier", &[("id", "pub-id")], &identifier(doc));
    line(x, "dc:title", &[("id", "title")], &doc.title.plain());
    line(x, "dc:language", &[], &doc.lang);
    line(x, "dc:source", &[("id", "print")], &source(doc, words));
    line(
        x,
        "meta",
        &[("property", "dcterms:modified")],
        &options.modified(doc).iso(),
    );
    if let Some(date) = &doc.date {
        line(x, "dc:date", &[], date);
    }
    // The print edition is the source of the page list. EPUB 3.2 names it
    // with `source-of`. EPUB Accessibility 1.1's `pageBreakSource` as a
    // `property` is an error (OPF-027, undefined property) for the
    // EPUBCheck 4.2.6 that Debian ships (EPUBCheck 5 knows it), so it is
    // written in the `name`/`content` form, which every validator accepts
    // and DAISY Ace reads as pageBreakSource.
    line(
        x,
        "meta",
        &[("refines", "#print"), ("property", "source-of")],
        "pagination",
    );
    x.empty(
        "meta",
        &[
            ("name", "pageBreakSource"),
            ("content", &page_source(doc, words)),
        ],
    );
    x.raw("\n");
    for (property, value) in [
        ("schema:accessMode", "textual"),
        ("schema:accessModeSufficient", "textual"),
    ] {
        line(x, "meta", &[("property", property)], value);
    }
    for feature in FEATURES {
        line(
            x,
            "meta",
            &[("property", "schema:accessibilityFeature")],
            feature,
        );
    }
    line(
        x,
        "meta",
        &[("property", "schema:accessibilityHazard")],
        "none",
    );
    line(
        x,
        "meta",
        &[
            ("property", "schema:accessibilitySummary"),
            ("xml:lang", words.summary.1),
        ],
        words.summary.0,
    );
    line(
        x,
        "meta",
        &[("property", "dcterms:conformsTo")],
        "EPUB Accessibility 1.1 - WCAG 2.1 Level AA",
    );
    x.close();
}

/// The identifier of the print edition, for `pageBreakSource`: the
/// document symbol (it has no URN scheme), or the source description.
fn page_source(doc: &Document, words: &Words) -> String {
    doc.symbol.clone().unwrap_or_else(|| source(doc, words))
}

/// The print edition, for `dc:source`.
fn source(doc: &Document, words: &Words) -> String {
    let what = words.print_edition;
    match &doc.symbol {
        Some(symbol) => format!("{what} {symbol}"),
        None => format!("{what}: {}", doc.title.plain()),
    }
}

fn items(x: &mut Xml, manifest: &Manifest) {
    x.open("manifest", &[]);
    x.raw("\n");
    let item = |x: &mut Xml, href: &str, media: &str, properties: Option<&str>| {
        let id = item_id(href);
        let mut attrs = vec![("id", id.as_str()), ("href", href), ("media-type", media)];
        if let Some(p) = properties {
            attrs.push(("properties", p));
        }
        x.empty("item", &attrs);
        x.raw("\n");
    };
    item(x, NAV_FILE, "application/xhtml+xml", Some("nav"));
    item(x, "style.css", "text/css", None);
    for chapter in manifest.chapters {
        item(x, &chapter.file, "application/xhtml+xml", None);
    }
    for font in manifest.fonts {
        item(x, &format!("fonts/{}", font.file), font.media_type(), None);
    }
    for (file, media) in manifest.images {
        item(x, file, media, None);
    }
    x.close();
}

/// A manifest id from a file name: `s01.xhtml` → `s01-xhtml`.
fn item_id(href: &str) -> String {
    let id: String = href
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("i-{id}")
}

/// The book's identifier: a UUID derived from the document symbol, or from
/// the whole content when there is none. The same document always gets the
/// same identifier; a different symbol or content gets another.
pub(super) fn identifier(doc: &Document) -> String {
    let seed = match &doc.symbol {
        Some(symbol) => format!("warraq:symbol:{symbol}"),
        None => format!(
            "warraq:content:{}",
            serde_json::to_string(doc).unwrap_or_default()
        ),
    };
    let hi = fnv1a64(seed.as_bytes(), 0xcbf2_9ce4_8422_2325);
    let lo = fnv1a64(seed.as_bytes(), hi ^ 0x9e37_79b9_7f4a_7c15);
    uuid(hi, lo)
}

/// FNV-1a, 64 bits, from a given offset basis.
fn fnv1a64(bytes: &[u8], basis: u64) -> u64 {
    bytes.iter().fold(basis, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// `urn:uuid:` form of 128 bits, marked as a version-8 (custom) RFC 9562 UUID.
fn uuid(hi: u64, lo: u64) -> String {
    let hi = (hi & !0xf000) | 0x8000; // version 8
    let lo = (lo & !(0b11 << 62)) | (0b10 << 62); // RFC variant
    format!(
        "urn:uuid:{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        hi >> 32,
        (hi >> 16) & 0xffff,
        hi & 0xffff,
        lo >> 48,
        lo & 0xffff_ffff_ffff
    )
}

#[cfg(test)]
mod tests {
    use super::{fnv1a64, uuid};

    #[test]
    fn fnv1a_matches_the_reference_vectors() {
        // From the FNV reference test suite (draft-eastlake-fnv).
        assert_eq!(fnv1a64(b"", 0xcbf2_9ce4_8422_2325), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a", 0xcbf2_9ce4_8422_2325), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(
            fnv1a64(b"foobar", 0xcbf2_9ce4_8422_2325),
            0x8594_4171_f739_67e8
        );
    }

    #[test]
    fn uuid_has_version_8_and_rfc_variant() {
        let id = uuid(u64::MAX, u64::MAX);
        assert_eq!(id, "urn:uuid:ffffffff-ffff-8fff-bfff-ffffffffffff");
        let id = uuid(0, 0);
        assert_eq!(id, "urn:uuid:00000000-0000-8000-8000-000000000000");
    }
}
