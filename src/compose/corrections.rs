//! Corrections: the editor's fixes to what the machine extracted.
//!
//! In: the corrections file (read by [`crate::input::corrections`]) and the extracted [`Facts`] of every source. Out: the
//! facts with the corrections applied, and a [`CorrectionReport`] (what was dropped,
//! fixed, approved or added, and which corrections point at nothing). Corrections are
//! keyed by fact id, so they survive rebuilds as long as the sentence does not change.
//! [`crate::input::corrections`] reads the file; `brief review` and the review page of
//! `brief serve` write it.
//!
//! ```toml
//! [[correction]]
//! id = "ev-3f2a9c1b0d"     # the fact's id (see data/events.json)
//! action = "fix"           # approve | drop | fix
//! note = "The article means January 2019."
//! date = "2019-01"         # for fix: date, end, relative, title,
//!                          # value, low, high, of, unit, qualifier, measure, as_of
//!
//! [[add]]                  # a fact the machine missed
//! kind = "statistic"       # event | statistic
//! source = "sources/004_x.txt"
//! quote = "More than 55,000 migrants have been sent to Mexico under the MPP program, …"
//! span = "More than 55,000 migrants"
//! value = 55000
//! unit = "people"
//! qualifier = "more than"
//! measure = "migrants sent to Mexico under MPP"
//! ```

use crate::input::corrections::{Action, Corrections, Entry, Kind};
use crate::model::date::PartialDate;
use crate::model::document::Document;
use crate::model::facts::{Event, Facts, Qualifier, Statistic};
use crate::model::site::CorrectionReport;
use crate::util::error::Warning;
use sha2::{Digest, Sha256};
use std::sync::Arc;

fn apply_event_fields(e: &mut Event, f: &Entry) -> bool {
    let mut changed = false;
    if let Some(d) = f.date {
        e.date = d;
        changed = true;
    }
    if let Some(end) = &f.end {
        e.end = PartialDate::parse(end).ok();
        changed = true;
    }
    if let Some(r) = f.relative {
        e.relative = r;
        changed = true;
    }
    if let Some(t) = &f.title {
        e.title = t.clone();
        changed = true;
    }
    changed
}

fn apply_stat_fields(s: &mut Statistic, f: &Entry) -> bool {
    let before = format!("{s:?}");
    if f.value.is_some() {
        s.value = f.value;
        s.low = None;
        s.high = None;
    }
    if f.low.is_some() || f.high.is_some() {
        s.low = f.low.or(s.low);
        s.high = f.high.or(s.high);
        s.value = None;
    }
    if f.of.is_some() {
        s.of = f.of;
    }
    if let Some(u) = &f.unit {
        s.unit = u.clone();
    }
    if let Some(q) = f.qualifier {
        s.qualifier = q;
    }
    if let Some(m) = &f.measure {
        s.measure = m.clone();
    }
    if f.as_of.is_some() {
        s.as_of = f.as_of;
    }
    before != format!("{s:?}")
}

fn short_hash(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0u8]);
    }
    h.finalize()
        .iter()
        .take(5)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Applies the corrections to the facts of each source (`paths[i]` is the path under
/// content/ of the source whose document is `docs[i]` and facts are `facts[i]`).
pub fn apply(
    corrections: &Corrections,
    paths: &[&str],
    docs: &[Document],
    facts: &mut [Facts],
) -> CorrectionReport {
    let mut report = CorrectionReport::default();
    let rel = corrections.path.clone();
    for c in &corrections.correction {
        let (Some(id_spanned), Some(action)) = (&c.id, c.action) else {
            report.warnings.push(Warning {
                path: Some(rel.clone()),
                line: None,
                message:
                    "a [[correction]] needs both `id` and `action` (approve, drop or fix); skipped"
                        .into(),
            });
            continue;
        };
        let id = id_spanned.get_ref();
        let line = corrections.line_of(id_spanned.span());
        if let Some(h) = c.highlight
            && action != Action::Drop
        {
            report.highlight.insert(id.clone(), h);
        }
        let mut found = false;
        for f in facts.iter_mut() {
            if let Some(pos) = f.events.iter().position(|e| &e.id == id) {
                found = true;
                match action {
                    Action::Drop => {
                        f.events.remove(pos);
                        report.dropped += 1;
                        report.events.dropped += 1;
                    }
                    Action::Approve => {
                        report.approved += 1;
                        report.events.approved += 1;
                        report.reviewed.insert(id.clone());
                    }
                    Action::Fix => {
                        if apply_event_fields(Arc::make_mut(&mut f.events[pos]), c) {
                            report.fixed += 1;
                            report.events.fixed += 1;
                        }
                        report.reviewed.insert(id.clone());
                    }
                }
                break;
            }
            if let Some(pos) = f.statistics.iter().position(|s| &s.id == id) {
                found = true;
                match action {
                    Action::Drop => {
                        f.statistics.remove(pos);
                        report.dropped += 1;
                        report.statistics.dropped += 1;
                    }
                    Action::Approve => {
                        report.approved += 1;
                        report.statistics.approved += 1;
                        report.reviewed.insert(id.clone());
                    }
                    Action::Fix => {
                        if apply_stat_fields(Arc::make_mut(&mut f.statistics[pos]), c) {
                            report.fixed += 1;
                            report.statistics.fixed += 1;
                        }
                        report.reviewed.insert(id.clone());
                    }
                }
                break;
            }
        }
        if !found {
            report.warnings.push(Warning {
                path: Some(rel.clone()),
                line: Some(line),
                message: format!(
                    "correction for `{id}` points at no extracted fact (the sentence may have changed, or it was dropped above); remove it or update the id"
                ),
            });
        }
    }
    for a in &corrections.add {
        let (Some(kind), Some(source), Some(quote), Some(span)) =
            (a.kind, &a.source, &a.quote, &a.span)
        else {
            report.warnings.push(Warning {
                path: Some(rel.clone()),
                line: None,
                message: "an [[add]] needs `kind`, `source`, `quote` and `span`; skipped".into(),
            });
            continue;
        };
        let line = corrections.line_of(source.span());
        let warn = |report: &mut CorrectionReport, message: String| {
            report.warnings.push(Warning {
                path: Some(rel.clone()),
                line: Some(line),
                message,
            })
        };
        let Some(i) = paths.iter().position(|p| *p == source.get_ref()) else {
            warn(
                &mut report,
                format!(
                    "added fact names source `{}`, which does not exist",
                    source.get_ref()
                ),
            );
            continue;
        };
        let Some((block, quote_offset)) = docs[i]
            .blocks
            .iter()
            .find_map(|b| b.text.find(quote.as_str()).map(|o| (b, o)))
        else {
            warn(
                &mut report,
                format!(
                    "added fact's quote is not found verbatim in {}",
                    source.get_ref()
                ),
            );
            continue;
        };
        let Some(span_offset) = quote.find(span.as_str()) else {
            warn(
                &mut report,
                "added fact's span is not inside its quote".to_string(),
            );
            continue;
        };
        let hash = short_hash(&[source.get_ref(), quote, span]);
        match kind {
            Kind::Event => {
                let Some(date) = a.date else {
                    warn(&mut report, "added event needs a `date`".into());
                    continue;
                };
                let mut e = Event {
                    id: format!("ev-{hash}"),
                    date,
                    end: None,
                    relative: false,
                    span: span.clone(),
                    quote: quote.clone(),
                    quote_offset,
                    span_offset,
                    paragraph: block.paragraph,
                    title: a.title.clone().unwrap_or_else(|| span.clone()),
                };
                apply_event_fields(&mut e, a);
                report.reviewed.insert(e.id.clone());
                facts[i].events.push(e.into());
            }
            Kind::Statistic => {
                if a.value.is_none() && (a.low.is_none() || a.high.is_none()) {
                    warn(
                        &mut report,
                        "added statistic needs `value`, or `low` and `high`".into(),
                    );
                    continue;
                }
                let mut s = Statistic {
                    id: format!("st-{hash}"),
                    value: None,
                    low: None,
                    high: None,
                    of: None,
                    unit: String::new(),
                    qualifier: Qualifier::Exact,
                    span: span.clone(),
                    quote: quote.clone(),
                    quote_offset,
                    span_offset,
                    measure: String::new(),
                    as_of: None,
                    paragraph: block.paragraph,
                };
                apply_stat_fields(&mut s, a);
                report.reviewed.insert(s.id.clone());
                facts[i].statistics.push(s.into());
            }
        }
        report.added += 1;
        match kind {
            Kind::Event => report.events.added += 1,
            Kind::Statistic => report.statistics.added += 1,
        }
    }
    for f in facts.iter_mut() {
        f.events
            .sort_by_key(|e| (e.paragraph, e.quote_offset + e.span_offset));
        f.statistics
            .sort_by_key(|s| (s.paragraph, s.quote_offset + s.span_offset));
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::document::{Block, BlockKind};
    use std::path::PathBuf;

    fn doc() -> Document {
        Document {
            blocks: vec![Block {
                kind: BlockKind::Paragraph,
                text: "In March 2021, 170,000 people arrived. Later it rained.".into(),
                start: Some(0),
                paragraph: 1,
                notes: vec![],
                page: None,
            }],
            ..Default::default()
        }
    }

    fn facts() -> Facts {
        Facts {
            events: vec![
                Event {
                    id: "ev-aaaa".into(),
                    date: PartialDate::parse("2021-03").unwrap(),
                    end: None,
                    relative: false,
                    span: "March 2021".into(),
                    quote: "In March 2021, 170,000 people arrived.".into(),
                    quote_offset: 0,
                    span_offset: 3,
                    paragraph: 1,
                    title: "arrivals".into(),
                }
                .into(),
            ],
            statistics: vec![
                Statistic {
                    id: "st-bbbb".into(),
                    value: Some(170000.0),
                    low: None,
                    high: None,
                    of: None,
                    unit: "people".into(),
                    qualifier: Qualifier::Exact,
                    span: "170,000 people".into(),
                    quote: "In March 2021, 170,000 people arrived.".into(),
                    quote_offset: 0,
                    span_offset: 15,
                    measure: "people arrived".into(),
                    as_of: None,
                    paragraph: 1,
                }
                .into(),
            ],
        }
    }

    fn parse(text: &str) -> Corrections {
        let mut c: Corrections = toml::from_str(text).unwrap();
        c.path = PathBuf::from("content/corrections.toml");
        c.text = text.to_string();
        c
    }

    #[test]
    fn drop_fix_and_approve_by_id() {
        let c = parse(
            "[[correction]]\nid = \"ev-aaaa\"\naction = \"fix\"\ndate = \"2021-04\"\n\n[[correction]]\nid = \"st-bbbb\"\naction = \"drop\"\n",
        );
        let mut f = vec![facts()];
        let r = apply(&c, &["sources/a.txt"], &[doc()], &mut f);
        assert_eq!(f[0].events[0].date.to_string(), "2021-04");
        assert!(f[0].statistics.is_empty());
        assert_eq!((r.fixed, r.dropped, r.warnings.len()), (1, 1, 0));
    }

    #[test]
    fn a_correction_for_a_missing_id_is_reported_with_its_line() {
        let c = parse("[[correction]]\nid = \"ev-gone\"\naction = \"drop\"\n");
        let mut f = vec![facts()];
        let r = apply(&c, &["sources/a.txt"], &[doc()], &mut f);
        assert_eq!(r.warnings.len(), 1);
        let w = r.warnings[0].to_string();
        assert!(
            w.starts_with("content/corrections.toml:2:") && w.contains("ev-gone"),
            "{w}"
        );
    }

    #[test]
    fn added_facts_must_quote_the_source_verbatim() {
        let c = parse(
            "[[add]]\nkind = \"event\"\nsource = \"sources/a.txt\"\nquote = \"Later it rained.\"\nspan = \"Later\"\ndate = \"2021-05\"\n\n[[add]]\nkind = \"event\"\nsource = \"sources/a.txt\"\nquote = \"Not in the text.\"\nspan = \"Not\"\ndate = \"2021\"\n",
        );
        let mut f = vec![facts()];
        let r = apply(&c, &["sources/a.txt"], &[doc()], &mut f);
        assert_eq!(r.added, 1);
        assert_eq!(f[0].events.len(), 2);
        assert_eq!(f[0].events[1].quote_offset, 39);
        assert_eq!(r.warnings.len(), 1);
        assert!(r.warnings[0].message.contains("not found verbatim"));
    }

    #[test]
    fn unknown_keys_are_refused() {
        assert!(
            toml::from_str::<Corrections>(
                "[[correction]]\nid = \"x\"\naction = \"drop\"\nvalu = 3\n"
            )
            .is_err()
        );
        assert!(
            toml::from_str::<Corrections>("[[correction]]\nid = \"x\"\naction = \"delete\"\n")
                .is_err()
        );
    }
}
