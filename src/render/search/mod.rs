//! Search: the full-text index (pagefind), fed with each page's words as the render
//! workers read them ([`text`]), built on its own thread.
//!
//! In: the rendered pages marked for search. Out: the index's files under
//! `pagefind/`.
pub mod text;

use crate::output::OutputFile;
use crate::util::error::Error;
use std::collections::BTreeMap;

/// A page for the search index, as the render worker left it.
#[derive(Debug)]
pub(crate) enum SearchDoc {
    /// Its searchable text (read by [`text`]) and title: a custom record.
    Text(text::PageText),
    /// Its HTML, for pagefind to parse: the page uses pagefind attributes that
    /// [`text`] does not read.
    Html(String),
}

/// A job's pages for the search index: (site-relative URL, page).
pub(crate) type SearchPages = Vec<(String, SearchDoc)>;

/// Pages larger than this are left out of the search index. Only the timeline and
/// statistics pages of very large briefings get there (16 MB and 31 MB at 1,000
/// sources); their words are the sources' own sentences, already indexed on the source
/// pages, and pagefind would spend longer on one of them than on a thousand sources.
pub const SEARCH_MAX_PAGE_BYTES: usize = 4 << 20;

/// A page for the search index, if it has a `data-pagefind-body` and is not larger than
/// [`SEARCH_MAX_PAGE_BYTES`]. Its URL is site-relative: pagefind's script prefixes the
/// base path it is served from. Its text is read here, on the render worker, so the
/// indexer (one thread) does not parse HTML.
pub(crate) fn searchable(f: &OutputFile) -> Option<(String, SearchDoc)> {
    if !f.path.ends_with("index.html") || f.bytes.len() > SEARCH_MAX_PAGE_BYTES {
        return None;
    }
    let html = std::str::from_utf8(&f.bytes).ok()?;
    if !html.contains("data-pagefind-body") {
        return None;
    }
    let doc = match text::page_text(html) {
        text::Scan::Text(t) => SearchDoc::Text(t),
        text::Scan::NoBody => return None,
        text::Scan::Unsupported => SearchDoc::Html(html.to_string()),
    };
    let dir = f.path.trim_end_matches("index.html");
    Some((format!("/{dir}"), doc))
}

/// Builds the pagefind search index from the pages that arrive on `pages`, each job's
/// pages tagged with the job's place in the list: they are indexed in list order
/// whatever order they arrive in (pagefind numbers pages in the order it sees them).
/// Once jobs `0..jobs` have all arrived (or the channel closes), waits for `hold` to
/// close (the caller may free memory first), then builds the index. Returns the
/// index's files under `pagefind/`.
pub(crate) fn search_index(
    lang: &str,
    jobs: usize,
    pages: std::sync::mpsc::Receiver<(usize, super::SearchPages)>,
    hold: std::sync::mpsc::Receiver<()>,
) -> Result<Vec<OutputFile>, Error> {
    let fail = |e: String| Error::Invalid {
        path: "pagefind".into(),
        line: None,
        message: format!("search index: {e}"),
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| fail(e.to_string()))?;
    let built = runtime.block_on(async move {
        let options = pagefind::options::PagefindServiceConfig::builder()
            .force_language(lang.to_string())
            .keep_index_url(true)
            .build();
        let mut index =
            pagefind::api::PagefindIndex::new(Some(options)).map_err(|e| e.to_string())?;
        let mut waiting: BTreeMap<usize, super::SearchPages> = BTreeMap::new();
        let mut next = 0;
        while next < jobs
            && let Ok((k, job_pages)) = pages.recv()
        {
            waiting.insert(k, job_pages);
            while let Some(ready) = waiting.remove(&next) {
                for (url, doc) in ready {
                    match doc {
                        super::SearchDoc::Text(t) => {
                            let meta = t.title.map(|t| BTreeMap::from([("title".to_string(), t)]));
                            index
                                .add_custom_record(url, t.text, lang.to_string(), meta, None, None)
                                .await
                        }
                        super::SearchDoc::Html(html) => {
                            index.add_html_file(None, Some(url), html).await
                        }
                    }
                    .map_err(|e| e.to_string())?;
                }
                next += 1;
            }
        }
        // Nothing is sent: the sender's drop is the signal.
        let _ = hold.recv();
        index.get_files().await.map_err(|e| e.to_string())
    });
    let synthetic = built.map_err(fail)?;
    let mut out: Vec<OutputFile> = synthetic
        .into_iter()
        .filter_map(|f| {
            let name = f.filename.to_string_lossy().replace('\\', "/");
            let rel = match name.rfind("pagefind/") {
                Some(i) => name[i..].to_string(),
                None => format!("pagefind/{}", name.trim_start_matches('/')),
            };
            // The search page has its own small interface: pagefind's bundled UIs
            // and playground are not published.
            let unused = rel.contains("playground")
                || ["-ui.", "-modular-ui.", "-component-ui.", "-highlight."]
                    .iter()
                    .any(|u| rel.contains(u));
            (!unused).then(|| OutputFile::new(rel, f.contents, "search index (pagefind)"))
        })
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}
