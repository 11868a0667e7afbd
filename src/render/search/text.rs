//! Search text: a page's words for the search index, read in the render workers.
//!
//! pagefind parses every page's HTML with lol_html on one thread, under its own lock,
//! after the page is rendered; on a large site that parse was the longest single part of
//! the build. This module reads what pagefind's parser would keep (the text of the
//! `data-pagefind-body` regions and the page title) with a small scanner that runs on
//! the render workers, in parallel, and the index gets it as a custom record
//! ([`pagefind::api::PagefindIndex::add_custom_record`]).
//!
//! What it keeps, as pagefind's parser does (`fossick/parser.rs` in pagefind 1.6):
//! - only the text inside `data-pagefind-body` elements (several are joined in order);
//! - nothing inside `data-pagefind-ignore` elements (`all` also stops an `<h1>` inside
//!   from giving the title), nor inside `head`, `style`, `script`, `noscript`, `label`,
//!   `form`, `svg`, `footer`, `nav`, `iframe`, `template`;
//! - heading weights: `<h1>`…`<h6>` (or `data-pagefind-weight`) wrap their words in
//!   pagefind's own weight markers, which its indexer reads from custom records as it
//!   does from parsed HTML, so headings rank as they did;
//! - block ends (`p`, `li`, `div`, headings…) get a full stop when their text ends in a
//!   word, so excerpts read as sentences; `<br>` separates words;
//! - one change: the other block elements (`dt`, `dd`, `th`, `blockquote`…) separate
//!   words too, where pagefind glued the last word of one to the first of the next
//!   ("PublisherWOLA" in every source page's details);
//! - entities decoded (`&amp;`, `&nbsp;`, numeric references and the common named ones;
//!   an unknown name stays as written, as in pagefind);
//! - the title: the first `<h1>` anywhere on the page with some text, else `<title>`.
//!
//! What is lost, on purpose: pagefind's anchors (every element with an `id` inside the
//! body became a sub-result location, stored in each page's fragment) and the `image`
//! meta. The theme's search page shows each result's link, title and excerpt only, so
//! neither was ever shown; dropping the anchors also makes the fragments smaller, which
//! is less for pagefind to compress and for a browser to download.
//!
//! A page that uses pagefind attributes this scanner does not read (`data-pagefind-meta`,
//! `-filter`, `-sort`, `-default-meta`, `-index-attrs`, as a custom theme might) is
//! [`Scan::Unsupported`]: it goes to pagefind as HTML, unchanged.
//!
//! Where it differs from a browser's parser: end tags close the nearest open element of
//! the same name (and any left open inside it), `/>` ends any element, and elements left
//! open at the end of the page are closed there. The theme's output and the sanitized
//! documents are well-formed, so this only matters for hostile input, where the scanner
//! must only not panic nor loop.

/// A page's searchable text and title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PageText {
    /// The words of the page's `data-pagefind-body` regions, one space between words,
    /// headings wrapped in pagefind's weight markers.
    pub text: String,
    /// The page's title for search results, if it has one.
    pub title: Option<String>,
}

/// What the scanner made of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Scan {
    /// The page's text and title.
    Text(PageText),
    /// No `data-pagefind-body` element: pagefind would leave the page out.
    NoBody,
    /// The page uses a pagefind attribute the scanner does not read.
    Unsupported,
}

/// Elements pagefind never indexes the contents of.
const REMOVED: &[&str] = &[
    "head", "style", "script", "noscript", "label", "form", "svg", "footer", "nav", "iframe",
    "template",
];

/// Elements whose end pagefind marks as the end of a sentence.
const SENTENCES: &[&str] = &[
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "td", "div", "ul", "li", "article", "section",
];

/// Other block elements: pagefind runs the words on either side of them together
/// (`<dt>Publisher</dt><dd>WOLA</dd>` became the one word "PublisherWOLA"); here they
/// separate words, without a full stop.
const BLOCKS: &[&str] = &[
    "address",
    "aside",
    "blockquote",
    "caption",
    "dd",
    "details",
    "dialog",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "header",
    "hgroup",
    "hr",
    "main",
    "ol",
    "pre",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "th",
    "thead",
    "tr",
];

/// Elements that have no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr",
];

/// Elements whose contents are not markup and never indexed: skipped to their end tag.
const RAW_SKIPPED: &[&str] = &["script", "style", "noscript", "iframe"];

/// Elements whose contents are text (entities decoded) up to their end tag.
const RCDATA: &[&str] = &["title", "textarea"];

/// pagefind attributes that change a page's record in ways only pagefind's parser knows.
const UNSUPPORTED_ATTRS: &[&str] = &[
    "data-pagefind-meta",
    "data-pagefind-filter",
    "data-pagefind-sort",
    "data-pagefind-default-meta",
    "data-pagefind-index-attrs",
];

/// pagefind's markers around a weighted run of words (read by its indexer).
const AUTO_WEIGHT: &str = "___PAGEFIND_AUTO_WEIGHT___";
const WEIGHT: &str = "___PAGEFIND_WEIGHT___";
const END_WEIGHT: &str = "___END_PAGEFIND_WEIGHT___";

fn is_one_of(name: &str, list: &[&str]) -> bool {
    list.iter().any(|x| x.eq_ignore_ascii_case(name))
}

/// pagefind adds a full stop after a block whose text ends in one of these.
fn ends_sentence(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '\'' | '"' | ')' | '$' | '*')
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    /// Indexed if inside a body.
    Normal,
    /// Not indexed (its `<h1>` may still give the title).
    Ignored,
    /// Not indexed, nor anything inside it, not even the title.
    Excluded,
    /// A `data-pagefind-body` region.
    Body,
}

/// An open element.
struct Open<'a> {
    name: &'a str,
    status: Status,
    /// Length of the text buffer before the element opened.
    mark: usize,
    /// Where the element's own text starts.
    start: usize,
    /// The last character of the text before the element opened, as written.
    last_before: char,
    sentence: bool,
    /// Separates the words before and after it.
    block: bool,
    weighted: bool,
    /// This `<h1>` gives the page title.
    title: bool,
}

/// The attributes the scanner reads.
#[derive(Default)]
struct Attrs<'a> {
    body: bool,
    ignore: Option<&'a str>,
    weight: Option<&'a str>,
    id: bool,
    unsupported: bool,
}

struct Scanner<'a> {
    stack: Vec<Open<'a>>,
    /// Text of the open body (and of the `<h1>` being read for the title).
    buf: String,
    /// The last character added to `buf`, as written in the HTML (before decoding).
    last_raw: char,
    /// Text of the bodies already closed.
    out: String,
    in_body: bool,
    found_body: bool,
    excluded: usize,
    reading_title: bool,
    title: Option<String>,
    page_title: Option<String>,
}

impl<'a> Scanner<'a> {
    fn capturing(&self) -> bool {
        self.excluded == 0 && (self.in_body || self.reading_title)
    }

    fn push_space(&mut self) {
        if !self.buf.is_empty() && !self.buf.ends_with(' ') {
            self.buf.push(' ');
        }
        self.last_raw = ' ';
    }

    /// Separates words without changing what pagefind would see as the last character
    /// (for the block elements where pagefind adds nothing).
    fn push_gap(&mut self) {
        if !self.buf.is_empty() && !self.buf.ends_with(' ') {
            self.buf.push(' ');
        }
    }

    fn push_word(&mut self, word: &str) {
        self.push_space();
        self.buf.push_str(word);
        self.push_space();
    }

    /// Adds text as written in the HTML: entities decoded, white space collapsed.
    fn push_text(&mut self, raw: &str) {
        let Some(last) = raw.chars().next_back() else {
            return;
        };
        let bytes = raw.as_bytes();
        let mut run = 0;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b == b'&' {
                self.buf.push_str(&raw[run..i]);
                match decode_entity(&raw[i..]) {
                    Some((c, len)) => {
                        if c.is_whitespace() {
                            self.push_space();
                        } else {
                            self.buf.push(c);
                        }
                        i += len;
                    }
                    None => {
                        self.buf.push('&');
                        i += 1;
                    }
                }
                run = i;
            } else if b < 0x80 {
                if (b as char).is_whitespace() {
                    self.buf.push_str(&raw[run..i]);
                    self.push_space();
                    run = i + 1;
                }
                i += 1;
            } else {
                let c = raw[i..].chars().next().unwrap_or(' ');
                if c.is_whitespace() {
                    self.buf.push_str(&raw[run..i]);
                    self.push_space();
                    run = i + c.len_utf8();
                }
                i += c.len_utf8();
            }
        }
        self.buf.push_str(&raw[run..]);
        self.last_raw = last;
    }

    fn text(&mut self, raw: &str) {
        if self.capturing() {
            self.push_text(raw);
        }
    }

    fn tail(&self, at: usize) -> &str {
        self.buf.get(at..).unwrap_or("")
    }

    fn truncate(&mut self, at: usize) {
        if self.buf.is_char_boundary(at) {
            self.buf.truncate(at);
        }
    }

    fn open(&mut self, name: &'a str, attrs: &Attrs<'a>, void: bool) {
        let status = if self.excluded > 0 {
            Status::Excluded
        } else if is_one_of(name, REMOVED) {
            Status::Ignored
        } else if attrs.body && !self.in_body {
            Status::Body
        } else if let Some(v) = attrs.ignore {
            if v.is_empty() || v.eq_ignore_ascii_case("index") || v.eq_ignore_ascii_case("true") {
                Status::Ignored
            } else {
                Status::Excluded
            }
        } else {
            Status::Normal
        };
        if status == Status::Excluded {
            if !void {
                self.excluded += 1;
                self.stack.push(Open {
                    name,
                    status,
                    mark: self.buf.len(),
                    start: self.buf.len(),
                    last_before: self.last_raw,
                    sentence: false,
                    block: false,
                    weighted: false,
                    title: false,
                });
            }
            return;
        }
        // pagefind puts an anchor marker in the text before an element with an id; its
        // words are dropped, but it still ends the text before it with a space.
        if attrs.id && status != Status::Ignored && self.capturing() {
            self.push_space();
        }
        if void {
            if name.eq_ignore_ascii_case("br") && self.capturing() {
                self.push_space();
            } else if name.eq_ignore_ascii_case("hr") && self.capturing() {
                self.push_gap();
            }
            if status == Status::Body {
                self.found_body = true;
            }
            return;
        }
        let mark = self.buf.len();
        let last_before = self.last_raw;
        if status == Status::Body {
            self.in_body = true;
            self.found_body = true;
        }
        let title = name.eq_ignore_ascii_case("h1") && self.title.is_none() && !self.reading_title;
        if title {
            self.reading_title = true;
        }
        let heading = name.len() == 2
            && name.as_bytes()[0].eq_ignore_ascii_case(&b'h')
            && (b'1'..=b'6').contains(&name.as_bytes()[1]);
        let mut weighted = false;
        if self.capturing() {
            if let Some(w) = attrs.weight {
                // pagefind reads the weight as a number, 1 if it is not one.
                let w: f32 = w.trim().parse().unwrap_or(1.0);
                let w = if w.is_finite() { w } else { 1.0 };
                self.push_word(&format!("{WEIGHT}{w}"));
                weighted = true;
            } else if heading {
                let w = 8 - (name.as_bytes()[1] - b'0');
                self.push_word(&format!("{AUTO_WEIGHT}{w}"));
                weighted = true;
            }
        }
        let sentence = is_one_of(name, SENTENCES);
        let block = !sentence && is_one_of(name, BLOCKS);
        if self.capturing() {
            if sentence {
                self.push_space();
            } else if block {
                self.push_gap();
            }
        }
        self.stack.push(Open {
            name,
            status,
            mark,
            start: self.buf.len(),
            last_before,
            sentence,
            block,
            weighted,
            title,
        });
    }

    fn close_top(&mut self) {
        let Some(e) = self.stack.pop() else {
            return;
        };
        if e.status == Status::Excluded {
            self.excluded = self.excluded.saturating_sub(1);
            return;
        }
        if e.title {
            self.reading_title = false;
            let title = clean_title(self.tail(e.start));
            if !title.is_empty() {
                self.title = Some(title);
            }
            if !self.in_body {
                self.buf.clear();
                return;
            }
        }
        if e.status == Status::Ignored {
            self.truncate(e.mark);
            self.last_raw = e.last_before;
            return;
        }
        if self.capturing() {
            if e.sentence {
                if ends_sentence(self.last_raw) {
                    // The stop follows the last word, before any gap left by a block.
                    if self.buf.ends_with(' ') {
                        self.buf.pop();
                    }
                    self.buf.push('.');
                }
                self.push_space();
            } else if e.block {
                self.push_gap();
            }
            if e.weighted {
                self.push_word(END_WEIGHT);
            }
        }
        if e.status == Status::Body {
            self.in_body = false;
            let text = self.tail(e.mark).trim().to_string();
            if !text.is_empty() {
                if !self.out.is_empty() {
                    self.out.push(' ');
                }
                self.out.push_str(&text);
            }
            if self.reading_title {
                self.truncate(e.mark);
            } else {
                self.buf.clear();
            }
        }
    }

    /// Closes the nearest open element named `name`, and any still open inside it.
    fn close(&mut self, name: &str) {
        if let Some(at) = self
            .stack
            .iter()
            .rposition(|e| e.name.eq_ignore_ascii_case(name))
        {
            while self.stack.len() > at {
                self.close_top();
            }
        }
    }
}

/// The title as pagefind shows it: words separated by single spaces, without markers.
fn clean_title(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for w in text.split_whitespace() {
        if w.starts_with("___PAGEFIND_") || w.starts_with(END_WEIGHT) {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Decodes the character reference at the start of `s` (which starts with `&`): the
/// character and the length of the reference, or `None` if it is not one.
fn decode_entity(s: &str) -> Option<(char, usize)> {
    let b = s.as_bytes();
    let end = b.iter().take(40).position(|&c| c == b';')?;
    let body = &s[1..end];
    let c = if let Some(num) = body.strip_prefix('#') {
        let n = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse::<u32>().ok()?
        };
        if num.is_empty() {
            return None;
        }
        match n {
            0 => '\u{FFFD}',
            _ => char::from_u32(n).unwrap_or('\u{FFFD}'),
        }
    } else {
        named_entity(body)?
    };
    Some((c, end + 1))
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "nbsp" => '\u{A0}',
        "shy" => '\u{AD}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "zwnj" => '\u{200C}',
        "zwj" => '\u{200D}',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "laquo" => '«',
        "raquo" => '»',
        "lsaquo" => '‹',
        "rsaquo" => '›',
        "bull" => '•',
        "middot" => '·',
        "deg" => '°',
        "times" => '×',
        "divide" => '÷',
        "minus" => '−',
        "plusmn" => '±',
        "frac12" => '½',
        "frac14" => '¼',
        "frac34" => '¾',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "sect" => '§',
        "para" => '¶',
        "euro" => '€',
        "pound" => '£',
        "yen" => '¥',
        "cent" => '¢',
        "iexcl" => '¡',
        "iquest" => '¿',
        "dagger" => '†',
        "Dagger" => '‡',
        "larr" => '←',
        "rarr" => '→',
        "uarr" => '↑',
        "darr" => '↓',
        "harr" => '↔',
        _ => return None,
    })
}

/// The index of the first byte of `</name` (followed by a space, `/` or `>`) at or after
/// `from`, case-insensitively.
fn find_end_tag(html: &str, from: usize, name: &str) -> Option<usize> {
    let b = html.as_bytes();
    let mut i = from;
    while let Some(k) = memchr(b'<', &b[i..]) {
        let at = i + k;
        let n = at + 2 + name.len();
        if b.get(at + 1) == Some(&b'/')
            && n <= b.len()
            && b[at + 2..n].eq_ignore_ascii_case(name.as_bytes())
            && b.get(n)
                .is_none_or(|c| c.is_ascii_whitespace() || *c == b'/' || *c == b'>')
        {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&c| c == needle)
}

fn find(hay: &str, from: usize, needle: &str) -> Option<usize> {
    hay.get(from..)?.find(needle).map(|k| from + k)
}

/// Reads a tag's attributes from `i` (just after its name) up to and including its `>`:
/// the attributes, whether it ended with `/>`, and the index after the tag.
fn read_attrs(html: &str, mut i: usize) -> (Attrs<'_>, bool, usize) {
    let b = html.as_bytes();
    let mut attrs = Attrs::default();
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() {
            return (attrs, false, b.len());
        }
        if b[i] == b'>' {
            let self_closing = i > 0 && b[i - 1] == b'/';
            return (attrs, self_closing, i + 1);
        }
        let name_start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let name = &html[name_start..i];
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = "";
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let v_start = i + 1;
                let v_end = memchr(q, &b[v_start..]).map_or(b.len(), |k| v_start + k);
                value = &html[v_start..v_end];
                i = (v_end + 1).min(b.len());
            } else {
                let v_start = i;
                while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                    i += 1;
                }
                value = &html[v_start..i];
            }
        }
        if name.len() >= 5 && name[..5].eq_ignore_ascii_case("data-") {
            if name.eq_ignore_ascii_case("data-pagefind-body") {
                attrs.body = true;
            } else if name.eq_ignore_ascii_case("data-pagefind-ignore") {
                attrs.ignore = Some(value);
            } else if name.eq_ignore_ascii_case("data-pagefind-weight") {
                attrs.weight = Some(value);
            } else if is_one_of(name, UNSUPPORTED_ATTRS) {
                attrs.unsupported = true;
            }
        } else if name.eq_ignore_ascii_case("id") {
            attrs.id = true;
        }
    }
}

/// Reads a page as pagefind would index it.
pub(crate) fn page_text(html: &str) -> Scan {
    let b = html.as_bytes();
    let mut s = Scanner {
        stack: Vec::new(),
        buf: String::new(),
        last_raw: ' ',
        out: String::new(),
        in_body: false,
        found_body: false,
        excluded: 0,
        reading_title: false,
        title: None,
        page_title: None,
    };
    let mut i = 0;
    while i < b.len() {
        let Some(k) = memchr(b'<', &b[i..]) else {
            s.text(&html[i..]);
            break;
        };
        let lt = i + k;
        if lt > i {
            s.text(&html[i..lt]);
        }
        let next = b.get(lt + 1).copied();
        match next {
            Some(c) if c.is_ascii_alphabetic() => {
                let name_end = b[lt + 1..]
                    .iter()
                    .position(|c| c.is_ascii_whitespace() || *c == b'/' || *c == b'>')
                    .map_or(b.len(), |k| lt + 1 + k);
                let name = &html[lt + 1..name_end];
                let (attrs, self_closing, after) = read_attrs(html, name_end);
                if attrs.unsupported {
                    return Scan::Unsupported;
                }
                i = after;
                if is_one_of(name, RAW_SKIPPED) && !self_closing {
                    i = find_end_tag(html, i, name).unwrap_or(b.len());
                    continue;
                }
                let void = self_closing || is_one_of(name, VOID);
                s.open(name, &attrs, void);
                if !void && is_one_of(name, RCDATA) {
                    let end = find_end_tag(html, i, name).unwrap_or(b.len());
                    let raw = &html[i..end];
                    if name.eq_ignore_ascii_case("title")
                        && s.page_title.is_none()
                        && s.excluded == 0
                    {
                        let mut t = String::new();
                        for w in raw.split_whitespace() {
                            if !t.is_empty() {
                                t.push(' ');
                            }
                            t.push_str(w);
                        }
                        let mut d = Scanner::decoder();
                        d.push_text(&t);
                        s.page_title = Some(clean_title(&d.buf));
                    }
                    s.text(raw);
                    i = end;
                }
            }
            Some(b'/') if b.get(lt + 2).is_some_and(|c| c.is_ascii_alphabetic()) => {
                let name_end = b[lt + 2..]
                    .iter()
                    .position(|c| c.is_ascii_whitespace() || *c == b'/' || *c == b'>')
                    .map_or(b.len(), |k| lt + 2 + k);
                let name = &html[lt + 2..name_end];
                i = memchr(b'>', &b[name_end..]).map_or(b.len(), |k| name_end + k + 1);
                s.close(name);
            }
            Some(b'!') if html[lt..].starts_with("<!--") => {
                i = find(html, lt + 4, "-->").map_or(b.len(), |k| k + 3);
            }
            Some(b'!' | b'?' | b'/') => {
                i = memchr(b'>', &b[lt..]).map_or(b.len(), |k| lt + k + 1);
            }
            _ => {
                s.text("<");
                i = lt + 1;
            }
        }
    }
    while !s.stack.is_empty() {
        s.close_top();
    }
    if !s.found_body {
        return Scan::NoBody;
    }
    let title = s.title.or(s.page_title).filter(|t: &String| !t.is_empty());
    Scan::Text(PageText { text: s.out, title })
}

impl Scanner<'_> {
    /// A scanner used only to decode a run of text.
    fn decoder() -> Self {
        Scanner {
            stack: Vec::new(),
            buf: String::new(),
            last_raw: ' ',
            out: String::new(),
            in_body: true,
            found_body: false,
            excluded: 0,
            reading_title: false,
            title: None,
            page_title: None,
        }
    }
}

#[cfg(test)]
mod tests {
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
        let html =
            "<div data-pagefind-body>One</div><p>not this</p><div data-pagefind-body>Two</div>";
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
                    a&nbsp;b &mdash; &unknown; &amp x &#xZZ; &#; &#0;</div>";
        assert_eq!(
            words(html),
            "Fish & chips <b> caf&eacute; éé a b — &unknown; &amp x &#xZZ; &#; \u{FFFD}"
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
}
