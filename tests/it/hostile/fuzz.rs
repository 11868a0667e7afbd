//! A stable-toolchain stand-in for `cargo fuzz` (which needs nightly): runs the same
//! targets (fuzz/src/targets.rs) on inputs mutated from a seed corpus with a
//! deterministic PRNG, for a set time per target. Ignored by default:
//!
//! ```sh
//! BRIEF_FUZZ_SECS=120 cargo test --release --test it hostile::fuzz:: -- --ignored --nocapture
//! ```
//!
//! `BRIEF_FUZZ_SEED` picks the seed (default 1); a crashing input is written to
//! `target/fuzz-crashes/TARGET-N.bin` and the test fails naming it.

use crate::targets;

use std::panic;
use std::time::{Duration, Instant};

/// xorshift64*: small, deterministic, good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Fragments spliced into inputs: the syntax each converter reacts to.
const DICT: &[&[u8]] = &[
    b"\n",
    b"\n\n",
    b"\r",
    b"\r\n",
    b"\xef\xbb\xbf",
    b"\xff",
    b"\xc3",
    b"\xe6\x97\xa5",
    b"> ",
    b"- ",
    b"1. ",
    b"    ",
    b"## ",
    b"```",
    b"[^1]",
    b"[^1]: ",
    b"[3] ",
    b"<",
    b">",
    b"&#x",
    b"&#",
    b"&amp;",
    b";",
    b"<p>",
    b"</p>",
    b"<div>",
    b"</div>",
    b"<br>",
    b"<pre>",
    b"<li>",
    b"<table>",
    b"<td>",
    b"<!--",
    b"-->",
    b"2019",
    b"20106",
    b"1,000",
    b"1,2,3,4",
    b"10^999",
    b"1e999",
    b"50%",
    b"$3.5 million",
    b"more than ",
    b"between ",
    b" and ",
    b"March 3, 2020",
    b"13 February, 2020",
    b"05-23-2018",
    b"2019-13-45",
    b"In January",
    b"10 years ago",
    b"+++\n",
    b"title = \"x\"\n",
    b"\xc2\xa0",
    b"\xe2\x80\xae",
    b"*",
    b"_",
    b"|",
    b"\\",
    b"`",
];

fn seeds() -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = vec![
        b"Title\n\nOn 3 March 2020, more than 5,000 people were returned.\n".to_vec(),
        b"+++\ntitle = \"t\"\n+++\n# H\n\n> quote on May 1, 2019[^1]\n\n[^1]: note\n".to_vec(),
        b"<html><body><h1>T</h1><p>In 2019, 40% of 1,000 &amp; more.</p><ul><li>x</li></ul></body></html>".to_vec(),
    ];
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/content/sources");
    if let Ok(entries) = std::fs::read_dir(dir) {
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            if p.extension().is_some_and(|e| e == "txt") {
                let bytes = std::fs::read(&p).unwrap();
                // Slices of the real corpus keep each run fast.
                for chunk in bytes.chunks(2000).take(4) {
                    out.push(chunk.to_vec());
                }
            }
        }
    }
    out
}

fn mutate(rng: &mut Rng, corpus: &[Vec<u8>]) -> Vec<u8> {
    let mut data = corpus[rng.below(corpus.len())].clone();
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(data.len() + 1);
        match rng.below(6) {
            0 => data.insert(at, rng.next() as u8),
            1 if at < data.len() => {
                data.remove(at);
            }
            2 => {
                let piece = DICT[rng.below(DICT.len())];
                data.splice(at..at, piece.iter().copied());
            }
            3 => {
                let piece = DICT[rng.below(DICT.len())];
                let n = 1 + rng.below(64);
                let rep = piece.repeat(n);
                data.splice(at..at, rep);
            }
            4 => {
                // Splice in a slice of another corpus entry.
                let other = &corpus[rng.below(corpus.len())];
                let a = rng.below(other.len());
                let b = (a + rng.below(200)).min(other.len());
                data.splice(at..at, other[a..b].iter().copied());
            }
            _ if at < data.len() => data[at] = rng.next() as u8,
            _ => {}
        }
    }
    data.truncate(20_000);
    data
}

/// One fuzz target's entry point.
type Target = fn(&[u8]);

fn run(name: &str, target: Target, secs: u64, seed: u64) -> (u64, Vec<String>) {
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let mut corpus = seeds();
    let deadline = Instant::now() + Duration::from_secs(secs);
    let mut runs = 0u64;
    let mut crashes = Vec::new();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/target/fuzz-crashes");
    while Instant::now() < deadline {
        let input = mutate(&mut rng, &corpus);
        runs += 1;
        if panic::catch_unwind(|| target(&input)).is_err() {
            std::fs::create_dir_all(dir).unwrap();
            let path = format!("{dir}/{name}-{}.bin", crashes.len());
            std::fs::write(&path, &input).unwrap();
            crashes.push(path);
            if crashes.len() >= 5 {
                break;
            }
        } else if rng.below(50) == 0 && corpus.len() < 500 {
            // Keep some survivors so mutations stack up.
            corpus.push(input);
        }
    }
    (runs, crashes)
}

#[test]
#[ignore = "runs for BRIEF_FUZZ_SECS per target; see the module doc"]
fn fuzz_all_targets_on_stable() {
    let secs: u64 = std::env::var("BRIEF_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let seed: u64 = std::env::var("BRIEF_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let targets: [(&str, Target); 4] = [
        ("convert_text", targets::convert_text),
        ("convert_markdown", targets::convert_markdown),
        ("convert_html", targets::convert_html),
        ("extract", targets::extract),
    ];
    let mut all = Vec::new();
    for (name, target) in targets {
        let start = Instant::now();
        let (runs, crashes) = run(name, target, secs, seed);
        println!(
            "fuzz {name}: {runs} inputs in {:.1?}, {} crashes",
            start.elapsed(),
            crashes.len()
        );
        all.extend(crashes);
    }
    assert!(all.is_empty(), "crashing inputs saved: {all:#?}");
}
