//! Hand-written pages (`content/pages/`), their redirects, and the 404 page.
//!
//! In: a page's Markdown and front matter. Out: its `index.html` (the author's HTML kept,
//! script and event handlers removed) and one redirect page per alias.

use crate::output::OutputFile;
use crate::render::Renderer;
use crate::render::markdown::{self, MarkdownOptions};
use crate::render::views::marked_language;
use crate::util::error::Error;
use crate::util::html::escape_html;

/// Cleans the HTML of a hand-written page: the author's own markup is kept, script and
/// event handlers are not.
pub(crate) fn sanitize_trusted(html: &str) -> String {
    ammonia::Builder::default()
        .add_generic_attributes([
            "id",
            "class",
            "aria-label",
            "aria-labelledby",
            "aria-describedby",
            "title",
            "lang",
            "dir",
            "tabindex",
            "role",
        ])
        .add_tags([
            "section",
            "mark",
            "time",
            "figure",
            "figcaption",
            "details",
            "summary",
            "aside",
            "nav",
            "input",
        ])
        .add_tag_attributes("time", ["datetime"])
        .add_tag_attributes("ol", ["start"])
        .add_tag_attributes("li", ["value"])
        .add_tag_attributes("input", ["type", "disabled", "checked"])
        .add_tag_attributes("img", ["loading"])
        .link_rel(None)
        .clean(html)
        .to_string()
}

/// A page that sends readers from an old address to the new one.
pub(crate) fn redirect_html(to: &str) -> String {
    let to = escape_html(to);
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Moved</title>\n<link rel=\"canonical\" href=\"{to}\">\n<meta http-equiv=\"refresh\" content=\"0; url={to}\">\n</head>\n<body>\n<p>This page has moved to <a href=\"{to}\">{to}</a>.</p>\n</body>\n</html>\n"
    )
}

impl Renderer<'_> {
    pub(crate) fn render_page(
        &self,
        p: &crate::model::source::Page,
    ) -> Result<Vec<OutputFile>, Error> {
        let (p, other) = self.translated(p);
        let rendered = markdown::render(
            &p.body,
            &MarkdownOptions {
                trusted_html: true,
                highlighter: self
                    .settings
                    .config
                    .highlight
                    .enabled
                    .then_some(&self.highlighter),
                notes: self.note_labels(),
            },
        );
        let html = marked_language(sanitize_trusted(&rendered.html), other);
        let mut page = self.page_view("page", &p.meta.title, &p.meta.description, &p.path, html);
        page.headings = rendered.headings;
        page.extra = p.meta.extra.clone();
        let template = p.meta.template.as_deref().unwrap_or("page.html");
        let out = self.theme.render(template, &self.context(&page))?;
        let mut files = vec![OutputFile::new(
            format!("{}index.html", p.path),
            out,
            format!("page {}", p.rel_path),
        )];
        for alias in &p.meta.aliases {
            let alias = alias.trim_matches('/');
            files.push(OutputFile::new(
                format!("{alias}/index.html"),
                redirect_html(&self.urls.link(&p.path)),
                format!("alias {alias} of {}", p.rel_path),
            ));
        }
        Ok(files)
    }

    pub(crate) fn render_404(&self) -> Result<OutputFile, Error> {
        let title = self.strings.get("not_found_title");
        let page = self.page_view(
            "404",
            &title,
            &self.strings.get("not_found_text"),
            "404.html",
            String::new(),
        );
        let html = self.theme.render("404.html", &self.context(&page))?;
        Ok(OutputFile::new("404.html", html, "404 page"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trusted_pages_lose_scripts_but_keep_structure() {
        let out = sanitize_trusted(
            "<p id=\"x\" onclick=\"evil()\">a<script>alert(1)</script></p><section class=\"c\">b</section>",
        );
        assert!(out.contains("<p id=\"x\">a</p>"), "{out}");
        assert!(out.contains("<section class=\"c\">"), "{out}");
        assert!(!out.contains("script") && !out.contains("onclick"));
    }
}
