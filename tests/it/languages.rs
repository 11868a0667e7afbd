//! Bilingual sites (`languages = ["en", "es"]`): the whole UI once per language, the
//! default at the root and Spanish under `es/`, linked to each other; and a one-language
//! site exactly as before.

use crate::common::*;
use std::collections::BTreeMap;
use std::path::Path;

const BASE: &str = "https://org.github.io/repo/";

const EN_SOURCE: &str = "Shelters Report Kidnappings\n\n05-23-2019\n\nOn 12 March 2019, more than 5,000 people were returned to Nuevo Laredo under the new policy.\n\nAbout 300 people were kidnapped in 2019, the shelter said.";

const ES_SOURCE: &str = "Albergues denuncian secuestros\n\n2019-06-20\n\nEl 24 de agosto de 2010, 72 migrantes fueron asesinados en San Fernando, Tamaulipas.\n\nEn 2019 el albergue recibió a más de 11.200 personas devueltas a México.";

/// A two-language site with an English and a Spanish source, both published in full.
fn bilingual_site(site_toml: &str) -> TempSite {
    let site = TempSite::new();
    site.write("site.toml", site_toml);
    site.write("content/sources/shelters.txt", EN_SOURCE);
    site.write(
        "content/sources/shelters.meta.toml",
        "language = \"en\"\nrights = \"CC-BY-4.0\"\nattribution = \"Shelter network\"\n",
    );
    site.write("content/sources/albergues.txt", ES_SOURCE);
    site.write(
        "content/sources/albergues.meta.toml",
        "language = \"es\"\nrights = \"CC-BY-4.0\"\nattribution = \"Red de albergues\"\n",
    );
    site
}

fn built_bilingual() -> TempSite {
    let site = bilingual_site(&format!(
        "title = \"Two languages\"\nbase_url = \"{BASE}\"\nlanguages = [\"en\", \"es\"]\n"
    ));
    let o = site.brief(&["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    site
}

/// The HTML pages of the output (redirect pages of aliases aside), by path.
fn pages(out: &Path) -> BTreeMap<String, String> {
    snapshot(out)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
        .collect()
}

/// The file a link inside the site leads to (`/repo/es/timeline/#x` →
/// `es/timeline/index.html`), or `None` for a link that leaves the site.
fn target(link: &str) -> Option<String> {
    let link = link.strip_prefix("https://org.github.io").unwrap_or(link);
    let rest = link.strip_prefix("/repo/")?;
    let rest = rest.split(['#', '?']).next().unwrap_or("");
    Some(if rest.is_empty() || rest.ends_with('/') {
        format!("{rest}index.html")
    } else {
        rest.to_string()
    })
}

/// Every value of `attr="…"` in `html`.
fn attrs<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    html.split(needle.as_str())
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect()
}

/// The `hreflang` alternates of a page: (hreflang, href).
fn alternates(html: &str) -> Vec<(String, String)> {
    html.split("<link rel=\"alternate\" hreflang=\"")
        .skip(1)
        .map(|s| {
            let lang = &s[..s.find('"').unwrap()];
            let href = attrs(s, "href")[0];
            (lang.to_string(), href.to_string())
        })
        .collect()
}

#[test]
fn both_trees_have_every_page_with_alternates_and_a_switch_to_an_existing_file() {
    let site = built_bilingual();
    let out = site.out();
    let all = pages(&out);
    let (es, en): (Vec<&String>, Vec<&String>) = all.keys().partition(|p| p.starts_with("es/"));
    assert!(en.len() > 10, "{en:?}");
    // The same pages in both trees.
    let en_set: Vec<String> = en.iter().map(|p| p.to_string()).collect();
    let es_set: Vec<String> = es.iter().map(|p| p["es/".len()..].to_string()).collect();
    assert_eq!(en_set, es_set);
    for page in [
        "index.html",
        "timeline/index.html",
        "statistics/index.html",
        "sources/albergues/index.html",
        "entities/index.html",
        "search/index.html",
        "methodology/index.html",
        "brief/index.html",
        "data/index.html",
        "404.html",
    ] {
        assert!(all.contains_key(page), "missing {page}");
        assert!(all.contains_key(&format!("es/{page}")), "missing es/{page}");
    }
    for (path, html) in &all {
        let (lang, other, other_name) = if path.starts_with("es/") {
            ("es", "en", "English")
        } else {
            ("en", "es", "Español")
        };
        assert!(
            html.contains(&format!("<html lang=\"{lang}\">")),
            "{path}: <html lang> is not {lang}"
        );
        let alts = alternates(html);
        let langs: Vec<&str> = alts.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(langs, ["en", "x-default", "es"], "{path}");
        for (l, href) in &alts {
            let file = target(href).unwrap_or_else(|| panic!("{path}: {l} → {href}"));
            assert!(out.join(&file).is_file(), "{path}: {l} → {href} ({file})");
        }
        let bare = path.trim_start_matches("es/");
        let x_default = &alts[1].1;
        assert_eq!(target(x_default).unwrap(), bare, "{path}: x-default");
        // The visible switch: a plain link to the same page in the other language.
        let switch = format!("lang=\"{other}\" hreflang=\"{other}\">{other_name}</a>");
        let at = html
            .find(&switch)
            .unwrap_or_else(|| panic!("{path}: no switch to {other}"));
        let href = attrs(&html[..at], "href").pop().unwrap();
        let file = target(href).unwrap();
        let expected = if other == "es" {
            format!("es/{bare}")
        } else {
            bare.to_string()
        };
        assert_eq!(file, expected, "{path}: switch → {href}");
        assert!(out.join(&file).is_file(), "{path}: switch → {href}");
    }
}

#[test]
fn every_internal_link_of_each_tree_resolves_and_stays_in_its_tree() {
    let site = built_bilingual();
    let out = site.out();
    let mut checked = 0;
    for (path, html) in pages(&out) {
        let in_es = path.starts_with("es/");
        for link in attrs(&html, "href").into_iter().chain(attrs(&html, "src")) {
            let Some(file) = target(link) else {
                continue;
            };
            assert!(out.join(&file).is_file(), "{path}: {link} ({file})");
            checked += 1;
            // A page of the Spanish tree links to Spanish pages; only shared files
            // (data, styles, scripts, the sitemap) and the English version (the
            // switch, the alternates) are outside it.
            if in_es && file.ends_with(".html") && !file.starts_with("es/") {
                let bare = path.trim_start_matches("es/");
                assert_eq!(file, bare, "{path}: {link} leaves the Spanish tree");
            }
        }
    }
    assert!(checked > 500, "only {checked} links checked");
}

#[test]
fn the_spanish_tree_speaks_spanish_and_formats_dates_and_numbers_in_spanish() {
    let site = built_bilingual();
    let home = site.read_out("es/index.html");
    for word in ["Cronología", "Cifras", "Fuentes", "Buscar"] {
        assert!(home.contains(word), "es home lacks {word}");
    }
    let en_home = site.read_out("index.html");
    assert!(en_home.contains(">Timeline<") && !en_home.contains("Cronología"));
    let timeline = site.read_out("es/timeline/index.html");
    // The UI's dates; the quotes keep their own words ("On 12 March 2019, …").
    assert!(
        timeline.contains("<time datetime=\"2019-03-12\">12 de marzo de 2019</time>"),
        "{timeline}"
    );
    assert!(!timeline.contains(">12 March 2019</time>"));
    assert!(
        site.read_out("timeline/index.html")
            .contains(">12 March 2019</time>")
    );
    let figures = site.read_out("es/statistics/index.html");
    assert!(figures.contains("5.000"), "{figures}");
    assert!(site.read_out("statistics/index.html").contains("5,000"));
    // "unos 300 …" agrees with "personas" (feminine).
    assert!(figures.contains("unas"), "{figures}");
    assert!(!figures.contains("unos 300"), "{figures}");
    // The feed of each tree is in its language and links inside it.
    let feed = site.read_out("es/atom.xml");
    assert!(
        feed.contains("https://org.github.io/repo/es/sources/"),
        "{feed}"
    );
}

#[test]
fn quotes_and_texts_carry_lang_where_the_document_differs_from_the_page() {
    let site = built_bilingual();
    // The Spanish source on an English page, and the English one on a Spanish page.
    let es_doc = site.read_out("sources/albergues/index.html");
    assert!(es_doc.contains("<h1 lang=\"es\">"), "{es_doc}");
    assert!(es_doc.contains("<div class=\"prose document\" lang=\"es\">"));
    let en_doc_es = site.read_out("es/sources/shelters/index.html");
    assert!(en_doc_es.contains("<div class=\"prose document\" lang=\"en\">"));
    // The same language as the page: no attribute.
    let en_doc = site.read_out("sources/shelters/index.html");
    assert!(en_doc.contains("<div class=\"prose document\">"));
    let es_doc_es = site.read_out("es/sources/albergues/index.html");
    assert!(es_doc_es.contains("<div class=\"prose document\">"));
    // Quoted sentences on the briefing's pages: every quote of the English source on
    // a Spanish page is marked, and none of a Spanish page's own-language quotes.
    let timeline = site.read_out("es/timeline/index.html");
    let marked = timeline.matches("<q lang=\"en\"").count();
    assert!(marked > 0, "{timeline}");
    assert_eq!(
        timeline.matches("<q").count(),
        marked + timeline.matches("<q lang=\"es\"").count() + unmarked(&timeline),
    );
    assert!(!timeline.contains("<q lang=\"es\""));
    let en_timeline = site.read_out("timeline/index.html");
    assert!(!en_timeline.contains("<q lang=\"en\""));
    // Headlines made from a source's sentence carry its language too: as many English
    // headings on the Spanish timeline as Spanish ones on the English timeline (each
    // tree marks the other language's), and none of the page's own language.
    let headings = |html: &str, lang: &str| {
        html.matches(&format!("<h3 class=\"event-title\" lang=\"{lang}\">"))
            .count()
    };
    assert!(headings(&timeline, "en") > 0, "{timeline}");
    assert!(headings(&en_timeline, "es") > 0, "{en_timeline}");
    assert_eq!(headings(&timeline, "es") + headings(&en_timeline, "en"), 0);
    // The print brief lists the same headlines.
    let brief = site.read_out("brief/index.html");
    assert!(brief.contains("<span lang=\"es\">"), "{brief}");
    assert!(
        !site
            .read_out("es/brief/index.html")
            .contains("<span lang=\"es\">")
    );
}

/// Quotes without a `lang` (in the page's own language).
fn unmarked(html: &str) -> usize {
    html.matches("<q>").count() + html.matches("<q class=").count()
}

#[test]
fn shared_files_are_written_once_and_each_tree_has_its_own_search_index() {
    let site = built_bilingual();
    let out = site.out();
    for shared in [
        "data/events.json",
        "data/statistics.csv",
        "style.css",
        "sitemap.xml",
        "robots.txt",
    ] {
        assert!(out.join(shared).is_file(), "{shared}");
        assert!(!out.join("es").join(shared).exists(), "es/{shared}");
    }
    let en = site.read_out("pagefind/pagefind-entry.json");
    let es = site.read_out("es/pagefind/pagefind-entry.json");
    assert!(en.contains("\"en\":") && !en.contains("\"es\":"), "{en}");
    assert!(es.contains("\"es\":") && !es.contains("\"en\":"), "{es}");
    // Each search page loads its own tree's index.
    let search = site.read_out("es/search/index.html");
    assert!(
        search.contains("data-bundle=\"/repo/es/pagefind/\""),
        "{search}"
    );
    // One sitemap lists both trees, each page with its alternates.
    let sitemap = site.read_out("sitemap.xml");
    assert!(sitemap.contains("<loc>https://org.github.io/repo/es/timeline/</loc>"));
    assert!(sitemap.contains("<loc>https://org.github.io/repo/timeline/</loc>"));
    assert!(sitemap.contains(
        "<xhtml:link rel=\"alternate\" hreflang=\"es\" href=\"https://org.github.io/repo/es/timeline/\"/>"
    ));
}

#[test]
fn a_one_language_site_has_no_second_tree_and_no_alternates() {
    for toml in [
        format!("title = \"One\"\nbase_url = \"{BASE}\"\n"),
        format!("title = \"Una\"\nbase_url = \"{BASE}\"\nlanguage = \"es\"\n"),
        // One language in the list is a one-language site too.
        format!("title = \"Una\"\nbase_url = \"{BASE}\"\nlanguages = [\"es\"]\n"),
    ] {
        let site = bilingual_site(&toml);
        let o = site.brief(&["build"]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(!site.out().join("es").exists(), "{toml}");
        let home = site.read_out("index.html");
        assert!(!home.contains("hreflang"), "{toml}");
        assert!(!site.read_out("sitemap.xml").contains("xhtml"), "{toml}");
        let lang = if toml.contains("es") { "es" } else { "en" };
        assert!(home.contains(&format!("<html lang=\"{lang}\">")), "{toml}");
    }
}

#[test]
fn languages_are_checked_with_the_line_of_site_toml() {
    for (toml, expected) in [
        (
            "title = \"x\"\nlanguages = [\"en\", \"fr\"]\n",
            "site.toml:2: languages: \"fr\" is not supported",
        ),
        (
            "title = \"x\"\nlanguages = [\"en\", \"es\", \"en\"]\n",
            "site.toml:2: languages: \"en\" is listed twice",
        ),
        (
            "title = \"x\"\nlanguage = \"es\"\nlanguages = [\"en\", \"es\"]\n",
            "site.toml:2: language = \"es\" but languages = [\"en\", \"es\"] starts with \"en\"",
        ),
    ] {
        let site = TempSite::new();
        site.write("site.toml", toml);
        let o = site.brief(&["build"]);
        assert!(!o.status.success(), "{toml}");
        assert!(stderr(&o).contains(expected), "{toml}\n{}", stderr(&o));
    }
    // `language` agreeing with the first of `languages` is fine.
    let site = bilingual_site(&format!(
        "base_url = \"{BASE}\"\nlanguage = \"es\"\nlanguages = [\"es\", \"en\"]\n"
    ));
    let o = site.brief(&["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(site.read_out("index.html").contains("<html lang=\"es\">"));
    assert!(
        site.read_out("en/index.html")
            .contains("<html lang=\"en\">")
    );
}

#[test]
fn brief_check_finds_no_problem_in_either_tree() {
    // Each tree has its own 404 page, which nothing links to: not an orphan.
    let site = bilingual_site(&format!(
        "title = \"Two languages\"\nbase_url = \"{BASE}\"\nlanguages = [\"en\", \"es\"]\n"
    ));
    let o = site.brief(&["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains(": 0 problems"), "{}", stderr(&o));
}

#[test]
fn counts_of_one_agree_in_number_in_both_languages() {
    // "1 hechos entre 2019 y 2019" and "1 events between 2019 and 2019" were written on a
    // timeline holding one event.
    for (lang, one, wrong) in [
        ("es", ">1 hecho (2019), un punto.", "1 hechos"),
        ("en", ">1 event (2019), shown as one dot.", "1 events"),
    ] {
        let site = TempSite::new();
        site.write(
            "site.toml",
            &format!("title = \"One\"\nbase_url = \"{BASE}\"\nlanguage = \"{lang}\"\n"),
        );
        site.write(
            "content/sources/one.txt",
            "One Event\n\n05-23-2019\n\nOn 12 March 2019, the shelter closed its doors in Nuevo Laredo.",
        );
        let o = site.brief(&["build"]);
        assert!(o.status.success(), "{}", stderr(&o));
        let timeline = site.read_out("timeline/index.html");
        assert!(timeline.contains(one), "{lang}: {timeline}");
        assert!(!timeline.contains(wrong), "{lang}: {timeline}");
        assert!(!timeline.contains("2019 and 2019") && !timeline.contains("2019 y 2019"));
    }
}

#[test]
fn a_translated_page_is_used_in_its_tree_and_an_untranslated_one_is_marked() {
    let site = bilingual_site(&format!(
        "title = \"Two languages\"\nbase_url = \"{BASE}\"\nlanguages = [\"en\", \"es\"]\n"
    ));
    site.write(
        "content/pages/_index.md",
        "+++\ntitle = \"Home\"\n+++\n\nThe overview, in English.\n",
    );
    site.write(
        "content/pages/_index.es.md",
        "+++\ntitle = \"Inicio\"\n+++\n\nEl resumen, en español.\n",
    );
    site.write(
        "content/pages/about.md",
        "+++\ntitle = \"About\"\n+++\n\nWho wrote this briefing.\n",
    );
    site.write(
        "content/pages/notes.fr.md",
        "+++\ntitle = \"Notes\"\n+++\n\nPas de version française.\n",
    );
    let o = site.brief(&["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    // `.fr` is not a language brief knows, so it is part of the name: a page notes-fr/.
    assert!(site.out().join("notes-fr/index.html").is_file());
    let home = site.read_out("index.html");
    assert!(home.contains("The overview, in English.") && !home.contains("español"));
    let inicio = site.read_out("es/index.html");
    assert!(inicio.contains("El resumen, en español."), "{inicio}");
    assert!(!inicio.contains("The overview"), "{inicio}");
    assert!(!inicio.contains("<div lang=\"en\">"), "{inicio}");
    // No Spanish about page: the English text, marked as English.
    let about = site.read_out("es/about/index.html");
    assert!(
        about.contains("<div lang=\"en\"><p>Who wrote this briefing.</p>"),
        "{about}"
    );
    assert!(!site.read_out("about/index.html").contains("<div lang="));
    // No page is built from the translation at its own path.
    assert!(!site.out().join("_index.es").exists() && !site.out().join("index.es").exists());
    assert!(err.contains(" 0 warnings"), "{err}");
}

#[test]
fn a_translation_into_a_language_the_site_is_not_built_in_is_left_out() {
    for (languages, two) in [
        ("language = \"en\"", false),
        ("languages = [\"en\", \"es\"]", true),
    ] {
        let site = TempSite::new();
        site.write(
            "site.toml",
            &format!("title = \"One\"\nbase_url = \"{BASE}\"\n{languages}\n"),
        );
        site.write(
            "content/pages/about.md",
            "+++\ntitle = \"About\"\n+++\n\nEnglish.\n",
        );
        site.write(
            "content/pages/about.es.md",
            "+++\ntitle = \"Acerca\"\n+++\n\nEspañol.\n",
        );
        site.write(
            "content/pages/about.en.md",
            "+++\ntitle = \"About\"\n+++\n\nAgain.\n",
        );
        // The Spanish page waits, unbuilt, on the English-only site.
        let o = site.brief(&["build"]);
        assert!(o.status.success(), "{}", stderr(&o));
        let err = stderr(&o);
        assert!(err.contains("a second page for /about/ in \"en\""), "{err}");
        let about = site.read_out("about/index.html");
        assert!(
            about.contains("English.") != about.contains("Again."),
            "{about}"
        );
        assert!(!about.contains("Español."), "{about}");
        assert_eq!(site.out().join("es").exists(), two, "{languages}");
        if two {
            assert!(site.read_out("es/about/index.html").contains("Español."));
        }
    }
}

#[test]
fn each_tree_shows_its_translated_title_and_a_bad_translation_table_is_an_error() {
    let site = bilingual_site(&format!(
        "title = \"Remain in Mexico\"\nbase_url = \"{BASE}\"\nlanguages = [\"en\", \"es\"]\n\n[translations.es]\ntitle = \"Quédate en México\"\ndescription = \"Un informe.\"\n"
    ));
    let o = site.brief(&["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let es = site.read_out("es/index.html");
    assert!(es.contains("Quédate en México</a>"), "{es}");
    assert!(
        es.contains("<meta name=\"description\" content=\"Un informe.\">"),
        "{es}"
    );
    let en = site.read_out("index.html");
    assert!(
        en.contains("Remain in Mexico</a>") && !en.contains("Quédate"),
        "{en}"
    );
    assert!(site.read_out("es/atom.xml").contains("Quédate en México"));
    // The default language's table, and a language brief does not know: errors at
    // their lines, together.
    site.write(
        "site.toml",
        &format!("title = \"T\"\nbase_url = \"{BASE}\"\nlanguages = [\"en\", \"es\"]\n\n[translations.en]\ntitle = \"T\"\n\n[translations.fr]\ntitle = \"T\"\n"),
    );
    let o = site.brief(&["build"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("site.toml:5") && err.contains("\"en\" is the default language"),
        "{err}"
    );
    assert!(
        err.contains("site.toml:8") && err.contains("translations.fr"),
        "{err}"
    );
}
