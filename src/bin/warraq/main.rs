//! The `warraq` command line: parse flags, call the library, print
//! diagnostics, exit with 0 (success), 2 (bad input or usage) or 1 (I/O, fonts).

mod batch;
mod input;
mod output;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::{Parser, Subcommand, ValueEnum};
use output::{Output, Staged};
use warraq::export::DateTime;
use warraq::model::Justify;
use warraq::{Error, ExportOptions, FontBook, Layout, LayoutOptions};

const EXAMPLES: &str = "\
Examples:
  warraq render examples/un-report/report.json --pdf report.pdf --epub report.epub
  warraq render report.json --pdf - > report.pdf
  warraq check report.json
  warraq layout report.json > layout.json
  D=/usr/share/fonts/truetype/dejavu N=/usr/share/fonts/truetype/noto
  warraq render examples/un-report/report.json --pdf out.pdf --justify spaces \\
    --font-family \"DejaVu Sans=$D/DejaVuSans.ttf,$D/DejaVuSans-Bold.ttf\"
  warraq render examples/urdu/urdu.json --pdf urdu.pdf \\
    --main-font $N/NotoNastaliqUrdu-Regular.ttf,$N/NotoNastaliqUrdu-Bold.ttf
  warraq render examples/un-report/report.json --pdf nimbus.pdf \\
    --main-font /usr/share/fonts/opentype/urw-base35/NimbusSans-Regular.otf
  warraq render reports/ extra.md --out-dir out/ --format pdf
  warraq render report.md --pdf report.pdf
  pandoc report.docx -t json | warraq render - --from pandoc-json --pdf report.pdf
  warraq convert report.md --to json > report.json
  warraq convert report.json --to markdown > report.md

Fonts: --font PATH (TTF or OTF, TrueType or CFF outlines; a face of a TTC
collection as PATH#INDEX or PATH#FAMILY, e.g. NotoSansCJK-Regular.ttc#2 or
'NotoSansCJK-Regular.ttc#Noto Sans CJK JP'). The Debian paths above are of
fonts-dejavu-core, fonts-noto-core and fonts-urw-base35 (CFF outlines).

Dates in the output come from --timestamp, else SOURCE_DATE_EPOCH, else the
document's date: the same input always gives the same bytes. With none of
them the PDF has no dates, and the EPUB's dcterms:modified (which EPUB 3
requires) is the time of the render.";

/// Typesets Arabic documents (JSON) into tagged PDF/UA-1 + PDF/A-2 and accessible EPUB 3.
#[derive(Parser)]
#[command(name = "warraq", version, after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Render a document to PDF and/or EPUB, or many into a directory.
    Render {
        /// The document (JSON, Markdown); `-` reads standard input. With
        /// --out-dir: any number of documents and directories of them.
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<String>,
        /// Write the tagged PDF here; `-` writes standard output.
        #[arg(long, value_name = "OUT.pdf", conflicts_with = "out_dir")]
        pdf: Option<String>,
        /// Write the EPUB here; `-` writes standard output.
        #[arg(long, value_name = "OUT.epub", conflicts_with = "out_dir")]
        epub: Option<String>,
        /// Render every input into this directory (created if missing) as
        /// NAME.pdf and NAME.epub, in parallel, with a progress bar on a
        /// terminal and a summary line; exit 1 if any document failed.
        #[arg(long, value_name = "DIR")]
        out_dir: Option<PathBuf>,
        /// With --out-dir: the formats to write (repeatable; both by default).
        #[arg(
            long = "format",
            value_enum,
            value_name = "FORMAT",
            requires = "out_dir"
        )]
        formats: Vec<FormatArg>,
        #[command(flatten)]
        common: Common,
        /// Seconds since the Unix epoch for the output's dates (overrides SOURCE_DATE_EPOCH).
        #[arg(long, value_name = "SECONDS", allow_negative_numbers = true)]
        timestamp: Option<i64>,
        /// Order of the PDF text layer: visual (what viewers read: Chrome,
        /// Edge, Firefox, poppler, MuPDF) or logical (for stream-order
        /// extractors: pdfminer, poppler's structure text, mutool 1.21).
        #[arg(long, value_enum, default_value_t = TextOrderArg::Visual)]
        text_order: TextOrderArg,
    },
    /// Validate a document: everything `render` does but writing (layout,
    /// PDF and EPUB in memory); print errors and warnings; exit 0, 2 or 1.
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
    /// Print a document as the JSON contract or as Markdown (what a
    /// Markdown or pandoc source became, or the Markdown form of a JSON one).
    Convert {
        /// The document; `-` reads standard input.
        input: String,
        /// The format to print.
        #[arg(long, value_enum)]
        to: ToArg,
        /// The input's format (by default from its extension: .md and
        /// .markdown are Markdown, anything else and `-` JSON).
        #[arg(long, value_enum)]
        from: Option<input::Format>,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    Pdf,
    Epub,
}

#[derive(Clone, Copy, ValueEnum)]
enum ToArg {
    Json,
    Markdown,
}

#[derive(clap::Args)]
struct Common {
    /// Add a fallback font (TTF/OTF, TrueType or CFF outlines; a face of a
    /// TTC/OTC collection as PATH#INDEX or PATH#FAMILY); repeatable, tried
    /// in order. A Bold face right after the Regular of its family sets
    /// that family's bold text.
    #[arg(long = "font", value_name = "PATH")]
    fonts: Vec<PathBuf>,
    /// The body font, and its bold for headings and strong text (else
    /// the regular face sets them too); Amiri stays as the first fallback.
    #[arg(long = "main-font", value_name = "PATH[,BOLD_PATH]")]
    main_font: Option<String>,
    /// Add a fallback family with its own bold face; repeatable, tried in
    /// order before the --font fonts.
    #[arg(long = "font-family", value_name = "NAME=REGULAR[,BOLD]")]
    font_families: Vec<String>,
    /// For characters the given fonts lack, try the fonts installed on the
    /// system (fontconfig's directories) too, and name the ones used.
    #[arg(long)]
    system_fonts: bool,
    /// Justification: kashida (default for Arabic), spaces or none.
    #[arg(long, value_enum)]
    justify: Option<JustifyArg>,
    /// Let a document symbol (CTOC/COP/WG.4/2019/1) break after a slash
    /// when a line would otherwise end short. Evener lines, but the PDF's
    /// text then reads a space inside the symbol (copy, search).
    #[arg(long)]
    break_symbols: bool,
    /// Print errors and warnings only (not what was written or checked).
    #[arg(short, long)]
    quiet: bool,
    /// The input's format (by default from its extension: .md and
    /// .markdown are Markdown, anything else and `-` JSON).
    #[arg(long, value_enum)]
    from: Option<input::Format>,
}

#[derive(Clone, Copy, ValueEnum)]
enum TextOrderArg {
    Visual,
    Logical,
}

#[derive(Clone, Copy, ValueEnum)]
enum JustifyArg {
    Kashida,
    Spaces,
    None,
}

fn main() -> ExitCode {
    // Third-party code runs inside warraq's containment seam, where a panic
    // becomes an error message: stay quiet then; report any other panic.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !warraq::error::panic_is_contained() {
            default_hook(info);
        }
    }));
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return ExitCode::from(if err.use_stderr() { 2 } else { 0 });
        }
    };
    let code = match run(cli.command) {
        Ok(()) => 0,
        Err(failure) => failure.report(),
    };
    // A report that could not be written is no success (`check 2>/dev/full`).
    if code == 0 && STDERR_FAILED.load(Ordering::Relaxed) {
        return ExitCode::from(1);
    }
    ExitCode::from(code)
}

/// Whether a line to standard error could not be written.
static STDERR_FAILED: AtomicBool = AtomicBool::new(false);

/// Writes one line of diagnostics to standard error, never panicking.
fn say(line: &str) {
    let mut err = std::io::stderr().lock();
    if writeln!(err, "{line}").is_err() {
        STDERR_FAILED.store(true, Ordering::Relaxed);
    }
}

/// Why a command stopped.
enum Failure {
    /// A library error, with the file it is about when its message does
    /// not name one (the input for located errors, an output for export).
    Error {
        file: Option<String>,
        error: Box<Error>,
    },
    /// The reader of standard output went away (`layout R | head`): a
    /// quiet exit 0, as ripgrep does. Only for commands whose one output is
    /// standard output; `render` reports it, since a file may be unwritten.
    Quiet,
    /// A usage error: the command line itself (exit 2).
    Usage {
        message: String,
        hint: Option<String>,
    },
    /// Already reported (a batch's failures): exit with this code.
    Reported(u8),
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure::Error {
            file: None,
            error: Box::new(error),
        }
    }
}

impl Failure {
    /// Prints the message; returns the exit code.
    fn report(self) -> u8 {
        let (lines, code) = self.describe();
        lines.iter().for_each(|l| say(l));
        code
    }

    /// The lines of the message and the exit code.
    fn describe(self) -> (Vec<String>, u8) {
        match self {
            Failure::Usage { message, hint } => {
                let mut lines = vec![format!("error: {message}")];
                lines.extend(hint.map(|hint| format!("  hint: {hint}")));
                (lines, 2)
            }
            Failure::Quiet => (Vec::new(), 0),
            Failure::Reported(code) => (Vec::new(), code),
            Failure::Error { file, mut error } => {
                let has_line = error.location_mut().is_some_and(|l| l.line.is_some());
                let mut lines = vec![match file {
                    Some(file) if has_line => format!("error: {file}:{error}"),
                    Some(file) => format!("error: {file}: {error}"),
                    None => format!("error: {error}"),
                }];
                if let Error::MissingGlyphs(_) = *error {
                    lines.push(
                        "  hint: add a font that has them with --font PATH, or try --system-fonts"
                            .into(),
                    );
                }
                (lines, error.exit_code() as u8)
            }
        }
    }
}

fn usage(message: impl Into<String>, hint: Option<&str>) -> Failure {
    Failure::Usage {
        message: message.into(),
        hint: hint.map(str::to_string),
    }
}

/// An error about `file`, unless its message already names a file.
fn about(file: &str, error: Error) -> Failure {
    let names_a_file = matches!(error, Error::Io { .. } | Error::Font { path: Some(_), .. });
    Failure::Error {
        file: (!names_a_file).then(|| file.to_string()),
        error: Box::new(error),
    }
}

fn run(command: Command) -> Result<(), Failure> {
    match command {
        Command::Schema => write_stdout(format!("{}\n", warraq::json_schema()).as_bytes()),
        Command::Convert { input, to, from } => {
            let doc = read_document(&input, from)?;
            let text = match to {
                ToArg::Json => {
                    let json = serde_json::to_string_pretty(&doc).map_err(|e| Error::Export {
                        format: "JSON",
                        message: e.to_string(),
                    })?;
                    format!("{json}\n")
                }
                ToArg::Markdown => warraq::write_markdown(&doc).map_err(|e| about(&input, e))?,
            };
            write_stdout(text.as_bytes())
        }
        Command::Check { input, common } => {
            let (doc, fonts, layout) = load(&input, &common)?;
            let options = ExportOptions::default();
            let (pdf, epub) = produce(&doc, &fonts, &layout, &options, true, true);
            pdf.transpose().map_err(|e| about(&input, e))?;
            epub.transpose().map_err(|e| about(&input, e))?;
            if !common.quiet {
                say(&format!("{input}: ok, {}", pages(&layout)));
            }
            Ok(())
        }
        Command::Layout { input, common } => {
            let (doc, fonts, layout) = load(&input, &common)?;
            write_stdout(format!("{}\n", warraq::dump_json_of(&layout, &fonts, &doc)).as_bytes())
        }
        Command::Render {
            inputs,
            pdf,
            epub,
            out_dir,
            formats,
            common,
            timestamp,
            text_order,
        } => {
            let text_order = match text_order {
                TextOrderArg::Visual => warraq::TextOrder::Visual,
                TextOrderArg::Logical => warraq::TextOrder::Logical,
            };
            if let Some(out_dir) = out_dir {
                let options = ExportOptions {
                    timestamp: checked_timestamp(timestamp)?,
                    text_order,
                };
                return render_batch(&inputs, &out_dir, &formats, &common, options);
            }
            let [input] = inputs.as_slice() else {
                return Err(usage(
                    format!("{} inputs and no --out-dir", inputs.len()),
                    Some("render many documents with --out-dir DIR, or one with --pdf/--epub"),
                ));
            };
            let outputs = (pdf.as_deref(), epub.as_deref());
            render(input, outputs, &common, timestamp, text_order)
        }
    }
}

/// `render … --out-dir DIR`: the fonts loaded once for every document.
fn render_batch(
    inputs: &[String],
    out_dir: &std::path::Path,
    formats: &[FormatArg],
    common: &Common,
    export: ExportOptions,
) -> Result<(), Failure> {
    if common.system_fonts {
        return Err(usage(
            "--system-fonts works with one input at a time, not with --out-dir",
            Some("render the documents that need system fonts one by one"),
        ));
    }
    let mut renderer = warraq::Renderer::new(font_book(common)?);
    renderer.layout = layout_options(common);
    renderer.export = export;
    let formats = if formats.is_empty() {
        warraq::Formats::default()
    } else {
        warraq::Formats {
            pdf: formats.contains(&FormatArg::Pdf),
            epub: formats.contains(&FormatArg::Epub),
        }
    };
    let batch = batch::Batch {
        inputs,
        out_dir,
        formats,
        common,
    };
    batch::run(&batch, &renderer)
}

fn render(
    input: &str,
    (pdf, epub): (Option<&str>, Option<&str>),
    common: &Common,
    timestamp: Option<i64>,
    text_order: warraq::TextOrder,
) -> Result<(), Failure> {
    if pdf.is_none() && epub.is_none() {
        return Err(usage(
            "nothing to render",
            Some("name an output with --pdf OUT.pdf and/or --epub OUT.epub"),
        ));
    }
    if pdf == Some("-") && epub == Some("-") {
        return Err(usage(
            "--pdf and --epub cannot both write standard output",
            None,
        ));
    }
    let options = ExportOptions {
        timestamp: checked_timestamp(timestamp)?,
        text_order,
    };
    let pdf = pdf.map(Output::plan).transpose()?;
    let epub = epub.map(Output::plan).transpose()?;
    check_distinct(input, pdf.as_ref(), epub.as_ref())?;

    let (doc, fonts, layout) = load(input, common)?;
    let (pdf_bytes, epub_bytes) = produce(
        &doc,
        &fonts,
        &layout,
        &options,
        pdf.is_some(),
        epub.is_some(),
    );
    let pdf_bytes = pdf_bytes.transpose().map_err(|e| about(input, e))?;
    let epub_bytes = epub_bytes.transpose().map_err(|e| about(input, e))?;

    // Every output into its temporary file first; only then is any renamed
    // over its target (a failure leaves every existing file as it was).
    let outputs = [
        (pdf.as_ref(), pdf_bytes.as_deref()),
        (epub.as_ref(), epub_bytes.as_deref()),
    ];
    let mut staged: Vec<Staged> = Vec::new();
    for (output, bytes) in outputs.iter().copied() {
        if let (Some(output), Some(bytes)) = (output, bytes) {
            staged.push(output.stage(bytes)?);
        }
    }
    output::commit(staged)?;
    if !common.quiet {
        for (output, bytes) in outputs {
            if let (Some(output), Some(bytes)) = (output, bytes) {
                let size = thousands(bytes.len());
                say(&format!(
                    "{}: {}, {size} bytes",
                    output.name(),
                    pages(&layout)
                ));
            }
        }
    }
    Ok(())
}

/// Refuses two outputs into one file, and an output over the input.
fn check_distinct(input: &str, pdf: Option<&Output>, epub: Option<&Output>) -> Result<(), Failure> {
    let pdf_id = pdf.and_then(Output::identity);
    let epub_id = epub.and_then(Output::identity);
    if let (Some(a), Some(b), Some(pdf), Some(epub)) = (&pdf_id, &epub_id, pdf, epub) {
        if a == b {
            return Err(usage(
                format!(
                    "--pdf {} and --epub {} are the same file",
                    pdf.spelled, epub.spelled
                ),
                Some("give the PDF and the EPUB different names"),
            ));
        }
    }
    let input_id = output::input_identity(input);
    for (flag, id, output) in [("--pdf", pdf_id, pdf), ("--epub", epub_id, epub)] {
        if let (Some(id), Some(output)) = (id, output) {
            if input_id.as_ref() == Some(&id) {
                return Err(usage(
                    format!("{flag} {} is the input file", output.spelled),
                    Some("write the output to another file"),
                ));
            }
        }
    }
    Ok(())
}

/// The timestamp of the outputs' dates: `--timestamp`, else
/// `SOURCE_DATE_EPOCH`, each checked to be a date the outputs can hold.
fn checked_timestamp(flag: Option<i64>) -> Result<Option<i64>, Failure> {
    let (seconds, name) = match flag {
        Some(t) => (t, "--timestamp"),
        None => match std::env::var("SOURCE_DATE_EPOCH") {
            Ok(s) if !s.trim().is_empty() => match s.trim().parse() {
                Ok(t) => (t, "SOURCE_DATE_EPOCH"),
                Err(_) => {
                    return Err(usage(
                        format!("SOURCE_DATE_EPOCH={s:?} is not a whole number of seconds"),
                        Some("set it to seconds since 1970-01-01T00:00:00Z, e.g. 1569196800"),
                    ))
                }
            },
            _ => return Ok(None),
        },
    };
    if DateTime::from_unix_checked(seconds).is_none() {
        return Err(usage(
            format!("{name} {seconds} is out of range"),
            Some(&format!(
                "dates run from 0001-01-01T00:00:00Z ({}) to 9999-12-31T23:59:59Z ({})",
                DateTime::MIN_UNIX,
                DateTime::MAX_UNIX
            )),
        ));
    }
    Ok(Some(seconds))
}

/// The bytes of one output format, or why they could not be made.
type Produced = warraq::Result<Vec<u8>>;

/// Makes the PDF and the EPUB asked for, in memory, side by side.
fn produce(
    doc: &warraq::Document,
    fonts: &FontBook,
    layout: &Layout,
    options: &ExportOptions,
    pdf: bool,
    epub: bool,
) -> (Option<Produced>, Option<Produced>) {
    std::thread::scope(|scope| {
        let pdf_job = pdf.then(|| scope.spawn(|| warraq::write_pdf(doc, fonts, layout, options)));
        let epub_bytes = epub.then(|| warraq::write_epub(doc, fonts, layout, options));
        let pdf_bytes = pdf_job.map(|job| {
            job.join().unwrap_or_else(|_| {
                Err(Error::Export {
                    format: "PDF",
                    message: "internal error: the PDF writer panicked".into(),
                })
            })
        });
        (pdf_bytes, epub_bytes)
    })
}

/// Reads, parses and validates the input in its format; prints the warnings.
fn read_document(input: &str, from: Option<input::Format>) -> Result<warraq::Document, Failure> {
    let text = input::read(input).map_err(|e| about(input, e))?;
    let format = input::Format::of(input, from);
    let (doc, warnings) = input::parse(&text, format).map_err(|e| about(input, e))?;
    for w in &warnings {
        say(&format!("warning: {input}:{w}"));
    }
    Ok(doc)
}

/// Reads, parses, validates and lays out the input; prints the warnings.
fn load(input: &str, common: &Common) -> Result<(warraq::Document, FontBook, Layout), Failure> {
    let doc = read_document(input, common.from)?;
    let mut fonts = font_book(common)?;
    let mut options = layout_options(common);
    options.images = load_images(&doc, input)?;
    let mut layout = warraq::lay_out(&doc, &fonts, &options);
    if common.system_fonts {
        if let Err(Error::MissingGlyphs(missing)) = &layout {
            let chars: Vec<char> = missing.iter().map(|m| m.ch).collect();
            if add_system_fonts(input, common, &mut fonts, &chars)? {
                layout = warraq::lay_out(&doc, &fonts, &options);
            }
        }
    }
    let layout = layout.map_err(|e| about(input, e))?;
    for w in layout.warnings() {
        say(&format!("warning: {input}:{w}"));
    }
    Ok((doc, fonts, layout))
}

/// The fonts of `--main-font`, `--font-family` and `--font`, in that order.
fn font_book(common: &Common) -> Result<FontBook, Failure> {
    let mut fonts = FontBook::bundled();
    if let Some(main) = &common.main_font {
        let (regular, bold) = regular_and_bold(main);
        fonts.set_main_font(&regular, bold.as_deref())?;
    }
    for family in &common.font_families {
        let Some((name, faces)) = family.split_once('=') else {
            return Err(usage(
                format!("--font-family {family:?}: expected NAME=REGULAR[,BOLD]"),
                Some("e.g. --font-family \"Noto Sans Hebrew=NotoSansHebrew-Regular.ttf,NotoSansHebrew-Bold.ttf\""),
            ));
        };
        let (regular, bold) = regular_and_bold(faces);
        fonts.add_family(name, &regular, bold.as_deref())?;
    }
    for path in &common.fonts {
        fonts.add_file(path)?;
    }
    Ok(fonts)
}

/// `--system-fonts`: adds system faces for `chars` and names them (unless
/// quiet); whether any was added.
#[cfg(feature = "system-fonts")]
fn add_system_fonts(
    input: &str,
    common: &Common,
    fonts: &mut FontBook,
    chars: &[char],
) -> Result<bool, Failure> {
    let added = fonts.add_system_fonts(chars)?;
    let mut left = chars.to_vec();
    for &id in &added {
        let font = fonts.get(id);
        let drawn: String = left.iter().filter(|&&c| font.has_char(c)).collect();
        left.retain(|&c| !font.has_char(c));
        if !common.quiet {
            say(&format!(
                "{input}: system font {} ({}) for {drawn:?}",
                fonts.family_name(id),
                font.name
            ));
        }
    }
    Ok(!added.is_empty())
}

/// `--system-fonts` in a build without system font discovery.
#[cfg(not(feature = "system-fonts"))]
fn add_system_fonts(_: &str, _: &Common, _: &mut FontBook, _: &[char]) -> Result<bool, Failure> {
    Err(usage(
        "--system-fonts needs warraq built with the `system-fonts` feature",
        None,
    ))
}

/// `REGULAR[,BOLD]`: a file whose own name has a comma is taken whole when
/// it exists.
fn regular_and_bold(faces: &str) -> (PathBuf, Option<PathBuf>) {
    let whole = PathBuf::from(faces);
    if whole.exists() {
        return (whole, None);
    }
    match faces.split_once(',') {
        Some((regular, bold)) => (regular.into(), Some(bold.into())),
        None => (whole, None),
    }
}

fn layout_options(common: &Common) -> LayoutOptions {
    LayoutOptions {
        justify: common.justify.map(|j| match j {
            JustifyArg::Kashida => Justify::Kashida,
            JustifyArg::Spaces => Justify::Spaces,
            JustifyArg::None => Justify::None,
        }),
        images: warraq::Images::default(),
        break_symbols: common.break_symbols,
    }
}

/// The images of the figures of `doc`, read from `input`'s directory (the
/// working directory for standard input).
fn load_images(doc: &warraq::Document, input: &str) -> Result<warraq::Images, Failure> {
    let dir = match std::path::Path::new(input).parent() {
        Some(dir) if input != "-" && !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    warraq::Images::load(doc, &dir).map_err(|e| about(input, e))
}

/// Writes `bytes` to standard output (an error names `<stdout>`).
fn write_stdout(bytes: &[u8]) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    output::check_stdout_open()
        .and_then(|()| out.write_all(bytes))
        .and_then(|()| out.flush())
        .map_err(|source| {
            if source.kind() == std::io::ErrorKind::BrokenPipe {
                return Failure::Quiet;
            }
            Failure::from(Error::Io {
                path: PathBuf::from(output::STDOUT),
                source,
            })
        })
}

/// `16 pages` (or `1 page`).
fn pages(layout: &Layout) -> String {
    match layout.pages.len() {
        1 => "1 page".into(),
        n => format!("{} pages", thousands(n)),
    }
}

/// `149,221`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
