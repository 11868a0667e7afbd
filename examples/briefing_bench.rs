//! Times the briefing stage alone on a site: `cargo run --release --example
//! briefing_bench -- ROOT [RUNS]`. Prints the best wall time and the best CPU time (all
//! threads) of the timeline, the series and the whole stage over the runs (set
//! RAYON_NUM_THREADS to pin the thread count). CPU time is the steadier figure on a
//! loaded machine.
use brief::compose::{self, briefing};
use brief::input::{config, gazetteer, source};
use brief::{convert, extract};
use rayon::prelude::*;
use std::path::Path;
use std::time::{Duration, Instant};

fn main() {
    let mut args = std::env::args().skip(1);
    let root = args.next().expect("usage: briefing_bench ROOT [RUNS]");
    let runs: usize = args
        .next()
        .map_or(3, |r| r.parse().expect("a number of runs"));
    let root = Path::new(&root);
    let settings = config::load(root, &Default::default()).expect("site.toml");
    let content = source::discover(&settings.content_dir).expect("content");
    let docs: Vec<brief::model::document::Document> = content
        .sources
        .par_iter()
        .map(|s| convert::convert(s.body(), s.format))
        .collect();
    let resolved: Vec<_> = content
        .sources
        .iter()
        .zip(&docs)
        .map(|(s, d)| convert::resolve(s, d))
        .collect();
    let facts: Vec<brief::model::facts::Facts> = content
        .sources
        .par_iter()
        .zip(docs.par_iter())
        .zip(resolved.par_iter())
        .map(|((s, d), r)| {
            let ctx = brief::extract_context(s, r, &settings.config.language);
            extract::extract_document(&d.blocks, &ctx)
        })
        .collect();
    let inputs = gazetteer::load_inputs(&settings.content_dir).expect("inputs");
    let parts = compose::Parts {
        content,
        docs,
        resolved,
        facts,
        corrections: &Default::default(),
        inputs: &inputs,
    };
    let site = compose::compose(&settings, parts);
    let (events, figures) = briefing::fact_lists(&site.sources);
    let best = |f: &dyn Fn() -> usize| {
        let (mut wall, mut cpu) = (Duration::MAX, Duration::MAX);
        let mut n = 0;
        for _ in 0..runs {
            let (t, c) = (Instant::now(), cpu_time());
            n = f();
            wall = wall.min(t.elapsed());
            cpu = cpu.min(cpu_time().saturating_sub(c));
        }
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        format!("{:>8.1} ms wall {:>8.1} ms cpu  {n}", ms(wall), ms(cpu))
    };
    let timeline = best(&|| compose::timeline::build(&events).len());
    println!("timeline {timeline} entries");
    let series = best(&|| compose::series::build(&figures).len());
    println!("series   {series} measures");
    let all = best(&|| {
        briefing::build(
            &site.sources,
            &inputs,
            &settings.config.briefing,
            &site.corrections.highlight,
        )
        .timeline
        .len()
    });
    println!("briefing {all} timeline entries");
}

/// CPU time of the whole process (every thread) so far.
#[cfg(target_os = "linux")]
fn cpu_time() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid timespec for the call to fill.
    unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut t) };
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

/// CPU time (not measured on this system).
#[cfg(not(target_os = "linux"))]
fn cpu_time() -> Duration {
    Duration::ZERO
}
