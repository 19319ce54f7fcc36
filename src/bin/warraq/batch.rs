//! Batch rendering: `warraq render A.json B.md DIR/ … --out-dir OUT`.
//!
//! Every input (a directory stands for its `.json`, `.md` and `.markdown`
//! files) becomes `OUT/<stem>.pdf` and `OUT/<stem>.epub`, rendered on all
//! cores with one set of fonts ([`warraq::Renderer`]). A failing document
//! is named with its message while the others still finish; each
//! document's files are committed together, as for one document. A
//! progress bar runs on a terminal; a summary line ends the run.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use warraq::{Formats, Renderer};

use super::output::{self, Output};
use super::{about, load_images, read_document, say, thousands, usage, Common, Failure};

/// What a batch renders, and where.
pub struct Batch<'a> {
    pub inputs: &'a [String],
    pub out_dir: &'a Path,
    pub formats: Formats,
    pub common: &'a Common,
}

/// A document's outputs: its PDF and its EPUB, each if asked for.
type Outputs = (Option<Output>, Option<Output>);

/// One document's outcome.
enum Outcome {
    Done { pages: usize },
    Failed { lines: Vec<String> },
}

/// Renders the batch; the exit is 1 if any document failed.
pub fn run(batch: &Batch, renderer: &Renderer) -> Result<(), Failure> {
    let start = Instant::now();
    let inputs = expand(batch.inputs)?;
    if inputs.is_empty() {
        return Err(usage(
            "no documents to render",
            Some("name .json or .md files, or a directory holding them"),
        ));
    }
    std::fs::create_dir_all(batch.out_dir).map_err(|source| {
        Failure::from(warraq::Error::Io {
            path: batch.out_dir.to_path_buf(),
            source,
        })
    })?;
    let plans = plan_outputs(&inputs, batch)?;
    let bar = progress(inputs.len(), batch.common.quiet);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let outcomes = warraq::export::parallel_map(inputs.len(), threads, |k| {
        let outcome = render_one(&inputs[k], &plans[k], batch, renderer, &bar);
        bar.inc(1);
        Ok(outcome)
    });
    bar.finish_and_clear();
    summarize(&inputs, outcomes, start, batch.common.quiet)
}

/// The inputs, directories replaced by their documents (sorted by name).
fn expand(inputs: &[String]) -> Result<Vec<String>, Failure> {
    let mut out = Vec::new();
    for input in inputs {
        if input == "-" {
            return Err(usage(
                "standard input cannot be part of a batch",
                Some("name the files, or render one document with --pdf/--epub"),
            ));
        }
        let path = Path::new(input);
        if !path.is_dir() {
            out.push(input.clone());
            continue;
        }
        let entries = std::fs::read_dir(path).map_err(|source| {
            Failure::from(warraq::Error::Io {
                path: path.to_path_buf(),
                source,
            })
        })?;
        let mut found: Vec<String> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && is_document(p))
            .map(|p| p.display().to_string())
            .collect();
        found.sort();
        out.extend(found);
    }
    Ok(out)
}

fn is_document(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("json" | "md" | "markdown")
    )
}

/// `OUT/<stem>.pdf` and `OUT/<stem>.epub` of every input; two inputs with
/// one stem are a usage error (one would overwrite the other).
fn plan_outputs(inputs: &[String], batch: &Batch) -> Result<Vec<Outputs>, Failure> {
    let mut seen = std::collections::BTreeMap::new();
    let mut plans = Vec::with_capacity(inputs.len());
    for input in inputs {
        let stem = Path::new(input)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("document")
            .to_string();
        if let Some(other) = seen.insert(stem.clone(), input.clone()) {
            return Err(usage(
                format!("{other} and {input} would both be written as {stem}.pdf/.epub"),
                Some("rename one of them, or render them into different --out-dir directories"),
            ));
        }
        let path = |ext: &str| -> PathBuf { batch.out_dir.join(format!("{stem}.{ext}")) };
        let plan = |on: bool, ext: &str| -> Result<Option<Output>, Failure> {
            on.then(|| Output::plan(&path(ext).display().to_string()))
                .transpose()
                .map_err(Failure::from)
        };
        plans.push((
            plan(batch.formats.pdf, "pdf")?,
            plan(batch.formats.epub, "epub")?,
        ));
    }
    Ok(plans)
}

/// Reads, renders and writes one document.
fn render_one(
    input: &str,
    (pdf, epub): &Outputs,
    batch: &Batch,
    renderer: &Renderer,
    bar: &ProgressBar,
) -> Outcome {
    let result = (|| -> Result<usize, Failure> {
        let doc = bar.suspend(|| read_document(input, batch.common.from))?;
        let images = load_images(&doc, input)?;
        let rendered = renderer
            .render_with(&doc, &images, batch.formats)
            .map_err(|e| about(input, e))?;
        for w in &rendered.warnings {
            bar.suspend(|| say(&format!("warning: {input}:{w}")));
        }
        let mut staged = Vec::new();
        for (output, bytes) in [(pdf, &rendered.pdf), (epub, &rendered.epub)] {
            if let (Some(output), Some(bytes)) = (output, bytes) {
                staged.push(output.stage(bytes)?);
            }
        }
        output::commit(staged)?;
        Ok(rendered.pages)
    })();
    match result {
        Ok(pages) => Outcome::Done { pages },
        Err(failure) => Outcome::Failed {
            lines: failure.describe().0,
        },
    }
}

fn progress(count: usize, quiet: bool) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(count as u64), ProgressDrawTarget::stderr());
    if quiet || !std::io::stderr().is_terminal() {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    }
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} documents, {elapsed}") {
        bar.set_style(style);
    }
    bar
}

/// Prints the failures and the summary line; `Err` (exit 1) if any failed.
fn summarize(
    inputs: &[String],
    outcomes: Vec<warraq::Result<Outcome>>,
    start: Instant,
    quiet: bool,
) -> Result<(), Failure> {
    let (mut pages, mut failed) = (0, 0);
    for (input, outcome) in inputs.iter().zip(outcomes) {
        match outcome {
            Ok(Outcome::Done { pages: n }) => pages += n,
            Ok(Outcome::Failed { lines }) => {
                failed += 1;
                lines.iter().for_each(|l| say(l));
            }
            Err(e) => {
                failed += 1;
                say(&format!("error: {input}: {e}"));
            }
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    if !quiet || failed > 0 {
        say(&format!(
            "{} documents, {} pages, {seconds:.1} s; {failed} failed",
            thousands(inputs.len()),
            thousands(pages)
        ));
    }
    if failed > 0 {
        Err(Failure::Reported(1))
    } else {
        Ok(())
    }
}
