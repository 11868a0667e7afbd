//! The briefing pages on the flagship corpus, with facts taken from the hand-made gold
//! annotations (so these tests do not depend on the extractor's accuracy): one timeline
//! entry for the start of MPP citing both documents that date it, the "returned to
//! Mexico" series across three documents, marks and cross-links, and the pages under a
//! subpath. Set `BRIEF_PREVIEW_OUT=/some/dir` to also write the rendered site there.

use brief::compose;
use brief::convert;
use brief::input::config::{self, Overrides};
use brief::input::source;
use brief::model::date::PartialDate;
use brief::model::facts::{Event, Facts, Statistic};
use brief::output::OutputFile;
use brief::render::{Renderer, Theme};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn gold_dir() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    [
        root.join("tests/gold"),
        PathBuf::from("/work/shared/corpus/gold"),
    ]
    .into_iter()
    .find(|p| p.is_dir())
}

fn date(v: &Value) -> (PartialDate, Option<PartialDate>) {
    match v {
        Value::String(s) => (PartialDate::parse(s).unwrap(), None),
        Value::Object(o) => (
            PartialDate::parse(o["start"].as_str().unwrap()).unwrap(),
            Some(PartialDate::parse(o["end"].as_str().unwrap()).unwrap()),
        ),
        _ => panic!("bad gold date {v}"),
    }
}

/// Gold annotations → facts placed in the converted document's blocks.
fn gold_facts(doc: &brief::model::document::Document, gold: &Value, tag: &str) -> Facts {
    let place = |sentence: &str| -> Option<(u32, usize)> {
        doc.blocks
            .iter()
            .find_map(|b| b.text.find(sentence).map(|at| (b.paragraph, at)))
    };
    let mut facts = Facts::default();
    for (n, e) in gold["events"].as_array().unwrap().iter().enumerate() {
        let sentence = e["sentence"].as_str().unwrap();
        let Some((paragraph, at)) = place(sentence) else {
            continue;
        };
        let span = e["text_span"].as_str().unwrap();
        let (d, end) = date(&e["date"]);
        facts.events.push(
            Event {
                id: format!("ev-{tag}-{n}"),
                date: d,
                end,
                relative: e["relative"].as_bool().unwrap_or(false),
                span: span.into(),
                quote: sentence.into(),
                quote_offset: at,
                span_offset: sentence.find(span).unwrap_or(0),
                paragraph,
                title: e["what"].as_str().unwrap().into(),
            }
            .into(),
        );
    }
    for (n, s) in gold["statistics"].as_array().unwrap().iter().enumerate() {
        let sentence = s["sentence"].as_str().unwrap();
        let Some((paragraph, at)) = place(sentence) else {
            continue;
        };
        let span = s["text_span"].as_str().unwrap();
        let (value, low, high) = match &s["value"] {
            Value::Object(o) => (None, o["low"].as_f64(), o["high"].as_f64()),
            v => (v.as_f64(), None, None),
        };
        facts.statistics.push(
            Statistic {
                id: format!("st-{tag}-{n}"),
                value,
                low,
                high,
                of: s.get("of").and_then(Value::as_f64),
                unit: s["unit"].as_str().unwrap().into(),
                qualifier: brief::model::facts::Qualifier::parse(s["qualifier"].as_str().unwrap())
                    .expect("a known qualifier"),
                span: span.into(),
                quote: sentence.into(),
                quote_offset: at,
                span_offset: sentence.find(span).unwrap_or(0),
                measure: s["what"].as_str().unwrap().into(),
                as_of: None,
                paragraph,
            }
            .into(),
        );
    }
    facts
}

struct Built {
    site: brief::model::site::Site,
    files: Vec<OutputFile>,
}

fn build_flagship(gold: &Path) -> Built {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let settings = config::load(
        root,
        &Overrides {
            base_url: Some("https://example.org/mpp-briefing/".into()),
            ..Overrides::default()
        },
    )
    .unwrap();
    let content = source::discover(&settings.content_dir).unwrap();
    let docs: Vec<brief::model::document::Document> = content
        .sources
        .iter()
        .map(|s| convert::convert(s.body(), s.format))
        .collect();
    let facts: Vec<Facts> = content
        .sources
        .iter()
        .zip(&docs)
        .enumerate()
        .map(|(i, (s, d))| {
            let stem = s.file_name.split('.').next().unwrap().to_string();
            let path = gold.join(format!("{stem}.gold.json"));
            match std::fs::read_to_string(&path) {
                Ok(text) => gold_facts(d, &serde_json::from_str(&text).unwrap(), &i.to_string()),
                Err(_) => Facts::default(),
            }
        })
        .collect();
    let resolved = content
        .sources
        .iter()
        .zip(&docs)
        .map(|(s, d)| convert::resolve(s, d))
        .collect();
    let inputs = brief::input::gazetteer::load_inputs(&settings.content_dir).unwrap();
    let parts = compose::Parts {
        content,
        docs,
        resolved,
        facts,
        corrections: &Default::default(),
        inputs: &inputs,
    };
    let site = compose::compose(&settings, parts);
    let theme = Theme::load(root, &settings.config.theme, &settings.urls).unwrap();
    let sink = brief::output::Collect::default();
    Renderer::new(&settings, &site, &theme)
        .unwrap()
        .render(&sink)
        .unwrap();
    let files = sink.into_files().unwrap();
    if let Ok(out) = std::env::var("BRIEF_PREVIEW_OUT") {
        for f in &files {
            let p = Path::new(&out).join(&f.path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, &f.bytes).unwrap();
        }
    }
    Built { site, files }
}

fn page<'a>(b: &'a Built, path: &str) -> &'a str {
    let f = b
        .files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("no {path}"));
    std::str::from_utf8(&f.bytes).unwrap()
}

#[test]
fn flagship_briefing_cross_links_sources() {
    let Some(gold) = gold_dir() else {
        eprintln!("no gold annotations here; skipped");
        return;
    };
    let b = build_flagship(&gold);
    let br = &b.site.briefing;

    // The start of MPP: one entry, citing 000 ("January" → 2019-01) and 001 ("December 2018").
    let starts: Vec<_> = br
        .timeline
        .iter()
        .filter(|e| {
            e.reports
                .iter()
                .any(|r| r.event.title.contains("Migrant Protection Protocols"))
                && e.reports.iter().any(|r| {
                    r.event.date == PartialDate::parse("2018-12").unwrap()
                        || r.event.date == PartialDate::parse("2019-01").unwrap()
                })
        })
        .collect();
    assert_eq!(starts.len(), 1, "{starts:#?}");
    let start = starts[0];
    let sources: Vec<usize> = start.reports.iter().map(|r| r.source).collect();
    assert_eq!(sources, [0, 1]);
    assert!(start.conflicting);
    let timeline = page(&b, "timeline/index.html");
    assert!(timeline.contains(&format!("id=\"{}\"", start.id)));
    assert!(
        timeline.contains("December 2018 (Washington Office on Latin America (WOLA)) / January 2019 (The Globe Post)")
            || timeline.contains("January 2019 (The Globe Post) / December 2018"),
        "conflicting dates are shown"
    );
    assert!(timeline.contains("<time datetime=\"2018-12\">December 2018</time>"));

    // The "returned to Mexico under MPP" series: 001 → 004 → 003.
    let series = br
        .measures
        .iter()
        .find(|m| m.points.iter().any(|p| p.stat.value == Some(57000.0)))
        .expect("a measure with 57,000");
    let values: Vec<f64> = series.points.iter().filter_map(|p| p.stat.value).collect();
    assert_eq!(values, [50000.0, 55000.0, 57000.0], "{series:#?}");
    let stats = page(&b, "statistics/index.html");
    assert!(stats.contains(&format!("id=\"{}\"", series.id)));
    assert!(stats.contains("<svg"), "series are drawn");
    assert!(stats.contains("application/ld+json") && stats.contains("\"Dataset\""));

    // Source pages mark facts and link back; every link carries the base path.
    let wola = page(&b, "sources/001-13c3848cb01a7b47/index.html");
    assert!(
        wola.contains(&format!(
            "href=\"/mpp-briefing/timeline/#{}\"><mark id=\"mark-",
            start.id
        )),
        "event mark links to its timeline entry"
    );
    assert!(wola.contains("href=\"/mpp-briefing/statistics/#"));
    // The rights-reserved source shows its quoted sentences, not its text.
    let reserved = page(&b, "sources/004-6f541f5bf407c4c5/index.html");
    assert!(reserved.contains("class=\"quoted\""));
    assert!(!reserved.contains("id=\"p-3\""));

    // Entities: pages exist, quotes are attributed.
    let levy = page(&b, "entities/taylor-levy/index.html");
    assert!(
        levy.contains("Extortions start at $10,000"),
        "Levy's quote is on her page"
    );
    assert!(page(&b, "entities/nuevo-laredo/index.html").contains("Nuevo Laredo"));
    assert!(page(&b, "timeline/nuevo-laredo/index.html").contains("<ol class=\"events\">"));

    // Other pages and data.
    for p in [
        "index.html",
        "methodology/index.html",
        "brief/index.html",
        "search/index.html",
        "entities/index.html",
    ] {
        assert!(page(&b, p).contains("<main id=\"main\""), "{p}");
    }
    let tl: Value = serde_json::from_str(page(&b, "data/timeline.json")).unwrap();
    // 26 events, one entry per sentence and per happening.
    assert!(tl["events"].as_array().unwrap().len() >= 15);
    assert!(tl["events"][0]["start_date"]["year"].is_string());
    assert!(b.files.iter().any(|f| f.path == "pagefind/pagefind.js"));
    for f in &b.files {
        if f.path.ends_with(".html") {
            let html = std::str::from_utf8(&f.bytes).unwrap();
            assert!(
                !html.contains("href=\"/timeline"),
                "{}: link without base path",
                f.path
            );
            assert!(
                !html.contains("href=\"/sources"),
                "{}: link without base path",
                f.path
            );
        }
    }
}
