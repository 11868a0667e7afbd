//! The flagship site (this repository's content/), built into a temp copy: required
//! files, verbatim provenance of every published fact, extraction accuracy against the
//! gold annotations, and no page furniture in the pages.

use crate::common::*;
use serde_json::Value;
use std::fs;

/// A temp copy of the flagship site (so parallel tests never share an output folder).
fn flagship() -> TempSite {
    let site = TempSite::new();
    fs::copy(repo().join("site.toml"), site.root().join("site.toml")).unwrap();
    copy_dir(&repo().join("content"), &site.root().join("content"));
    copy_dir(&repo().join("themes"), &site.root().join("themes"));
    site
}

fn built(base_url: &str) -> TempSite {
    let site = flagship();
    let o = site.brief(&["build", "--base-url", base_url]);
    assert!(o.status.success(), "{}", stderr(&o));
    site
}

fn json(site: &TempSite, rel: &str) -> Value {
    serde_json::from_str(&site.read_out(rel)).unwrap()
}

#[test]
fn the_flagship_has_every_required_file() {
    let site = built("https://example.org/mpp-briefing/");
    for f in [
        "index.html",
        "404.html",
        "sitemap.xml",
        "atom.xml",
        "robots.txt",
        ".nojekyll",
    ] {
        assert!(site.out().join(f).is_file(), "missing {f}");
    }
    let sources = fs::read_dir(site.out().join("sources")).unwrap().count();
    assert_eq!(sources, 5);
}

/// Every page marked for search, and only those, is in the index (the indexer stops
/// once the jobs that may make such pages are in; one arriving later would be lost).
#[test]
fn every_page_marked_for_search_is_in_the_index() {
    let site = built("https://example.org/mpp-briefing/");
    let marked = walkdir::WalkDir::new(site.out())
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_name() == "index.html")
        .filter(|e| {
            fs::read_to_string(e.path())
                .unwrap()
                .contains("data-pagefind-body")
        })
        .count();
    let entry = json(&site, "pagefind/pagefind-entry.json");
    assert!(marked >= 25, "only {marked} pages marked");
    assert_eq!(entry["languages"]["en"]["page_count"], marked);
}

#[test]
fn every_fact_quotes_its_source_verbatim_and_links_to_a_real_paragraph() {
    let site = built("https://example.org/mpp-briefing/");
    let events = json(&site, "data/events.json");
    let stats = json(&site, "data/statistics.json");
    let items: Vec<&Value> = events["events"]
        .as_array()
        .unwrap()
        .iter()
        .chain(stats["statistics"].as_array().unwrap())
        .collect();
    assert!(items.len() >= 50, "{} facts", items.len());
    for item in items {
        let source_path = item["source_path"].as_str().unwrap();
        let text = fs::read_to_string(site.root().join("content").join(source_path)).unwrap();
        let quote = item["quote"].as_str().unwrap();
        let span = item["span"].as_str().unwrap();
        assert!(
            text.contains(quote),
            "quote not verbatim in {source_path}: {quote}"
        );
        assert!(quote.contains(span), "span not in quote: {span} / {quote}");
        let anchor = item["anchor"].as_str().unwrap();
        let rel = anchor
            .strip_prefix("https://example.org/mpp-briefing/")
            .unwrap();
        let (page, frag) = rel.split_once('#').unwrap();
        let html = site.read_out(&format!("{page}index.html"));
        assert!(
            html.contains(&format!("id=\"{frag}\"")),
            "{anchor} has no target"
        );
        let prefix = item["prefix"].as_str().unwrap();
        let suffix = item["suffix"].as_str().unwrap();
        assert!(
            text.contains(&format!("{prefix}{quote}{suffix}")),
            "context of {quote}"
        );
    }
    // CSV twins exist with one row per fact.
    let csv = site.read_out("data/statistics.csv");
    assert_eq!(
        csv.lines().count() - 1,
        stats["statistics"].as_array().unwrap().len()
    );
}

#[test]
fn fact_ids_are_stable_across_rebuilds_and_base_urls() {
    let a = built("https://example.org/mpp-briefing/");
    let b = built("https://org.github.io/");
    let ids = |s: &TempSite| -> Vec<String> {
        json(s, "data/events.json")["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(&a), ids(&b));
}

/// Runs the project's scorer (../shared/tools/score_extraction.py) when it is there.
#[test]
fn extraction_meets_the_gold_standard_on_the_flagship() {
    let scorer = repo().join("../shared/tools/score_extraction.py");
    let gold = repo().join("tests/gold");
    if !scorer.exists() {
        eprintln!("skipped: {} not found", scorer.display());
        return;
    }
    let site = built("https://example.org/mpp-briefing/");
    let o = std::process::Command::new("python3")
        .arg(&scorer)
        .arg(site.out())
        .arg(&gold)
        .args(["--min-f1", "0.95"])
        .output()
        .expect("python3 runs");
    let out = String::from_utf8_lossy(&o.stdout);
    eprintln!("{out}");
    assert!(o.status.success(), "scorer below 0.95:\n{out}");
}

#[test]
fn page_furniture_never_reaches_the_pages() {
    let site = built("https://example.org/mpp-briefing/");
    let furniture = [
        "top of page",
        "bottom of page",
        "Related Post",
        "Latest Stories",
        "Mexico + 2 more",
        "View original",
        "Don't Miss",
        "More Julian Resendiz",
        "Copyright 2021",
        "Visit the homepage",
    ];
    for (path, bytes) in snapshot(&site.out()) {
        if !path.starts_with("sources/") {
            continue;
        }
        let mut html = String::from_utf8_lossy(&bytes).into_owned();
        // The editor's note on how the date was worked out may quote the furniture.
        if let (Some(a), Some(b)) = (
            html.find("<details class=\"date-basis\""),
            html.find("</details>"),
        ) {
            html.replace_range(a..b, "");
        }
        for f in furniture {
            assert!(!html.contains(f), "{path} contains page furniture `{f}`");
        }
    }
}

#[test]
fn the_reference_list_of_002_becomes_real_footnotes() {
    let site = built("https://example.org/mpp-briefing/");
    let html = site.read_out("sources/002-95af5cb3ceccfe72/index.html");
    // "August 20106" is August 2010 + note 6 (the date may be marked as a fact).
    let marker = "<sup class=\"fnref\"><a id=\"fnref-6\" href=\"#fn-6\"";
    assert!(
        html.contains(&format!("August 2010{marker}"))
            || html.contains(&format!("August 2010</mark></a>{marker}")),
        "marker 6"
    );
    for n in 1..=26 {
        assert!(
            html.contains(&format!("<li id=\"fn-{n}\"")),
            "note {n} missing"
        );
    }
    assert!(html.contains("href=\"#fnref-6\""), "back-link of note 6");
}

/// The data package, read back against the CSVs it describes (as a Frictionless
/// validator would): every header is the declared field list; every cell has its
/// declared type, pattern and allowed words, and a value where one is required; primary
/// keys are unique; every fact's source_path is a source's path; and the JSON twins
/// hold the same rows, each fact naming its source's title.
#[test]
fn the_data_package_describes_the_csvs_exactly() {
    let site = built("https://example.org/mpp-briefing/");
    let package = json(&site, "data/datapackage.json");
    assert_eq!(package["profile"], "tabular-data-package");
    let mut keys: std::collections::HashMap<String, std::collections::BTreeSet<String>> =
        Default::default();
    let date = regex::Regex::new(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$").unwrap();
    let resources = package["resources"].as_array().unwrap();
    assert_eq!(resources.len(), 3);
    for r in resources {
        let name = r["name"].as_str().unwrap();
        let text = site.read_out(&format!("data/{}", r["path"].as_str().unwrap()));
        let text = text
            .strip_prefix('\u{feff}')
            .expect("CSV starts with a BOM for Excel");
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let fields = r["schema"]["fields"].as_array().unwrap();
        let declared: Vec<&str> = fields.iter().map(|f| f["name"].as_str().unwrap()).collect();
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(header, declared, "{name}: header");
        let pk = r["schema"]["primaryKey"][0].as_str().unwrap();
        let pk_col = declared.iter().position(|f| *f == pk).unwrap();
        let mut rows = 0;
        let mut pks = std::collections::BTreeSet::new();
        for record in reader.records() {
            let record = record.unwrap();
            rows += 1;
            for (cell, field) in record.iter().zip(fields) {
                let what = format!("{name}.{} = {cell:?}", field["name"]);
                let constraints = &field["constraints"];
                if cell.is_empty() {
                    assert!(constraints["required"] != true, "{what}: required");
                    continue;
                }
                match field["type"].as_str().unwrap() {
                    "integer" => assert!(cell.parse::<i64>().is_ok(), "{what}"),
                    "number" => assert!(cell.parse::<f64>().is_ok(), "{what}"),
                    "boolean" => assert!(cell == "true" || cell == "false", "{what}"),
                    "string" => {}
                    other => panic!("{what}: unexpected type {other}"),
                }
                if field["format"] == "uri" {
                    assert!(
                        cell.starts_with("https://") || cell.starts_with("http://"),
                        "{what}"
                    );
                }
                if constraints["pattern"].is_string() {
                    assert!(date.is_match(cell), "{what}");
                }
                if let Some(words) = constraints["enum"].as_array() {
                    assert!(words.iter().any(|w| w == cell), "{what}");
                }
            }
            assert!(
                pks.insert(record[pk_col].to_string()),
                "{name}: duplicate {pk}"
            );
            if let Some(fk) = r["schema"]["foreignKeys"].as_array() {
                let field = fk[0]["fields"][0].as_str().unwrap();
                let target = fk[0]["reference"]["resource"].as_str().unwrap();
                let col = declared.iter().position(|f| *f == field).unwrap();
                assert!(
                    keys[target].contains(&record[col]),
                    "{name}: {} dangles",
                    &record[col]
                );
            }
        }
        let twin = json(&site, &format!("data/{name}.json"));
        assert_eq!(
            twin[name].as_array().unwrap().len(),
            rows,
            "{name}: JSON twin"
        );
        assert!(rows > 0, "{name}: no rows");
        keys.insert(name.to_string(), pks);
    }
    let sources = json(&site, "data/sources.json");
    let title_of = |path: &str| {
        sources["sources"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["path"] == path)
            .map(|s| s["title"].clone())
            .unwrap()
    };
    for e in json(&site, "data/events.json")["events"]
        .as_array()
        .unwrap()
    {
        assert_eq!(
            e["source_title"],
            title_of(e["source_path"].as_str().unwrap())
        );
    }
    // The data page lists every file and is linked from the footer of the home page.
    let page = site.read_out("data/index.html");
    for file in [
        "sources.csv",
        "events.json",
        "statistics.csv",
        "datapackage.json",
    ] {
        assert!(page.contains(file), "data page lacks {file}");
    }
    assert!(
        site.read_out("index.html")
            .contains("href=\"/mpp-briefing/data/\"")
    );
}

/// The home page lists its sources newest first (undated ones last).
#[test]
fn the_home_page_lists_sources_newest_first() {
    let site = built("https://example.org/mpp-briefing/");
    let home = site.read_out("index.html");
    let list = &home[home.find("id=\"sources-heading\"").unwrap()..];
    let sources = json(&site, "data/sources.json");
    let mut listed: Vec<(usize, String)> = sources["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let link = s["page_url"]
                .as_str()
                .unwrap()
                .replace("https://example.org", "");
            let at = list.find(&format!("href=\"{link}\"")).expect("listed");
            (at, s["published"].as_str().unwrap_or("").to_string())
        })
        .collect();
    listed.sort();
    let dates: Vec<&str> = listed.iter().map(|(_, d)| d.as_str()).collect();
    let mut newest_first = dates.clone();
    newest_first.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, newest_first);
    assert!(dates.len() == 5 && dates[0] > dates[4], "{dates:?}");
    // How to cite: the authors first, the organisation as publisher, no invented year.
    assert!(
        home.contains(
            "brief contributors. Remain in Mexico: the Migrant Protection Protocols and \
             violence against migrants. brief. https://example.org/mpp-briefing/"
        ),
        "citation"
    );
}

/// Names the gazetteer lacks are for the editor: `brief check` prints them, the public
/// methodology page does not.
#[test]
fn candidate_names_go_to_the_editor_not_the_public_page() {
    let site = built("https://example.org/mpp-briefing/");
    let o = site.brief(&["check", "--base-url", "https://example.org/mpp-briefing/"]);
    let err = stderr(&o);
    let list = err
        .lines()
        .find_map(|l| {
            l.split_once("not in content/entities.toml: ")
                .map(|(_, n)| n)
        })
        .unwrap_or_else(|| panic!("no candidate list: {err}"));
    let methodology = site.read_out("methodology/index.html");
    let names: Vec<&str> = list
        .split("; ")
        .map(|n| n.rsplit_once(" (").map_or(n, |(name, _)| name))
        .collect();
    assert!(names.len() >= 3, "{names:?}");
    // A name may turn up in a source's title; the list as a whole must not.
    let published: Vec<&&str> = names.iter().filter(|n| methodology.contains(**n)).collect();
    assert!(
        published.len() * 4 < names.len(),
        "listed on the methodology page: {published:?} of {names:?}"
    );
}

/// On paper a title alone can mean nothing ("Today, the Washington Office on Latin
/// America"): every entry of the print brief carries the sentence it comes from.
#[test]
fn every_entry_of_the_print_brief_has_its_quote() {
    let site = built("https://example.org/mpp-briefing/");
    let brief = site.read_out("brief/index.html");
    let list = &brief[brief.find("class=\"brief-timeline\"").unwrap()..];
    let list = &list[..list.find("</ol>").unwrap()];
    let entries: Vec<&str> = list.split("<li>").skip(1).collect();
    assert!(entries.len() >= 10, "{}", entries.len());
    for e in entries {
        assert!(
            e.contains("<span class=\"brief-quote\"><q"),
            "no quote: {e}"
        );
    }
}

/// The timeline tells the story: one entry per sentence, the policy first, older
/// history under "Background", and the home page's highlights are moments of the
/// policy (site.toml `[briefing] focus` and `topics`, the editor's `highlight`).
#[test]
fn the_timeline_leads_with_the_policy_and_each_sentence_once() {
    let site = built("https://example.org/mpp-briefing/");
    let timeline = site.read_out("timeline/index.html");
    // No sentence is quoted by two entries.
    let quotes: Vec<&str> = timeline
        .split("<ul class=\"reports\">")
        .skip(1)
        .map(|entry| &entry[..entry.find("</ul>").unwrap()])
        .collect();
    assert!(quotes.len() >= 15, "{}", quotes.len());
    let mut seen = std::collections::BTreeSet::new();
    for entry in &quotes {
        for q in entry.split("<li><q").skip(1) {
            let q = &q[..q.find("</q>").unwrap()];
            assert!(seen.insert(q.to_string()), "a sentence in two entries: {q}");
        }
    }
    // The PRI sentence gives one entry that lists its other dates.
    assert_eq!(
        timeline
            .matches("Partido Revolucionario Institucional")
            .count(),
        1
    );
    assert!(timeline.contains("The same sentence also mentions"));
    // The focus comes first; the 1929 history is under Background, after it.
    let background = timeline
        .find("<h2 id=\"background-h\">Background</h2>")
        .unwrap();
    let first_2019 = timeline.find("<h2 id=\"y-2019\">").unwrap();
    assert!(first_2019 < background);
    assert!(timeline[background..].contains("datetime=\"1929\""));
    assert!(!timeline[..background].contains("datetime=\"1929\""));
    // Highlights: the first is an MPP event; none is background; the editor's pick
    // (the expansion of the program) is in, the editor's `false` (Culiacán) is out.
    let home = site.read_out("index.html");
    let hl = &home[home.find("id=\"highlights-heading\"").expect("highlights")..];
    let hl = &hl[..hl.find("</ol>").unwrap()];
    let first = &hl[hl.find("<li").unwrap()..];
    let first = &first[..first.find("</li>").unwrap()];
    assert!(first.contains("MPP"), "first highlight: {first}");
    assert!(hl.contains("agreed to expand the program"));
    assert!(!hl.contains("Culiacan"));
    for year in ["1929", "2000", "2009", "2010", "2011", "2012", "2014"] {
        assert!(
            !hl.contains(&format!("datetime=\"{year}")),
            "background {year} highlighted"
        );
    }
    // On paper too: the focus first, the history under its own heading.
    let brief = site.read_out("brief/index.html");
    let bg = brief
        .find("<h3 class=\"brief-phase\">Background</h3>")
        .unwrap();
    assert!(brief[bg..].contains("datetime=\"1929\""));
    assert!(brief[..bg].contains("datetime=\"2019-09\""));
    assert!(!brief[..bg].contains("datetime=\"1929\""));
}

/// The methodology says, per kind, how many published facts an editor reviewed and
/// how many not, from the same statuses the open data carries.
#[test]
fn the_methodology_counts_reviewed_and_unreviewed_facts_per_kind() {
    let site = flagship();
    // One figure loses its review: the page must say so.
    let corrections = site.root().join("content/corrections.toml");
    let text = fs::read_to_string(&corrections).unwrap();
    let at = text.find("id = \"st-").unwrap();
    let block_start = text[..at].rfind("[[correction]]").unwrap();
    let block_end = text[at..]
        .find("[[correction]]")
        .map_or(text.len(), |i| at + i);
    fs::write(
        &corrections,
        format!("{}{}", &text[..block_start], &text[block_end..]),
    )
    .unwrap();
    let o = site.brief(&["build", "--base-url", "https://example.org/mpp-briefing/"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = site.read_out("methodology/index.html");
    let table = &page[page.find("class=\"counts review-counts\"").unwrap()..];
    let table = &table[..table.find("</table>").unwrap()];
    let row = |label: &str| {
        let at = table
            .find(&format!("<th scope=\"row\">{label}</th>"))
            .unwrap();
        let tr = &table[at..table[at..].find("</tr>").unwrap() + at];
        tr.split("<td>")
            .skip(1)
            .map(|c| c[..c.find("</td>").unwrap()].parse::<usize>().unwrap())
            .collect::<Vec<_>>()
    };
    let (published, reviewed, unreviewed) = (
        row("Published"),
        row("Reviewed by an editor"),
        row("Not reviewed"),
    );
    for (k, (file, key)) in [
        ("data/events.json", "events"),
        ("data/statistics.json", "statistics"),
    ]
    .into_iter()
    .enumerate()
    {
        let rows = json(&site, file)[key].as_array().unwrap().clone();
        let n = rows.iter().filter(|r| r["status"] == "reviewed").count();
        assert_eq!(published[k], rows.len(), "{key}");
        assert_eq!(reviewed[k], n, "{key}");
        assert_eq!(unreviewed[k], rows.len() - n, "{key}");
    }
    assert!(page.contains("One published fact has not been checked by an editor"));
}

/// A footnote number glued to a word ("August 20106" is August 2010 + note 6) is left
/// out of the sentences shown away from the source page; the open data keeps the
/// sentence verbatim.
#[test]
fn quoted_sentences_drop_glued_footnote_numbers_but_the_data_keeps_them() {
    let site = built("https://example.org/mpp-briefing/");
    for page in [
        "index.html",
        "timeline/index.html",
        "statistics/index.html",
        "brief/index.html",
    ] {
        let html = site.read_out(page);
        for glued in ["August 20106", "May 20127", "of 20108"] {
            assert!(!html.contains(glued), "{page}: {glued}");
        }
    }
    let timeline = site.read_out("timeline/index.html");
    assert!(timeline.contains(
        "72 victims from 6 countries in <strong class=\"fact-words\">August 2010</strong>;"
    ));
    assert!(
        site.read_out("data/events.json")
            .contains("in August 20106;")
    );
}
