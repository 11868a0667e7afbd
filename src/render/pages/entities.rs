//! Entity pages: the index of actors and places, and a page per entity with its
//! mentions, events, figures and quotes.
//!
//! In: the briefing's entities. Out: `entities/index.html`, `entities/<slug>/`.

use crate::model::briefing::Kind;
use crate::output::OutputFile;
use crate::render::Renderer;
use crate::render::views::EntityLink;
use crate::util::error::Error;
use crate::util::url::paths;
use std::collections::BTreeMap;

impl Renderer<'_> {
    pub(crate) fn render_entities(&self) -> Result<Vec<OutputFile>, Error> {
        let mut files = Vec::new();
        let page = self.briefing_page("entities", "entities", "entities_intro", paths::ENTITIES);
        let mut ctx = self.context(&page);
        let mut groups: BTreeMap<Kind, Vec<(EntityLink, usize)>> = BTreeMap::new();
        for (i, e) in self.briefing().entities.iter().enumerate() {
            groups
                .entry(e.def.kind)
                .or_default()
                .push((self.entity_link(i), e.mentions.len()));
        }
        let groups: Vec<(String, Vec<(EntityLink, usize)>)> = groups
            .into_iter()
            .map(|(k, mut v)| {
                v.sort_by(|a, b| a.0.name.cmp(&b.0.name));
                let key = match k {
                    Kind::Place => "kind_places",
                    Kind::Organization => "kind_organizations",
                    Kind::Person => "kind_people",
                };
                (self.strings.get(key), v)
            })
            .collect();
        ctx.insert("groups", &groups);
        files.push(OutputFile::new(
            paths::index_html(paths::ENTITIES),
            self.theme.render("entities.html", &ctx)?,
            "entities index",
        ));
        for i in 0..self.briefing().entities.len() {
            let view = self.entity_view(i);
            let path = paths::entity(&self.briefing().entities[i].slug);
            let kind_word = self.strings.get(&format!("kind_{}", view.link.kind));
            let desc = self
                .strings
                .get("entity_intro")
                .replace("{name}", &view.link.name)
                .replace("{kind}", &kind_word);
            let page = self.page_view("entity", &view.link.name, &desc, &path, String::new());
            let mut ctx = self.context(&page);
            ctx.insert("entity", &view);
            ctx.insert("kind_word", &kind_word);
            files.push(OutputFile::new(
                format!("{path}index.html"),
                self.theme.render("entity.html", &ctx)?,
                "entity page",
            ));
        }
        Ok(files)
    }
}
