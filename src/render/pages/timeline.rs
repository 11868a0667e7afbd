//! The timeline pages: every timeline entry by year, split into pages when long, and one
//! timeline per entity.
//!
//! In: the briefing's timeline and paging. Out: `timeline/index.html`,
//! `timeline/page/N/`, `timeline/<entity>/`.

use crate::model::briefing::Phase;
use crate::output::OutputFile;
use crate::render::Renderer;
use crate::render::views::{EntityLink, YearView};
use crate::util::error::Error;
use crate::util::url::paths;

impl Renderer<'_> {
    /// A page of the timeline (`entity`: of an entity's filtered timeline).
    pub(crate) fn render_timeline(
        &self,
        entity: Option<usize>,
        page_no: usize,
    ) -> Result<OutputFile, Error> {
        let t = &self.briefing().timeline;
        // Positions in the paged list: entry indexes, or indexes into an entity's events.
        let (base, ranges, events): (String, _, &[usize]) = match entity {
            None => (paths::TIMELINE.into(), &self.paging.timeline, &[]),
            Some(e) => {
                let ent = &self.briefing().entities[e];
                let base = paths::entity_timeline(&ent.slug);
                (base, &self.paging.entities[e], ent.events.as_slice())
            }
        };
        let entry = |k: usize| if entity.is_some() { events[k] } else { k };
        let indexes: Vec<usize> = ranges[page_no].clone().map(entry).collect();
        let path = crate::render::paging::page_path(&base, page_no);
        let mut page = self.briefing_page("timeline", "timeline", "timeline_intro", &path);
        if let Some(e) = entity {
            let name = &self.briefing().entities[e].def.name;
            page.title = format!("{}: {}", self.strings.get("timeline"), name);
            page.description = self
                .strings
                .get("timeline_filtered_intro")
                .replace("{name}", name);
        }
        let pager = self.pager(&base, page_no, ranges.len(), |p| {
            let r = &ranges[p];
            let (first, last) = (&t[entry(r.start)].date, &t[entry(r.end - 1)].date);
            let (a, b) = (self.strings.date(first), self.strings.date(last));
            if a == b { a } else { format!("{a} – {b}") }
        });
        if let Some(p) = &pager {
            page.title = format!("{} ({})", page.title, p.status);
        }
        let mut ctx = self.context(&page);
        ctx.insert("pager", &pager);
        // The focus by year; what came after it and the background (`[briefing] focus`)
        // in sections of their own.
        let (years, afterwards, background) = self.years_by_phase(&indexes);
        ctx.insert("years", &years);
        ctx.insert("afterwards", &afterwards);
        ctx.insert("background", &background);
        ctx.insert("focus", &self.focus_display());
        // A wide overview for large screens, a narrow one (drawn at its own size, so its
        // text stays legible) for phones; CSS shows one of them.
        ctx.insert("strip", &self.strip(&indexes, 900.0));
        ctx.insert("strip_narrow", &self.strip(&indexes, 380.0));
        ctx.insert("filter", &entity.map(|e| self.entity_link(e)));
        let filters: Vec<(EntityLink, usize)> = self
            .briefing()
            .entities
            .iter()
            .enumerate()
            .filter(|(_, e)| !e.events.is_empty())
            .map(|(i, e)| (self.entity_link(i), e.events.len()))
            .collect();
        ctx.insert("filters", &filters);
        ctx.insert("timeline_url", &self.urls.link(paths::TIMELINE));
        ctx.insert("timeline_json", &self.urls.link(paths::TIMELINE_JSON));
        let html = self.theme.render("timeline.html", &ctx)?;
        Ok(OutputFile::new(
            format!("{path}index.html"),
            html,
            "timeline page",
        ))
    }

    /// The focus period for readers ("December 2018 – June 2021", "from December
    /// 2018"), empty when none is set.
    pub(crate) fn focus_display(&self) -> String {
        let Some(f) = &self.settings.config.briefing.focus else {
            return String::new();
        };
        match (f.start, f.end) {
            (Some(a), Some(b)) => format!("{} – {}", self.strings.date(&a), self.strings.date(&b)),
            (Some(a), None) => format!("{} {}", self.strings.get("from"), self.strings.date(&a)),
            (None, Some(b)) => format!("{} {}", self.strings.get("until"), self.strings.date(&b)),
            (None, None) => String::new(),
        }
    }

    /// The entries `indexes` by year for the focus, and as flat lists for what came
    /// after it and for the background (`[briefing] focus`).
    pub(crate) fn years_by_phase(
        &self,
        indexes: &[usize],
    ) -> (Vec<YearView>, Vec<tera::Value>, Vec<tera::Value>) {
        let (mut years, mut afterwards, mut background) = (Vec::new(), Vec::new(), Vec::new());
        for y in self.years(indexes) {
            match y.phase {
                Phase::Focus => years.push(y),
                Phase::After => afterwards.extend(y.events),
                Phase::Before => background.extend(y.events),
            }
        }
        (years, afterwards, background)
    }
}
