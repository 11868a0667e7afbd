//! Page furniture: the lines a web capture picks up around an article (navigation,
//! widgets, share prompts, copyright notices, "about us" blurbs) that are not part of the
//! document.
//!
//! In: the paragraphs ("units") of a plain-text document. Out: for each unit, whether it is
//! furniture and under which [`Rule`]. The rules are general shapes of text, never a list
//! of particular documents' strings. They must never drop body text: every rule either
//! needs a shape that sentences do not have (short, no sentence punctuation, a widget
//! pattern, a legal notice) or only applies at the edges of the document, before the title
//! or after the last body paragraph.

/// A furniture rule. Each dropped line records the rule's [`Rule::reason`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Before the title or after the body: a short label line in lower case ("top of
    /// page") or made of interface words ("Skip to content", "Share", "Print").
    EdgeNavigation,
    /// Anywhere: a tag or category widget that lists some items and hides the rest
    /// ("Mexico + 2 more").
    TagOverflow,
    /// Anywhere: three or more short label lines in a row, in one paragraph or in
    /// consecutive paragraphs ("News and Press Release / Originally published / View
    /// original").
    MenuRun,
    /// Anywhere: a copyright or rights notice ("Copyright 2021 X. All rights reserved.").
    Copyright,
    /// Anywhere: a labelled metadata line ("Key words: …", "Tags: …", "Filed under: …").
    MetadataLabel,
    /// Anywhere: a one-line photo caption carrying a credit ("… Photo: Jane Doe, AFP").
    PhotoCredit,
    /// After the body: a call to action ("Visit the homepage for …", "Subscribe to …").
    CallToAction,
    /// After the body: an "About <Publisher>" label followed by at most three paragraphs
    /// up to the end of the document (the site's blurb).
    AboutSection,
    /// After the body: any short label line without sentence punctuation ("Related Post",
    /// "Latest Stories", "Don't Miss", "Washington D.C.").
    TailLabel,
}

impl Rule {
    /// The reason recorded in [`crate::model::document::Dropped::reason`]: the rule's name and what it means.
    pub fn reason(self) -> &'static str {
        match self {
            Rule::EdgeNavigation => {
                "edge-navigation: interface text before the title or after the body"
            }
            Rule::TagOverflow => "tag-overflow: a tag widget (\"X + 2 more\")",
            Rule::MenuRun => "menu-run: several short lines without punctuation in a row",
            Rule::Copyright => "copyright: a rights notice",
            Rule::MetadataLabel => "metadata-label: a labelled keyword or tag line",
            Rule::PhotoCredit => "photo-credit: a photo caption with a credit",
            Rule::CallToAction => {
                "call-to-action: a prompt to visit, share or subscribe after the body"
            }
            Rule::AboutSection => "about-section: the publisher's \"About\" blurb at the end",
            Rule::TailLabel => "tail-label: a short label line after the body",
        }
    }
}

/// Longest a label line may be, in words.
pub const LABEL_MAX_WORDS: usize = 6;
/// Longest a label line may be, in bytes.
pub const LABEL_MAX_BYTES: usize = 60;

/// Interface words and phrases that, as a whole short line at an edge, are navigation.
const UI_PHRASES: &[&str] = &[
    "skip to",
    "back to top",
    "menu",
    "search",
    "home",
    "log in",
    "sign in",
    "share",
    "print",
    "email",
    "tweet",
    "advertisement",
    "close",
];

/// Imperative openings of calls to action.
const CTA_OPENINGS: &[&str] = &[
    "visit ",
    "subscribe",
    "sign up",
    "follow us",
    "follow ",
    "share this",
    "share on",
    "click ",
    "read more",
    "download ",
    "join ",
    "donate",
    "support our",
    "like us",
    "watch ",
    "listen ",
    "get the latest",
];

/// Words that show a call to action is about the site itself.
const CTA_OBJECTS: &[&str] = &[
    "homepage",
    "home",
    "newsletter",
    "newsletters",
    "website",
    "site",
    "us",
    "our",
    "here",
    "page",
    "stories",
    "news",
    "app",
    "podcast",
    "channel",
    "updates",
    "feed",
    "subscribe",
    "twitter",
    "facebook",
    "instagram",
];

/// Labels that open a metadata line.
const METADATA_LABELS: &[&str] = &[
    "key words:",
    "keywords:",
    "tags:",
    "topics:",
    "filed under:",
    "categories:",
    "category:",
    "related topics:",
];

/// Credit labels of photo captions.
const CREDIT_LABELS: &[&str] = &[
    "Photo:",
    "Photo by",
    "Photograph:",
    "Photo credit:",
    "Image:",
    "Credit:",
    "Foto:",
    "Picture:",
];

/// Closing quotation marks and brackets that may follow sentence punctuation.
pub(crate) fn is_closer(c: char) -> bool {
    matches!(c, '”' | '’' | '"' | '\'' | '»' | ')' | ']' | '›')
}

/// Abbreviations whose final full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Inc.", "Ltd.", "Co.", "Corp.", "Jr.", "Sr.", "St.", "Dr.", "Mr.", "Mrs.", "Ms.", "etc.",
];

/// True when `s` ends with punctuation that ends or joins a sentence (`. ! ? … : ; ,`),
/// looking through closing quotes and brackets. A final full stop of an initialism
/// ("D.C.", "U.S.") or a common abbreviation ("Inc.") does not count.
pub fn ends_with_punctuation(s: &str) -> bool {
    let t = s.trim_end_matches(|c: char| c.is_whitespace() || is_closer(c));
    match t.chars().next_back() {
        Some('.') => {
            let last = t.rsplit(char::is_whitespace).next().unwrap_or(t);
            !(is_initialism(last) || ABBREVIATIONS.contains(&last))
        }
        Some('!' | '?' | '…' | ':' | ';' | ',') => true,
        _ => false,
    }
}

/// "D.C.", "U.S.", "U.K.": single letters each followed by a full stop, two or more.
fn is_initialism(word: &str) -> bool {
    let mut letters = 0;
    let mut chars = word.chars();
    loop {
        match (chars.next(), chars.next()) {
            (None, _) => return letters >= 2,
            (Some(c), Some('.')) if c.is_alphabetic() => letters += 1,
            _ => return false,
        }
    }
}

/// True when the line starts like a list item ("- ", "* ", "• ", "1. ", "1) ").
pub fn is_list_line(s: &str) -> bool {
    list_marker_len(s).is_some()
}

/// Byte length of a list marker at the start of `s`, including the space after it.
pub fn list_marker_len(s: &str) -> Option<usize> {
    for b in ["- ", "* ", "• ", "+ "] {
        if s.starts_with(b) {
            return Some(b.len());
        }
    }
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &s[digits..];
        if rest.starts_with(". ") || rest.starts_with(") ") {
            return Some(digits + 2);
        }
    }
    None
}

/// A label line: short (at most [`LABEL_MAX_WORDS`] words and [`LABEL_MAX_BYTES`]
/// bytes), not a list item, and with no sentence punctuation at its start or end.
pub fn is_label_line(s: &str) -> bool {
    let s = s.trim_matches(|c: char| c.is_whitespace());
    !s.is_empty()
        && s.len() <= LABEL_MAX_BYTES
        && s.split_whitespace().count() <= LABEL_MAX_WORDS
        && !is_list_line(s)
        && !ends_with_punctuation(s)
        && !s.starts_with(['.', ',', ';', ':', '!', '?', '“', '"', '(', '['])
}

/// A line a menu run is made of: a label line that does not read as a clause. Three
/// lower-case words of four letters or more make one (`0 individuals had homicide
/// convictions`, a report's breakdown, one count a line); menu items are names and
/// capitalised labels (`News and Press Release`, `Originally published`, `View original`).
pub fn is_menu_line(s: &str) -> bool {
    let lower_words = s
        .split_whitespace()
        .filter(|w| w.len() >= 4 && w.starts_with(char::is_lowercase))
        .count();
    is_label_line(s) && lower_words < 3
}

/// [`Rule::EdgeNavigation`]: a label line that starts in lower case or is made of
/// interface words. Only meaningful at the edges of a document.
pub fn is_edge_navigation(s: &str) -> bool {
    if !is_label_line(s) {
        return false;
    }
    let starts_lower = s.chars().next().is_some_and(char::is_lowercase);
    let lower = s.to_lowercase();
    starts_lower
        || UI_PHRASES
            .iter()
            .any(|p| lower == *p || lower.starts_with(&format!("{p} ")))
}

/// [`Rule::TagOverflow`]: "<items> + N more".
pub fn is_tag_overflow(s: &str) -> bool {
    let Some(rest) = s.strip_suffix(" more") else {
        return false;
    };
    let Some(i) = rest.rfind(" + ") else {
        return false;
    };
    let n = &rest[i + 3..];
    s.len() <= LABEL_MAX_BYTES * 2
        && i > 0
        && !n.is_empty()
        && n.len() <= 4
        && n.bytes().all(|b| b.is_ascii_digit())
}

/// [`Rule::Copyright`]: a short line with a copyright sign or word and a year, or an
/// "All rights reserved" notice.
pub fn is_copyright(s: &str) -> bool {
    if s.len() > 400 {
        return false;
    }
    let lower = s.to_lowercase();
    let has_year = s
        .as_bytes()
        .windows(4)
        .any(|w| w.iter().all(u8::is_ascii_digit));
    let opens =
        lower.starts_with("copyright") || lower.starts_with('©') || lower.starts_with("(c) ");
    lower.contains("all rights reserved") || (opens && has_year)
}

/// [`Rule::MetadataLabel`]: a line opening with a metadata label ("Key words:").
pub fn is_metadata_label(s: &str) -> bool {
    if s.len() > 600 {
        return false;
    }
    let lower = s.to_lowercase();
    METADATA_LABELS.iter().any(|l| lower.starts_with(l))
}

/// [`Rule::PhotoCredit`]: a one-line caption that ends with a credit label followed by a
/// short name ("… fence. Photo: Jane Doe, AFP"), or is only such a credit.
pub fn is_photo_credit(s: &str) -> bool {
    if s.len() > 400 || s.contains('\n') {
        return false;
    }
    CREDIT_LABELS.iter().any(|label| {
        s.rfind(label).is_some_and(|i| {
            let at_start_or_after_sentence = i == 0
                || s[..i].trim_end().ends_with(['.', '(', '|', '–', '—', '-'])
                || s[..i].ends_with("  ");
            let credit = s[i + label.len()..].trim_matches(|c: char| c.is_whitespace() || c == ')');
            at_start_or_after_sentence
                && !credit.is_empty()
                && credit.split_whitespace().count() <= 8
                && !ends_with_punctuation(credit)
        })
    })
}

/// [`Rule::CallToAction`]: a short paragraph opening with an imperative prompt and
/// naming the site or its channels ("Visit the homepage …", "Subscribe to our
/// newsletter"). Only applied after the body.
pub fn is_call_to_action(s: &str) -> bool {
    if s.len() > 400 {
        return false;
    }
    let lower = s.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.len() <= 40
        && CTA_OPENINGS.iter().any(|p| lower.starts_with(p))
        && words.iter().any(|w| CTA_OBJECTS.contains(w))
}

/// The heading of an [`Rule::AboutSection`]: a label line "About <Name>".
pub fn is_about_heading(s: &str) -> bool {
    is_label_line(s)
        && s.strip_prefix("About ").is_some_and(|rest| {
            rest.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_numeric())
        })
}

/// Applies the rules that hold anywhere in a document to `units` (each the trimmed text
/// of one paragraph, possibly of several lines): menu runs inside one paragraph,
/// copyright notices, metadata labels, photo credits and tag widgets.
///
/// Returns one entry per unit: `Some(rule)` when the unit is furniture.
pub(crate) fn mark_anywhere(units: &[&str]) -> Vec<Option<Rule>> {
    units
        .iter()
        .map(|u| {
            let lines: Vec<&str> = u.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
            if lines.len() >= 3 && lines.iter().all(|l| is_menu_line(l)) {
                Some(Rule::MenuRun)
            } else if lines.iter().all(|l| is_copyright(l)) {
                Some(Rule::Copyright)
            } else if lines.len() == 1 && is_metadata_label(u) {
                Some(Rule::MetadataLabel)
            } else if lines.len() == 1 && is_photo_credit(u) {
                Some(Rule::PhotoCredit)
            } else if lines.len() == 1 && is_tag_overflow(u) {
                Some(Rule::TagOverflow)
            } else {
                None
            }
        })
        .collect()
}

/// The rule that drops `u` when it stands after the body, if any (AboutSection is
/// handled by the caller, since it spans several units).
pub(crate) fn tail_rule(u: &str) -> Option<Rule> {
    let single = !u.contains('\n');
    if is_copyright(u) {
        Some(Rule::Copyright)
    } else if single && is_edge_navigation(u) {
        Some(Rule::EdgeNavigation)
    } else if single && is_tag_overflow(u) {
        Some(Rule::TagOverflow)
    } else if single && is_metadata_label(u) {
        Some(Rule::MetadataLabel)
    } else if single && is_photo_credit(u) {
        Some(Rule::PhotoCredit)
    } else if single && is_label_line(u) {
        Some(Rule::TailLabel)
    } else if single && is_call_to_action(u) {
        Some(Rule::CallToAction)
    } else {
        None
    }
}

/// The rule that drops `u` when it stands before the title, if any.
pub(crate) fn head_rule(u: &str) -> Option<Rule> {
    let single = !u.contains('\n');
    if single && is_edge_navigation(u) {
        Some(Rule::EdgeNavigation)
    } else if single && is_tag_overflow(u) {
        Some(Rule::TagOverflow)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_lines() {
        assert!(is_label_line("Most Read"));
        assert!(is_label_line("Paris, France"));
        assert!(is_label_line("Ottawa, Canada"));
        assert!(is_label_line("Around the U.K."));
        assert!(!is_label_line("The river rose."));
        assert!(!is_label_line("Witnesses said:"));
        assert!(!is_label_line("- a list item"));
        assert!(!is_label_line(
            "A sentence that goes on for quite a few words without punctuation"
        ));
    }

    #[test]
    fn punctuation() {
        assert!(ends_with_punctuation("He left."));
        assert!(ends_with_punctuation("“He left.”"));
        assert!(ends_with_punctuation("Why?)"));
        assert!(!ends_with_punctuation("Acme Widgets Inc."));
        assert!(!ends_with_punctuation("Flights to the U.S."));
        assert!(!ends_with_punctuation("A headline about ‘things’"));
    }

    #[test]
    fn edge_navigation() {
        assert!(is_edge_navigation("back to top"));
        assert!(is_edge_navigation("Skip to content"));
        assert!(is_edge_navigation("Share"));
        assert!(!is_edge_navigation("Floods in the Valley"));
        assert!(!is_edge_navigation(
            "go to the station and wait there for us."
        ));
    }

    #[test]
    fn tag_overflow() {
        assert!(is_tag_overflow("Peru + 3 more"));
        assert!(is_tag_overflow("Health, Water + 12 more"));
        assert!(!is_tag_overflow("Add one more"));
        assert!(!is_tag_overflow("2 + 2 more or less"));
    }

    #[test]
    fn copyright() {
        assert!(is_copyright("© 2019 Example Daily"));
        assert!(is_copyright(
            "Copyright 1998 Example Press Ltd. All rights reserved."
        ));
        assert!(is_copyright("Example Press. All Rights Reserved."));
        assert!(!is_copyright(
            "The copyright law of 1976 was amended twice."
        ));
    }

    #[test]
    fn metadata_and_credits() {
        assert!(is_metadata_label("Tags: floods; Peru; rainfall."));
        assert!(is_metadata_label("Keywords: one, two"));
        assert!(!is_metadata_label("The keywords were never published."));
        assert!(is_photo_credit(
            "Rescuers search the river bank. Photo: Ana Ruiz, Reuters"
        ));
        assert!(is_photo_credit("Photo: Ana Ruiz"));
        assert!(is_photo_credit("A dog in the snow (Photo by Sam Lee)"));
        assert!(!is_photo_credit(
            "He posted it with the caption Photo: the flood that changed everything we knew."
        ));
    }

    #[test]
    fn calls_to_action_and_about() {
        assert!(is_call_to_action(
            "Subscribe to our newsletter for weekly updates."
        ));
        assert!(is_call_to_action("Visit our archive for more reports."));
        assert!(!is_call_to_action("Visitors were turned away at the gate."));
        assert!(!is_call_to_action("Follow the money, the auditor said."));
        assert!(is_about_heading("About Example Daily"));
        assert!(!is_about_heading("About time"));
        assert!(!is_about_heading("About 40 people came."));
    }

    #[test]
    fn menu_runs_and_anywhere_rules() {
        let units = [
            "Home\nWorld\nSport",
            "The storm hit at dawn.\nIt lasted an hour.",
            "Tags: weather",
        ];
        let marks = mark_anywhere(&units);
        assert_eq!(
            marks,
            vec![Some(Rule::MenuRun), None, Some(Rule::MetadataLabel)]
        );
        // A report's breakdown, one count a line without a stop, is body text.
        let breakdown = ["0 individuals had homicide convictions
11 individuals had sex offense convictions
14 individuals had domestic violence convictions"];
        assert_eq!(mark_anywhere(&breakdown), vec![None]);
        assert!(is_menu_line("Originally published"));
        assert!(!is_menu_line(
            "14 individuals had domestic violence convictions"
        ));
    }

    #[test]
    fn tail_and_head_rules() {
        assert_eq!(tail_rule("More From Our Reporters"), Some(Rule::TailLabel));
        assert_eq!(
            tail_rule("Follow us on social media."),
            Some(Rule::CallToAction)
        );
        assert_eq!(tail_rule("The storm passed by noon."), None);
        assert_eq!(head_rule("back to top"), Some(Rule::EdgeNavigation));
        assert_eq!(head_rule("Floods Hit the Valley"), None);
    }
}
