//! The running header (the symbol) and footer (job number, page/pages) of
//! every page, and the first page's footer under a masthead (with its
//! barcode): furniture lines, set like any text.

use super::super::limits::FURNITURE_SET_BYTES;
use super::super::pieces::{Piece, Role};
use super::super::set_paragraph;
use super::super::{barcode, Geometry, Line, Page, PlacedLine};
use crate::model::Document;
use crate::text::{Align, FontBook, StyleRun};

/// Font size of the running header and footer.
const FURNITURE_SIZE: f32 = 10.0;
/// Space between the job number and the page number in the footer.
const FOOTER_GAP: &str = "   ";

/// Sets and places the running header and footer of every page.
///
/// Each is one line: a symbol or job number longer than its line is clipped
/// to what fits ([`fit_furniture`]), once per document. The header is set
/// once and placed on every page; the footer differs by its page number
/// only, a line of bounded length set per page.
pub(super) fn add_furniture(
    doc: &Document,
    fonts: &FontBook,
    geometry: &Geometry,
    pieces: &mut Vec<Piece>,
    pages: &mut [Page],
) {
    let total = pages.len();
    let measure = geometry.text_width();
    let header = doc.symbol.as_deref().map(|symbol| {
        let (text, clipped) = fit_furniture(fonts, symbol, measure);
        let piece = furniture_piece(Role::Header, "symbol", text, clipped, measure);
        let line = set_paragraph(fonts, &piece.paragraph()).into_iter().next();
        (piece, line)
    });
    let job = doc
        .job_number
        .as_deref()
        .map(|job| fit_job_number(fonts, job, total, measure));
    let first_page = doc.masthead.is_some();
    for page in pages.iter_mut() {
        // Odd pages carry the furniture at the right edge, even pages at the left.
        let right = page.number % 2 == 1;
        if first_page && page.number == 1 {
            first_page_footer(doc, fonts, geometry, pieces, page, job.as_ref());
            continue;
        }
        let x = |line: &Line| {
            if right {
                geometry.width - geometry.right - line.width
            } else {
                geometry.left
            }
        };
        if let Some((piece, line)) = &header {
            if let Some(line) = line {
                page.furniture.push(PlacedLine {
                    piece: pieces.len(),
                    index: 0,
                    x: x(line),
                    y: geometry.header_y,
                    line: line.clone(),
                });
            }
            pieces.push(piece.clone());
        }
        let folio = format!("{}/{}", page.number, total);
        let (text, clipped) = match &job {
            Some((job, clipped)) if right => (format!("{job}{FOOTER_GAP}{folio}"), *clipped),
            Some((job, clipped)) => (format!("{folio}{FOOTER_GAP}{job}"), *clipped),
            None => (folio.clone(), false),
        };
        let mut piece = furniture_piece(Role::Footer, "job_number", text, clipped, measure);
        let mut lines = set_paragraph(fonts, &piece.paragraph());
        if lines.len() > 1 {
            // Cannot happen with the room reserved above; never overprint,
            // never lose the page number.
            piece = furniture_piece(Role::Footer, "job_number", folio, clipped, measure);
            lines = set_paragraph(fonts, &piece.paragraph());
        }
        if let Some(line) = lines.into_iter().next() {
            page.furniture.push(PlacedLine {
                piece: pieces.len(),
                index: 0,
                x: x(&line),
                y: geometry.footer_y,
                line,
            });
        }
        pieces.push(piece);
    }
}

/// The job number cut to what its footer line holds beside the widest
/// page number, `total/total`; and whether it was cut.
fn fit_job_number(fonts: &FontBook, job: &str, total: usize, measure: f32) -> (String, bool) {
    let folio = furniture_piece(
        Role::Footer,
        "",
        format!("{FOOTER_GAP}{total}/{total}"),
        false,
        measure,
    );
    let reserve = set_paragraph(fonts, &folio.paragraph())
        .first()
        .map_or(0.0, |l| l.width);
    fit_furniture(fonts, job, (measure - reserve).max(measure / 2.0))
}

/// The first page's footer under a masthead: the job number with the
/// edition's language letter (`V.19-09715 (A)`) at the end edge and, at the
/// start edge, the job number's Code 39 barcode (`*1909715*`), bars as
/// artifacts. No running header: the masthead carries the symbol.
fn first_page_footer(
    doc: &Document,
    fonts: &FontBook,
    geometry: &Geometry,
    pieces: &mut Vec<Piece>,
    page: &mut Page,
    job: Option<&(String, bool)>,
) {
    let Some((job, clipped)) = job else { return };
    let text = match edition_letter(&doc.lang) {
        Some(letter) => format!("{job} ({letter})"),
        None => job.clone(),
    };
    let measure = geometry.text_width();
    let piece = furniture_piece(Role::Footer, "job_number", text, *clipped, measure);
    if let Some(line) = set_paragraph(fonts, &piece.paragraph()).into_iter().next() {
        page.furniture.push(PlacedLine {
            piece: pieces.len(),
            index: 0,
            x: geometry.left,
            y: geometry.footer_y,
            line,
        });
    }
    pieces.push(piece);
    let source = doc.job_number.as_deref().unwrap_or("");
    if let Some(code) = barcode::job_barcode_text(source) {
        let (narrow, height) = (BARCODE_NARROW, BARCODE_HEIGHT);
        let w = barcode::width(&code, narrow);
        let x = geometry.width - geometry.right - w;
        let y = geometry.footer_y - height + 2.0;
        page.rules
            .extend(barcode::bars(&code, (x, y), narrow, height));
    }
}

/// The barcode's narrow element and height, points (about 45 by 8 mm).
const BARCODE_NARROW: f32 = 0.9;
const BARCODE_HEIGHT: f32 = 22.0;

/// The letter of a UN edition's language, printed after the job number.
fn edition_letter(lang: &str) -> Option<char> {
    let primary = lang.split('-').next().unwrap_or("").to_ascii_lowercase();
    Some(match primary.as_str() {
        "ar" => 'A',
        "zh" => 'C',
        "en" => 'E',
        "fr" => 'F',
        "ru" => 'R',
        "es" => 'S',
        _ => return None,
    })
}

/// A piece of furniture: Latin-script (`en`), left to right, unjustified.
fn furniture_piece(role: Role, path: &str, text: String, clipped: bool, measure: f32) -> Piece {
    Piece {
        block: None,
        item: Vec::new(),
        path: path.into(),
        role,
        styles: vec![StyleRun {
            range: 0..text.len(),
            lang: Some("en".into()),
            strong: false,
            raised: false,
        }],
        text,
        rtl: false,
        bold: false,
        size: FURNITURE_SIZE,
        measure,
        indent: 0.0,
        align: Align::Start,
        break_symbols: false,
        clipped,
        note: None,
        refs: Vec::new(),
        links: Vec::new(),
        cell: None,
    }
}

/// `text` cut to what one furniture line `measure` wide holds: the first
/// line the breaker makes of its first [`FURNITURE_SET_BYTES`] bytes, so
/// that a huge text costs no more than that prefix. Returns the text and
/// whether it was cut.
fn fit_furniture(fonts: &FontBook, text: &str, measure: f32) -> (String, bool) {
    let mut end = text.len().min(FURNITURE_SET_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let prefix = &text[..end];
    let piece = furniture_piece(Role::Header, "", prefix.to_string(), false, measure);
    let lines = set_paragraph(fonts, &piece.paragraph());
    match lines.first() {
        Some(first) if lines.len() > 1 => {
            let cut = prefix[..first.range.end].trim_end();
            (cut.to_string(), true)
        }
        _ => (prefix.to_string(), end < text.len()),
    }
}
