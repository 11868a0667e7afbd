//! TimelineJS export: the timeline as `data/timeline.json` in TimelineJS's format.
//!
//! In: the briefing's timeline. Out: the file, written into the sink as it is made.

use crate::model::briefing::TimelineEntry;
use crate::model::date::PartialDate;
use crate::output::Sink;
use crate::render::Renderer;
use crate::util::error::Error;
use crate::util::url::paths;
use rayon::prelude::*;
use serde::Serialize;
use serde::ser::SerializeSeq;
use std::io::Write;

/// Timeline entries made into slides at a time: enough for the workers to share, few
/// enough that the slides (their text is most of the file) are never all in memory.
const SLIDES_AT_ONCE: usize = 1024;

// Typed rows, fields in alphabetical order: the bytes `serde_json::Value` (with its
// sorted maps) gave, without building a tree of values for every event.
#[derive(Serialize)]
struct Ymd {
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<String>,
    year: String,
}

#[derive(Serialize)]
struct Text<'a> {
    headline: &'a str,
    text: String,
}

#[derive(Serialize)]
struct Slide<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<Ymd>,
    group: String,
    start_date: Ymd,
    text: Text<'a>,
    unique_id: &'a str,
}

#[derive(Serialize)]
struct Title<'a> {
    text: Text<'a>,
}

#[derive(Serialize)]
struct TimelineJs<'r, 'a> {
    events: Slides<'r, 'a>,
    title: Title<'r>,
}

/// The timeline's slides, made [`SLIDES_AT_ONCE`] at a time (in parallel) as they are
/// serialised.
struct Slides<'r, 'a>(&'r Renderer<'a>);

fn ymd(d: &PartialDate) -> Ymd {
    Ymd {
        day: d.day.map(|x| x.to_string()),
        month: d.month.map(|x| x.to_string()),
        year: d.year.to_string(),
    }
}

impl Serialize for Slides<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let timeline = &self.0.briefing().timeline;
        let mut seq = serializer.serialize_seq(Some(timeline.len()))?;
        for entries in timeline.chunks(SLIDES_AT_ONCE) {
            let slides: Vec<Slide> = entries.par_iter().map(|e| self.0.slide(e)).collect();
            for slide in &slides {
                seq.serialize_element(slide)?;
            }
        }
        seq.end()
    }
}

impl Renderer<'_> {
    /// Writes `data/timeline.json` into `sink` as it is serialised: at 10,000 documents
    /// it is 120 MB, and its slides and text were held whole (with the text's growing
    /// buffer) while the first pages rendered.
    pub(crate) fn write_timeline_json(&self, sink: &dyn Sink) -> Result<(), Error> {
        let file = sink.open(
            paths::TIMELINE_JSON.to_string(),
            "timeline data (TimelineJS)".to_string(),
        )?;
        let fail = file.error_for();
        let c = &self.settings.config;
        let v = TimelineJs {
            events: Slides(self),
            title: Title {
                text: Text {
                    headline: &c.title,
                    text: c.description.clone(),
                },
            },
        };
        let mut json = serde_json::Serializer::pretty(file);
        v.serialize(&mut json)
            .map_err(|e| fail(std::io::Error::from(e)))?;
        let mut file = json.into_inner();
        file.write_all(b"\n").map_err(&fail)?;
        file.finish()
    }

    /// One timeline entry as a slide: its title, and each report's sentence with a
    /// link to it.
    fn slide<'e>(&self, e: &'e TimelineEntry) -> Slide<'e> {
        let text = e
            .reports
            .iter()
            .map(|r| {
                let s = &self.site.sources[r.source];
                // The cite label of `cite()`: the publisher, else the title.
                let label = s.source.meta.publisher.as_ref().unwrap_or(&s.title);
                let href = self.urls.absolute(&format!(
                    "{}#{}",
                    s.path(),
                    s.anchors.sentence(r.event.paragraph, r.event.quote_offset)
                ));
                format!(
                    "<p>“{}” — <a href=\"{}\">{}</a></p>",
                    crate::util::html::escape_html(&r.event.quote),
                    crate::util::html::escape_html(&href),
                    crate::util::html::escape_html(label)
                )
            })
            .collect::<String>();
        Slide {
            end_date: e.end.as_ref().map(ymd),
            group: e.date.year.to_string(),
            start_date: ymd(&e.date),
            text: Text {
                headline: &e.title,
                text,
            },
            unique_id: &e.id,
        }
    }
}
