//! Never a wrong value: over every document of every corpus (the flagship, the
//! development and validation parts, the agreement copy, the Spanish corpus), each
//! reported figure's value
//! is read again from its span by an independent, deliberately simple reader here, and
//! must be one of the values the span states. A figure read in part (`5` from `45,5 %`,
//! `0` from `60 000`) or taken from outside its span fails.

use crate::extraction_gold::{facts_of, sources_in};
use brief::model::document::Block;
use regex::Regex;
use std::path::Path;

fn real_blocks(text: &str) -> Vec<Block> {
    brief::convert::convert(text, brief::model::document::Format::Text).blocks
}

const WORDS: [(&str, f64); 31] = [
    // `zero inadmissible aliens were released`: a count of none.
    ("zero", 0.0),
    // `a billion dollars`: the article as one, before a scale word.
    ("a", 1.0),
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
    ("hundred", 100.0),
    ("dozen", 12.0),
];

/// Every value the span states: numbers as written (with `,` or a space grouping
/// thousands), number words and their sums (`twenty-five`), times a scale after them,
/// fractions in words, and `X in Y` as a percentage.
fn stated(span: &str) -> Vec<f64> {
    let num = Regex::new(
        r"(?i)([0-9]{1,3}(?:[, \u{a0}\u{202f}\u{2009}][0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?|[a-z]+(?:-[a-z]+)?)(?:\s?(dozen|thousand|million|billion|trillion|k|m|mn|bn|b)\b)?",
    )
    .unwrap();
    let mut out = Vec::new();
    let mut plain = Vec::new();
    for c in num.captures_iter(span) {
        let t = c[1].to_lowercase();
        let v = if t.chars().next().is_some_and(|ch| ch.is_ascii_digit()) {
            t.chars()
                .filter(|ch| ch.is_ascii_digit() || *ch == '.')
                .collect::<String>()
                .parse::<f64>()
                .ok()
        } else {
            let parts: Option<Vec<f64>> = t
                .split('-')
                .map(|p| WORDS.iter().find(|(w, _)| *w == p).map(|&(_, v)| v))
                .collect();
            // `five-year`: a number word glued to its unit by a dash.
            let glued = || {
                let head = t.split('-').next()?;
                WORDS.iter().find(|(w, _)| *w == head).map(|&(_, v)| v)
            };
            parts.map(|p| p.iter().sum()).or_else(glued)
        };
        let Some(v) = v else { continue };
        // `30 cents`: a hundredth of a dollar.
        let cents = span[c.get(0).unwrap().end()..]
            .split_whitespace()
            .next()
            .is_some_and(|w| matches!(w.to_lowercase().as_str(), "cents" | "cent"));
        if cents {
            out.push(v / 100.0);
        }
        let scale = match c.get(2).map(|s| s.as_str().to_lowercase()).as_deref() {
            Some("dozen") => 12.0,
            Some("thousand" | "k") => 1e3,
            Some("million" | "m" | "mn") => 1e6,
            Some("billion" | "bn" | "b") => 1e9,
            Some("trillion") => 1e12,
            _ => 1.0,
        };
        plain.push(v);
        out.push(v * scale);
    }
    for (w, v) in [
        ("doubled", 2.0),
        ("double", 2.0),
        ("twice", 2.0),
        ("tripled", 3.0),
        ("triple", 3.0),
        ("quadrupled", 4.0),
        ("third", 0.3333),
        ("thirds", 0.6667),
        ("quarter", 0.25),
        ("quarters", 0.75),
        ("half", 0.5),
    ] {
        if Regex::new(&format!(r"(?i)\b{w}\b")).unwrap().is_match(span) {
            out.push(v);
        }
    }
    // `three-fourths`, `one fifth`: a numerator's word over a denominator's.
    let over = Regex::new(r"(?i)\b(one|two|three|four)[- ](fourth|fifth|tenth)s?\b").unwrap();
    for c in over.captures_iter(span) {
        let n = WORDS.iter().find(|(w, _)| c[1].eq_ignore_ascii_case(w));
        let d = match c[2].to_lowercase().as_str() {
            "fourth" => 4.0,
            "fifth" => 5.0,
            _ => 10.0,
        };
        out.extend(n.map(|&(_, n)| n / d));
    }
    // `2 to 4 million`: the scale of the second end is the first's too.
    let shared = Regex::new(
        r"(?i)\b([0-9]+(?:\.[0-9]+)?)\s*(?:to|and|-|–)\s*\$?[0-9]+(?:\.[0-9]+)?\s?(thousand|million|billion|trillion)\b",
    )
    .unwrap();
    for c in shared.captures_iter(span) {
        let scale = match c[2].to_lowercase().as_str() {
            "thousand" => 1e3,
            "million" => 1e6,
            "billion" => 1e9,
            _ => 1e12,
        };
        out.extend(c[1].parse::<f64>().ok().map(|v| v * scale));
    }
    // `one in four` → 25 percent.
    for pair in plain.windows(2) {
        if pair[1] > 0.0 {
            out.push((pair[0] / pair[1] * 10000.0).round() / 100.0);
        }
    }
    // `19 years and seven months` → 235 months.
    if let [y, m] = plain[..]
        && Regex::new(r"(?i)\byears?\b.*\bmonths?\b")
            .unwrap()
            .is_match(span)
    {
        out.push(y * 12.0 + m);
    }
    out
}

/// Spanish number words and scales, for the Spanish documents.
const WORDS_ES: [(&str, f64); 35] = [
    ("cero", 0.0),
    ("un", 1.0),
    ("una", 1.0),
    ("uno", 1.0),
    ("dos", 2.0),
    ("tres", 3.0),
    ("cuatro", 4.0),
    ("cinco", 5.0),
    ("seis", 6.0),
    ("siete", 7.0),
    ("ocho", 8.0),
    ("nueve", 9.0),
    ("diez", 10.0),
    ("once", 11.0),
    ("doce", 12.0),
    ("quince", 15.0),
    ("veinte", 20.0),
    ("treinta", 30.0),
    ("cuarenta", 40.0),
    ("cincuenta", 50.0),
    ("sesenta", 60.0),
    ("setenta", 70.0),
    ("ochenta", 80.0),
    ("noventa", 90.0),
    ("cien", 100.0),
    ("ciento", 100.0),
    ("doscientos", 200.0),
    ("doscientas", 200.0),
    ("trescientos", 300.0),
    ("quinientos", 500.0),
    ("catorce", 14.0),
    ("trece", 13.0),
    ("dieciséis", 16.0),
    ("veintidós", 22.0),
    ("veintiuno", 21.0),
];

/// Every value a Spanish span states: each run of digits read both ways (the dot or a
/// space grouping thousands with a decimal comma, and the comma grouping thousands with
/// a decimal point: the reader here does not guess which one the document uses, the
/// check is that the value is one of the span's own readings), number words joined by
/// `y`, times `mil` or `millones`, `tres cuartas partes`, and `X de cada Y` as a
/// percentage.
fn stated_es(span: &str) -> Vec<f64> {
    let num = Regex::new(
        r"(?i)([0-9]+(?:[.,\u{a0} ][0-9]+)*|[a-zé]+(?: y [a-zé]+)?)(?:\s(mil millones|millones|millón|mil|docenas)\b)?",
    )
    .unwrap();
    let mut out = Vec::new();
    let mut plain = Vec::new();
    for c in num.captures_iter(span) {
        let t = c[1].to_lowercase();
        let mut readings = Vec::new();
        if t.chars().next().is_some_and(|ch| ch.is_ascii_digit()) {
            let read = |group: char, decimal: char| -> Option<f64> {
                t.chars()
                    .filter(|ch| *ch != group && !ch.is_whitespace())
                    .map(|ch| if ch == decimal { '.' } else { ch })
                    .collect::<String>()
                    .parse::<f64>()
                    .ok()
            };
            readings.extend(read('.', ','));
            readings.extend(read(',', '.'));
        } else {
            let parts: Option<Vec<f64>> = t
                .split(" y ")
                .map(|p| WORDS_ES.iter().find(|(w, _)| *w == p).map(|&(_, v)| v))
                .collect();
            readings.extend(parts.map(|p| p.iter().sum::<f64>()));
        }
        let scale = match c.get(2).map(|s| s.as_str().to_lowercase()).as_deref() {
            Some("docenas") => 12.0,
            Some("mil") => 1e3,
            Some("millones" | "millón") => 1e6,
            Some("mil millones") => 1e9,
            _ => 1.0,
        };
        // `casi mil hondureños`: `mil` with no number before it is its own number.
        if readings.is_empty()
            && c.get(2)
                .is_some_and(|m| m.as_str().eq_ignore_ascii_case("mil"))
        {
            readings.push(1.0);
        }
        for v in readings {
            plain.push(v);
            out.push(v * scale);
        }
    }
    for (w, v) in [
        ("duplic", 2.0),
        ("doble", 2.0),
        ("triplic", 3.0),
        ("triple", 3.0),
        ("cuadruplic", 4.0),
        ("tres cuartas partes", 0.75),
        ("la mitad", 0.5),
        ("una decena", 10.0),
        ("una docena", 12.0),
        ("una veintena", 20.0),
        ("un centenar", 100.0),
        ("un millar", 1000.0),
    ] {
        if span.to_lowercase().contains(w) {
            out.push(v);
        }
    }
    for pair in plain.windows(2) {
        if pair[1] > 0.0 {
            out.push((pair[0] / pair[1] * 10000.0).round() / 100.0);
        }
    }
    // `12 mil 500`, `tres mil 445`: thousands, then three digits → 12 500, 3 445.
    if let Some(c) = Regex::new(r"(?i)\b([0-9]+|[a-zé]+) mil ([0-9]{3})\b")
        .unwrap()
        .captures(span)
    {
        let lead = c[1].to_lowercase();
        let lead = lead
            .parse::<f64>()
            .ok()
            .or_else(|| WORDS_ES.iter().find(|(w, _)| *w == lead).map(|&(_, v)| v));
        if let (Some(t), Ok(r)) = (lead, c[2].parse::<f64>()) {
            out.push(t * 1e3 + r);
        }
    }
    // `12 años y seis meses` → 150 months.
    if let [y, m] = plain[..]
        && Regex::new(r"(?i)\baños?\b.*\bmes(es)?\b")
            .unwrap()
            .is_match(span)
    {
        out.push(y * 12.0 + m);
    }
    out
}

/// True if the span at `start..end` of the sentence is glued to more digits: `5 %` out
/// of `45,5 %`, `000` out of `60.000`.
fn cut_from_a_bigger_number(quote: &str, start: usize, end: usize) -> bool {
    let before: Vec<char> = quote[..start].chars().rev().take(2).collect();
    let after: Vec<char> = quote[end..].chars().take(2).collect();
    let digit = |c: Option<&char>| c.is_some_and(|c| c.is_ascii_digit());
    let glued_before = digit(before.first())
        || (matches!(before.first(), Some(',' | '.')) && digit(before.get(1)));
    let glued_after =
        digit(after.first()) || (matches!(after.first(), Some(',' | '.')) && digit(after.get(1)));
    let starts_with_digit = quote[start..end].starts_with(|c: char| c.is_ascii_digit());
    let ends_with_digit = quote[start..end].ends_with(|c: char| c.is_ascii_digit());
    (glued_before && starts_with_digit) || (glued_after && ends_with_digit)
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9_f64.max(1e-6 * a.abs().max(b.abs()))
}

#[test]
fn every_figure_re_reads_to_its_value_from_its_span() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs = vec![root.join("content/sources")];
    for part in ["dev", "validation", "agreement", "es/dev", "es/validation"] {
        dirs.push(root.join("tests/corpus").join(part).join("sources"));
    }
    let mut checked = 0;
    let mut wrong = Vec::new();
    for dir in dirs {
        for path in sources_in(&dir) {
            let (_, facts) = facts_of(&path, real_blocks);
            let meta =
                std::fs::read_to_string(path.with_extension("meta.toml")).unwrap_or_default();
            let spanish = meta
                .lines()
                .any(|l| l.replace(' ', "") == "language=\"es\"");
            for s in &facts.statistics {
                let values = if spanish {
                    stated_es(&s.span)
                } else {
                    stated(&s.span)
                };
                let claimed: Vec<f64> = [s.value, s.low, s.high].into_iter().flatten().collect();
                checked += 1;
                let cut =
                    cut_from_a_bigger_number(&s.quote, s.span_offset, s.span_offset + s.span.len());
                if cut
                    || claimed.is_empty()
                    || !claimed.iter().all(|c| values.iter().any(|v| same(*c, *v)))
                {
                    wrong.push(format!(
                        "{}: {:?} from span {:?} (the span states {values:?})",
                        path.file_name().unwrap().to_string_lossy(),
                        claimed,
                        s.span
                    ));
                }
            }
        }
    }
    assert!(checked > 150, "only {checked} figures checked");
    assert!(
        wrong.is_empty(),
        "{} of {checked} figures do not re-read from their span:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn the_reader_here_can_fail() {
    assert!(
        cut_from_a_bigger_number("el 45,5 % de", 6, 9),
        "`5 %` out of `45,5 %`"
    );
    assert!(
        cut_from_a_bigger_number("unos 60.000 más", 8, 11),
        "`000` out of `60.000`"
    );
    assert!(!cut_from_a_bigger_number("about 4,500 families", 6, 11));
    assert!(!stated("60 000 people").iter().any(|v| same(*v, 0.0)));
    assert!(stated("60 000 people").iter().any(|v| same(*v, 60000.0)));
    assert!(stated("$2.5 billion").iter().any(|v| same(*v, 2.5e9)));
    assert!(stated("from 4 to 27 million").iter().any(|v| same(*v, 4e6)));
    assert!(!stated("from 4 to 27 people").iter().any(|v| same(*v, 4e6)));
    assert!(
        stated("Almost one in four female migrants")
            .iter()
            .any(|v| same(*v, 25.0))
    );
    assert!(!stated("about 4,500 families").iter().any(|v| same(*v, 5.0)));
    assert!(stated_es("45,5 %").iter().any(|v| same(*v, 45.5)));
    assert!(!stated_es("45,5 %").iter().any(|v| same(*v, 5.0)));
    assert!(
        stated_es("más de 60 000 solicitantes")
            .iter()
            .any(|v| same(*v, 60000.0))
    );
    assert!(!stated_es("60 000").iter().any(|v| same(*v, 0.0)));
    assert!(
        stated_es("2,5 millones de personas")
            .iter()
            .any(|v| same(*v, 2.5e6))
    );
    assert!(
        stated_es("setenta y dos migrantes")
            .iter()
            .any(|v| same(*v, 72.0))
    );
    assert!(stated_es("50 mil").iter().any(|v| same(*v, 50000.0)));
}
