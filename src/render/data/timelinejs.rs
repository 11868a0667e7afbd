//! TimelineJS export: the timeline as `data/timeline.json` in TimelineJS's format.
//!
//! In: the briefing's timeline. Out: the file's text.

use crate::model::date::PartialDate;
use crate::render::Renderer;
use rayon::prelude::*;
use serde::Serialize;

impl Renderer<'_> {
    pub(crate) fn timeline_json(&self) -> String {
        // Typed rows, fields in alphabetical order: the bytes `serde_json::Value` (with
        // its sorted maps) gave, without building a tree of values for every event.
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
        struct TimelineJs<'a> {
            events: Vec<Slide<'a>>,
            title: Title<'a>,
        }
        let ymd = |d: &PartialDate| Ymd {
            day: d.day.map(|x| x.to_string()),
            month: d.month.map(|x| x.to_string()),
            year: d.year.to_string(),
        };
        let events: Vec<Slide> = self
            .briefing()
            .timeline
            .par_iter()
            .map(|e| {
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
            })
            .collect();
        let c = &self.settings.config;
        let v = TimelineJs {
            events,
            title: Title {
                text: Text {
                    headline: &c.title,
                    text: c.description.clone(),
                },
            },
        };
        serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
    }
}
