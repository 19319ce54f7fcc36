//! The OCF container: a zip whose first entry is the stored `mimetype`,
//! then `META-INF/container.xml` and the publication, deflated.
//!
//! Entries are written in a fixed order with a fixed timestamp (the zip
//! epoch, 1980-01-01) and fixed permissions, so the same book gives the same
//! bytes.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::error::{Error, Result};

/// Path of the package document inside the container.
pub(super) const PACKAGE_PATH: &str = "OEBPS/content.opf";

/// `META-INF/container.xml`, pointing to the package document.
fn container_xml() -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n\
         <rootfiles>\n\
         <rootfile full-path=\"{PACKAGE_PATH}\" media-type=\"application/oebps-package+xml\"/>\n\
         </rootfiles>\n\
         </container>\n"
    )
}

/// Zips the publication's files (paths relative to the container root).
pub(super) fn zip(files: &[(String, Vec<u8>)]) -> Result<Vec<u8>> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let base = SimpleFileOptions::default()
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    let stored = base.compression_method(CompressionMethod::Stored);
    // Level 6, zlib's default: 9 made the report's EPUB 390 bytes smaller
    // (142,916 B) for 3 % of the whole render's instructions.
    let deflated = base
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(6));
    let mut add = |name: &str, data: &[u8], options: SimpleFileOptions| -> Result<()> {
        zip.start_file(name, options).map_err(zip_error)?;
        zip.write_all(data).map_err(|e| zip_error(e.into()))
    };
    add("mimetype", b"application/epub+zip", stored)?;
    add(
        "META-INF/container.xml",
        container_xml().as_bytes(),
        deflated,
    )?;
    for (name, data) in files {
        add(name, data, deflated)?;
    }
    let cursor = zip.finish().map_err(zip_error)?;
    Ok(cursor.into_inner())
}

fn zip_error(e: zip::result::ZipError) -> Error {
    Error::Export {
        format: "EPUB",
        message: format!("zip: {e}"),
    }
}
