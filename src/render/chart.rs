//! Charts: the geometry of a measure's chart and of the timeline's year strip, computed
//! once here and handed to the templates as plain coordinates.
//!
//! In: a [`Measure`] with its figure views, or timeline entries. Out: [`ChartView`] (an
//! SVG's points, axis and labels) and the strip's JSON. The templates draw them; a theme
//! can restyle them without touching this code.

use crate::model::briefing::{Measure, TimelineEntry};
use crate::model::date::PartialDate;
use crate::render::Renderer;
use crate::render::context::format_number;
use crate::render::views::FigureView;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A point of a chart.
#[derive(Debug, Clone, Serialize)]
pub struct ChartPoint {
    /// x in the viewBox.
    pub x: f64,
    /// y in the viewBox.
    pub y: f64,
    /// "more than 50,000 (October 2019, WOLA)".
    pub label: String,
    /// Anchor of the figure.
    pub id: String,
    /// The value, written above the point.
    pub value: String,
}

/// A small line chart of a series.
#[derive(Debug, Clone, Serialize)]
pub struct ChartView {
    /// viewBox width.
    pub width: u32,
    /// viewBox height.
    pub height: u32,
    /// `points` attribute of the polyline.
    pub polyline: String,
    /// The points.
    pub points: Vec<ChartPoint>,
    /// Top of the y axis, for readers.
    pub max_label: String,
    /// Left and right date labels.
    pub first_label: String,
    /// Right date label.
    pub last_label: String,
    /// Baseline y.
    pub base_y: f64,
    /// Short description for `<desc>`.
    pub desc: String,
}

/// A measure with its figures.
#[derive(Debug, Clone, Serialize)]
pub struct MeasureView {
    /// Anchor id.
    pub id: String,
    /// What is measured.
    pub label: String,
    /// The label's language when it is not the page's (it is a source's words).
    pub label_lang: Option<String>,
    /// Unit for readers.
    pub unit: String,
    /// Figures in date order.
    pub figures: Vec<FigureView>,
    /// Chart, for series of two or more dated figures.
    pub chart: Option<ChartView>,
    /// True when sources disagree.
    pub disagree: bool,
    /// Distinct sources.
    pub source_count: usize,
}

impl Renderer<'_> {
    pub(crate) fn measure_view(&self, mi: usize) -> MeasureView {
        let m = &self.briefing().measures[mi];
        let figures: Vec<FigureView> = (0..m.points.len())
            .map(|pi| self.figure_view(mi, pi))
            .collect();
        let chart = self.chart(m, &figures);
        MeasureView {
            id: m.id.clone(),
            label: m.label.clone(),
            label_lang: m
                .points
                .iter()
                .find(|p| p.stat.measure == m.label)
                .and_then(|p| self.other_language(p.source)),
            unit: figures.first().map(|f| f.unit.clone()).unwrap_or_default(),
            figures,
            chart,
            disagree: m.disagree,
            source_count: m.source_count,
        }
    }

    pub(crate) fn chart(&self, m: &Measure, figures: &[FigureView]) -> Option<ChartView> {
        let dated: Vec<(usize, f64, PartialDate)> = m
            .points
            .iter()
            .enumerate()
            .filter_map(|(i, p)| Some((i, p.plot_value()?, p.date?)))
            .collect();
        if dated.len() < 2 {
            return None;
        }
        let day = |d: &PartialDate| -> f64 {
            let m = d.month.unwrap_or(7) as f64;
            let dd = d.day.unwrap_or(15) as f64;
            d.year as f64 * 372.0 + (m - 1.0) * 31.0 + dd
        };
        let (w, h, pad_l, pad_r, pad_t, pad_b) = (560.0, 190.0, 40.0, 40.0, 34.0, 30.0);
        let t0 = dated
            .iter()
            .map(|(_, _, d)| day(d))
            .fold(f64::INFINITY, f64::min);
        let t1 = dated
            .iter()
            .map(|(_, _, d)| day(d))
            .fold(f64::NEG_INFINITY, f64::max);
        let vmax = dated
            .iter()
            .map(|(_, v, _)| *v)
            .fold(0.0, f64::max)
            .max(1e-9);
        let span = (t1 - t0).max(1.0);
        let points: Vec<ChartPoint> = dated
            .iter()
            .map(|(i, v, d)| {
                let f = &figures[*i];
                let x = pad_l + (day(d) - t0) / span * (w - pad_l - pad_r);
                let y = pad_t + (1.0 - v / vmax) * (h - pad_t - pad_b);
                let label = format!(
                    "{}{} ({}, {})",
                    if f.qualifier.is_empty() {
                        String::new()
                    } else {
                        format!("{} ", f.qualifier)
                    },
                    f.value,
                    self.strings.date(d),
                    f.cite.label
                );
                ChartPoint {
                    x: (x * 10.0).round() / 10.0,
                    y: (y * 10.0).round() / 10.0,
                    label,
                    id: f.id.clone(),
                    value: f.value.clone(),
                }
            })
            .collect();
        let polyline = points
            .iter()
            .map(|p| format!("{},{}", p.x, p.y))
            .collect::<Vec<_>>()
            .join(" ");
        let desc = points
            .iter()
            .map(|p| p.label.clone())
            .collect::<Vec<_>>()
            .join("; ");
        let first = dated
            .first()
            .map(|(_, _, d)| self.strings.date(d))
            .unwrap_or_default();
        let last = dated
            .last()
            .map(|(_, _, d)| self.strings.date(d))
            .unwrap_or_default();
        Some(ChartView {
            width: w as u32,
            height: h as u32,
            polyline,
            points,
            max_label: format_number(vmax, self.lang()),
            first_label: first,
            last_label: last,
            base_y: h - pad_b,
            desc,
        })
    }

    /// The overview strip: one dot per entry on a line across the years.
    pub(crate) fn strip(&self, indexes: &[usize], w: f64) -> serde_json::Value {
        let t = &self.briefing().timeline;
        if indexes.is_empty() {
            return serde_json::Value::Null;
        }
        let y0 = indexes.iter().map(|&i| t[i].date.year).min().unwrap_or(0);
        let y1 = indexes
            .iter()
            .map(|&i| {
                t[i].end
                    .map_or(t[i].date.year, |d| d.year.max(t[i].date.year))
            })
            .max()
            .unwrap_or(0)
            + 1;
        let pad = 20.0;
        // Years without events take a sixth of the room of years with events, so a long
        // empty stretch does not squeeze the busy years; stretches of five or more empty
        // years are marked as breaks in the axis.
        let busy: BTreeSet<i32> = indexes
            .iter()
            .flat_map(|&i| [Some(t[i].date.year), t[i].end.map(|d| d.year)])
            .flatten()
            .collect();
        let weight = |y: i32| if busy.contains(&y) { 1.0 } else { 1.0 / 6.0 };
        let mut start_of: BTreeMap<i32, f64> = BTreeMap::new();
        let mut total = 0.0;
        for y in y0..y1 {
            start_of.insert(y, total);
            total += weight(y);
        }
        let scale = (w - 2.0 * pad) / total;
        let x = |d: &PartialDate| -> f64 {
            let frac = (d.month.unwrap_or(7) as f64 - 1.0) / 12.0;
            let at = start_of.get(&d.year).copied().unwrap_or(total) + frac * weight(d.year);
            ((pad + at * scale) * 10.0).round() / 10.0
        };
        let year_x = |y: i32| -> f64 {
            let at = start_of.get(&y).copied().unwrap_or(total);
            ((pad + at * scale) * 10.0).round() / 10.0
        };
        let mut breaks = Vec::new();
        let mut run_start: Option<i32> = None;
        for y in y0..=y1 {
            let empty = y < y1 && !busy.contains(&y);
            match (empty, run_start) {
                (true, None) => run_start = Some(y),
                (false, Some(from)) => {
                    if y - from >= 5 {
                        breaks.push(serde_json::json!({"x": (year_x(from) + year_x(y)) / 2.0}));
                    }
                    run_start = None;
                }
                _ => {}
            }
        }
        // Dots closer than a dot's width stack upwards.
        let mut seen: BTreeMap<i64, u32> = BTreeMap::new();
        let placed: Vec<(usize, f64, u32)> = indexes
            .iter()
            .map(|&i| {
                let px = x(&t[i].date);
                let stack = seen.entry((px / 9.0).round() as i64).or_insert(0);
                *stack += 1;
                (i, px, *stack)
            })
            .collect();
        let tallest = placed.iter().map(|p| p.2).max().unwrap_or(1) as f64;
        let height = 40.0 + tallest * 9.0;
        let axis = height - 26.0;
        // Ticks at busy years, at least 56 units apart.
        let mut ticks: Vec<serde_json::Value> = Vec::new();
        let mut last_x = f64::NEG_INFINITY;
        for &y in &busy {
            let tx = year_x(y);
            if y >= y0 && y < y1 && tx - last_x >= 56.0 {
                ticks.push(serde_json::json!({"x": tx, "label": y}));
                last_x = tx;
            }
        }
        let dots: Vec<serde_json::Value> = placed
            .into_iter()
            .map(|(i, px, stack)| {
                let e = &t[i];
                let lang = self.entry_title_lang(i);
                serde_json::json!({
                    "x": px,
                    "y": axis - 6.0 - (stack as f64 - 1.0) * 9.0,
                    "id": e.id,
                    "label": self.dot_label(e, lang.is_some()),
                    "lang": lang,
                    "multi": e.reports.len() > 1,
                })
            })
            .collect();
        serde_json::json!({
            "width": w,
            "height": height,
            "axis": axis,
            "dots": dots,
            "ticks": ticks,
            "breaks": breaks,
            "first": y0,
            "last": y1 - 1,
        })
    }

    /// A timeline dot's tooltip, "<date>: <headline>". A headline in another language
    /// than the page's gives the whole tooltip its language (`lang` on the `<title>`),
    /// so the date is written the ISO way, which reads the same in every language.
    fn dot_label(&self, e: &TimelineEntry, foreign: bool) -> String {
        let date = if foreign {
            e.date.to_string()
        } else {
            self.strings.date(&e.date)
        };
        format!("{date}: {}", e.title)
    }
}
