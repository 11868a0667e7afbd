//! The `brief` command line: a thin layer over the library.
//!
//! In: the arguments. Out: the command's work, one readable report on standard error,
//! and an exit code (0 success, 1 build errors or problems found, 2 usage). Each subcommand is an
//! `Args` struct and a `run_*` function returning the exit code; to add one, add a
//! variant to [`Command`] and a match arm in `main`.

use brief::cmd::{check, new as scaffold, review, serve};
use brief::input::config::Overrides;
use brief::model::records::{EventRecord, Provenance, StatisticRecord};
use brief::util::error::{Error, WARNINGS_PER_MESSAGE, condensed};
use brief::util::number::counted;
use brief::{BuildOptions, build, render_site};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::collections::HashSet;
use std::io::IsTerminal;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// 64-bit Linux builds use jemalloc: musl's allocator is slow under threads, and with
/// glibc's a large build spent about a fifth of its time in malloc and free.
#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's options, read once when it starts (`_RJEM_MALLOC_CONF` in the environment
/// overrides them). One arena per CPU rather than four: memory freed by one thread
/// (a page dropped after the indexer read it, the site dropped on its own thread)
/// returns to an arena another thread allocates from, so less sits idle in arenas no
/// thread uses any more. Freed pages go back to the system after half a second rather
/// than ten. At 1,000 documents the peak fell from about 450 MB to about 345 MB for the
/// same CPU time (issue 19).
#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
#[unsafe(export_name = "_rjem_malloc_conf")]
static JEMALLOC_CONF: &u8 = &b"percpu_arena:percpu,dirty_decay_ms:500,muzzy_decay_ms:0\0"[0];

const EXIT_CODES: &str = "\
Exit codes:
  0  success (for `check`: no problems found)
  1  the site did not build, or `check` found problems, or a file could not be written
  2  usage error (unknown option, missing argument)";

/// brief: build a briefing microsite from a folder of documents.
#[derive(Parser, Debug)]
#[command(name = "brief", version = env!("BRIEF_VERSION"), about, after_long_help = EXIT_CODES)]
struct Cli {
    /// The site folder (holding site.toml and content/).
    #[arg(long, short = 'r', global = true, default_value = ".")]
    root: PathBuf,
    /// Print less (only errors).
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Print more (every stage's time, every warning).
    #[arg(long, short, global = true)]
    verbose: bool,
    /// Worker threads for converting, extracting and rendering (0: one per core). The
    /// output is byte-identical whatever the number.
    #[arg(
        long,
        short = 'j',
        global = true,
        default_value_t = 0,
        value_name = "N"
    )]
    jobs: usize,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract dated events and statistics from documents outside a site and print them.
    #[command(after_long_help = EXIT_CODES)]
    Extract(ExtractArgs),
    /// Build the site into the output folder (default `public/`).
    #[command(after_long_help = EXIT_CODES)]
    Build(BuildArgs),
    /// Preview the site locally, rebuilding and reloading pages on every change.
    ///
    /// The site is built in memory (nothing is written) and served under its base
    /// path, with the base URL pointed at this server. `content/`, `themes/`,
    /// `templates/`, `static/` and `site.toml` are watched; open pages reload after a
    /// rebuild, and a build error is shown in the terminal and over the page while
    /// the last good version stays served. On a loopback address (the default) it
    /// also offers /review/, where an editor approves, drops or fixes facts; only
    /// that page's own forms can write the corrections file.
    #[command(after_long_help = EXIT_CODES)]
    Serve(ServeArgs),
    /// Build without writing and report everything wrong with the site.
    ///
    /// Checks links and #anchors between pages, pages no link reaches from the home
    /// page (orphans), sources without a title or date and the other build warnings,
    /// and corrections that match no fact. Exits 1 if anything is wrong.
    #[command(after_long_help = EXIT_CODES)]
    Check(CheckArgs),
    /// Create a new site in DIR (which must be missing or empty).
    #[command(after_long_help = EXIT_CODES)]
    New(NewArgs),
    /// Review extracted events and figures; decisions go to the corrections file.
    ///
    /// Shows each fact with the sentence it came from. Answer each with a (approve),
    /// d (drop), f (fix), s (skip) or q (quit), then Enter; text after the letter is
    /// kept as a note. A fix names the fields to change first:
    /// `f value=1200 unit=people the report says 1,200`; a title or measure takes every
    /// word up to the next key= or ` -- ` (`f title=Single adults returned -- headline`).
    /// Each decision is checked as the build reads it (a bad value is named and asked
    /// again), then written to the corrections file (site.toml `extract.corrections`,
    /// default content/corrections.toml): comments and order kept, a fact's earlier
    /// correction replaced in place, nothing written if the file was edited during
    /// the review. `brief serve` offers the same in the browser at /review/.
    #[command(after_long_help = EXIT_CODES)]
    Review(ReviewArgs),
}

#[derive(Args, Debug)]
struct ExtractArgs {
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
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    /// One line per fact, for reading.
    Text,
    /// The same JSON as the site's data/events.json and data/statistics.json.
    Json,
}

#[derive(Args, Debug)]
struct BuildArgs {
    /// Override site.toml's base_url (e.g. what actions/configure-pages gives).
    #[arg(long)]
    base_url: Option<String>,
    /// Override the output folder.
    #[arg(long, short)]
    output: Option<PathBuf>,
}

#[derive(Args, Debug)]
struct ServeArgs {
    /// Port to listen on (0: any free port; the address is printed).
    #[arg(long, short, default_value_t = 1111)]
    port: u16,
    /// Address to listen on. Use 0.0.0.0 to let other devices on the network see it.
    #[arg(long, default_value = "127.0.0.1")]
    bind: IpAddr,
}

#[derive(Args, Debug)]
struct CheckArgs {
    /// Also check that cited http(s) addresses answer (needs network; a few seconds
    /// per address at most). Only in builds of brief with the `external` feature.
    #[arg(long)]
    external: bool,
    /// Check the site as built for this base URL instead of site.toml's.
    #[arg(long)]
    base_url: Option<String>,
}

#[derive(Args, Debug)]
struct NewArgs {
    /// The folder to create the site in.
    dir: PathBuf,
}

#[derive(Args, Debug)]
struct ReviewArgs {
    /// Only print the facts; ask nothing, write nothing.
    #[arg(long)]
    list: bool,
    /// Include facts that already have a decision in the corrections file.
    #[arg(long)]
    all: bool,
}

/// Writes `text` to standard output; a reader that stopped early (`brief extract … |
/// head`) is not an error.
fn print_piped(text: &str) {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("error: could not write to standard output: {e}");
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.jobs > 0 {
        // Fails only if the pool was built already, which nothing does before this.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(cli.jobs)
            .build_global();
    }
    let out = Output {
        quiet: cli.quiet,
        verbose: cli.verbose,
    };
    let result = match cli.command {
        Command::Extract(args) => Ok(extract_command(
            &args.files,
            args.published.as_deref(),
            args.format,
        )),
        Command::Build(args) => run_build(&cli.root, args, out),
        Command::Serve(args) => run_serve(&cli.root, args, out),
        Command::Check(args) => run_check(&cli.root, args, out),
        Command::New(args) => run_new(args, out),
        Command::Review(args) => run_review(&cli.root, args, out),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            print_error(&e);
            ExitCode::from(1)
        }
    }
}

/// How much to print.
#[derive(Debug, Clone, Copy)]
struct Output {
    quiet: bool,
    verbose: bool,
}

/// Prints an error, or each of several ([`Error::Many`], already sorted by file) on its
/// own line, with a count at the end.
fn print_error(e: &Error) {
    let all = e.each();
    for e in &all {
        if let Error::Warned(w) = e {
            eprintln!("warning: {w}");
            continue;
        }
        eprintln!("error: {e}");
        let mut source = std::error::Error::source(*e);
        while let Some(s) = source {
            eprintln!("  caused by: {s}");
            source = s.source();
        }
    }
    let warned = all.iter().filter(|e| matches!(e, Error::Warned(_))).count();
    if all.len() > 1 {
        match warned {
            0 => eprintln!("{} errors; nothing was written", all.len()),
            w => eprintln!(
                "{} errors and {w} warnings; nothing was written",
                all.len() - w
            ),
        }
    }
}

/// Runs `work`; if it takes more than a second and stderr is a terminal, shows a
/// spinner meanwhile. Quiet in pipes and CI.
fn with_progress<T>(out: Output, message: &str, work: impl FnOnce() -> T) -> T {
    if out.quiet || !std::io::stderr().is_terminal() {
        return work();
    }
    let (done, wait) = mpsc::channel::<()>();
    let message = message.to_string();
    let spinner = std::thread::spawn(move || {
        if wait.recv_timeout(Duration::from_secs(1)) != Err(mpsc::RecvTimeoutError::Timeout) {
            return;
        }
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_message(message);
        bar.enable_steady_tick(Duration::from_millis(100));
        let _ = wait.recv();
        bar.finish_and_clear();
    });
    let result = work();
    drop(done);
    let _ = spinner.join();
    result
}

fn extract_command(files: &[PathBuf], published: Option<&str>, format: Format) -> ExitCode {
    let published = match published
        .map(brief::model::date::PartialDate::parse)
        .transpose()
    {
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
                print_error(&e);
                return ExitCode::from(1);
            }
        };
        let reviewed = Default::default();
        let anchors = brief::model::anchors::Anchors::new(&result.doc, &result.facts);
        let provenance = Provenance {
            source_path: path.display().to_string(),
            source_title: result.title.clone(),
            source_url: None,
            page_url: String::new(),
            blocks: &result.doc.blocks,
            anchors: &anchors,
            pdf_url: None,
            published: result.published,
            reviewed: &reviewed,
        };
        let facts = &result.facts;
        events.extend(
            facts
                .events
                .iter()
                .map(|e| EventRecord::new(e, &provenance)),
        );
        statistics.extend(
            facts
                .statistics
                .iter()
                .map(|s| StatisticRecord::new(s, &provenance)),
        );
    }
    match format {
        Format::Json => {
            /// The same records as `data/events.json` and `data/statistics.json`.
            #[derive(serde::Serialize)]
            struct Out<'a> {
                events: &'a [EventRecord],
                statistics: &'a [StatisticRecord],
            }
            let out = Out {
                events: &events,
                statistics: &statistics,
            };
            let mut text = serde_json::to_string_pretty(&out).expect("records serialize");
            text.push('\n');
            print_piped(&text);
        }
        Format::Text => {
            use std::fmt::Write as _;
            let n = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
            let mut text = String::new();
            for e in &events {
                let date = match &e.end {
                    Some(end) => format!("{}..{end}", e.date),
                    None => e.date.clone(),
                };
                let _ = writeln!(
                    text,
                    "{}  p{}  event   {date}  «{}»",
                    e.source_path, e.paragraph, e.span
                );
            }
            for st in &statistics {
                let value = match st.value {
                    Some(v) => v.to_string(),
                    None => format!("{}..{}", n(st.low), n(st.high)),
                };
                let _ = writeln!(
                    text,
                    "{}  p{}  figure  {value} {} ({})  «{}»",
                    st.source_path, st.paragraph, st.unit, st.qualifier, st.span
                );
            }
            print_piped(&text);
            eprintln!(
                "{}, {}",
                counted(events.len(), "event", "events"),
                counted(statistics.len(), "figure", "figures")
            );
        }
    }
    ExitCode::SUCCESS
}

fn run_build(root: &Path, args: BuildArgs, out: Output) -> Result<ExitCode, Error> {
    let start = Instant::now();
    let options = BuildOptions {
        overrides: Overrides {
            base_url: args.base_url,
            output_dir: args.output,
            origin: None,
        },
        dry_run: false,
        ..BuildOptions::default()
    };
    let report = with_progress(out, "building…", || build(root, &options))?;
    if !out.quiet {
        let lines = if out.verbose {
            report.warnings.iter().map(ToString::to_string).collect()
        } else {
            condensed(&report.warnings, WARNINGS_PER_MESSAGE)
        };
        for line in lines {
            eprintln!("warning: {line}");
        }
        if out.verbose {
            for (stage, t) in &report.stages {
                eprintln!("  {stage:<10} {:>8.1} ms", t.as_secs_f64() * 1000.0);
            }
            for l in &report.languages {
                eprintln!("  language   {} {} ({})", l.source, l.language, l.how);
            }
        }
        let n = counted;
        eprintln!(
            "built {} from {}: {}, {}, {} in {:.0} ms",
            n(report.pages, "page", "pages"),
            n(report.sources, "source", "sources"),
            n(report.events, "event", "events"),
            n(report.statistics, "figure", "figures"),
            n(report.warnings.len(), "warning", "warnings"),
            start.elapsed().as_secs_f64() * 1000.0
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn run_serve(root: &Path, args: ServeArgs, out: Output) -> Result<ExitCode, Error> {
    serve::serve(&serve::ServeOptions {
        root: root.to_path_buf(),
        bind: args.bind,
        port: args.port,
        quiet: out.quiet,
    })?;
    Ok(ExitCode::SUCCESS)
}

fn run_check(root: &Path, args: CheckArgs, out: Output) -> Result<ExitCode, Error> {
    let start = Instant::now();
    let options = BuildOptions {
        overrides: Overrides {
            base_url: args.base_url,
            ..Overrides::default()
        },
        dry_run: true,
        ..BuildOptions::default()
    };
    let rendered = with_progress(out, "building…", || render_site(root, &options))?;
    let corrections_path = rendered
        .settings
        .root
        .join(&rendered.settings.config.extract.corrections);
    let mut problems = Vec::new();
    let corrected: Vec<String> =
        match review::CorrectionsFile::read(&corrections_path).and_then(|f| f.ids()) {
            Ok(ids) => ids,
            Err(e) => {
                problems.push(check::Problem::Fact(e.to_string()));
                Vec::new()
            }
        };
    problems.extend(check::check_rendered(&rendered));
    if args.external {
        let links = check::external_links(&rendered.files, &rendered.settings.urls);
        problems.extend(with_progress(out, "checking external links…", || {
            external::check(links)
        })?);
    }
    let decided: HashSet<String> = corrected.into_iter().collect();
    let pending = review::review_items(&rendered.facts, &decided, false);
    if rendered.settings.config.extract.require_review {
        // site.toml asks that every published fact has been looked at by an editor.
        for item in &pending {
            problems.push(check::Problem::Fact(format!(
                "{}: fact {} is waiting for review (run `brief review`)",
                item.source.source,
                item.fact.id()
            )));
        }
    } else if !pending.is_empty() && !out.quiet {
        eprintln!(
            "note: {} facts are waiting for review (run `brief review`)",
            pending.len()
        );
    }
    if !rendered.candidates.is_empty() && !out.quiet {
        // For the editor only: names the gazetteer could add (not a problem).
        let names: Vec<String> = rendered
            .candidates
            .iter()
            .map(|c| {
                let speaker = if c.speaker { ", speaks" } else { "" };
                format!("{} ({}{speaker})", c.name, c.count)
            })
            .collect();
        eprintln!(
            "note: {} names in the sources are not in content/entities.toml: {}",
            names.len(),
            names.join("; ")
        );
    }
    problems.sort();
    for p in &problems {
        println!("{p}");
    }
    if !out.quiet {
        let links = problems
            .iter()
            .filter(|p| matches!(p, check::Problem::Link(_)))
            .count();
        let orphans = problems
            .iter()
            .filter(|p| matches!(p, check::Problem::Orphan(_)))
            .count();
        eprintln!(
            "checked {} pages in {:.0} ms: {} problems ({links} broken links, {orphans} orphan pages, {} other)",
            rendered.report.pages,
            start.elapsed().as_secs_f64() * 1000.0,
            problems.len(),
            problems.len() - links - orphans
        );
    }
    Ok(if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Checking cited addresses over the network (`brief check --external`).
mod external {
    use brief::cmd::check::Problem;
    use brief::util::error::Error;
    use std::collections::BTreeMap;

    /// Without the `external` feature there is no HTTP client in the binary.
    #[cfg(not(feature = "external"))]
    pub fn check(_links: BTreeMap<String, Vec<String>>) -> Result<Vec<Problem>, Error> {
        Err(Error::Invalid {
            path: "brief".into(),
            line: None,
            message: "this brief was built without external link checking; install it \
                      with `cargo install --features external …` to use --external"
                .into(),
        })
    }

    /// HEAD (then GET) each address with a short timeout; anything but a 2xx/3xx
    /// answer is a problem.
    #[cfg(feature = "external")]
    pub fn check(links: BTreeMap<String, Vec<String>>) -> Result<Vec<Problem>, Error> {
        use rayon::prelude::*;
        use std::time::Duration;
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(10)))
            .http_status_as_error(false)
            .build()
            .into();
        let problems = links
            .into_par_iter()
            .filter_map(|(url, pages)| {
                let status = agent
                    .head(&url)
                    .call()
                    .map(|r| r.status().as_u16())
                    .and_then(|s| {
                        if s == 405 || s == 403 {
                            agent.get(&url).call().map(|r| r.status().as_u16())
                        } else {
                            Ok(s)
                        }
                    });
                let reason = match status {
                    Ok(s) if s < 400 => return None,
                    Ok(s) => format!("answered HTTP {s}"),
                    Err(e) => e.to_string(),
                };
                Some(Problem::External { url, pages, reason })
            })
            .collect();
        Ok(problems)
    }
}

fn run_new(args: NewArgs, out: Output) -> Result<ExitCode, Error> {
    let written = scaffold::new_site(&args.dir)?;
    if !out.quiet {
        for path in &written {
            eprintln!("  wrote {}", path.display());
        }
        let dir = args.dir.display();
        eprintln!(
            "created a new site in {dir}. Next:\n  cd {dir}\n  brief serve     \
             # preview at http://127.0.0.1:1111/\n\
             Put your documents in content/sources/ and edit site.toml. To publish on \
             GitHub Pages, push the folder to a GitHub repository and set Settings → \
             Pages → Source to \"GitHub Actions\"; .github/workflows/pages.yml does \
             the rest with brief {}.",
            scaffold::BRIEF_VERSION
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn run_review(root: &Path, args: ReviewArgs, out: Output) -> Result<ExitCode, Error> {
    let options = BuildOptions {
        dry_run: true,
        ..BuildOptions::default()
    };
    let rendered = with_progress(out, "building…", || render_site(root, &options))?;
    let path = rendered
        .settings
        .root
        .join(&rendered.settings.config.extract.corrections);
    let mut file = review::CorrectionsFile::read(&path)?;
    let decided: HashSet<String> = file.ids()?.into_iter().collect();
    let items = review::review_items(&rendered.facts, &decided, args.all);
    if args.list || items.is_empty() {
        print!("{}", review::format_report(&items));
        return Ok(ExitCode::SUCCESS);
    }
    let stdin = std::io::stdin();
    let decisions = review::interactive(&items, &mut stdin.lock(), &mut std::io::stdout())
        .map_err(|e| Error::io("standard input", e))?;
    file.write(&decisions, Some("Added by `brief review`."))?;
    if !out.quiet {
        eprintln!(
            "{} decisions written to {}",
            decisions.len(),
            path.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
