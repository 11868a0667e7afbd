//! Scores the extractor against the hand-made gold of the five flagship sources, with
//! the matching rules of `score_extraction.py`: same resolved date (events) or value
//! (statistics), evidence sentences sharing at least half of the shorter one's words,
//! greedy one-to-one matching in gold order. Asserts F1 >= 0.95 for each kind, and that
//! every quote is verbatim in its block and every span in its quote.
//!
//! Set `BRIEF_EXTRACT_DUMP=DIR` to also write `DIR/data/events.json` and
//! `DIR/data/statistics.json` for the Python scorer.

use brief::extract::{Context, extract_document};
use brief::model::date::PartialDate;
use brief::model::document::{Block, BlockKind};
use brief::model::facts::Facts;
use regex::Regex;
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::path::Path;

/// A naive segmentation: blocks are runs of text between blank lines, numbered from 1,
/// all paragraphs (a line starting with `--` is an attribution), no notes. Scoring with
/// it as well as with the real converter shows the extractor does not depend on the
/// converter's footnote markers or furniture removal.
fn naive_blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut offset = 0;
    for piece in text.split("\n\n") {
        let start = offset;
        offset += piece.len() + 2;
        let trimmed = piece.trim_matches('\n');
        if trimmed.trim().is_empty() {
            continue;
        }
        let lead = piece.find(trimmed).unwrap_or(0);
        let kind = if trimmed.starts_with("--") {
            BlockKind::Attribution
        } else {
            BlockKind::Paragraph
        };
        blocks.push(Block {
            kind,
            text: trimmed.to_string(),
            start: Some(start + lead),
            paragraph: blocks.len() as u32 + 1,
            notes: vec![],
        });
    }
    blocks
}

fn words(s: &str) -> BTreeSet<String> {
    let re = Regex::new(r"[\w$%]+").unwrap();
    re.find_iter(&s.to_lowercase())
        .map(|m| m.as_str().to_string())
        .collect()
}

fn overlap(a: &str, b: &str) -> f64 {
    let (wa, wb) = (words(a), words(b));
    if wa.is_empty() || wb.is_empty() {
        return 0.0;
    }
    wa.intersection(&wb).count() as f64 / wa.len().min(wb.len()) as f64
}

fn num_eq(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9_f64.max(1e-6 * a.abs().max(b.abs()))
}

/// Greedy one-to-one matching: for each gold item in order, the unused prediction with
/// the same key and the best sentence overlap (>= 0.5). Returns hits and the misses.
fn score<P>(
    preds: &[P],
    golds: &[Value],
    same: impl Fn(&P, &Value) -> bool,
    quote: impl Fn(&P) -> &str,
) -> (usize, Vec<String>, Vec<usize>) {
    let mut used = vec![false; preds.len()];
    let mut hits = 0;
    let mut missed = Vec::new();
    for g in golds {
        let gs = g["sentence"].as_str().unwrap_or("");
        let mut best: Option<(usize, f64)> = None;
        for (i, p) in preds.iter().enumerate() {
            if used[i] || !same(p, g) {
                continue;
            }
            let ov = overlap(quote(p), gs);
            if ov >= 0.5 && best.is_none_or(|(_, b)| ov > b) {
                best = Some((i, ov));
            }
        }
        match best {
            Some((i, _)) => {
                used[i] = true;
                hits += 1;
            }
            None => missed.push(format!(
                "{} {:?}",
                g.get("date").or(g.get("value")).unwrap(),
                g["text_span"]
            )),
        }
    }
    let extra = (0..preds.len()).filter(|&i| !used[i]).collect();
    (hits, missed, extra)
}

fn gold_date(g: &Value) -> (String, Option<String>) {
    match &g["date"] {
        Value::Object(o) => (
            o["start"].as_str().unwrap().to_string(),
            Some(o["end"].as_str().unwrap().to_string()),
        ),
        v => (v.as_str().unwrap().to_string(), None),
    }
}

fn gold_value(g: &Value) -> (f64, Option<f64>) {
    match &g["value"] {
        Value::Object(o) => (
            o["low"].as_f64().unwrap(),
            Some(o["high"].as_f64().unwrap()),
        ),
        v => (v.as_f64().unwrap(), None),
    }
}

fn prf(h: usize, np: usize, ng: usize) -> (f64, f64, f64) {
    let p = if np > 0 { h as f64 / np as f64 } else { 0.0 };
    let r = if ng > 0 { h as f64 / ng as f64 } else { 0.0 };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

fn published(meta: &str) -> Option<PartialDate> {
    let v: toml::Table = toml::from_str(meta).ok()?;
    PartialDate::parse(v.get("published")?.as_str()?).ok()
}

fn real_blocks(text: &str) -> Vec<Block> {
    brief::convert::convert(text, brief::model::document::Format::Text).blocks
}

#[test]
fn gold_f1_on_the_flagship_sources() {
    score_flagship(real_blocks, true);
}

#[test]
fn gold_f1_without_the_converter_s_help() {
    score_flagship(naive_blocks, false);
}

fn score_flagship(segment: fn(&str) -> Vec<Block>, dump: bool) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<_> = std::fs::read_dir(root.join("content/sources"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    let (mut te, mut ts) = ([0usize; 3], [0usize; 3]);
    let mut report = String::new();
    let mut dump_events = Vec::new();
    let mut dump_stats = Vec::new();
    for path in &names {
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(path).unwrap();
        let meta = std::fs::read_to_string(path.with_extension("meta.toml")).unwrap_or_default();
        let ctx = Context {
            published: published(&meta),
            language: "en".into(),
        };
        let blocks = segment(&text);
        let facts: Facts = extract_document(&blocks, &ctx);
        let gold: Value = serde_json::from_str(
            &std::fs::read_to_string(root.join(format!("tests/gold/{stem}.gold.json"))).unwrap(),
        )
        .unwrap();
        // Verbatim checks.
        for e in &facts.events {
            let b = blocks.iter().find(|b| b.paragraph == e.paragraph).unwrap();
            assert_eq!(
                b.text.get(e.quote_offset..e.quote_offset + e.quote.len()),
                Some(e.quote.as_str())
            );
            assert_eq!(
                e.quote.get(e.span_offset..e.span_offset + e.span.len()),
                Some(e.span.as_str())
            );
        }
        for s in &facts.statistics {
            let b = blocks.iter().find(|b| b.paragraph == s.paragraph).unwrap();
            assert_eq!(
                b.text.get(s.quote_offset..s.quote_offset + s.quote.len()),
                Some(s.quote.as_str())
            );
            assert_eq!(
                s.quote.get(s.span_offset..s.span_offset + s.span.len()),
                Some(s.span.as_str())
            );
        }
        let ge = gold["events"].as_array().unwrap();
        let gs = gold["statistics"].as_array().unwrap();
        let (he, me, xe) = score(
            &facts.events,
            ge,
            |p, g| (p.date.to_string(), p.end.map(|e| e.to_string())) == gold_date(g),
            |p| &p.quote,
        );
        let (hs, ms, xs) = score(
            &facts.statistics,
            gs,
            |p, g| {
                let (a, b) = gold_value(g);
                match (b, p.low, p.high) {
                    (Some(hi), Some(l), Some(h)) => num_eq(a, l) && num_eq(hi, h),
                    (None, _, _) => p.value.is_some_and(|v| num_eq(v, a)),
                    _ => false,
                }
            },
            |p| &p.quote,
        );
        for (kind, h, np, ng, missed, extra) in [
            (
                "events",
                he,
                facts.events.len(),
                ge.len(),
                &me,
                xe.iter()
                    .map(|&i| {
                        format!(
                            "{}{} {:?}",
                            facts.events[i].date,
                            facts.events[i]
                                .end
                                .map(|e| format!("..{e}"))
                                .unwrap_or_default(),
                            facts.events[i].span
                        )
                    })
                    .collect::<Vec<_>>(),
            ),
            (
                "statistics",
                hs,
                facts.statistics.len(),
                gs.len(),
                &ms,
                xs.iter()
                    .map(|&i| {
                        format!(
                            "{:?}/{:?}..{:?} {:?}",
                            facts.statistics[i].value,
                            facts.statistics[i].low,
                            facts.statistics[i].high,
                            facts.statistics[i].span
                        )
                    })
                    .collect::<Vec<_>>(),
            ),
        ] {
            let (p, r, f) = prf(h, np, ng);
            report += &format!(
                "{stem} {kind:10} gold={ng:3} pred={np:3} hit={h:3} P={p:.2} R={r:.2} F1={f:.2}\n"
            );
            for m in missed {
                report += &format!("    MISSED {m}\n");
            }
            for x in extra {
                report += &format!("    EXTRA  {x}\n");
            }
        }
        for (t, h, np, ng) in [
            (&mut te, he, facts.events.len(), ge.len()),
            (&mut ts, hs, facts.statistics.len(), gs.len()),
        ] {
            t[0] += h;
            t[1] += np;
            t[2] += ng;
        }
        let source_path = format!("sources/{stem}.txt");
        for e in &facts.events {
            dump_events.push(json!({
                "id": e.id, "source_path": source_path, "date": e.date.to_string(),
                "end": e.end.map(|d| d.to_string()), "precision": format!("{:?}", e.date.precision()).to_lowercase(),
                "display_date": e.date.display_en(), "relative": e.relative, "span": e.span,
                "quote": e.quote, "paragraph": e.paragraph, "title": e.title,
            }));
        }
        for s in &facts.statistics {
            dump_stats.push(json!({
                "id": s.id, "source_path": source_path, "value": s.value, "low": s.low, "high": s.high,
                "of": s.of, "unit": s.unit, "qualifier": s.qualifier, "span": s.span, "quote": s.quote,
                "measure": s.measure, "as_of": s.as_of.map(|d| d.to_string()), "paragraph": s.paragraph,
            }));
        }
    }
    let (pe, re, fe) = prf(te[0], te[1], te[2]);
    let (ps, rs, fs) = prf(ts[0], ts[1], ts[2]);
    report += &format!(
        "TOTAL events     gold={} pred={} hit={} P={pe:.3} R={re:.3} F1={fe:.3}\n",
        te[2], te[1], te[0]
    );
    report += &format!(
        "TOTAL statistics gold={} pred={} hit={} P={ps:.3} R={rs:.3} F1={fs:.3}\n",
        ts[2], ts[1], ts[0]
    );
    println!("{report}");
    if let (true, Ok(dir)) = (dump, std::env::var("BRIEF_EXTRACT_DUMP")) {
        let data = Path::new(&dir).join("data");
        std::fs::create_dir_all(&data).unwrap();
        std::fs::write(
            data.join("events.json"),
            serde_json::to_string_pretty(&json!({"events": dump_events})).unwrap(),
        )
        .unwrap();
        std::fs::write(
            data.join("statistics.json"),
            serde_json::to_string_pretty(&json!({"statistics": dump_stats})).unwrap(),
        )
        .unwrap();
    }
    assert!(fe >= 0.95 && fs >= 0.95, "F1 below 0.95:\n{report}");
    if dump {
        // The methodology page shows content/accuracy.toml; it must say what was measured.
        let recorded: toml::Table =
            toml::from_str(&std::fs::read_to_string(root.join("content/accuracy.toml")).unwrap())
                .unwrap();
        let expect = [
            (
                format!("Dated events ({} in the gold annotation)", te[2]),
                format!(
                    "precision {pe:.3}, recall {re:.3}, F1 {fe:.3} ({} found)",
                    te[1]
                ),
            ),
            (
                format!("Statistics ({} in the gold annotation)", ts[2]),
                format!(
                    "precision {ps:.3}, recall {rs:.3}, F1 {fs:.3} ({} found)",
                    ts[1]
                ),
            ),
        ];
        for (k, v) in expect {
            assert_eq!(
                recorded.get(&k).and_then(|x| x.as_str()),
                Some(v.as_str()),
                "content/accuracy.toml is out of date: set {k:?} = {v:?}"
            );
        }
    }
}
