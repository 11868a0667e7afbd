//! PDF (`.pdf`) → [`Document`], through `pdf-extract` (glyphs with their positions, on
//! `lopdf`); the layout is worked out here.
//!
//! In: the file's bytes. Out: blocks in reading order, each with the page it starts on;
//! the footnotes found at the foot of pages as the reference list; running headers,
//! footers and page numbers as dropped furniture; the Info dictionary (title, author,
//! creation date) as [`Document::embedded`]. Never panics (the reader runs under
//! `catch_unwind`) and the work is bounded: pages, decompressed bytes, glyphs and time.
//!
//! The steps, each a small general rule:
//! 0. Before reading: the width ranges of CID fonts are written out in the form
//!    pdf-extract reads right (`normalise_cid_widths`); ligature characters are
//!    read as their letters.
//! 1. Glyphs per page → lines (same baseline) → fragments (a line split at wide gaps,
//!    the gutter between columns); a small raised glyph is a superscript, glued to the
//!    word before it (a footnote marker).
//! 2. Reading order: a fragment that crosses the middle of the page spans the columns;
//!    between two spanning fragments, the left column is read before the right one.
//! 3. Furniture: the top and bottom lines of a page that repeat (digits aside) on at
//!    least half the pages, and bare page numbers there ("12", "Page 3", "3 of 9").
//! 4. Footnotes: the small-type lines at the foot of a page that start with a number.
//! 5. Paragraphs: a new one at a wide gap, a change of type size or an indent; one
//!    that did not end a sentence goes on in the next column or page; fragments on
//!    one baseline (a justified line cut at its wide gaps) are one line. `hyphen-` at a
//!    line end followed by a lowercase word is joined; larger type makes headings.

use super::{notes, parse_dateline};
use crate::model::date::PartialDate;
use crate::model::document::{Block, BlockKind, Document, Dropped, Embedded, Format, Reference};
use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};
use std::collections::{BTreeSet, HashMap};
use std::io::Read;
use std::time::{Duration, Instant};

/// A PDF may have at most this many pages.
pub const MAX_PAGES: usize = 2_000;
/// All its compressed streams together may inflate to at most this many bytes.
pub const MAX_INFLATED_BYTES: u64 = 256 * 1024 * 1024;
/// At most this many glyphs are read.
const MAX_GLYPHS: usize = 5_000_000;
/// Reading the glyphs may take at most this long.
const MAX_TIME: Duration = Duration::from_secs(60);

/// One glyph, in points from the top left of its page.
#[derive(Debug, Clone)]
struct Glyph {
    x: f64,
    y: f64,
    end: f64,
    size: f64,
    text: String,
}

/// A run of glyphs on one baseline, between two wide gaps.
#[derive(Debug, Clone)]
struct Frag {
    text: String,
    x0: f64,
    x1: f64,
    y: f64,
    size: f64,
}

#[derive(Default)]
struct Collector {
    pages: Vec<(u32, f64, Vec<Glyph>)>,
    height: Option<f64>,
    glyphs: usize,
    limit: Option<String>,
    started: Option<Instant>,
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.height = Some(media_box.ury - media_box.lly);
        self.pages
            .push((page_num, (media_box.urx - media_box.llx).abs(), Vec::new()));
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        self.glyphs += 1;
        let late = self.started.is_some_and(|s| s.elapsed() > MAX_TIME);
        if self.glyphs > MAX_GLYPHS || late {
            self.limit = Some(if late {
                format!("took more than {} s to read", MAX_TIME.as_secs())
            } else {
                format!("has more than {MAX_GLYPHS} characters")
            });
            return Err(OutputError::IoError(std::io::Error::other("limit")));
        }
        let Some(height) = self.height else {
            return Ok(());
        };
        // The type size: the side of the square with the area of the transformed em.
        let vx = font_size * (trm.m11 + trm.m21);
        let vy = font_size * (trm.m12 + trm.m22);
        let size = (vx * vy).abs().sqrt();
        let (x, y) = (trm.m31, height - trm.m32);
        if !(x.is_finite() && y.is_finite() && size.is_finite()) || size <= 0.0 {
            return Ok(());
        }
        if let Some(page) = self.pages.last_mut() {
            page.2.push(Glyph {
                x,
                y,
                end: x + width * size,
                size,
                text: expand_ligatures(char),
            });
        }
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// A glyph's text with the typographic ligatures (U+FB00–FB06: ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ, which
/// fonts such as DejaVu draw for "ff", "fi", …, and PDF writers map to one character)
/// written as their letters, so that "eﬀorts" reads, and is searched, as "efforts".
fn expand_ligatures(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{fb00}' => out.push_str("ff"),
            '\u{fb01}' => out.push_str("fi"),
            '\u{fb02}' => out.push_str("fl"),
            '\u{fb03}' => out.push_str("ffi"),
            '\u{fb04}' => out.push_str("ffl"),
            '\u{fb05}' | '\u{fb06}' => out.push_str("st"),
            c => out.push(c),
        }
    }
    out
}

/// Converts a PDF's bytes. An error says what is wrong, for a message that names the
/// file; a PDF without a text layer converts to a document without blocks.
pub fn convert_pdf(bytes: &[u8]) -> Result<Document, String> {
    match std::panic::catch_unwind(|| convert_inner(bytes)) {
        Ok(r) => r,
        Err(_) => Err("the PDF reader failed on this file (a damaged or unusual PDF)".into()),
    }
}

fn convert_inner(bytes: &[u8]) -> Result<Document, String> {
    if !bytes.starts_with(b"%PDF")
        && !bytes[..bytes.len().min(1024)]
            .windows(4)
            .any(|w| w == b"%PDF")
    {
        return Err("not a PDF (no %PDF header)".into());
    }
    let mut pdf =
        pdf_extract::Document::load_mem(bytes).map_err(|e| format!("not a readable PDF: {e}"))?;
    if pdf.is_encrypted() {
        return Err("encrypted; brief reads only PDFs without a password".into());
    }
    check_inflated_size(&pdf)?;
    normalise_cid_widths(&mut pdf);
    let pages = pdf.get_pages();
    if pages.len() > MAX_PAGES {
        return Err(format!(
            "has {} pages; brief reads PDFs of at most {MAX_PAGES} pages",
            pages.len()
        ));
    }
    let mut out = Collector {
        started: Some(Instant::now()),
        ..Default::default()
    };
    for &no in pages.keys() {
        // A page the reader cannot read is left out; the others still count.
        if pdf_extract::output_doc_page(&pdf, &mut out, no).is_err()
            && let Some(limit) = &out.limit
        {
            return Err(limit.clone());
        }
    }
    let mut doc = layout(out.pages);
    doc.embedded = embedded(&pdf, doc.dateline.is_some());
    Ok(doc)
}

/// Refuses a PDF whose compressed streams inflate to more than [`MAX_INFLATED_BYTES`]
/// (a "PDF bomb"), inflating each with a bound before the reader does.
fn check_inflated_size(pdf: &pdf_extract::Document) -> Result<(), String> {
    let mut total = 0u64;
    for obj in pdf.objects.values() {
        let Ok(stream) = obj.as_stream() else {
            continue;
        };
        let flate = stream
            .filters()
            .is_ok_and(|f| f.iter().any(|f| *f == b"FlateDecode"));
        if !flate {
            continue;
        }
        let left = MAX_INFLATED_BYTES - total;
        let mut z = flate2::read::ZlibDecoder::new(&stream.content[..]).take(left + 1);
        let n = std::io::copy(&mut z, &mut std::io::sink()).unwrap_or(0);
        total += n;
        if total > MAX_INFLATED_BYTES {
            return Err(format!(
                "inflates to more than {} MiB; refused as a likely PDF bomb",
                MAX_INFLATED_BYTES / (1024 * 1024)
            ));
        }
    }
    Ok(())
}

/// At most this many glyph widths are written out by [`normalise_cid_widths`].
const MAX_EXPANDED_WIDTHS: usize = 1 << 20;

/// Rewrites the `W` (glyph widths) array of every CID font in the form pdf-extract
/// reads right. A `W` array lists widths as `c [w1 w2 …]` (from glyph c on) or as
/// `c_first c_last w` (one width for a range); pdf-extract 0.12 misreads the range
/// form (it takes `c_first` for all three numbers and skips the range), so those
/// glyphs fall back to the font's default width. Chromium writes the range form for
/// the space and the comma (`3 15 250`: a quarter em, read as half an em), so every
/// space in a text string pushed the glyphs after it to the right, and a word broken
/// by a soft hyphen (drawn as a space the next glyph sits on) looked like two words.
/// Each range becomes `c_first [w … w]`; references inside the array are resolved
/// (pdf-extract panics on them). A malformed array is cut where it goes wrong: the
/// glyphs after that take the default width, as pdf-extract gives them anyway.
fn normalise_cid_widths(pdf: &mut pdf_extract::Document) {
    use pdf_extract::Object;
    let mut budget = MAX_EXPANDED_WIDTHS;
    let mut fixes = Vec::new();
    for (&id, obj) in &pdf.objects {
        let Ok(font) = obj.as_dict() else { continue };
        let cid = font
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|s| s.starts_with(b"CIDFontType"));
        let Some(w) = font.get(b"W").ok().filter(|_| cid) else {
            continue;
        };
        let deref =
            |o: &'_ Object| -> Option<Object> { pdf.dereference(o).ok().map(|(_, o)| o.clone()) };
        let Some(Object::Array(w)) = deref(w) else {
            continue;
        };
        let simple = w.chunks(2).all(|p| {
            matches!(p, [Object::Integer(_), Object::Array(ws)]
                if ws.iter().all(|x| matches!(x, Object::Integer(_) | Object::Real(_))))
        });
        if simple {
            continue;
        }
        let num = |o: Option<&Object>| o.and_then(deref).and_then(|o| o.as_float().ok());
        let int = |o: Option<&Object>| o.and_then(deref).and_then(|o| o.as_i64().ok());
        let mut out = Vec::new();
        let mut i = 0;
        while let Some(first) = int(w.get(i)).filter(|&c| c >= 0) {
            let widths: Vec<f32> = match w.get(i + 1).and_then(deref) {
                Some(Object::Array(ws)) => {
                    i += 2;
                    let ws: Option<Vec<f32>> = ws.iter().map(|x| num(Some(x))).collect();
                    match ws {
                        Some(ws) => ws,
                        None => break,
                    }
                }
                _ => {
                    let (Some(last), Some(width)) = (int(w.get(i + 1)), num(w.get(i + 2))) else {
                        break;
                    };
                    i += 3;
                    let n = last
                        .checked_sub(first)
                        .and_then(|d| usize::try_from(d).ok())
                        .map_or(0, |d| d.saturating_add(1));
                    if n == 0 || n > budget {
                        break;
                    }
                    vec![width; n]
                }
            };
            budget = budget.saturating_sub(widths.len());
            out.push(Object::Integer(first));
            out.push(Object::Array(
                widths.into_iter().map(Object::Real).collect(),
            ));
        }
        fixes.push((id, out));
    }
    for (id, w) in fixes {
        if let Ok(font) = pdf.get_object_mut(id).and_then(Object::as_dict_mut) {
            font.set("W", Object::Array(w));
        }
    }
}

/// The Info dictionary: title, author, creation date (this only when the text has no
/// dateline: the day a file was made is a poor guess at the day it was published).
fn embedded(pdf: &pdf_extract::Document, has_dateline: bool) -> Embedded {
    let mut e = Embedded::default();
    let Ok(info) = pdf.trailer.get_deref(b"Info", pdf) else {
        return e;
    };
    let Ok(info) = info.as_dict() else {
        return e;
    };
    let text = |key: &[u8]| {
        info.get_deref(key, pdf)
            .ok()
            .and_then(|o| o.as_str().ok())
            .map(decode_text_string)
            .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|s| !s.is_empty())
    };
    e.title = text(b"Title").filter(|t| !is_junk_title(t));
    e.author = text(b"Author");
    if !has_dateline {
        e.published = text(b"CreationDate").and_then(|d| pdf_date(&d));
    }
    e
}

/// Titles that tools write on their own: a file name, "Untitled", "Microsoft Word - x".
fn is_junk_title(t: &str) -> bool {
    let l = t.to_ascii_lowercase();
    l.starts_with("microsoft word")
        || l == "untitled"
        || [".doc", ".docx", ".pdf", ".indd", ".tex"]
            .iter()
            .any(|x| l.ends_with(x))
}

/// A PDF text string: UTF-16BE after a byte order mark, else PDFDocEncoding (read as
/// Latin-1, which it matches for letters).
fn decode_text_string(b: &[u8]) -> String {
    if let Some(rest) = b.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(rest) = b.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    b.iter().map(|&c| c as char).collect()
}

/// `D:20210415090000Z` → 2021-04-15.
fn pdf_date(s: &str) -> Option<PartialDate> {
    let d = s.trim().strip_prefix("D:").unwrap_or(s.trim());
    let num = |r: std::ops::Range<usize>| d.get(r).and_then(|x| x.parse::<u32>().ok());
    let year = num(0..4)? as i32;
    match (num(4..6), num(6..8)) {
        (Some(m), Some(day)) => PartialDate::day(year, m as u8, day as u8),
        (Some(m), None) => PartialDate::month(year, m as u8),
        _ => (1000..=9999)
            .contains(&year)
            .then(|| PartialDate::year(year)),
    }
}

/// The glyphs of one page → its fragments, in reading order, with the page width.
///
/// Glyphs are taken in the order they are drawn (a generator draws a line's words in
/// order, even when its positions carry small jitters), cut into runs where the
/// baseline changes, the pen goes back or jumps a gutter; runs on one baseline that
/// touch are then joined left to right (runs apart are columns or cells).
fn fragments(width: f64, glyphs: Vec<Glyph>) -> Vec<Frag> {
    let mut runs: Vec<Frag> = Vec::new();
    let mut prev: Option<Glyph> = None;
    let mut pending: Option<f64> = None;
    for g in glyphs {
        let space = g.text.trim().is_empty();
        let same_run = match (runs.last(), &prev) {
            (Some(r), Some(p)) => {
                (g.y - p.y).abs() <= 0.5 * r.size.max(g.size)
                    && g.x >= p.x - 0.5 * g.size
                    && g.x - p.end <= 2.0 * r.size
            }
            _ => false,
        };
        if same_run {
            let r = runs.last_mut().expect("checked");
            let p = prev.as_ref().expect("checked");
            let superscript = g.size < r.size * 0.85 && g.y < r.y - 0.15 * r.size;
            if space {
                // A space glyph of no width, or one the next glyph sits exactly on, is
                // a soft hyphen (Chromium maps it to U+0020); the others are spaces.
                if g.end - g.x > 0.05 * r.size {
                    pending = Some(g.x);
                }
            } else {
                let spaced = pending
                    .take()
                    .is_some_and(|x| (g.x - x).abs() > 0.01 * r.size);
                let gap = g.x - p.end > 0.3 * r.size;
                if !superscript && (spaced || gap) && !r.text.ends_with(' ') {
                    r.text.push(' ');
                }
                r.text.push_str(&g.text);
                r.x1 = r.x1.max(g.end);
            }
        } else if !space {
            pending = None;
            runs.push(Frag {
                text: g.text.clone(),
                x0: g.x,
                x1: g.end,
                y: g.y,
                size: g.size,
            });
        }
        if !space {
            prev = Some(g);
        }
    }
    // Lines: runs on one baseline, left to right; touching runs are one fragment.
    runs.sort_by(|a, b| a.y.total_cmp(&b.y));
    let mut lines: Vec<Vec<Frag>> = Vec::new();
    for r in runs {
        match lines.last_mut() {
            Some(line) if (r.y - line[0].y).abs() <= 0.5 * r.size.max(line[0].size) => line.push(r),
            _ => lines.push(vec![r]),
        }
    }
    let mut frags = Vec::new();
    for mut line in lines {
        line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let mut cur: Option<Frag> = None;
        for r in line {
            match cur.as_mut() {
                Some(c) if r.x0 - c.x1 <= 0.5 * c.size => {
                    if r.x0 - c.x1 > 0.3 * c.size && !c.text.ends_with(' ') {
                        c.text.push(' ');
                    }
                    c.text.push_str(&r.text);
                    c.x1 = c.x1.max(r.x1);
                }
                _ => {
                    frags.extend(cur.take());
                    cur = Some(r);
                }
            }
        }
        frags.extend(cur);
    }
    for f in &mut frags {
        let t = f.text.trim_end().len();
        f.text.truncate(t);
    }
    frags.retain(|f| !f.text.trim().is_empty());
    reading_order(width, frags)
}

/// Left column before right column, between fragments that span the middle.
fn reading_order(width: f64, frags: Vec<Frag>) -> Vec<Frag> {
    let mid = width / 2.0;
    // Glyph advances are sometimes read too wide: a line ends past the middle only if
    // it goes well past it.
    let spans = |f: &Frag| f.x0 < mid - 2.0 && f.x1 > mid + 0.05 * width;
    let mut out = Vec::with_capacity(frags.len());
    let (mut left, mut right) = (Vec::new(), Vec::new());
    for f in frags {
        if spans(&f) {
            out.append(&mut left);
            out.append(&mut right);
            out.push(f);
        } else if f.x0 < mid {
            left.push(f);
        } else {
            right.push(f);
        }
    }
    out.append(&mut left);
    out.append(&mut right);
    out
}

/// Text of a line with the digits made `#`, in lowercase, for comparing furniture.
fn shape(t: &str) -> String {
    t.chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .flat_map(char::to_lowercase)
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// "12", "- 12 -", "Page 12", "12 of 40", "12/40", "xii".
fn is_page_number(t: &str) -> bool {
    let s = shape(t);
    let s = s.trim_matches(|c| matches!(c, '-' | '–' | '—' | '|' | '.'));
    let s = s
        .strip_prefix("page")
        .or_else(|| s.strip_prefix("p."))
        .unwrap_or(s);
    let digits = |x: &str| !x.is_empty() && x.chars().all(|c| c == '#');
    if digits(s) {
        return true;
    }
    if let Some((a, b)) = s.split_once("of").or_else(|| s.split_once('/')) {
        return digits(a) && digits(b);
    }
    !s.is_empty() && s.len() <= 6 && s.chars().all(|c| matches!(c, 'i' | 'v' | 'x' | 'l'))
}

/// Lays the pages' glyphs out into a document.
fn layout(pages: Vec<(u32, f64, Vec<Glyph>)>) -> Document {
    let mut doc = Document {
        format: Format::Pdf,
        ..Default::default()
    };
    let pages: Vec<(u32, Vec<Frag>)> = pages
        .into_iter()
        .map(|(no, w, g)| (no, fragments(w, g)))
        .collect();
    if pages.iter().all(|p| p.1.is_empty()) {
        return doc;
    }
    // The body type size: the size most characters have.
    let mut sizes: HashMap<i64, usize> = HashMap::new();
    for f in pages.iter().flat_map(|p| &p.1) {
        *sizes.entry((f.size * 2.0).round() as i64).or_default() += f.text.len();
    }
    let body = sizes
        .into_iter()
        .max_by_key(|&(s, n)| (n, -s))
        .map_or(10.0, |(s, _)| s as f64 / 2.0);

    // Furniture: the top and bottom lines of each page.
    let edge = |frags: &[Frag], top: bool| -> Vec<usize> {
        let y = frags
            .iter()
            .map(|f| if top { f.y } else { -f.y })
            .fold(f64::INFINITY, f64::min);
        (0..frags.len())
            .filter(|&i| {
                let fy = if top { frags[i].y } else { -frags[i].y };
                (fy - y).abs() < 1.0
            })
            .collect()
    };
    let mut repeats: HashMap<(bool, String), usize> = HashMap::new();
    for (_, frags) in &pages {
        if frags.is_empty() {
            continue;
        }
        for top in [true, false] {
            let seen: BTreeSet<String> = edge(frags, top)
                .iter()
                .map(|&i| shape(&frags[i].text))
                .collect();
            for s in seen {
                *repeats.entry((top, s)).or_default() += 1;
            }
        }
    }
    let many = pages.len() >= 2;
    let half = pages.len().div_ceil(2).max(2);
    let mut kept: Vec<(u32, Vec<Frag>, Vec<Frag>)> = Vec::new();
    for (no, frags) in pages {
        let mut furniture = vec![false; frags.len()];
        if !frags.is_empty() {
            for top in [true, false] {
                for i in edge(&frags, top) {
                    let t = &frags[i].text;
                    let repeated =
                        many && repeats.get(&(top, shape(t))).is_some_and(|&n| n >= half);
                    let reason = if is_page_number(t) {
                        "page number"
                    } else if repeated {
                        if top {
                            "running header"
                        } else {
                            "running footer"
                        }
                    } else {
                        continue;
                    };
                    furniture[i] = true;
                    doc.dropped.push(Dropped {
                        line: 0,
                        text: t.clone(),
                        reason: format!("{reason} (p. {no})"),
                    });
                }
            }
        }
        let frags: Vec<Frag> = frags
            .into_iter()
            .zip(furniture)
            .filter(|(_, d)| !d)
            .map(|(f, _)| f)
            .collect();
        // Footnotes: the small-type lines at the foot, from the first that starts with
        // a number.
        let mut foot = frags.len();
        while foot > 0 && frags[foot - 1].size < body * 0.9 {
            foot -= 1;
        }
        let start = (foot..frags.len()).find(|&i| note_number(&frags[i].text).is_some());
        let (body_frags, notes) = match start {
            Some(s) if foot < frags.len() => {
                let mut f = frags;
                let notes = f.split_off(s);
                (f, notes)
            }
            _ => (frags, Vec::new()),
        };
        kept.push((no, body_frags, notes));
    }

    // References.
    for (_, _, notes) in &kept {
        for f in notes {
            match note_number(&f.text) {
                Some((n, len)) => doc.references.push(Reference {
                    number: n,
                    text: f.text[len..].trim().to_string(),
                }),
                None => {
                    if let Some(r) = doc.references.last_mut() {
                        join_line(&mut r.text, &f.text);
                    }
                }
            }
        }
    }

    // Paragraphs.
    struct Para {
        page: u32,
        text: String,
        size: f64,
        x0: f64,
        x1: f64,
        y: f64,
        lines: usize,
    }
    let mut paras: Vec<Para> = Vec::new();
    /// How a fragment goes on from the paragraph before it.
    #[derive(PartialEq)]
    enum Join {
        /// Further along the same line (a justified line cut at its wide gaps).
        SameLine,
        /// On the next line.
        NextLine,
        /// At the top of the next column or page.
        NextColumn,
    }
    for (no, frags, _) in kept {
        let mut first_on_page = true;
        for f in frags {
            let bullet = f.text.starts_with(['•', '◦', '▪', '‣']);
            let join = paras.last().and_then(|p| {
                let same_size = (f.size - p.size).abs() <= 0.1 * p.size;
                if !same_size || bullet {
                    return None;
                }
                if !first_on_page && (f.y - p.y).abs() <= 0.2 * p.size && f.x0 >= p.x1 {
                    return Some(Join::SameLine);
                }
                if first_on_page || f.y < p.y - 0.5 * p.size {
                    // A new page or a new column: go on only with an unfinished sentence.
                    let open = !p.text.ends_with(['.', '!', '?', ':', '”', '"', ')']);
                    let lower = f.text.chars().next().is_some_and(char::is_lowercase);
                    return (open && lower && p.size <= body * 1.1).then_some(Join::NextColumn);
                }
                let gap = f.y - p.y;
                (gap <= 1.8 * p.size && (f.x0 - p.x0).abs() <= 0.8 * p.size)
                    .then_some(Join::NextLine)
            });
            if let Some(join) = join {
                let p = paras.last_mut().expect("checked");
                join_line(&mut p.text, &f.text);
                p.x1 = f.x1;
                match join {
                    Join::SameLine => {}
                    // The paragraph's left edge is now this column's.
                    Join::NextColumn => p.x0 = f.x0,
                    Join::NextLine => p.x0 = p.x0.min(f.x0),
                }
                if join != Join::SameLine {
                    p.y = f.y;
                    p.lines += 1;
                }
            } else {
                paras.push(Para {
                    page: no,
                    text: f.text.clone(),
                    size: f.size,
                    x0: f.x0,
                    x1: f.x1,
                    y: f.y,
                    lines: 1,
                });
            }
            first_on_page = false;
        }
    }

    // Heading levels: the larger the type, the higher the level.
    let is_heading = |p: &Para| p.size >= body * 1.15 && p.lines <= 3 && p.text.len() <= 150;
    let mut heading_sizes: Vec<i64> = paras
        .iter()
        .filter(|p| is_heading(p))
        .map(|p| (p.size * 2.0).round() as i64)
        .collect();
    heading_sizes.sort_unstable_by(|a, b| b.cmp(a));
    heading_sizes.dedup();
    let mut first = true;
    let mut blocks = Vec::new();
    for (k, p) in paras.iter().enumerate() {
        let heading = is_heading(p);
        let rank = heading_sizes
            .iter()
            .position(|&s| s == (p.size * 2.0).round() as i64)
            .unwrap_or(0);
        // The title: the first paragraph, in large type.
        if first && heading && p.size >= body * 1.3 {
            doc.title = Some(p.text.clone());
            first = false;
            continue;
        }
        first = false;
        // A dateline: a paragraph near the top that is only a date.
        if doc.dateline.is_none() && k < 6 && parse_dateline(&p.text).is_some() {
            doc.dateline = Some(p.text.clone());
            continue;
        }
        let (kind, text) = if heading {
            let level = (2 + rank).min(6) as u8;
            (BlockKind::Heading { level }, p.text.clone())
        } else if let Some(rest) = p.text.strip_prefix(['•', '◦', '▪', '‣']) {
            (
                BlockKind::ListItem { ordered: false },
                rest.trim_start().to_string(),
            )
        } else {
            (BlockKind::Paragraph, p.text.clone())
        };
        if text.is_empty() {
            continue;
        }
        blocks.push(Block {
            kind,
            text,
            start: None,
            paragraph: blocks.len() as u32 + 1,
            notes: Vec::new(),
            page: Some(p.page),
        });
    }
    let numbers: BTreeSet<u32> = doc.references.iter().map(|r| r.number).collect();
    let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
    let found = notes::find_markers(&texts, &numbers);
    for (b, m) in blocks.iter_mut().zip(found) {
        b.notes = m;
    }
    doc.blocks = blocks;
    doc
}

/// `12. Text` / `12 Text` / `[12] Text` → (12, length of the label).
fn note_number(t: &str) -> Option<(u32, usize)> {
    let s = t.strip_prefix('[').unwrap_or(t);
    let digits = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 3 {
        return None;
    }
    let n: u32 = s[..digits].parse().ok()?;
    let mut len = t.len() - s.len() + digits;
    let after = &t[len..];
    let label = after.strip_prefix(['.', ')', ']']).unwrap_or(after);
    if !label.starts_with(' ') && !label.is_empty() {
        return None;
    }
    len += after.len() - label.len();
    Some((n, len))
}

/// Appends a line to a paragraph: a word hyphenated at the line end is joined
/// (`munici-` + `pality`), otherwise with a space. A soft or discretionary hyphen
/// (U+00AD, U+2010: what Chromium draws at a soft hyphen) always goes; a plain `-`
/// stays after a word that usually makes compounds (`self-` + `governing`).
fn join_line(acc: &mut String, next: &str) {
    let next = next.trim_start();
    let lower_next = next.chars().next().is_some_and(char::is_lowercase);
    if let Some(h) = acc
        .chars()
        .last()
        .filter(|c| matches!(c, '-' | '\u{2010}' | '\u{ad}'))
    {
        let head = &acc[..acc.len() - h.len_utf8()];
        let word_before = head.chars().last().is_some_and(char::is_alphabetic);
        let first_part = head
            .rsplit(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or_default()
            .to_lowercase();
        let soft = h != '-';
        if word_before && lower_next && (soft || !COMPOUND_HEADS.contains(&first_part.as_str())) {
            acc.truncate(head.len());
            acc.push_str(next);
            return;
        }
        if word_before && lower_next {
            acc.push_str(next);
            return;
        }
    }
    if !acc.is_empty() {
        acc.push(' ');
    }
    acc.push_str(next);
}

/// Words that, before a hyphen at a line end, usually start a compound whose hyphen
/// belongs to it (`well-known`), rather than a word broken in two.
const COMPOUND_HEADS: &[&str] = &[
    "all", "anti", "co", "cross", "ex", "far", "full", "half", "high", "ill", "long", "low", "mid",
    "multi", "non", "one", "over", "part", "post", "pre", "pro", "re", "self", "semi", "short",
    "so", "state", "two", "three", "under", "well", "wide", "year",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyphenated_words_are_joined() {
        let mut s = "the munici-".to_string();
        join_line(&mut s, "pality said");
        assert_eq!(s, "the municipality said");
        let mut s = "the Franco-".to_string();
        join_line(&mut s, "German border");
        assert_eq!(s, "the Franco- German border");
        let mut s = "a soft\u{ad}".to_string();
        join_line(&mut s, "hyphen");
        assert_eq!(s, "a softhyphen");
        // Chromium draws a soft hyphen at a line end as U+2010.
        let mut s = "inter\u{2010}".to_string();
        join_line(&mut s, "nationalisation");
        assert_eq!(s, "internationalisation");
        // A compound keeps its hyphen.
        let mut s = "a self-".to_string();
        join_line(&mut s, "governing body");
        assert_eq!(s, "a self-governing body");
        let mut s = "a well-".to_string();
        join_line(&mut s, "known fact");
        assert_eq!(s, "a well-known fact");
    }

    #[test]
    fn ligatures_are_written_as_letters() {
        assert_eq!(expand_ligatures("e\u{fb00}orts"), "efforts");
        assert_eq!(
            expand_ligatures("\u{fb01}rst \u{fb02}ows o\u{fb03}cial"),
            "first flows official"
        );
        assert_eq!(expand_ligatures("ba\u{fb04}e \u{fb06}"), "baffle st");
        assert_eq!(expand_ligatures("plain"), "plain");
    }

    #[test]
    fn page_numbers() {
        for t in ["12", "- 12 -", "Page 3", "3 of 9", "12/40", "xii"] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["Page three", "In 12 days", "Mix"] {
            assert!(!is_page_number(t), "{t}");
        }
    }

    #[test]
    fn dates_and_notes() {
        assert_eq!(
            pdf_date("D:20210415090000Z").unwrap().to_string(),
            "2021-04-15"
        );
        assert_eq!(pdf_date("D:2021").unwrap().to_string(), "2021");
        assert_eq!(note_number("1. Inspection report"), Some((1, 2)));
        assert_eq!(note_number("[3] x"), Some((3, 3)));
        assert_eq!(note_number("2021, the year"), None);
    }

    /// A PDF of one page whose content stream is `stream` (FlateDecode when `flate`).
    fn pdf_with_stream(stream: &[u8], flate: bool) -> Vec<u8> {
        let filter = if flate { " /Filter /FlateDecode" } else { "" };
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        let objects: [Vec<u8>; 4] = [
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".to_vec(),
            [
                format!("<< /Length {}{filter} >>\nstream\n", stream.len()).as_bytes(),
                stream,
                b"\nendstream",
            ]
            .concat(),
        ];
        for (i, o) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend(format!("{} 0 obj\n", i + 1).as_bytes());
            out.extend(o);
            out.extend(b"\nendobj\n");
        }
        let xref = out.len();
        out.extend(b"xref\n0 5\n0000000000 65535 f \n");
        for o in offsets {
            out.extend(format!("{o:010} 00000 n \n").as_bytes());
        }
        out.extend(
            format!("trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
        );
        out
    }

    /// A PDF bomb: a small stream that inflates past the cap is refused before the
    /// reader inflates it.
    #[test]
    fn a_pdf_bomb_is_refused() {
        use std::io::Write;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        let zeros = vec![b' '; 1024 * 1024];
        for _ in 0..(MAX_INFLATED_BYTES / (1024 * 1024) + 1) {
            z.write_all(&zeros).unwrap();
        }
        let stream = z.finish().unwrap();
        assert!(stream.len() < 2 * 1024 * 1024);
        let err = convert_pdf(&pdf_with_stream(&stream, true)).unwrap_err();
        assert!(err.contains("PDF bomb"), "{err}");
        // The same page with a small stream reads (and has no text).
        let doc = convert_pdf(&pdf_with_stream(b"0 0 m", false)).unwrap();
        assert!(doc.blocks.is_empty());
    }

    /// The widths of a CID font as pdf-extract will read them: `c [w …]` pairs only.
    fn widths_after_normalising(w: pdf_extract::Object) -> Vec<pdf_extract::Object> {
        use pdf_extract::{Dictionary, Object};
        let mut pdf = pdf_extract::Document::with_version("1.7");
        let mut font = Dictionary::new();
        font.set("Type", Object::Name(b"Font".to_vec()));
        font.set("Subtype", Object::Name(b"CIDFontType2".to_vec()));
        font.set("W", w);
        let id = pdf.add_object(font);
        normalise_cid_widths(&mut pdf);
        let font = pdf.get_object(id).unwrap().as_dict().unwrap();
        font.get(b"W").unwrap().as_array().unwrap().clone()
    }

    #[test]
    fn cid_width_ranges_are_written_out_for_the_reader() {
        use pdf_extract::Object::{self, Array, Integer, Real};
        // Chromium's: the space (CID 3) to the comma (CID 15) a quarter em wide.
        let w = Array(vec![
            Integer(0),
            Array(vec![Real(777.8)]),
            Integer(3),
            Integer(15),
            Integer(250),
            Integer(16),
            Array(vec![Real(333.0), Integer(250)]),
        ]);
        let out = widths_after_normalising(w);
        assert_eq!(out.len(), 6);
        assert_eq!(out[2], Integer(3));
        assert_eq!(out[3], Array(vec![Real(250.0); 13]));
        assert_eq!(out[5], Array(vec![Real(333.0), Real(250.0)]));
        // Already in the pairs form: left as it is.
        let pairs = vec![Integer(3), Array(vec![Integer(250)])];
        assert_eq!(widths_after_normalising(Array(pairs.clone())), pairs);
        // Malformed: cut where it goes wrong (no panic, no runaway range).
        let bad = Array(vec![
            Integer(3),
            Integer(4),
            Integer(250),
            Integer(5),
            Integer(4),
            Integer(9),
            Integer(7),
            Object::Name(b"x".to_vec()),
        ]);
        let out = widths_after_normalising(bad);
        assert_eq!(out, [Integer(3), Array(vec![Real(250.0); 2])]);
        let huge = Array(vec![Integer(0), Integer(i64::MAX), Integer(250)]);
        assert!(widths_after_normalising(huge).is_empty());
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        for bytes in [&b""[..], b"%PDF-1.4\n", b"%PDF-1.7\n1 0 obj <<", b"hello"] {
            assert!(convert_pdf(bytes).is_err());
        }
    }
}

#[cfg(test)]
mod fixture_tests {
    use super::*;

    fn fixture(name: &str) -> Document {
        let path = format!("{}/tests/fixtures/pdf/{name}", env!("CARGO_MANIFEST_DIR"));
        convert_pdf(&std::fs::read(path).unwrap()).unwrap()
    }

    #[test]
    fn one_column_report_with_header_page_numbers_and_a_footnote() {
        let d = fixture("one_column.pdf");
        assert_eq!(d.title.as_deref(), Some("River Valley Water Report"));
        assert_eq!(
            d.embedded.title.as_deref(),
            Some("River Valley Water Report")
        );
        assert_eq!(d.embedded.author.as_deref(), Some("Valley Water Board"));
        assert_eq!(d.embedded.published.unwrap().to_string(), "2021-04-15");
        let texts: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
        assert!(texts[0].starts_with("On March 3, 2021, the river rose"));
        assert_eq!(texts[3], "Recovery");
        assert_eq!(d.blocks[3].kind, BlockKind::Heading { level: 2 });
        let pages: Vec<u32> = d.blocks.iter().map(|b| b.page.unwrap()).collect();
        assert_eq!(pages, [1, 1, 1, 2, 2, 2]);
        // Furniture: the running header and the page numbers, on both pages.
        assert!(!texts.iter().any(|t| t.contains("Annual Report")));
        assert_eq!(d.dropped.len(), 4);
        // The footnote at the foot of page 2 and its marker on page 1.
        assert_eq!(d.references.len(), 1);
        assert_eq!(d.references[0].number, 1);
        assert!(d.references[0].text.starts_with("Inspection report"));
        assert_eq!(d.blocks[1].notes.len(), 1);
    }

    /// The `<p>` paragraphs of a fixture's HTML as a browser shows them: soft hyphens
    /// removed, runs of white space made one space.
    fn html_paragraphs(name: &str) -> Vec<String> {
        let path = format!("{}/tests/fixtures/pdf/{name}", env!("CARGO_MANIFEST_DIR"));
        let html = std::fs::read_to_string(path).unwrap();
        html.split("<p>")
            .skip(1)
            .map(|p| {
                let p = p.split("</p>").next().unwrap().replace("&shy;", "");
                p.split_whitespace().collect::<Vec<_>>().join(" ")
            })
            .collect()
    }

    /// Real text in two justified columns of a font with ligatures: every paragraph
    /// reads word for word in order (ligatures as letters, no space lost or added by
    /// the wide justified gaps) as one block, without the running header and page
    /// numbers.
    #[test]
    fn justified_columns_with_ligatures_read_word_for_word() {
        let d = fixture("justified_columns.pdf");
        assert_eq!(
            d.title.as_deref(),
            Some("US Migrant Protection Protocols Fuel Kidnappings in Mexico")
        );
        let all = d
            .blocks
            .iter()
            .map(|b| b.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        assert!(!all.contains(|c| ('\u{fb00}'..='\u{fb06}').contains(&c)));
        assert!(
            [
                "officials",
                "difficult",
                "specifically",
                "five",
                "paying off"
            ]
            .iter()
            .all(|w| all.contains(w)),
            "{all}"
        );
        let mut at = 0;
        for p in html_paragraphs("justified_columns.html") {
            let found = all[at..].find(&p);
            assert!(found.is_some(), "{p}\nnot in order in {all}");
            at += found.unwrap() + p.len();
        }
        // Each paragraph is one block: a justified line is not cut at its wide gaps,
        // and a paragraph goes on in the next column and on the next page.
        let texts: Vec<String> = d.blocks.iter().map(|b| b.text.clone()).collect();
        assert_eq!(texts, html_paragraphs("justified_columns.html"));
        assert!(!all.contains("Quarterly Report") && !all.contains("Page 2"));
        assert_eq!(d.blocks.last().unwrap().page, Some(2));
    }

    #[test]
    fn two_columns_are_read_left_then_right() {
        let d = fixture("two_columns.pdf");
        let firsts: Vec<&str> = d
            .blocks
            .iter()
            .map(|b| b.text.split(' ').next().unwrap())
            .collect();
        assert_eq!(
            firsts,
            [
                "Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "India", "Hotel"
            ]
        );
        // A soft hyphen (inter&shy;nationally) goes; compounds keep their hyphens.
        assert_eq!(
            d.blocks[7].text,
            "India paragraph. The well-known self-governing harbour council thanked the \
             internationally recognised volunteers."
        );
        assert!(
            d.blocks[0]
                .text
                .ends_with("destroyed the old fishing quarter.")
        );
        assert_eq!(d.blocks[6].page, Some(2));
        // Every paragraph reads exactly as the HTML it was printed from: no word glued
        // to the next, none split, and each of the ten words broken by a soft hyphen
        // joined (pdf-extract's misread glyph widths had left 6 of 10 split).
        let raw = std::fs::read_to_string(format!(
            "{}/tests/fixtures/pdf/two_columns.html",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        let soft: Vec<String> = raw
            .split([' ', '>', '<'])
            .filter(|w| w.contains("&shy;"))
            .map(|w| w.replace("&shy;", ""))
            .collect();
        assert_eq!(soft.len(), 10);
        let text: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
        let count =
            |w: &str, words: &mut dyn Iterator<Item = &str>| words.filter(|x| *x == w).count();
        let mut distinct = soft.clone();
        distinct.sort();
        distinct.dedup();
        let joined: usize = distinct
            .iter()
            .map(|w| {
                let read = count(w, &mut text.iter().flat_map(|t| t.split(' ')));
                read.min(count(w, &mut soft.iter().map(String::as_str)))
            })
            .sum();
        assert_eq!(joined, 10, "soft hyphens joined: {joined} of 10: {text:#?}");
        for p in html_paragraphs("two_columns.html") {
            assert!(text.contains(&p.as_str()), "{p}\nnot in {text:#?}");
        }
        assert!(d.dropped.iter().any(|x| x.text == "Page 2"));
        assert!(!d.blocks.iter().any(|b| b.text.contains("Field Notes")));
    }
}
