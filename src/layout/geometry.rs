//! Page geometry of the UN layout.

/// Page size, margins and the typographic scale, in points.
#[derive(Debug, Clone, PartialEq)]
pub struct Geometry {
    /// Page width.
    pub width: f32,
    /// Page height.
    pub height: f32,
    /// Margin at the left edge.
    pub left: f32,
    /// Margin at the right edge.
    pub right: f32,
    /// Distance from the top edge to the first baseline's line box.
    pub top: f32,
    /// Distance from the bottom edge to the end of the text block.
    pub bottom: f32,
    /// Indent of paragraph text from the start edge; numbers hang in it.
    pub hang: f32,
    /// Body font size.
    pub body_size: f32,
    /// Distance between baselines of body text.
    pub leading: f32,
    /// Baseline of the running header, from the top edge.
    pub header_y: f32,
    /// Baseline of the running footer, from the top edge.
    pub footer_y: f32,
}

/// Millimetres to points.
const MM: f32 = 72.0 / 25.4;

impl Geometry {
    /// A4 portrait with the margins of a UN document.
    pub fn a4() -> Self {
        let height = 297.0 * MM;
        Geometry {
            width: 210.0 * MM,
            height,
            left: 25.0 * MM,
            right: 25.0 * MM,
            top: 25.0 * MM,
            bottom: 25.0 * MM,
            hang: 10.0 * MM,
            body_size: 12.0,
            leading: 20.0,
            header_y: 15.0 * MM,
            footer_y: height - 12.0 * MM,
        }
    }

    /// Width of the text block.
    pub fn text_width(&self) -> f32 {
        self.width - self.left - self.right
    }

    /// Left edge of a line box of `measure` points whose start edge is
    /// `indent` points in from the text block's start edge.
    pub fn line_left(&self, rtl: bool, indent: f32, measure: f32) -> f32 {
        if rtl {
            self.width - self.right - indent - measure
        } else {
            self.left + indent
        }
    }
}
