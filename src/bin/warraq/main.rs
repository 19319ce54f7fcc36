//! The `warraq` command line: parse flags, call the library, print
//! diagnostics, exit with 0 (success), 2 (bad input or usage) or 1 (I/O, fonts).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use warraq::model::Justify;
use warraq::{Error, ExportOptions, FontBook, LayoutOptions};

const EXAMPLES: &str = "\
Examples:
  warraq render examples/un-report/report.json --pdf report.pdf --epub report.epub
  warraq render report.json --pdf - > report.pdf
  warraq check report.json
  warraq layout report.json > layout.json
  warraq render report.json --pdf out.pdf --font NotoSansCJK.otf --justify spaces

Dates in the output come from --timestamp, else SOURCE_DATE_EPOCH, else the
document's date: the same input always gives the same bytes.";

/// Typesets Arabic documents (JSON) into tagged PDF/UA-1 + PDF/A-2 and accessible EPUB 3.
#[derive(Parser)]
#[command(name = "warraq", version, after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Render a document to PDF and/or EPUB.
    Render {
        /// The document (JSON); `-` reads standard input.
        input: String,
        /// Write the tagged PDF here; `-` writes standard output.
        #[arg(long, value_name = "OUT.pdf")]
        pdf: Option<String>,
        /// Write the EPUB here; `-` writes standard output.
        #[arg(long, value_name = "OUT.epub")]
        epub: Option<String>,
        #[command(flatten)]
        common: Common,
        /// Seconds since the Unix epoch for the output's dates (overrides SOURCE_DATE_EPOCH).
        #[arg(long, value_name = "SECONDS")]
        timestamp: Option<i64>,
    },
    /// Validate a document: print errors and warnings; exit 0 or 2.
    Check {
        /// The document (JSON); `-` reads standard input.
        input: String,
        #[command(flatten)]
        common: Common,
    },
    /// Print the layout dump (JSON) of a document.
    Layout {
        /// The document (JSON); `-` reads standard input.
        input: String,
        #[command(flatten)]
        common: Common,
    },
    /// Print the JSON Schema of the document model.
    Schema,
}

#[derive(clap::Args)]
struct Common {
    /// Add a fallback font (TTF/OTF); repeatable.
    #[arg(long = "font", value_name = "PATH")]
    fonts: Vec<PathBuf>,
    /// Justification: kashida (default for Arabic), spaces or none.
    #[arg(long, value_enum)]
    justify: Option<JustifyArg>,
}

#[derive(Clone, Copy, ValueEnum)]
enum JustifyArg {
    Kashida,
    Spaces,
    None,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return ExitCode::from(if err.use_stderr() { 2 } else { 0 });
        }
    };
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure { input, error }) => {
            match input {
                Some(input) => eprintln!("error: {input}:{error}"),
                None => eprintln!("error: {error}"),
            }
            ExitCode::from(error.exit_code() as u8)
        }
    }
}

/// An error with the input name it refers to, when it is located in the input.
struct Failure {
    input: Option<String>,
    error: Box<Error>,
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure {
            input: None,
            error: Box::new(error),
        }
    }
}

fn run(command: Command) -> Result<(), Failure> {
    match command {
        Command::Schema => {
            println!("{}", warraq::json_schema());
            Ok(())
        }
        Command::Check { input, common } => {
            let (doc, _) = load(&input)?;
            fonts(&common)?;
            let _ = doc;
            eprintln!("{input}: ok");
            Ok(())
        }
        Command::Layout { input, common } => {
            let (doc, _) = load(&input)?;
            let fonts = fonts(&common)?;
            let layout = warraq::lay_out(&doc, &fonts, &layout_options(&common))
                .map_err(|e| located(&input, e))?;
            for w in layout.warnings() {
                eprintln!("warning: {input}:{w}");
            }
            println!("{}", warraq::dump_json(&layout, &fonts));
            Ok(())
        }
        Command::Render {
            input,
            pdf,
            epub,
            common,
            timestamp,
        } => {
            if pdf.is_none() && epub.is_none() {
                return Err(Error::Invalid {
                    location: Default::default(),
                    message: "nothing to render".into(),
                    hint: Some("name an output with --pdf OUT.pdf and/or --epub OUT.epub".into()),
                }
                .into());
            }
            if pdf.as_deref() == Some("-") && epub.as_deref() == Some("-") {
                return Err(Error::Invalid {
                    location: Default::default(),
                    message: "--pdf and --epub cannot both write standard output".into(),
                    hint: None,
                }
                .into());
            }
            let (doc, _) = load(&input)?;
            let fonts = fonts(&common)?;
            let layout = warraq::lay_out(&doc, &fonts, &layout_options(&common))
                .map_err(|e| located(&input, e))?;
            for w in layout.warnings() {
                eprintln!("warning: {input}:{w}");
            }
            let options = ExportOptions {
                timestamp: timestamp.or_else(source_date_epoch),
            };
            // Produce every output before writing any, so a failure leaves no
            // file. The two writers are independent: run them side by side.
            let (pdf_bytes, epub_bytes) = std::thread::scope(|scope| {
                let pdf_job = pdf
                    .as_ref()
                    .map(|_| scope.spawn(|| warraq::write_pdf(&doc, &fonts, &layout, &options)));
                let epub_bytes = epub
                    .as_ref()
                    .map(|_| warraq::write_epub(&doc, &fonts, &layout, &options))
                    .transpose();
                let pdf_bytes = pdf_job
                    .map(|job| job.join().expect("the PDF writer does not panic"))
                    .transpose();
                (pdf_bytes, epub_bytes)
            });
            let (pdf_bytes, epub_bytes) = (pdf_bytes?, epub_bytes?);
            if let (Some(path), Some(bytes)) = (&pdf, &pdf_bytes) {
                write_output(path, bytes)?;
            }
            if let (Some(path), Some(bytes)) = (&epub, &epub_bytes) {
                write_output(path, bytes)?;
            }
            Ok(())
        }
    }
}

fn layout_options(common: &Common) -> LayoutOptions {
    LayoutOptions {
        justify: common.justify.map(|j| match j {
            JustifyArg::Kashida => Justify::Kashida,
            JustifyArg::Spaces => Justify::Spaces,
            JustifyArg::None => Justify::None,
        }),
    }
}

/// Reads, parses and validates the input; prints warnings.
fn load(input: &str) -> Result<(warraq::Document, Vec<warraq::Warning>), Failure> {
    let text = read_input(input)?;
    let (doc, warnings) = warraq::parse_json(&text).map_err(|e| located(input, e))?;
    for w in &warnings {
        eprintln!("warning: {input}:{w}");
    }
    Ok((doc, warnings))
}

fn located(input: &str, error: Error) -> Failure {
    let has_location = matches!(
        error,
        Error::Json { .. } | Error::Invalid { .. } | Error::Limit { .. }
    );
    Failure {
        input: has_location.then(|| input.to_string()),
        error: Box::new(error),
    }
}

fn read_input(input: &str) -> Result<String, Error> {
    let mut bytes = Vec::new();
    let result = if input == "-" {
        std::io::stdin().read_to_end(&mut bytes)
    } else {
        std::fs::File::open(input).and_then(|mut f| f.read_to_end(&mut bytes))
    };
    result.map_err(|source| Error::Io {
        path: PathBuf::from(input),
        source,
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        Error::Json {
            location: warraq::error::Location::default(),
            message: format!("the input is not UTF-8 (invalid byte at offset {offset})"),
        }
    })
}

fn fonts(common: &Common) -> Result<FontBook, Error> {
    let mut book = FontBook::bundled();
    for path in &common.fonts {
        book.add_file(path)?;
    }
    Ok(book)
}

fn source_date_epoch() -> Option<i64> {
    std::env::var("SOURCE_DATE_EPOCH").ok()?.trim().parse().ok()
}

/// Writes atomically: a temporary file next to the target, then a rename,
/// so a failure never leaves a partial file or touches an existing one.
fn write_output(path: &str, bytes: &[u8]) -> Result<(), Error> {
    if path == "-" {
        let mut out = std::io::stdout().lock();
        return out
            .write_all(bytes)
            .and_then(|()| out.flush())
            .map_err(|source| Error::Io {
                path: PathBuf::from("<stdout>"),
                source,
            });
    }
    let target = Path::new(path);
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let io = |source| Error::Io {
        path: target.to_path_buf(),
        source,
    };
    let result = std::fs::File::create(&temp)
        .and_then(|mut f| f.write_all(bytes).and_then(|()| f.sync_all()))
        .and_then(|()| std::fs::rename(&temp, target));
    if let Err(source) = result {
        let _ = std::fs::remove_file(&temp);
        return Err(io(source));
    }
    Ok(())
}
