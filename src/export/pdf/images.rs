//! The figures' images as image XObjects: a JPEG as it is (`DCTDecode`,
//! DeviceGray or DeviceRGB by its components), a PNG as its 8-bit samples
//! (deflated by the file writer: `FlateDecode`) with its alpha, when some
//! pixel is not opaque, as an `/SMask` (which PDF/A-2 allows; the page
//! needs no transparency group for it).

use std::collections::BTreeMap;

use lopdf::{dictionary, ObjectId, Stream};

use crate::image::{Image, Samples};
use crate::layout::Layout;
use crate::model::{Block, Document};

/// The XObject name of each figure's image, by `src` (`Im0`, `Im1`… in
/// the order the pages show them); `by_block` gets each figure's.
pub fn plan(
    doc: &Document,
    layout: &Layout,
    by_block: &mut BTreeMap<usize, String>,
) -> BTreeMap<String, String> {
    let mut by_src = BTreeMap::new();
    for figure in layout.pages.iter().flat_map(|p| &p.figures) {
        let Some(Block::Figure { src, .. }) = doc.blocks.get(figure.block) else {
            continue;
        };
        let next = format!("Im{}", by_src.len());
        let name = by_src.entry(src.clone()).or_insert(next).clone();
        by_block.insert(figure.block, name);
    }
    by_src
}

fn color_space(channels: u8) -> &'static str {
    if channels == 1 {
        "DeviceGray"
    } else {
        "DeviceRGB"
    }
}

/// The image XObject of `image`.
fn xobject(doc: &mut lopdf::Document, image: &Image) -> ObjectId {
    let (w, h) = (i64::from(image.width), i64::from(image.height));
    let mut dict = dictionary! {
        "Type" => "XObject",
        "Subtype" => "Image",
        "Width" => w,
        "Height" => h,
        "BitsPerComponent" => 8,
    };
    let content = match &image.samples {
        Samples::Jpeg { components } => {
            dict.set("ColorSpace", color_space(*components));
            dict.set("Filter", "DCTDecode");
            image.file.clone()
        }
        Samples::Png {
            channels,
            color,
            alpha,
        } => {
            dict.set("ColorSpace", color_space(*channels));
            if let Some(alpha) = alpha {
                let mask = doc.add_object(Stream::new(
                    dictionary! {
                        "Type" => "XObject",
                        "Subtype" => "Image",
                        "Width" => w,
                        "Height" => h,
                        "BitsPerComponent" => 8,
                        "ColorSpace" => "DeviceGray",
                    },
                    alpha.clone(),
                ));
                dict.set("SMask", mask);
            }
            color.clone()
        }
    };
    doc.add_object(Stream::new(dict, content))
}

/// Writes every image `names` names; returns each XObject name and object.
pub fn write(
    doc: &mut lopdf::Document,
    layout: &Layout,
    names: &BTreeMap<String, String>,
) -> Vec<(String, ObjectId)> {
    let mut out = Vec::new();
    for (src, name) in names {
        if let Some(image) = layout.images.get(src) {
            out.push((name.clone(), xobject(doc, image)));
        }
    }
    out
}
