//! The EPUB 3 with EPUB Accessibility 1.1 metadata.
//!
//! Built from the document model plus the page map of the layout:
//! 1. `pages`: where each print page starts (block, item, part, byte offset);
//! 2. `xhtml`: one content document per level-1 section, with a page-break
//!    marker at each of those places, the masthead on the title page
//!    (`masthead`), links and note references (`inline`) and the notes at the
//!    end of the section that refers to them (`notes`);
//! 3. `nav`: table of contents, landmarks, page list;
//! 4. `font` and `css`: the Amiri faces, subset with their layout tables;
//! 5. `package` and `container`: the OPF and the zip.

mod container;
mod css;
mod font;
mod inline;
mod masthead;
mod nav;
mod notes;
mod package;
mod pages;
mod xhtml;
mod xml;

use std::collections::{BTreeMap, HashSet};

use crate::error::{Error, Result};
use crate::export::ExportOptions;
use crate::image::Images;
use crate::layout::Layout;
use crate::model::semantics::{self, is_rtl_lang};
use crate::model::{Block, Document};
use crate::text::FontBook;

/// Writes the document as an EPUB to `out`, with the print page map of
/// `layout`.
///
/// The document is validated first, as [`crate::parse_json`] validates it
/// (with its JSON path in the error), and the layout checked against it.
pub fn write_epub_to<W: std::io::Write + ?Sized>(
    out: &mut W,
    doc: &Document,
    fonts: &FontBook,
    layout: &Layout,
    options: &ExportOptions,
) -> Result<()> {
    let bytes = write_epub(doc, fonts, layout, options)?;
    crate::export::write_all(out, "EPUB", &bytes)
}

/// Writes the document as an EPUB; see [`write_epub_to`].
pub fn write_epub(
    doc: &Document,
    fonts: &FontBook,
    layout: &Layout,
    options: &ExportOptions,
) -> Result<Vec<u8>> {
    crate::export::check_inputs("EPUB", doc, fonts, layout)?;
    let words = semantics::words(&doc.lang);
    let mut map = pages::PageMap::new(layout);
    let images = image_files(doc, &layout.images)?;
    let names: BTreeMap<String, String> = images
        .iter()
        .map(|(src, file, _, _)| (src.clone(), file.clone()))
        .collect();
    let contents = xhtml::chapters(doc, &mut map, &names);
    if let Some(page) = map.first_left() {
        return Err(Error::Export {
            format: "EPUB",
            message: format!("page {page} of the layout starts at no place of the document"),
        });
    }
    if contents.pages.len() != map.page_count() {
        return Err(Error::Export {
            format: "EPUB",
            message: format!(
                "{} page markers for {} pages",
                contents.pages.len(),
                map.page_count()
            ),
        });
    }
    let notes = semantics::notes(doc).len();
    if contents.references != notes {
        return Err(Error::Export {
            format: "EPUB",
            message: format!(
                "{} note references written for {notes} notes",
                contents.references
            ),
        });
    }
    let nav = nav::nav(doc, &contents, words);
    let used = used_chars(&contents, &nav);
    let embedded = font::embedded_fonts(fonts, layout, &used)?;
    let css = css::stylesheet(&embedded, is_rtl_lang(&doc.lang));
    let manifest = package::Manifest {
        chapters: &contents.chapters,
        fonts: &embedded,
        images: &images
            .iter()
            .map(|(_, file, media, _)| (file.clone(), *media))
            .collect::<Vec<_>>(),
    };
    let opf = package::package(doc, options, &manifest, words);

    let mut files: Vec<(String, Vec<u8>)> = vec![
        (container::PACKAGE_PATH.to_string(), opf.into_bytes()),
        (format!("OEBPS/{}", nav::NAV_FILE), nav.into_bytes()),
        ("OEBPS/style.css".to_string(), css.into_bytes()),
    ];
    for chapter in contents.chapters {
        files.push((
            format!("OEBPS/{}", chapter.file),
            chapter.xhtml.into_bytes(),
        ));
    }
    for font in embedded {
        files.push((format!("OEBPS/fonts/{}", font.file), font.data));
    }
    for (_, file, _, bytes) in images {
        files.push((format!("OEBPS/{file}"), bytes));
    }
    container::zip(&files)
}

/// A figure's image in the package: its `src`, its file, its media type
/// and its bytes.
type ImageFile = (String, String, &'static str, Vec<u8>);

/// The image of every figure, once per `src`, in reading order: its
/// `src`, its file in the package (`images/figure-1.png`), its media type
/// and its bytes (the file as read).
fn image_files(doc: &Document, images: &Images) -> Result<Vec<ImageFile>> {
    let mut out: Vec<ImageFile> = Vec::new();
    for (i, block) in doc.blocks.iter().enumerate() {
        let Block::Figure { src, .. } = block else {
            continue;
        };
        if out.iter().any(|(s, ..)| s == src) {
            continue;
        }
        let image = images.get(src).ok_or_else(|| Error::Export {
            format: "EPUB",
            message: format!("the image of blocks[{i}] (`{src}`) is not in the layout"),
        })?;
        let file = format!(
            "images/figure-{}.{}",
            out.len() + 1,
            image.format.extension()
        );
        out.push((
            src.clone(),
            file,
            image.format.media_type(),
            image.file.clone(),
        ));
    }
    Ok(out)
}

/// Every character of the content and navigation documents (markup
/// included: it costs a few glyphs and keeps the set simple).
fn used_chars(contents: &xhtml::Contents, nav: &str) -> HashSet<char> {
    contents
        .chapters
        .iter()
        .flat_map(|c| c.xhtml.chars())
        .chain(nav.chars())
        .collect()
}
