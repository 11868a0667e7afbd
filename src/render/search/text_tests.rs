//! Unit tests of the search text rules (kept beside the module, in their own file).

use super::*;

fn text(html: &str) -> PageText {
    match page_text(html) {
        Scan::Text(t) => t,
        other => panic!("{other:?}"),
    }
}

fn words(html: &str) -> String {
    text(html).text
}

#[test]
fn only_the_body_is_read() {
    let html = "<html><head><title>T</title></head><body><header><p>Site</p></header>\
                <article data-pagefind-body><p>Inside here</p></article>\
                <p>After</p></body></html>";
    assert_eq!(words(html), "Inside here.");
    assert_eq!(page_text("<p>no body</p>"), Scan::NoBody);
    // The words "data-pagefind-body" in text do not make a body.
    assert_eq!(page_text("<p>data-pagefind-body</p>"), Scan::NoBody);
}

#[test]
fn several_bodies_are_joined_in_order() {
    let html = "<div data-pagefind-body>One</div><p>not this</p><div data-pagefind-body>Two</div>";
    assert_eq!(words(html), "One. Two.");
}

#[test]
fn headings_carry_pagefind_weights() {
    let html = "<main data-pagefind-body><h1>Big title</h1><h3>Small</h3><p>Text</p></main>";
    assert_eq!(
        words(html),
        "___PAGEFIND_AUTO_WEIGHT___7 Big title. ___END_PAGEFIND_WEIGHT___ \
         ___PAGEFIND_AUTO_WEIGHT___5 Small. ___END_PAGEFIND_WEIGHT___ Text."
    );
    let html = "<main data-pagefind-body><p data-pagefind-weight=\"2.5\">Key</p></main>";
    assert_eq!(
        words(html),
        "___PAGEFIND_WEIGHT___2.5 Key. ___END_PAGEFIND_WEIGHT___"
    );
}

#[test]
fn sentences_end_with_a_stop_only_after_a_word() {
    let html = "<div data-pagefind-body><p>Ends in a word</p><p>Asks?</p><p>“Quoted”</p>\
                <ul><li>one</li><li>two</li>\n</ul><span>inline</span><span>joined</span></div>";
    assert_eq!(
        words(html),
        "Ends in a word. Asks? “Quoted” one. two. inlinejoined."
    );
    // As written: `&quot;` ends in `;`, so no stop, as in pagefind.
    assert_eq!(
        words("<div data-pagefind-body>say &quot;x&quot;</div>"),
        "say \"x\""
    );
    // An element with an id ends the text before it with a space (pagefind's anchor).
    assert_eq!(
        words("<div data-pagefind-body><p>a<a id=\"x\"></a></p></div>"),
        "a"
    );
}

#[test]
fn other_blocks_separate_words_without_a_stop() {
    let html = "<div data-pagefind-body><dl><dt>Publisher</dt><dd>WOLA</dd></dl>\
                <blockquote>Said</blockquote><table><tr><th>A</th><th>B</th></tr></table>x<hr>y</div>";
    assert_eq!(words(html), "Publisher WOLA Said A B x y.");
}

#[test]
fn blocks_leave_the_full_stop_as_pagefind_has_it() {
    // pagefind sees "Said" as the end of the list item, so it adds a stop.
    let html = "<div data-pagefind-body><ul><li><blockquote>Said</blockquote></li></ul></div>";
    assert_eq!(words(html), "Said.");
}

#[test]
fn entities_are_decoded() {
    let html = "<div data-pagefind-body>Fish &amp; chips &lt;b&gt; caf&eacute; &#233;&#xE9; \
                a&nbsp;b &mdash; &unknown; &amp x &#xZZ; &#; &#0; &#x110000;</div>";
    assert_eq!(
        words(html),
        "Fish & chips <b> café éé a b — &unknown; &amp x &#xZZ; &#; &#0; &#x110000;"
    );
}

#[test]
fn nested_tags_and_breaks() {
    let html = "<div data-pagefind-body><p>A <strong>bold <em>and</em> it</strong>alic\
                <br>next<br/>line</p></div>";
    assert_eq!(words(html), "A bold and italic next line.");
}

#[test]
fn scripts_styles_and_furniture_are_skipped() {
    let html = "<div data-pagefind-body><script>var a = '<p>no</p>';</script>\
                <style>p { color: red }</style><nav><a>Menu</a></nav>\
                <svg><title>Chart</title><text>1</text><line/></svg><form><label>L</label></form>\
                <noscript><p>js</p></noscript><footer>F</footer><p>Kept</p><!-- <p>comment</p> --></div>";
    assert_eq!(words(html), "Kept.");
}

#[test]
fn ignore_regions() {
    let html = "<div data-pagefind-body><p>Keep</p><section data-pagefind-ignore>\
                <p>Drop <b>this</b></p></section><p data-pagefind-ignore=\"index\">Drop</p>\
                <p data-pagefind-ignore=\"all\">Gone</p><p>Also kept</p></div>";
    assert_eq!(words(html), "Keep. Also kept.");
}

#[test]
fn title_is_the_first_h1_with_text() {
    let html = "<html><head><title>Page &amp; site</title></head><body>\
                <h1> </h1><div data-pagefind-body><h1>The\n  <em>real</em> &amp; title</h1>\
                <h1>Second</h1></div></body></html>";
    assert_eq!(text(html).title.as_deref(), Some("The real & title"));
    // An ignored h1 still names the page; one under ignore="all" does not.
    let html = "<title>Fallback</title><div data-pagefind-body><header data-pagefind-ignore>\
                <h1>Hidden title</h1></header><p>x</p></div>";
    assert_eq!(text(html).title.as_deref(), Some("Hidden title"));
    assert_eq!(words(html), "x.");
    let html = "<title>Fallback  one</title><div data-pagefind-body><header data-pagefind-ignore=all>\
                <h1>Hidden</h1></header><p>x</p></div>";
    assert_eq!(text(html).title.as_deref(), Some("Fallback one"));
    // An h1 outside the body names the page, and its words stay out.
    let html = "<h1>Outside</h1><div data-pagefind-body><p>In</p></div>";
    let t = text(html);
    assert_eq!(t.title.as_deref(), Some("Outside"));
    assert_eq!(t.text, "In.");
    assert_eq!(text("<div data-pagefind-body>x</div>").title, None);
}

#[test]
fn unsupported_attributes_fall_back_to_html() {
    for a in [
        "data-pagefind-meta=\"title\"",
        "data-pagefind-filter=\"tag\"",
        "data-pagefind-sort=\"date\"",
        "DATA-PAGEFIND-INDEX-ATTRS=\"alt\"",
    ] {
        let html = format!("<div data-pagefind-body><p {a}>x</p></div>");
        assert_eq!(page_text(&html), Scan::Unsupported, "{a}");
    }
}

#[test]
fn hostile_input_does_not_panic() {
    let cases = [
        "",
        "<",
        "<<<<",
        "</",
        "</>",
        "<div data-pagefind-body",
        "<div data-pagefind-body>open <p>never <b>closed",
        "<div data-pagefind-body id='unterminated>text",
        "<div data-pagefind-body><script>never ends",
        "<div data-pagefind-body><!-- never ends",
        "<div data-pagefind-body></p></p></div></div>x</span>",
        "<div data-pagefind-body>&#x110000; &#99999999999; &#xD800; &",
        "<div data-pagefind-body><h1>é<h1>ü</div></h1>ß",
        "<div data-pagefind-body><p data-pagefind-ignore>é<div data-pagefind-body>x</p>ü",
        "<h1><div data-pagefind-body>é</h1>ü</div>",
        "<div data-pagefind-body data-pagefind-weight=NaN>a</div>",
        "<div data-pagefind-body data-pagefind-weight='inf'><h2>a</h2></div>",
        "<div data-pagefind-body><title>t</div>",
        "\u{0}<div data-pagefind-body>\u{0}é</div>",
    ];
    for c in cases {
        let _ = page_text(c);
    }
    // Unclosed elements are closed at the end of the page.
    assert_eq!(
        words("<div data-pagefind-body>open <p>never <b>closed"),
        "open never closed."
    );
    // Deep nesting does not recurse.
    let deep = format!("<div data-pagefind-body>{}x", "<span>".repeat(100_000));
    assert_eq!(words(&deep), "x.");
}

#[test]
fn every_prefix_of_a_page_scans() {
    let html = "<html lang=\"en\"><head><title>T</title><script>a<b</script></head><body>\
                <article class=\"wrap\" data-pagefind-body><h1>Tí&amp;tle</h1><p id=\"p-1\">Text \
                <a href=\"/x\"><mark title=\"a > b\">mark</mark></a>.</p><!-- c --></article></body></html>";
    for (i, _) in html.char_indices() {
        let _ = page_text(&html[..i]);
    }
}

/// The measurement behind the module's choice of its own scanner over lol_html:
/// `BRIEF_SCAN_DIR=public cargo test --release --lib search::text::tests::speed -- --ignored
/// --nocapture` reads every page under the folder with [`page_text`] and with lol_html
/// doing the least the same job needs (every start tag with its attributes, an end-tag
/// handler per element, every run of text), and prints both times.
mod speed {
    use crate::util::html::{Token, read_tokens};

    fn lol_html_floor(html: &str) -> usize {
        fn on(n: &mut usize, t: Token<'_, '_, '_>) {
            match t {
                Token::Start { name, element } => {
                    *n += name.len();
                    for a in element.attributes() {
                        if a.name().starts_with("data-pagefind") || a.name() == "id" {
                            *n += 1;
                        }
                    }
                }
                Token::End(name) => *n += name.len(),
                Token::Text(s, _) => *n += s.len(),
            }
        }
        read_tokens(html, 0, on)
    }

    /// lol_html reading start tags only: no attributes, end tags or text.
    fn lol_html_tags_only(html: &str) -> usize {
        let mut n = 0;
        let settings = lol_html::Settings::new().append_element_content_handler(
            lol_html::element!("*", |_el| {
                n += 1;
                Ok(())
            }),
        );
        let mut rewriter = lol_html::HtmlRewriter::new(settings, |_: &[u8]| {});
        let _ = rewriter.write(html.as_bytes());
        let _ = rewriter.end();
        n
    }

    #[test]
    #[ignore]
    fn speed() {
        let Ok(dir) = std::env::var("BRIEF_SCAN_DIR") else {
            return;
        };
        let pages: Vec<String> = walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
            .map(|e| std::fs::read_to_string(e.path()).unwrap())
            .collect();
        let bytes: usize = pages.iter().map(String::len).sum();
        for round in 0..3 {
            let t = std::time::Instant::now();
            let mut n = 0;
            for p in &pages {
                n += matches!(super::page_text(p), super::Scan::Text(_)) as usize;
            }
            let ours = t.elapsed();
            let t = std::time::Instant::now();
            let mut m = 0;
            for p in &pages {
                m += lol_html_floor(p);
            }
            let lol = t.elapsed();
            let t = std::time::Instant::now();
            for p in &pages {
                m += lol_html_tags_only(p);
            }
            let tags = t.elapsed();
            println!(
                "round {round}: {} pages, {} MB: page_text {ours:?} ({n} with text), \
             lol_html tokens only {lol:?}, start tags only {tags:?} ({m})",
                pages.len(),
                bytes / 1_000_000
            );
        }
    }
}

#[test]
fn source_paragraph_ids_become_search_anchors() {
    let html = "<div data-pagefind-body><p id=\"b-0123abcd\">One <span id=\"s-0123abcd\">two</span></p>\
                <p id=\"x\">Three</p><li id=\"b-0123abcd-2\">Four</li><p id=\"b-0123ABCD\">Five</p></div>";
    assert_eq!(
        words(html),
        "___PAGEFIND_ANCHOR___p:0:b-0123abcd One two. Three. \
         ___PAGEFIND_ANCHOR___li:1:b-0123abcd-2 Four. Five."
    );
    assert!(is_paragraph_anchor("b-00ff00ff-12"));
    for no in [
        "b-0123abc",
        "b-0123abcd-",
        "b-0123abcd-x",
        "p-1",
        "s-0123abcd",
        "b-0123abcde",
    ] {
        assert!(!is_paragraph_anchor(no), "{no}");
    }
}
