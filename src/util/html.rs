//! HTML text: the one entity decoder, the one escaper, and reading HTML with lol_html.
//!
//! In: HTML as text (a page `brief` rendered, a source after sanitising), or plain text
//! to put into HTML. Out:
//! - [`decode_entities`]: the text a character reference stands for, with the full
//!   HTML5 table of named references (`html-escape`, the decoder pagefind uses);
//! - [`escape_html`]: text safe in HTML content and quoted attribute values;
//! - [`read_tokens`]: the start tags, end tags and text of a document, in order, from
//!   lol_html's streaming tokenizer (the parser pagefind uses), and [`start_tags`], the
//!   start tags with their attributes decoded.
//!
//! lol_html tokenizes as a browser does (quoting, comments, raw-text elements such as
//! `<script>`, `<style>` and `<title>`) but builds no tree: an end tag is reported only
//! when it closes an element that is open, and elements left open at the end of the
//! document are not closed. It is run non-strict, so markup it finds ambiguous (a
//! `<script>` inside `<select>`) is read on rather than refused.

use lol_html::html_content::{Element, TextType};
use lol_html::{HtmlRewriter, Settings, doc_text, element, end_tag};
use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;

/// Decodes HTML character references: named ones of the HTML5 table (`&amp;`,
/// `&eacute;`, …), decimal (`&#39;`) and hexadecimal (`&#x2F;`). Only references closed
/// by `;` are decoded; an unknown name, a number that is no Unicode scalar value, and
/// NUL and the other C0 controls (except white space) stay as written.
pub fn decode_entities(s: &str) -> Cow<'_, str> {
    html_escape::decode_html_entities(s)
}

/// Escapes text for HTML content and attribute values: `&`, `<`, `>`, `"` and `'`.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    escape_into(&mut out, s);
    out
}

/// Appends `s` to `out`, escaped as [`escape_html`] does.
///
/// Scans bytes, not characters: the five are ASCII, so they never occur inside a
/// multi-byte character and every cut is a character boundary (a search for a set of
/// `char`s decoded each character, and this runs over every page's text).
pub fn escape_into(out: &mut String, s: &str) {
    let mut done = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[done..i]);
        out.push_str(entity);
        done = i + 1;
    }
    out.push_str(&s[done..]);
}

/// One piece of an HTML document, as [`read_tokens`] reports it.
pub enum Token<'a, 'r, 'i> {
    /// A start tag. `name` is lower case; the element gives the attributes (values as
    /// written: decode them with [`decode_entities`]).
    Start {
        /// Tag name, lower case.
        name: &'a str,
        /// The element, for its attributes.
        element: &'a Element<'r, 'i>,
    },
    /// The end tag of an element that is open (lower-case name).
    End(&'a str),
    /// A run of text as written (entities not decoded), with its kind: `Data` for
    /// ordinary text, `RCData` in `<title>` and `<textarea>`, `RawText` or `ScriptData`
    /// in `<style>`, `<script>` and the like. A text node may come in several runs.
    Text(&'a str, TextType),
}

/// Reads `html` with lol_html and hands each start tag, end tag and run of text to `on`,
/// in document order, with `state`; returns the state. Comments and the doctype are
/// skipped. The state is owned because lol_html's end-tag handlers must be `'static`.
pub fn read_tokens<S: 'static>(html: &str, state: S, on: fn(&mut S, Token<'_, '_, '_>)) -> S {
    let shared = Rc::new(RefCell::new(state));
    {
        let for_elements = Rc::clone(&shared);
        let for_text = Rc::clone(&shared);
        let settings = Settings::new()
            .with_strict(false)
            .append_element_content_handler(element!("*", move |el| {
                let name = el.tag_name();
                on(
                    &mut for_elements.borrow_mut(),
                    Token::Start {
                        name: &name,
                        element: el,
                    },
                );
                if el.can_have_content() {
                    let at_end = Rc::clone(&for_elements);
                    el.on_end_tag(end_tag!(move |_| {
                        on(&mut at_end.borrow_mut(), Token::End(&name));
                        Ok(())
                    }))?;
                }
                Ok(())
            }))
            .append_document_content_handler(doc_text!(move |t| {
                if !t.as_str().is_empty() {
                    on(
                        &mut for_text.borrow_mut(),
                        Token::Text(t.as_str(), t.text_type()),
                    );
                }
                Ok(())
            }));
        let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
        // Neither can fail: no memory limit is set, the parser is not strict, and the
        // handlers return no errors of their own.
        let _ = rewriter.write(html.as_bytes());
        let _ = rewriter.end();
    }
    match Rc::try_unwrap(shared) {
        Ok(state) => state.into_inner(),
        Err(_) => unreachable!("every handler holding the state was dropped with the rewriter"),
    }
}

/// A start tag: its lower-case name and its attributes (names lower case, values with
/// character references decoded), in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartTag {
    /// Tag name, lower case.
    pub name: String,
    /// Attributes as (name, decoded value).
    pub attrs: Vec<(String, String)>,
}

/// The start tags of an HTML document, read with lol_html: comments, the doctype and
/// end tags are skipped, and the contents of raw-text elements (`script`, `style`,
/// `textarea`, `title`, and `noscript`, as a browser that runs scripts reads it) are
/// not read as markup.
pub fn start_tags(html: &str) -> Vec<StartTag> {
    let mut tags = Vec::new();
    let settings = Settings::new()
        .with_strict(false)
        .append_element_content_handler(element!("*", |el| {
            tags.push(StartTag {
                name: el.tag_name(),
                attrs: el
                    .attributes()
                    .iter()
                    .map(|a| (a.name(), decode_entities(&a.value()).into_owned()))
                    .collect(),
            });
            Ok(())
        }));
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    // Cannot fail: see `read_tokens`.
    let _ = rewriter.write(html.as_bytes());
    let _ = rewriter.end();
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_references_use_the_full_table() {
        assert_eq!(
            decode_entities("a&amp;b &lt;i&gt; &quot;q&quot; &apos;"),
            "a&b <i> \"q\" '"
        );
        assert_eq!(
            decode_entities("caf&eacute; &mdash; &hellip; &nbsp;"),
            "café — … \u{a0}"
        );
        assert_eq!(decode_entities("&AMP; &Dagger; &colon;"), "& ‡ :");
        // Names are case-sensitive.
        assert_eq!(decode_entities("&Eacute;&EACUTE;"), "É&EACUTE;");
    }

    #[test]
    fn numeric_references() {
        assert_eq!(
            decode_entities("&#39;&#x2F;&#X2f;&#233;&#x1F600;"),
            "'//é😀"
        );
        assert_eq!(decode_entities("&#0065;&#x00041;"), "AA");
    }

    #[test]
    fn malformed_references_stay_as_written() {
        for s in [
            "&",
            "&;",
            "&#;",
            "&#x;",
            "&amp",
            "&bogus;",
            "&#xZZ;",
            "&#12a;",
            "&#-1;",
            "&#x110000;",
            "&#xD800;",
            "&#99999999999;",
            "&#0;",
            "& amp;",
            "&&",
        ] {
            assert_eq!(decode_entities(s), s, "{s}");
        }
        assert_eq!(decode_entities("&&amp;"), "&&");
        assert_eq!(decode_entities("&amp x &amp;"), "&amp x &");
        assert_eq!(decode_entities("no references"), "no references");
        assert!(matches!(decode_entities("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn escape_matches_replacing_each_character() {
        let by_replace = |s: &str| {
            s.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('"', "&quot;")
                .replace('\'', "&#39;")
        };
        for s in [
            "",
            "plain",
            "<a href=\"x\">Tom & Jerry's</a>",
            "é<ñ>'\"&&",
            "&",
            "日本語 & «citas» <b>",
        ] {
            assert_eq!(escape_html(s), by_replace(s), "{s}");
        }
    }

    #[test]
    fn escape_round_trips() {
        let s = "<a href=\"x\">Tom & Jerry's</a>";
        assert_eq!(
            escape_html(s),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;"
        );
        assert_eq!(decode_entities(&escape_html(s)), s);
    }

    #[test]
    fn start_tags_skip_comments_scripts_and_end_tags() {
        let tags = start_tags(
            "<!DOCTYPE html><P Class='a &amp; b' hidden data-x=1>t</p><!-- <a href=x> -->\
             <script>var s = '<b>';</script><title><i>no</i></title><img src=\"a&#x2F;b\"/>",
        );
        let got: Vec<_> = tags.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(got, vec!["p", "script", "title", "img"]);
        assert_eq!(
            tags[0].attrs,
            vec![
                ("class".to_string(), "a & b".to_string()),
                ("hidden".to_string(), String::new()),
                ("data-x".to_string(), "1".to_string()),
            ]
        );
        assert_eq!(tags[3].attrs, vec![("src".to_string(), "a/b".to_string())]);
        for s in ["", "<", "<a", "<a href='x", "</", "<!--", "<script>x"] {
            let _ = start_tags(s);
        }
    }

    #[test]
    fn tokens_come_in_document_order() {
        fn on(out: &mut Vec<String>, t: Token<'_, '_, '_>) {
            out.push(match t {
                Token::Start { name, element } => match element.get_attribute("id") {
                    Some(id) => format!("<{name}#{id}>"),
                    None => format!("<{name}>"),
                },
                Token::End(name) => format!("</{name}>"),
                Token::Text(s, _) => s.to_string(),
            });
        }
        let got = read_tokens(
            "<div id=d><p>a &amp; b<br>c</p><!-- x --></div><ul><li>open",
            Vec::new(),
            on,
        );
        assert_eq!(
            got.concat(),
            "<div#d><p>a &amp; b<br>c</p></div><ul><li>open"
        );
        // A stray end tag is not reported.
        assert_eq!(read_tokens("</p>x", Vec::new(), on).concat(), "x");
    }
}
