//! The `brief` command line: a thin layer over the library.

use brief::config::Overrides;
use brief::{BuildOptions, build};
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// brief: build a briefing microsite from a folder of documents.
#[derive(Parser, Debug)]
#[command(name = "brief", version, about, long_about = None)]
struct Cli {
    /// The site folder (holding site.toml and content/).
    #[arg(long, short = 'r', global = true, default_value = ".")]
    root: PathBuf,
    /// Print less (only errors).
    #[arg(long, short, global = true)]
    quiet: bool,
    /// Print more (every stage's time, every warning).
    #[arg(long, short, global = true)]
    verbose: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract dated events and statistics from documents outside a site and print them.
    Extract {
        /// Documents (.txt, .md, .html); a sidecar NAME.meta.toml beside one is read.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Publication date (YYYY, YYYY-MM or YYYY-MM-DD) to resolve relative dates
        /// ("in January", "Today"); overrides sidecars and datelines.
        #[arg(long)]
        published: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Build the site into the output folder (default `public/`).
    Build {
        /// Override site.toml's base_url (e.g. what actions/configure-pages gives).
        #[arg(long)]
        base_url: Option<String>,
        /// Override the output folder.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    /// One line per fact, for reading.
    Text,
    /// The same JSON as the site's data/events.json and data/statistics.json.
    Json,
}

fn report_error(e: &dyn std::error::Error) {
    eprintln!("error: {e}");
    let mut source = e.source();
    while let Some(s) = source {
        eprintln!("  caused by: {s}");
        source = s.source();
    }
}

fn extract_command(files: &[PathBuf], published: Option<&str>, format: Format) -> ExitCode {
    let published = match published.map(brief::date::PartialDate::parse).transpose() {
        Ok(p) => p,
        Err(msg) => {
            eprintln!("error: --published: {msg}");
            return ExitCode::from(2);
        }
    };
    let mut events = Vec::new();
    let mut statistics = Vec::new();
    for path in files {
        let result = match brief::extract_file(path, published) {
            Ok(r) => r,
            Err(e) => {
                report_error(&e);
                return ExitCode::from(1);
            }
        };
        let name = path.display().to_string();
        for e in &result.facts.events {
            events.push(serde_json::json!({
                "id": e.id, "source_path": name, "source_url": null,
                "date": e.date.to_string(), "end": e.end.map(|d| d.to_string()),
                "precision": e.date.precision(), "display_date": e.date.display_en(),
                "relative": e.relative, "span": e.span, "quote": e.quote,
                "paragraph": e.paragraph, "anchor": format!("#p-{}", e.paragraph), "title": e.title,
            }));
        }
        for s in &result.facts.statistics {
            statistics.push(serde_json::json!({
                "id": s.id, "source_path": name, "source_url": null,
                "value": s.value, "low": s.low, "high": s.high, "of": s.of,
                "unit": s.unit, "qualifier": s.qualifier, "span": s.span, "quote": s.quote,
                "measure": s.measure, "as_of": s.as_of.or(result.published).map(|d| d.to_string()),
                "paragraph": s.paragraph, "anchor": format!("#p-{}", s.paragraph),
            }));
        }
    }
    match format {
        Format::Json => {
            let out = serde_json::json!({"events": events, "statistics": statistics});
            println!(
                "{}",
                serde_json::to_string_pretty(&out).expect("JSON values serialize")
            );
        }
        Format::Text => {
            let s = |v: &serde_json::Value| v.as_str().unwrap_or("").to_string();
            let n = |v: &serde_json::Value| v.as_f64().map(|x| x.to_string()).unwrap_or_default();
            for e in &events {
                let date = match e["end"].as_str() {
                    Some(end) => format!("{}..{end}", s(&e["date"])),
                    None => s(&e["date"]),
                };
                println!(
                    "{}  p{}  event   {date}  «{}»",
                    s(&e["source_path"]),
                    e["paragraph"],
                    s(&e["span"])
                );
            }
            for st in &statistics {
                let value = if st["value"].is_null() {
                    format!("{}..{}", n(&st["low"]), n(&st["high"]))
                } else {
                    n(&st["value"])
                };
                println!(
                    "{}  p{}  figure  {value} {} ({})  «{}»",
                    s(&st["source_path"]),
                    st["paragraph"],
                    s(&st["unit"]),
                    s(&st["qualifier"]),
                    s(&st["span"])
                );
            }
            eprintln!("{} events, {} figures", events.len(), statistics.len());
        }
    }
    ExitCode::SUCCESS
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract {
            files,
            published,
            format,
        } => extract_command(&files, published.as_deref(), format),
        Command::Build { base_url, output } => {
            let start = Instant::now();
            let options = BuildOptions {
                overrides: Overrides {
                    base_url,
                    output_dir: output,
                },
                dry_run: false,
            };
            match build(&cli.root, &options) {
                Ok(report) => {
                    if !cli.quiet {
                        for w in &report.warnings {
                            eprintln!("warning: {w}");
                        }
                        if cli.verbose {
                            for (stage, t) in &report.stages {
                                eprintln!("  {stage:<10} {:>8.1} ms", t.as_secs_f64() * 1000.0);
                            }
                        }
                        eprintln!(
                            "built {} pages from {} sources: {} events, {} figures, {} warnings in {:.0} ms",
                            report.pages,
                            report.sources,
                            report.events,
                            report.statistics,
                            report.warnings.len(),
                            start.elapsed().as_secs_f64() * 1000.0
                        );
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    report_error(&e);
                    ExitCode::from(1)
                }
            }
        }
    }
}
