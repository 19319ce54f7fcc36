//! The tagged PDF (PDF/UA-1 + PDF/A-2a).
//!
//! printpdf makes the document and its pages; on its lopdf document this
//! module then adds the page content streams (`content`, written as bytes:
//! printpdf's operations hold every `TJ` element as an allocated item —
//! ~1 MB of memory per page of Arabic text — and cannot write a `TJ` array
//! without a space after each string), our own CID fonts (`fonts`), the
//! structure tree (`tagging`), the outline (`outline`) and the metadata
//! (`metadata`), and writes the file itself (`file`).

mod artwork;
mod cff;
mod content;
mod file;
mod fonts;
mod images;
mod links;
mod metadata;
mod outline;
mod outlines;
mod profile;
mod syntax;
mod tagging;
mod textlayer;
mod visual;

pub use profile::Profile;

use lopdf::{Object, ObjectId};

use crate::error::{Error, Result};
use crate::export::ExportOptions;
use crate::layout::Layout;
use crate::model::Document;
use crate::text::FontBook;

/// Writes the layout as a tagged PDF to `out`.
///
/// The document is validated first, as [`crate::parse_json`] validates it
/// (with its JSON path in the error), and the layout checked against it.
pub fn write_pdf_to<W: std::io::Write + ?Sized>(
    out: &mut W,
    doc: &Document,
    fonts: &FontBook,
    layout: &Layout,
    options: &ExportOptions,
) -> Result<()> {
    let bytes = write_pdf(doc, fonts, layout, options)?;
    crate::export::write_all(out, "PDF", &bytes)
}

/// Writes the layout as a tagged PDF; see [`write_pdf_to`].
pub fn write_pdf(
    doc: &Document,
    fonts: &FontBook,
    layout: &Layout,
    options: &ExportOptions,
) -> Result<Vec<u8>> {
    crate::export::check_inputs("PDF", doc, fonts, layout)?;
    let profile = Profile::default();
    let mut tree = tagging::Tree::plan(doc, layout);
    let mut fontset = fonts::FontSet::new(fonts);
    let mut art = content::Artwork::default();
    art.order = options.text_order;
    art.plan_furniture(layout, fonts);
    let images_by_src = images::plan(doc, layout, &mut art.figures);
    let mut parents = Vec::with_capacity(layout.pages.len());
    let streams = draw_pages(layout, &mut fontset, &mut tree, &mut art, &mut parents)?;

    let mut pdf = printpdf::PdfDocument::new(&doc.title.plain());
    let mm = |pt: f32| printpdf::Mm(pt * 25.4 / 72.0);
    for _ in &streams {
        // printpdf makes the page objects; the content streams are ours
        // (see the module notes).
        pdf.pages.push(printpdf::PdfPage::new(
            mm(layout.geometry.width),
            mm(layout.geometry.height),
            Vec::new(),
        ));
    }
    let save = printpdf::PdfSaveOptions {
        optimize: false,
        subset_fonts: false,
        secure: false,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = printpdf::to_lopdf_doc(&pdf, &save, &mut warnings);
    lo.version = profile.version().into();

    let page_ids: Vec<ObjectId> = lo.get_pages().into_values().collect();
    let catalog = lo
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|e| export_error(format!("printpdf wrote no catalog ({e})")))?;
    let (font_dict, xobject_dict) = shared_resources(&lo, &page_ids)?;
    for (&id, content) in page_ids.iter().zip(streams) {
        set_content(&mut lo, id, content)?;
    }

    for (name, id) in fontset.embed(&mut lo)? {
        set_entry(&mut lo, font_dict, &name, id);
    }
    let mut xobjects = artwork::write_glyph_forms(&mut lo, &art, fonts, xobject_dict);
    xobjects.extend(images::write(&mut lo, layout, &images_by_src));
    for (name, id) in xobjects {
        set_entry(&mut lo, xobject_dict, &name, id);
    }
    links::write(&mut lo, layout, fonts, &page_ids, &mut tree);
    let struct_root = tree.write(&mut lo, &page_ids, &parents);
    let outline = outline::write(&mut lo, doc, layout, &page_ids);
    if let Ok(Object::Dictionary(cat)) = lo.get_object_mut(catalog) {
        cat.set("StructTreeRoot", struct_root);
        cat.remove(b"PageMode");
        if let Some(o) = outline {
            cat.set("Outlines", o);
            cat.set("PageMode", "UseOutlines");
        }
    }
    let title = doc.title.plain();
    let meta = metadata::Meta {
        title: &title,
        lang: &doc.lang,
        date: options.date_time(doc),
        profile,
    };
    metadata::write(&mut lo, catalog, &meta);
    metadata::write_xmp(&mut lo, catalog, &meta);
    tidy_pages(&mut lo, &page_ids);
    Ok(file::write(&lo, &profile))
}

fn export_error(message: String) -> Error {
    Error::Export {
        format: "PDF",
        message,
    }
}

/// The Font and XObject dictionaries printpdf shares between pages.
fn shared_resources(lo: &lopdf::Document, pages: &[ObjectId]) -> Result<(ObjectId, ObjectId)> {
    let first = pages
        .first()
        .ok_or_else(|| export_error("the layout has no pages".into()))?;
    let page = lo
        .get_dictionary(*first)
        .map_err(|e| export_error(format!("page dictionary: {e}")))?;
    let res = page
        .get(b"Resources")
        .and_then(Object::as_reference)
        .and_then(|r| lo.get_dictionary(r))
        .map_err(|e| export_error(format!("page resources: {e}")))?;
    let get = |key: &[u8]| {
        res.get(key)
            .and_then(Object::as_reference)
            .map_err(|e| export_error(format!("shared resources: {e}")))
    };
    Ok((get(b"Font")?, get(b"XObject")?))
}

/// Drops what printpdf writes but this document never uses: boxes equal to
/// the MediaBox, empty annotation arrays and empty resource categories.
fn tidy_pages(lo: &mut lopdf::Document, pages: &[ObjectId]) {
    let mut resources = Vec::new();
    for &id in pages {
        if let Ok(Object::Dictionary(page)) = lo.get_object_mut(id) {
            page.remove(b"TrimBox");
            page.remove(b"CropBox");
            if matches!(page.get(b"Annots"), Ok(Object::Array(a)) if a.is_empty()) {
                page.remove(b"Annots");
            }
            if let Ok(r) = page.get(b"Resources").and_then(Object::as_reference) {
                resources.push(r);
            }
        }
    }
    for &id in &resources {
        let empty: Vec<Vec<u8>> = match lo.get_dictionary(id) {
            Ok(res) => res
                .iter()
                .filter(|(_, v)| match v {
                    Object::Reference(r) => {
                        matches!(lo.get_dictionary(*r), Ok(d) if d.is_empty())
                    }
                    Object::Dictionary(d) => d.is_empty(),
                    _ => false,
                })
                .map(|(k, _)| k.clone())
                .collect(),
            Err(_) => continue,
        };
        if let Ok(Object::Dictionary(res)) = lo.get_object_mut(id) {
            for key in empty {
                res.remove(&key);
            }
        }
    }
    // Every page has the same MediaBox and parent: one MediaBox, on the page
    // tree, inherited. The resources stay on each page (a reference to the
    // one shared dictionary): PDF/A validators (page-validation,
    // PDFA2A-CONTENT-RESOURCES-001) reject resources inherited from the
    // page tree.
    let parents: Vec<Option<ObjectId>> = pages
        .iter()
        .map(|&p| {
            lo.get_dictionary(p)
                .and_then(|d| d.get(b"Parent"))
                .and_then(Object::as_reference)
                .ok()
        })
        .collect();
    let media_box = pages
        .first()
        .and_then(|&p| lo.get_dictionary(p).ok())
        .and_then(|p| p.get(b"MediaBox").ok().cloned());
    let same = parents.windows(2).all(|w| w[0] == w[1])
        && pages.iter().all(|&p| {
            lo.get_dictionary(p)
                .is_ok_and(|d| d.get(b"MediaBox").ok() == media_box.as_ref())
        });
    let parent = parents.first().copied().flatten();
    if let (true, Some(b), Some(parent)) = (same, media_box, parent) {
        for &id in pages {
            if let Ok(Object::Dictionary(page)) = lo.get_object_mut(id) {
                page.remove(b"MediaBox");
            }
        }
        if let Ok(Object::Dictionary(tree)) = lo.get_object_mut(parent) {
            tree.set("MediaBox", b);
        }
    }
    // Unreferenced objects (the emptied dictionaries) are left out.
    file::prune_unreferenced(lo);
}

/// Draws every page; returns their content streams, compressed, and
/// pushes the structure element of each MCID of each page to `parents`.
/// With the feature `parallel`, a page is compressed on another thread
/// while the next one is drawn (drawing is sequential: CIDs and MCIDs are
/// handed out in page order); the bytes are the same either way.
fn draw_pages(
    layout: &Layout,
    fontset: &mut fonts::FontSet,
    tree: &mut tagging::Tree,
    art: &mut content::Artwork,
    parents: &mut Vec<Vec<usize>>,
) -> Result<Vec<Vec<u8>>> {
    let compress = |bytes: &[u8]| file::deflate_at(bytes, file::PAGE_LEVEL);
    #[cfg(feature = "parallel")]
    {
        let slots: Vec<std::sync::OnceLock<Vec<u8>>> = layout
            .pages
            .iter()
            .map(|_| std::sync::OnceLock::new())
            .collect();
        let mut drawn = Ok(());
        rayon::scope(|s| {
            for ((i, page), slot) in layout.pages.iter().enumerate().zip(&slots) {
                match content::page(layout, page, i, fontset, tree, art) {
                    Ok(p) => {
                        parents.push(p.mcids);
                        let bytes = p.ops.buf;
                        s.spawn(move |_| {
                            let _ = slot.set(compress(&bytes));
                        });
                    }
                    Err(e) => {
                        drawn = Err(e);
                        return;
                    }
                }
            }
        });
        drawn?;
        Ok(slots
            .into_iter()
            .map(|s| s.into_inner().unwrap_or_default())
            .collect())
    }
    #[cfg(not(feature = "parallel"))]
    {
        let mut out = Vec::with_capacity(layout.pages.len());
        for (i, page) in layout.pages.iter().enumerate() {
            let p = content::page(layout, page, i, fontset, tree, art)?;
            parents.push(p.mcids);
            out.push(compress(&p.ops.buf));
        }
        Ok(out)
    }
}

/// Puts `content` in the content stream printpdf made for a page,
/// compressed.
fn set_content(lo: &mut lopdf::Document, page: ObjectId, content: Vec<u8>) -> Result<()> {
    let stream = lo
        .get_dictionary(page)
        .and_then(|p| p.get(b"Contents"))
        .and_then(Object::as_reference)
        .map_err(|e| export_error(format!("page contents: {e}")))?;
    match lo.get_object_mut(stream) {
        Ok(Object::Stream(s)) => {
            s.set_content(content);
            s.dict.set("Filter", "FlateDecode");
            Ok(())
        }
        _ => Err(export_error(
            "printpdf wrote a page without a content stream".into(),
        )),
    }
}

fn set_entry(lo: &mut lopdf::Document, dict: ObjectId, name: &str, value: ObjectId) {
    if let Ok(Object::Dictionary(d)) = lo.get_object_mut(dict) {
        d.set(name.as_bytes().to_vec(), value);
    }
}
