//! The flagship built in both languages (`languages = ["en", "es"]`), read as a Spanish
//! reader would: the whole summary, words that agree in gender and number, links that
//! stay in the Spanish tree, English text marked as English, a Spanish data dictionary,
//! dollars that cannot be read as pesos, and a language switch that keeps the search.

use crate::common::*;
use serde_json::Value;
use std::fs;

const BASE: &str = "https://example.org/mpp-briefing/";

/// A temp copy of the flagship with both languages, built.
fn built() -> TempSite {
    let site = TempSite::new();
    let toml = fs::read_to_string(repo().join("site.toml")).unwrap();
    let toml = toml.replacen(
        "language = \"en\"\n",
        "language = \"en\"\nlanguages = [\"en\", \"es\"]\n",
        1,
    );
    assert!(
        toml.contains("languages = ["),
        "site.toml has no `language = \"en\"`"
    );
    site.write("site.toml", &toml);
    copy_dir(&repo().join("content"), &site.root().join("content"));
    copy_dir(&repo().join("themes"), &site.root().join("themes"));
    let o = site.brief(&["build", "--base-url", BASE]);
    assert!(o.status.success(), "{}", stderr(&o));
    site
}

/// `text` as the templates escape it.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The source pages of a tree (`""` or `"es/"`), by path.
fn source_pages(site: &TempSite, tree: &str) -> Vec<(String, String)> {
    let dir = site.out().join(tree).join("sources");
    let mut pages: Vec<(String, String)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let rel = format!(
                "{tree}sources/{}/index.html",
                e.unwrap().file_name().to_string_lossy()
            );
            let html = site.read_out(&rel);
            (rel, html)
        })
        .collect();
    pages.sort();
    pages
}

#[test]
fn the_spanish_home_shows_its_whole_summary() {
    let site = built();
    let home = site.read_out("es/index.html");
    // The meta description is cut at 160 characters; the visible summary is not.
    assert!(
        home.contains("<p class=\"lede\">Lo que cinco documentos de 2018 a 2020 dicen sobre la política estadounidense «Quédate en México» y los secuestros, la extorsión y los asesinatos de migrantes en México.</p>"),
        "{home}"
    );
    assert!(!home.contains("migrantes…</p>"), "{home}");
}

#[test]
fn entity_words_agree_with_women_organisations_and_single_names() {
    let site = built();
    let person = site.read_out("es/entities/linda-rivas/index.html");
    assert!(
        person.contains("(persona): hechos, cifras, citas y cada párrafo donde aparece."),
        "{person}"
    );
    assert!(person.contains(">Aparece en</h2>"), "{person}");
    assert!(!person.contains("Mencionado en") && !person.contains("que lo nombra"));
    // The hidden label before an entry's names agrees with how many there are.
    let timeline = site.read_out("es/timeline/index.html");
    assert!(!timeline.contains("Mencionados: "), "{timeline}");
    for (label, one) in [
        ("En este hecho aparece: </span>", true),
        ("En este hecho aparecen: </span>", false),
    ] {
        let mut seen = 0;
        for after in timeline.split(label).skip(1) {
            let names = after[..after.find("</p>").unwrap()].matches("<a ").count();
            assert_eq!(names == 1, one, "{label}{after}");
            seen += 1;
        }
        assert!(seen > 0, "no {label}");
    }
}

#[test]
fn a_count_of_one_mention_is_singular_in_both_languages() {
    let site = built();
    for (page, one, wrong, many) in [
        (
            "entities/index.html",
            "(1 mention)",
            "(1 mentions)",
            " mentions)",
        ),
        (
            "es/entities/index.html",
            "(1 mención)",
            "(1 menciones)",
            " menciones)",
        ),
    ] {
        let html = site.read_out(page);
        assert!(html.contains(one), "{page}: {html}");
        assert!(html.contains(many), "{page}: {html}");
        assert!(!html.contains(wrong), "{page}: {html}");
    }
}

#[test]
fn spanish_pages_cite_and_feed_the_spanish_tree() {
    let site = built();
    let es_root = format!("{BASE}es/");
    let brief = site.read_out("es/brief/index.html");
    assert!(
        brief.contains(&format!("Método: {es_root}methodology/</p>")),
        "{brief}"
    );
    for page in ["es/index.html", "es/brief/index.html"] {
        let html = site.read_out(page);
        assert!(
            html.contains(&format!(
                "<meta name=\"citation_public_url\" content=\"{es_root}\">"
            )),
            "{page}"
        );
        let citation = html.split("<p class=\"citation\">").nth(1).unwrap();
        assert!(
            citation.starts_with("brief contributors. Quédate en México")
                && citation.contains(&format!(". {es_root}</p>")),
            "{page}: {citation}"
        );
    }
    assert!(
        brief.contains(&format!("</time> · {es_root}</p>")),
        "{brief}"
    );
    let home = site.read_out("es/index.html");
    assert!(home.contains(&format!("\"url\":\"{es_root}\"")), "{home}");
    for (_, html) in source_pages(&site, "es/") {
        assert!(
            html.contains("\"@type\":\"WebSite\",\"name\":\"Quédate"),
            "{html}"
        );
        assert!(html.contains(&format!("\"url\":\"{es_root}\"}}")), "{html}");
    }
    // Each feed has its own id and links to its own home page.
    let feed = site.read_out("es/atom.xml");
    assert!(feed.contains(&format!("<id>{es_root}</id>")), "{feed}");
    assert!(
        feed.contains(&format!("<link href=\"{es_root}\"/>")),
        "{feed}"
    );
    let en_feed = site.read_out("atom.xml");
    assert!(en_feed.contains(&format!("<id>{BASE}</id>")), "{en_feed}");
    assert!(en_feed.contains(&format!("<link href=\"{BASE}\"/>")));
    // The English tree is as before.
    let en_brief = site.read_out("brief/index.html");
    assert!(en_brief.contains(&format!("{BASE}methodology/</p>")));
    assert!(en_brief.contains(&format!(
        "<meta name=\"citation_public_url\" content=\"{BASE}\">"
    )));
}

#[test]
fn english_words_on_spanish_pages_carry_lang_en() {
    let site = built();
    let mut bases = 0;
    for (path, html) in source_pages(&site, "es/") {
        // The editor's note on the date, from the sidecar: written in English.
        if html.contains("<details class=\"date-basis\">") {
            assert!(
                html.contains("</summary><p lang=\"en\">"),
                "{path}: date basis"
            );
            bases += 1;
        }
        // "Cifras: <the figure's words>", the words in the source's language.
        assert!(!html.contains(">Cifras: two types<"), "{path}");
        // A mark's tooltip inside the English text is English, with no Spanish word.
        assert!(!html.contains("title=\"Cifras: "), "{path}");
        assert!(!html.contains("title=\"Cronología: "), "{path}");
    }
    assert!(bases > 0, "no date basis in the flagship");
    let source = site.read_out("es/sources/000-1a28bce7c236d9b4/index.html");
    assert!(
        source.contains("Cifras: <span lang=\"en\">two types</span></a>"),
        "{source}"
    );
    assert!(source.contains("class=\"fact-stat\" title=\"types of kidnappings\">"));
    // The English pages keep the words of their own language unmarked.
    let en_source = site.read_out("sources/000-1a28bce7c236d9b4/index.html");
    assert!(en_source.contains("Figures: two types</a>"), "{en_source}");
    assert!(en_source.contains("title=\"Figures: types of kidnappings\">"));
    assert!(!en_source.contains("</summary><p lang="));
    // The timeline's dots are titled with English headlines, the date in ISO form.
    let timeline = site.read_out("es/timeline/index.html");
    assert!(
        timeline.contains(
            "<title lang=\"en\">2018-12-01: Mexico’s new administration is inaugurated</title>"
        ),
        "{timeline}"
    );
    assert!(!timeline.contains("r=\"4\"><title>"), "{timeline}");
    // The charts' names are the measures' own (English) words.
    let stats = site.read_out("es/statistics/index.html");
    assert!(stats.contains("-t\" lang=\"en\">"), "{stats}");
    assert!(
        !stats.contains("<caption class=\"visually-hidden\">"),
        "{stats}"
    );
    // The methodology's source titles and the accuracy record (English).
    let method = site.read_out("es/methodology/index.html");
    assert!(
        method.contains("<dl class=\"accuracy\" lang=\"en\">"),
        "{method}"
    );
    let table = &method[method.find("<table class=\"counts per-source\">").unwrap()..];
    let table = &table[..table.find("</tbody>").unwrap()];
    assert_eq!(
        table.matches("<td><a ").count(),
        table.matches("\" lang=\"en\">").count(),
        "{table}"
    );
    assert!(
        site.read_out("methodology/index.html")
            .contains("<dl class=\"accuracy\">")
    );
}

#[test]
fn spanish_labels_inside_english_text_carry_lang_es() {
    let site = built();
    let mut labels = 0;
    for (path, html) in source_pages(&site, "es/") {
        let Some(start) = html.find("<div class=\"prose document\" lang=\"en\">") else {
            continue;
        };
        let text = &html[start..];
        let text = &text[..text.find("\n  </div>").unwrap_or(text.len())];
        // Every permalink's name ("Enlace a esta frase") is Spanish inside English text.
        for (at, _) in text.match_indices("aria-label=\"") {
            let tag = &text[at..at + text[at..].find('>').unwrap()];
            assert!(tag.contains(" lang=\"es\""), "{path}: {tag}");
            labels += 1;
        }
    }
    assert!(
        labels > 0,
        "no labelled permalink in an English source's text"
    );
    // The notes of an English report: their section and names are the page's words.
    let notes = site.read_out("es/sources/002-95af5cb3ceccfe72/index.html");
    assert!(
        notes.contains("<h2 id=\"notes-heading\" lang=\"es\">Notas</h2>"),
        "{notes}"
    );
    assert!(
        notes.contains("aria-label=\"Nota 1\" lang=\"es\">"),
        "{notes}"
    );
    let en_notes = site.read_out("sources/002-95af5cb3ceccfe72/index.html");
    assert!(en_notes.contains("<h2 id=\"notes-heading\">Notes</h2>"));
    assert!(en_notes.contains("aria-label=\"Note 1\">"));
    // The English tree's own pages need no mark.
    let en = site.read_out("sources/001-13c3848cb01a7b47/index.html");
    assert!(en.contains("aria-label=\"Link to this sentence\""), "{en}");
    assert!(!en.contains("aria-label=\"Link to this sentence\" lang="));
}

#[test]
fn the_spanish_data_page_describes_every_column_in_spanish() {
    let site = built();
    let package: Value = serde_json::from_str(&site.read_out("data/datapackage.json")).unwrap();
    let en = site.read_out("data/index.html");
    let es = site.read_out("es/data/index.html");
    let mut checked = 0;
    for r in package["resources"].as_array().unwrap() {
        // The published schema stays English.
        let descriptions = std::iter::once(&r["description"]).chain(
            r["schema"]["fields"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| &f["description"]),
        );
        for d in descriptions {
            let d = escaped(d.as_str().unwrap());
            assert!(en.contains(&d), "English page lacks {d}");
            assert!(!es.contains(&d), "Spanish page has the English {d}");
            checked += 1;
        }
    }
    assert!(checked > 40, "{checked}");
    for english in [
        "whole number",
        "year / month / day",
        "true / false",
        ">text<",
    ] {
        assert!(!es.contains(english), "{english}: {es}");
    }
    assert!(es.contains("número entero") && es.contains("<h2 id=\"table-events\">Hechos</h2>"));
    assert!(es.contains("uno de <code>year</code> / <code>month</code> / <code>day</code>"));
    assert!(en.contains("whole number") && en.contains("<h2 id=\"table-events\">Events</h2>"));
}

#[test]
fn dollars_are_written_as_us_dollars_in_spanish() {
    let site = built();
    let es = site.read_out("es/statistics/index.html");
    assert!(es.contains("<strong>58.000.000\u{a0}US$</strong>"), "{es}");
    assert!(!es.contains("<strong>$"), "{es}");
    let en = site.read_out("statistics/index.html");
    assert!(en.contains("<strong>$58,000,000</strong>"), "{en}");
}

#[test]
fn the_switch_keeps_the_search_with_javascript_and_the_sitemap_has_x_default() {
    let site = built();
    for page in ["es/search/index.html", "search/index.html", "es/index.html"] {
        let html = site.read_out(page);
        assert!(
            html.contains("<script src=\"/mpp-briefing/language.js\" defer></script>"),
            "{page}"
        );
        // Without JavaScript, a plain link to the page.
        assert!(html.contains("<li class=\"language-switch\"><a href=\"/mpp-briefing/"));
    }
    let script = site.read_out("language.js");
    assert!(
        script.contains("location.search + location.hash"),
        "{script}"
    );
    let sitemap = site.read_out("sitemap.xml");
    let urls = sitemap.matches("<url>").count();
    assert!(urls > 10);
    assert_eq!(sitemap.matches("hreflang=\"x-default\"").count(), urls);
    assert!(sitemap.contains(&format!(
        "<xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"{BASE}timeline/\"/><xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{BASE}timeline/\"/><xhtml:link rel=\"alternate\" hreflang=\"es\" href=\"{BASE}es/timeline/\"/>"
    )));
}
