//! Renders a document through the library API, without the CLI.
//!
//! cargo run --example render -- examples/un-report/report.json out

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(input), Some(stem)) = (args.next(), args.next()) else {
        eprintln!("usage: render INPUT.json OUTPUT-STEM  (writes OUTPUT-STEM.pdf and .epub)");
        return ExitCode::from(2);
    };
    match render(&input, &stem) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(err.exit_code() as u8)
        }
    }
}

fn render(input: &str, stem: &str) -> warraq::Result<()> {
    let json = std::fs::read_to_string(input).map_err(|source| warraq::Error::Io {
        path: input.into(),
        source,
    })?;
    let (doc, warnings) = warraq::parse_json(&json)?;
    for w in warnings {
        eprintln!("warning: {w}");
    }
    let fonts = warraq::FontBook::bundled();
    let layout = warraq::lay_out(&doc, &fonts, &warraq::LayoutOptions::default())?;
    let options = warraq::ExportOptions::default();
    let pdf = warraq::write_pdf(&doc, &fonts, &layout, &options)?;
    let epub = warraq::write_epub(&doc, &fonts, &layout, &options)?;
    for (ext, bytes) in [("pdf", pdf), ("epub", epub)] {
        let path = format!("{stem}.{ext}");
        std::fs::write(&path, bytes).map_err(|source| warraq::Error::Io {
            path: path.clone().into(),
            source,
        })?;
        println!("wrote {path}");
    }
    println!("{} pages", layout.pages.len());
    Ok(())
}
