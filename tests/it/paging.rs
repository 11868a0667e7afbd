//! Paging: a timeline or statistics list longer than `[briefing] page_size` is split
//! into `page/N/` pages; every entry and figure is on exactly one page, every link into
//! them (source pages, home, entity pages, other pages) finds its anchor, and the print
//! brief keeps the best-supported entries.

use crate::common::{brief_at, copy_dir, repo, stderr};
use std::collections::BTreeMap;
use std::path::Path;

/// The flagship content with `[briefing] page_size = size`, built into `root/public`.
fn build_flagship(root: &Path, size: Option<usize>) {
    copy_dir(&repo().join("content"), &root.join("content"));
    let mut config = std::fs::read_to_string(repo().join("site.toml")).unwrap();
    if let Some(size) = size {
        assert!(!config.contains("page_size"), "the test sets page_size");
        config = match config.find("\n[briefing]\n") {
            Some(at) => format!(
                "{}\n[briefing]\npage_size = {size}\n{}",
                &config[..at],
                &config[at + "\n[briefing]\n".len()..]
            ),
            None => format!("{config}\n[briefing]\npage_size = {size}\n"),
        };
    }
    std::fs::write(root.join("site.toml"), config).unwrap();
    let out = brief_at(root, &["build", "--quiet"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// `id`s of the elements with class `class` in `html`, in order.
fn ids_of(html: &str, class: &str) -> Vec<String> {
    let marker = format!("\" class=\"{class}\"");
    html.match_indices(&marker)
        .map(|(at, _)| {
            let start = html[..at].rfind("id=\"").unwrap() + 4;
            html[start..at].to_string()
        })
        .collect()
}

/// The pages under `dir` (relative to `public/`) and their HTML.
fn pages_under(public: &Path, dir: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(public.join(dir)) {
        let e = e.unwrap();
        if e.file_name() == "index.html" {
            let rel = e.path().strip_prefix(public).unwrap().to_string_lossy();
            out.insert(
                rel.replace('\\', "/"),
                std::fs::read_to_string(e.path()).unwrap(),
            );
        }
    }
    out
}

#[test]
fn long_timelines_and_statistics_are_split_into_linked_pages() {
    let whole = tempfile::tempdir().unwrap();
    build_flagship(whole.path(), None);
    let paged = tempfile::tempdir().unwrap();
    build_flagship(paged.path(), Some(5));
    let (whole_public, public) = (whole.path().join("public"), paged.path().join("public"));

    // The actor and place links filter a whole timeline in place; on a paged one that
    // would filter one page, so they open the entity's own timeline instead.
    let script = "timeline.js\"";
    let whole_timeline = std::fs::read_to_string(whole_public.join("timeline/index.html")).unwrap();
    assert!(whole_timeline.contains("data-filter=") && whole_timeline.contains(script));
    let main_pages: Vec<(String, String)> = pages_under(&public, "timeline")
        .into_iter()
        .filter(|(rel, _)| rel == "timeline/index.html" || rel.starts_with("timeline/page/"))
        .collect();
    assert!(main_pages.len() > 2);
    for (rel, html) in main_pages {
        assert!(
            html.contains("data-filter="),
            "{rel} keeps its filter links"
        );
        assert!(!html.contains(script), "{rel} filters in place");
    }

    // The timeline: the same entries in the same order, none twice, each page holding
    // at most five reports (or one entry with more).
    let all = ids_of(
        &std::fs::read_to_string(whole_public.join("timeline/index.html")).unwrap(),
        "event",
    );
    assert!(all.len() > 10, "the flagship has enough entries to page");
    let timeline_pages: Vec<String> = (1..)
        .map(|n| match n {
            1 => "timeline/index.html".to_string(),
            n => format!("timeline/page/{n}/index.html"),
        })
        .take_while(|rel| public.join(rel).exists())
        .collect();
    let pages = timeline_pages.len();
    assert!(pages > 2 && pages < all.len(), "{pages} pages");
    let mut seen = Vec::new();
    for (i, rel) in timeline_pages.iter().enumerate() {
        let html = std::fs::read_to_string(public.join(rel)).unwrap();
        let ids = ids_of(&html, "event");
        let reports = html.matches("<li><q").count();
        assert!(!ids.is_empty(), "{rel}");
        assert!(reports <= 5 || ids.len() == 1, "{rel}: {reports} reports");
        assert!(
            html.contains(&format!("Page {} of {pages}", i + 1)),
            "{rel}"
        );
        // Split pages stay out of the search index: their sentences are on the sources.
        assert!(!html.contains("data-pagefind-body"), "{rel}");
        seen.extend(ids);
    }
    assert_eq!(seen, all);
    let first = std::fs::read_to_string(public.join("timeline/index.html")).unwrap();
    assert!(first.contains("href=\"/mpp-briefing/timeline/page/2/\" rel=\"next\""));

    // The statistics: every figure on exactly one page, no page over five figures
    // unless one measure alone has more.
    let figures = |html: &str| -> Vec<String> {
        // Single figures are `<li class="figure" id="…">`, a series' figures table rows.
        let mut ids: Vec<String> = html
            .match_indices("<li class=\"figure\" id=\"")
            .map(|(at, m)| html[at + m.len()..].split('"').next().unwrap().to_string())
            .collect();
        ids.extend(
            html.match_indices("<tr id=\"")
                .map(|(at, _)| html[at + 8..].split('"').next().unwrap().to_string()),
        );
        ids.sort();
        ids
    };
    let whole_stats =
        figures(&std::fs::read_to_string(whole_public.join("statistics/index.html")).unwrap());
    assert!(whole_stats.len() > 30, "{}", whole_stats.len());
    let mut paged_stats = Vec::new();
    let stat_pages = pages_under(&public, "statistics");
    assert!(stat_pages.len() > 1, "{:?}", stat_pages.keys());
    for html in stat_pages.values() {
        paged_stats.extend(figures(html));
    }
    paged_stats.sort();
    assert_eq!(paged_stats, whole_stats);

    // The print brief keeps five entries and says so.
    let brief = std::fs::read_to_string(public.join("brief/index.html")).unwrap();
    assert_eq!(brief.matches("<li><time").count(), 5, "{brief}");
    assert!(brief.contains(&format!("best-supported of {} timeline entries", all.len())));

    // The new pages are in the sitemap, and every link and anchor resolves.
    let sitemap = std::fs::read_to_string(public.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("/mpp-briefing/timeline/page/2/</loc>"));
    assert!(sitemap.contains("/mpp-briefing/statistics/page/2/</loc>"));
    let out = brief_at(paged.path(), &["check"]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + &stderr(&out);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("0 broken links"), "{text}");

    // A source page links its facts to the page that shows them.
    let source = pages_under(&public, "sources")
        .into_values()
        .find(|html| html.contains("/timeline/page/"))
        .expect("a source links into a later timeline page");
    assert!(source.contains("class=\"fact-link\""));
}

#[test]
fn a_page_size_of_zero_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("site.toml"),
        "title = \"T\"\n[briefing]\npage_size = 0\n",
    )
    .unwrap();
    let out = brief_at(dir.path(), &["build"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("site.toml") && err.contains("page_size"),
        "{err}"
    );
}
