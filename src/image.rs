//! Figures' images: PNG and JPEG files, read and checked once, within the
//! limits (`limits::MAX_IMAGE_BYTES`, `limits::MAX_IMAGE_PIXELS`).
//!
//! Images are input resources, as fonts are: the library never opens a
//! file on its own while laying out or writing. [`Images::load`] reads
//! every figure's `src` relative to a directory (the CLI passes the
//! document file's), or [`Images::add`] takes the bytes of one; the
//! result goes to the layout in [`crate::LayoutOptions::images`], and the
//! layout carries it to the PDF and EPUB writers.
//!
//! A JPEG is decoded once to check it and kept as it is (the PDF embeds
//! it with DCTDecode, the EPUB as its file); a PNG is decoded to 8-bit
//! samples, its colour and alpha apart (the PDF's image and its /SMask).

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{contain, Error, Location, Result};
use crate::limits::{MAX_IMAGES_BYTES, MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS};
use crate::model::{Block, Document};

/// The file format of an image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Portable Network Graphics.
    Png,
    /// JPEG (JFIF or Exif).
    Jpeg,
}

impl Format {
    /// The media type, for the EPUB's manifest.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Png => "image/png",
            Format::Jpeg => "image/jpeg",
        }
    }

    /// The file name extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Png => "png",
            Format::Jpeg => "jpg",
        }
    }
}

/// The samples of an image, as the PDF needs them.
#[derive(Debug, Clone, PartialEq)]
pub enum Samples {
    /// A JPEG, embedded as it is: its colour components (1 grey, 3 colour).
    Jpeg {
        /// 1 (DeviceGray) or 3 (DeviceRGB).
        components: u8,
    },
    /// A PNG's 8-bit samples, row by row.
    Png {
        /// 1 (grey) or 3 (RGB) samples a pixel.
        channels: u8,
        /// The colour samples.
        color: Vec<u8>,
        /// One alpha sample a pixel, when some pixel is not opaque.
        alpha: Option<Vec<u8>>,
    },
}

/// A checked image.
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    /// The figure's `src`, as the document names it.
    pub src: String,
    /// PNG or JPEG.
    pub format: Format,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The file as read.
    pub file: Vec<u8>,
    /// The samples the PDF embeds.
    pub samples: Samples,
}

/// Points per pixel at the natural size of an image: a pixel is 1/96 inch,
/// the CSS pixel an EPUB reading system shows it at.
pub const POINTS_PER_PIXEL: f32 = 72.0 / 96.0;

impl Image {
    /// The bytes it holds: the file, and a PNG's decoded samples.
    pub fn held_bytes(&self) -> usize {
        self.file.len()
            + match &self.samples {
                Samples::Jpeg { .. } => 0,
                Samples::Png { color, alpha, .. } => {
                    color.len() + alpha.as_ref().map_or(0, Vec::len)
                }
            }
    }

    /// The natural size, points: a pixel is 1/96 inch (CSS's).
    pub fn natural_size(&self) -> (f32, f32) {
        (
            self.width as f32 * POINTS_PER_PIXEL,
            self.height as f32 * POINTS_PER_PIXEL,
        )
    }
}

/// The images of a document's figures, by their `src`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Images {
    by_src: BTreeMap<String, Arc<Image>>,
}

impl Images {
    /// Reads and checks the image of every figure of `doc`, its `src`
    /// relative to `dir` (the document file's directory). An error names
    /// the file and the figure (`blocks[4].src`): unreadable, corrupt,
    /// not PNG or JPEG (which format it is, when known), over the limits.
    pub fn load(doc: &Document, dir: &Path) -> Result<Images> {
        let mut out = Images::default();
        let mut held = 0usize;
        for (i, block) in doc.blocks.iter().enumerate() {
            let Block::Figure { src, .. } = block else {
                continue;
            };
            if out.by_src.contains_key(src) {
                continue;
            }
            let file = dir.join(src);
            let at = format!("blocks[{i}].src");
            let bytes = read_bounded(&file).map_err(|m| image_error(&file, &at, m))?;
            let image = decode(src, bytes).map_err(|m| image_error(&file, &at, m))?;
            held += image.held_bytes();
            if held > MAX_IMAGES_BYTES {
                let message = format!(
                    "with this image the figures hold {held} bytes read and decoded, over the \
                     limit of {MAX_IMAGES_BYTES} bytes for a document (limits::MAX_IMAGES_BYTES)"
                );
                return Err(image_error(&file, &at, message));
            }
            out.by_src.insert(src.clone(), Arc::new(image));
        }
        Ok(out)
    }

    /// Checks the bytes of the image a figure names `src` and adds it.
    pub fn add(&mut self, src: &str, bytes: Vec<u8>) -> Result<()> {
        if bytes.len() > MAX_IMAGE_BYTES {
            return Err(image_error(Path::new(src), "", too_large(bytes.len())));
        }
        let image = decode(src, bytes).map_err(|m| image_error(Path::new(src), "", m))?;
        self.by_src.insert(src.to_string(), Arc::new(image));
        Ok(())
    }

    /// The image a figure names `src`.
    pub fn get(&self, src: &str) -> Option<&Image> {
        self.by_src.get(src).map(|i| &**i)
    }

    /// Whether there are no images.
    pub fn is_empty(&self) -> bool {
        self.by_src.is_empty()
    }
}

fn image_error(file: &Path, path: &str, message: String) -> Error {
    Error::Image {
        file: file.to_path_buf(),
        location: Location {
            path: path.to_string(),
            ..Location::default()
        },
        message,
    }
}

fn too_large(len: usize) -> String {
    format!(
        "the file is {len} bytes; the limit is {MAX_IMAGE_BYTES} bytes (limits::MAX_IMAGE_BYTES)"
    )
}

/// The file, at most [`MAX_IMAGE_BYTES`] of it.
fn read_bounded(file: &PathBuf) -> std::result::Result<Vec<u8>, String> {
    let f = std::fs::File::open(file).map_err(|e| format!("cannot be read: {e}"))?;
    let mut bytes = Vec::new();
    f.take(MAX_IMAGE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot be read: {e}"))?;
    if bytes.len() > MAX_IMAGE_BYTES {
        return Err(format!(
            "the file is over {MAX_IMAGE_BYTES} bytes, the limit (limits::MAX_IMAGE_BYTES)"
        ));
    }
    Ok(bytes)
}

/// The format a file's first bytes say, or what else they are.
fn sniff(bytes: &[u8]) -> std::result::Result<Format, String> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Ok(Format::Png);
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Ok(Format::Jpeg);
    }
    let other = if bytes.starts_with(b"GIF8") {
        Some("GIF")
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("WebP")
    } else if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        Some("TIFF")
    } else if bytes.starts_with(b"BM") {
        Some("BMP")
    } else if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        Some("HEIF/AVIF")
    } else if bytes.starts_with(b"\0\0\0\x0cjP  ") {
        Some("JPEG 2000")
    } else if bytes.starts_with(b"%PDF") {
        Some("PDF")
    } else {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(256)]).to_lowercase();
        head.contains("<svg").then_some("SVG")
    };
    Err(match other {
        Some(name) => {
            format!("unsupported format: the file is {name}; a figure is a PNG or a JPEG")
        }
        None if bytes.is_empty() => "the file is empty".into(),
        None => "unsupported format: the file is neither PNG nor JPEG".into(),
    })
}

fn check_pixels(width: u64, height: u64) -> std::result::Result<(), String> {
    if width == 0 || height == 0 {
        return Err(format!("corrupt: the image is {width}×{height} pixels"));
    }
    if width * height > MAX_IMAGE_PIXELS {
        return Err(format!(
            "the image is {width}×{height} pixels, over the limit of {MAX_IMAGE_PIXELS} pixels \
             (limits::MAX_IMAGE_PIXELS)"
        ));
    }
    Ok(())
}

/// Checks and decodes the bytes of `src`.
fn decode(src: &str, file: Vec<u8>) -> std::result::Result<Image, String> {
    let format = sniff(&file)?;
    let decoded = contain(|| match format {
        Format::Png => decode_png(&file),
        Format::Jpeg => decode_jpeg(&file),
    })
    .map_err(|panic| format!("corrupt: the decoder failed ({panic})"))??;
    let (width, height, samples) = decoded;
    Ok(Image {
        src: src.to_string(),
        format,
        width,
        height,
        file,
        samples,
    })
}

type Decoded = (u32, u32, Samples);

fn decode_png(bytes: &[u8]) -> std::result::Result<Decoded, String> {
    let corrupt = |e: png::DecodingError| format!("corrupt PNG: {e}");
    let limits = png::Limits {
        bytes: (MAX_IMAGE_PIXELS * 8) as usize,
    };
    let mut decoder = png::Decoder::new_with_limits(std::io::Cursor::new(bytes), limits);
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let (w, h) = {
        let info = decoder.read_header_info().map_err(corrupt)?;
        (info.width, info.height)
    };
    check_pixels(u64::from(w), u64::from(h))?;
    let mut reader = decoder.read_info().map_err(corrupt)?;
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| "the image is too large to decode".to_string())?;
    let mut buf = vec![0; size];
    let frame = reader.next_frame(&mut buf).map_err(corrupt)?;
    buf.truncate(frame.buffer_size());
    let (channels, has_alpha) = match frame.color_type {
        png::ColorType::Grayscale => (1, false),
        png::ColorType::GrayscaleAlpha => (1, true),
        png::ColorType::Rgb => (3, false),
        png::ColorType::Rgba => (3, true),
        png::ColorType::Indexed => return Err("corrupt PNG: its palette did not expand".into()),
    };
    let pixel = channels + usize::from(has_alpha);
    let row = frame.line_size;
    let mut color = Vec::with_capacity(w as usize * h as usize * channels);
    let mut alpha = Vec::with_capacity(if has_alpha {
        w as usize * h as usize
    } else {
        0
    });
    for line in buf.chunks(row).take(h as usize) {
        for px in line[..w as usize * pixel].chunks_exact(pixel) {
            color.extend_from_slice(&px[..channels]);
            if has_alpha {
                alpha.push(px[channels]);
            }
        }
    }
    let alpha = (has_alpha && alpha.iter().any(|&a| a != 255)).then_some(alpha);
    Ok((
        w,
        h,
        Samples::Png {
            channels: channels as u8,
            color,
            alpha,
        },
    ))
}

fn decode_jpeg(bytes: &[u8]) -> std::result::Result<Decoded, String> {
    use zune_jpeg::zune_core::bytestream::ZCursor;
    use zune_jpeg::zune_core::options::DecoderOptions;
    // Strict: a truncated or damaged stream is an error, not grey pixels.
    let options = DecoderOptions::default()
        .set_max_width(1 << 16)
        .set_max_height(1 << 16)
        .set_strict_mode(true);
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(bytes), options);
    decoder
        .decode_headers()
        .map_err(|e| format!("corrupt JPEG: {e:?}"))?;
    let info = decoder
        .info()
        .ok_or_else(|| "corrupt JPEG: no frame header".to_string())?;
    check_pixels(u64::from(info.width), u64::from(info.height))?;
    let components = info.components;
    if components != 1 && components != 3 {
        return Err(format!(
            "unsupported JPEG: {components} colour components (CMYK?); a figure's JPEG is \
             greyscale or colour (RGB/YCbCr)"
        ));
    }
    decoder
        .decode()
        .map_err(|e| format!("corrupt JPEG: {e:?}"))?;
    Ok((
        u32::from(info.width),
        u32::from(info.height),
        Samples::Jpeg { components },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_named() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Ok(Format::Png));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Ok(Format::Jpeg));
        assert!(sniff(b"GIF89a").unwrap_err().contains("GIF"));
        assert!(sniff(b"<?xml version='1.0'?><svg>")
            .unwrap_err()
            .contains("SVG"));
        assert!(sniff(b"hello")
            .unwrap_err()
            .contains("neither PNG nor JPEG"));
        assert!(decode("x.png", b"\x89PNG\r\n\x1a\nxx".to_vec())
            .unwrap_err()
            .starts_with("corrupt PNG"));
    }
}
