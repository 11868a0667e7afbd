//! The `brief` command line: a thin layer over the library.

use brief::config::Overrides;
use brief::{BuildOptions, build};
use clap::{Parser, Subcommand};
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
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
                    eprintln!("error: {e}");
                    let mut source = std::error::Error::source(&e);
                    while let Some(s) = source {
                        eprintln!("  caused by: {s}");
                        source = s.source();
                    }
                    ExitCode::from(1)
                }
            }
        }
    }
}
