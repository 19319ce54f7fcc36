//! Glyph outlines as form XObjects: kashidas, unmapped glyphs and the
//! running header and footer are drawn with these, never as text.

use lopdf::{dictionary, Object, ObjectId, Stream};

use super::content::Artwork;
use crate::text::FontBook;

/// A PDF path of a glyph outline, in font units (quadratic curves raised to cubic).
struct PathWriter {
    out: String,
    last: (f32, f32),
}

/// Font units, rounded to whole units (1/1000 em at most: invisible).
fn n(v: f32) -> String {
    format!("{}", v.round() as i64)
}

impl ttf_parser::OutlineBuilder for PathWriter {
    fn move_to(&mut self, x: f32, y: f32) {
        self.out.push_str(&format!("{} {} m\n", n(x), n(y)));
        self.last = (x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.out.push_str(&format!("{} {} l\n", n(x), n(y)));
        self.last = (x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let (x0, y0) = self.last;
        let c1 = (x0 + 2.0 / 3.0 * (x1 - x0), y0 + 2.0 / 3.0 * (y1 - y0));
        let c2 = (x + 2.0 / 3.0 * (x1 - x), y + 2.0 / 3.0 * (y1 - y));
        self.curve_to(c1.0, c1.1, c2.0, c2.1, x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.out.push_str(&format!(
            "{} {} {} {} {} {} c\n",
            n(x1),
            n(y1),
            n(x2),
            n(y2),
            n(x),
            n(y)
        ));
        self.last = (x, y);
    }
    fn close(&mut self) {
        self.out.push_str("h\n");
    }
}

/// Writes one form XObject per outlined glyph and per recurring furniture
/// word (drawing glyph forms from `xobjects`, the shared XObject
/// dictionary); returns (name, id) pairs.
pub fn write_glyph_forms(
    doc: &mut lopdf::Document,
    art: &Artwork,
    book: &FontBook,
    xobjects: ObjectId,
) -> Vec<(String, ObjectId)> {
    let mut out = Vec::new();
    for (&(font_id, glyph), name) in &art.glyphs {
        let font = book.get(font_id);
        let face = font.ttf();
        let mut path = PathWriter {
            out: String::new(),
            last: (0.0, 0.0),
        };
        let bbox = face.outline_glyph(ttf_parser::GlyphId(glyph), &mut path);
        if bbox.is_some() {
            path.out.push_str("f\n");
        }
        let rect = bbox.unwrap_or(ttf_parser::Rect {
            x_min: 0,
            y_min: 0,
            x_max: 0,
            y_max: 0,
        });
        let id = doc.add_object(Stream::new(
            dictionary! {
                "Subtype" => "Form",
                "BBox" => vec![
                    Object::Integer(rect.x_min.into()),
                    Object::Integer(rect.y_min.into()),
                    Object::Integer(rect.x_max.into()),
                    Object::Integer(rect.y_max.into()),
                ],
            },
            path.out.into_bytes(),
        ));
        out.push((name.clone(), id));
    }
    for word in art.words.values() {
        if let Some(name) = &word.name {
            let [x0, y0, x1, y1] = word.bbox;
            let id = doc.add_object(Stream::new(
                dictionary! {
                    "Subtype" => "Form",
                    "BBox" => vec![
                        Object::Integer(x0.floor() as i64),
                        Object::Integer(y0.floor() as i64),
                        Object::Integer(x1.ceil() as i64),
                        Object::Integer(y1.ceil() as i64),
                    ],
                    "Resources" => dictionary! { "XObject" => xobjects },
                },
                word.content.clone(),
            ));
            out.push((name.clone(), id));
        }
    }
    out
}
