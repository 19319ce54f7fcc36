//! A reusable renderer: one set of fonts (and their shaping plans) for any
//! number of documents, from any number of threads — what batch rendering
//! and services use.

use std::sync::atomic::{AtomicUsize, Ordering};

use super::ExportOptions;
use crate::error::{contain, Error, Result};
use crate::layout::{lay_out, LayoutOptions};
use crate::model::{Document, Warning};
use crate::text::FontBook;

/// Which outputs to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    /// The tagged PDF.
    pub pdf: bool,
    /// The EPUB.
    pub epub: bool,
}

impl Default for Formats {
    fn default() -> Self {
        Formats {
            pdf: true,
            epub: true,
        }
    }
}

/// One document rendered.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The PDF, if asked for.
    pub pdf: Option<Vec<u8>>,
    /// The EPUB, if asked for.
    pub epub: Option<Vec<u8>>,
    /// Pages of the print layout.
    pub pages: usize,
    /// The layout's warnings (words broken inside, lines that end short,
    /// clipped furniture).
    pub warnings: Vec<Warning>,
}

/// Renders documents with shared fonts: `Sync`, so one renderer serves
/// every thread.
///
/// ```
/// use warraq::export::{Formats, Renderer};
/// use warraq::model::Document;
///
/// let renderer = Renderer::new(warraq::FontBook::bundled());
/// let docs = [
///     Document::new("الأول").paragraph("نص الوثيقة الأولى."),
///     Document::new("الثاني").paragraph("نص الوثيقة الثانية."),
/// ];
/// let out = renderer.render_all(&docs, Formats::default(), 2);
/// assert!(out.iter().all(|r| r.as_ref().is_ok_and(|r| r.pdf.is_some())));
/// ```
#[derive(Clone)]
pub struct Renderer {
    fonts: FontBook,
    /// Options of every layout.
    pub layout: LayoutOptions,
    /// Options of every export.
    pub export: ExportOptions,
}

impl Renderer {
    /// A renderer with these fonts and default options.
    pub fn new(fonts: FontBook) -> Self {
        Renderer {
            fonts,
            layout: LayoutOptions::default(),
            export: ExportOptions::default(),
        }
    }

    /// The fonts it renders with.
    pub fn fonts(&self) -> &FontBook {
        &self.fonts
    }

    /// Lays out `doc` and writes the formats asked for. Each document gets
    /// its own view of the fonts ([`FontBook::share`]): a failure while
    /// shaping one is never reported for another set at the same time.
    pub fn render(&self, doc: &Document, formats: Formats) -> Result<Rendered> {
        self.render_with(doc, &self.layout.images, formats)
    }

    /// [`Renderer::render`] with the images of `doc`'s figures (instead of
    /// the options' [`LayoutOptions::images`]).
    pub fn render_with(
        &self,
        doc: &Document,
        images: &crate::image::Images,
        formats: Formats,
    ) -> Result<Rendered> {
        let fonts = self.fonts.share();
        let options = LayoutOptions {
            images: images.clone(),
            ..self.layout.clone()
        };
        let layout = lay_out(doc, &fonts, &options)?;
        let pdf = formats
            .pdf
            .then(|| super::pdf::write_pdf(doc, &fonts, &layout, &self.export))
            .transpose()?;
        let epub = formats
            .epub
            .then(|| super::epub::write_epub(doc, &fonts, &layout, &self.export))
            .transpose()?;
        Ok(Rendered {
            pdf,
            epub,
            pages: layout.pages.len(),
            warnings: layout.warnings(),
        })
    }

    /// Renders every document on up to `threads` threads (at least one);
    /// the results in the documents' order. A failing document does not
    /// stop the others.
    pub fn render_all(
        &self,
        docs: &[Document],
        formats: Formats,
        threads: usize,
    ) -> Vec<Result<Rendered>> {
        parallel_map(docs.len(), threads, |k| self.render(&docs[k], formats))
    }
}

/// Runs `job(k)` for every `k < count` on up to `threads` threads, each
/// taking the next index when it is done; the results by index. A panicking
/// job becomes an error, and the others go on.
pub fn parallel_map<T: Send>(
    count: usize,
    threads: usize,
    job: impl Fn(usize) -> Result<T> + Sync,
) -> Vec<Result<T>> {
    let next = AtomicUsize::new(0);
    let threads = threads.clamp(1, count.max(1));
    let mut done: Vec<(usize, Result<T>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let k = next.fetch_add(1, Ordering::Relaxed);
                        if k >= count {
                            return out;
                        }
                        let result = contain(|| job(k)).unwrap_or_else(|panic| {
                            Err(Error::Export {
                                format: "render",
                                message: format!("internal error: {panic}"),
                            })
                        });
                        out.push((k, result));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_default())
            .collect()
    });
    done.sort_by_key(|(k, _)| *k);
    done.into_iter().map(|(_, r)| r).collect()
}
