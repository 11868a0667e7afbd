//! Property tests of the converter and the extractors on generated hostile text: they
//! never panic, every block of a `.txt` is its source slice, the generated Markdown keeps
//! one anchor per block, and every quote and span lies where its offsets say (the checks
//! live in fuzz/src/targets.rs, shared with the fuzz targets).

use crate::targets;

use brief::model::document::Format;
use proptest::prelude::*;

/// Pieces that the converter and extractors treat specially, mixed with any character.
const TOKENS: &[&str] = &[
    "\n",
    "\n\n",
    "\r",
    "\r\n",
    " ",
    "\t",
    "\u{feff}",
    "\u{a0}",
    "\u{202e}",
    "é",
    "日本",
    "🙂",
    "\u{0301}",
    "> ",
    ">",
    "- ",
    "* ",
    "1. ",
    "  ",
    "    ",
    "#",
    "## ",
    "```",
    "~~~",
    "|",
    "---",
    "+++",
    "[^1]",
    "[^1]: ",
    "[1]",
    "[12] ",
    "[a](b)",
    "<",
    ">",
    "&",
    "&#x",
    "&#x1F600;",
    "&#",
    "&#999999999;",
    "&amp;",
    "&nbsp;",
    ";",
    "<p>",
    "</p>",
    "<div>",
    "<br>",
    "<h2>",
    "<li>",
    "<pre>",
    "<script>",
    "<!--",
    "-->",
    "<![CDATA[",
    "\"",
    "'",
    "(",
    ")",
    ",",
    ".",
    "%",
    "$",
    "€",
    "0",
    "1",
    "7",
    "12",
    "2019",
    "20106",
    "1,000",
    "1,2,3,4",
    "10^999",
    "1e999",
    "3.5",
    "5,000",
    "50%",
    "more than ",
    "nearly ",
    "between ",
    " and ",
    " to ",
    "January ",
    "March ",
    "May",
    "2019-13-45",
    "05-23-2018",
    "13 February, 2020",
    "In January",
    "Today",
    "10 years ago",
    "first six months of 2010",
    " people",
    " million",
    " percent",
    "Mr.",
    "U.S.",
    "?",
    "!",
    "—",
    "–",
    "\u{2028}",
];

const WORDS: &[&str] = &[
    "the ",
    "migrants ",
    "were ",
    "returned ",
    "Mexico ",
    "on ",
    "in ",
    "of ",
    "said ",
    "court ",
    "Reuters ",
    "asylum ",
    "cases ",
    "families ",
];

fn hostile_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => prop::sample::select(TOKENS).prop_map(str::to_string),
            1 => any::<char>().prop_map(String::from),
            1 => prop::sample::select(WORDS).prop_map(str::to_string),
        ],
        0..80,
    )
    .prop_map(|v| v.concat())
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn text_conversion_keeps_its_invariants(s in hostile_text()) {
        targets::check_convert(&s, Format::Text);
    }

    #[test]
    fn markdown_conversion_keeps_its_invariants(s in hostile_text()) {
        targets::check_convert(&s, Format::Markdown);
    }

    #[test]
    fn html_conversion_keeps_its_invariants(s in hostile_text()) {
        targets::check_convert(&s, Format::Html);
    }

    #[test]
    fn extracted_quotes_and_spans_are_verbatim(s in hostile_text(), f in 0u8..3, d in 0u8..4) {
        let format = [Format::Text, Format::Markdown, Format::Html][usize::from(f)];
        let doc = brief::convert::convert(&s, format);
        let published = ["2020-03-15", "2019-07", "2018"].get(usize::from(d)).copied();
        targets::check_extract(&doc.blocks, published);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        targets::convert_text(&bytes);
        targets::convert_markdown(&bytes);
        targets::convert_html(&bytes);
        targets::extract(&bytes);
    }
}

/// Inputs that crashed earlier versions or sit on a boundary the generators may miss:
/// entities cut off or followed by multibyte characters (`decode_entities` once sliced
/// inside a character), and a lone `\r` in a footnote definition (the generated Markdown
/// once had one anchor too many).
#[test]
fn known_hostile_inputs_keep_the_invariants() {
    let cases = [
        "&#x",
        "&#",
        "&",
        "&#x日本;",
        "&#xé",
        "&#é;",
        "&#x1F600",
        "&am",
        "&#99999999999;",
        "&#xD800;",
        "a &#x日",
        "<p>&#x日本</p>",
        "<p>&#",
        "[^1]: a\rb",
        "x[^1]\n\n[^1]: a\rb\r",
        "[^1]: \r\r\r",
        "> [^a]: b\rc",
        "- [^1]: x\r- y",
        "\r",
        "\r\r\n\r",
        "\u{feff}\r",
    ];
    for s in cases {
        for format in [Format::Text, Format::Markdown, Format::Html] {
            let doc = targets::check_convert(s, format);
            targets::check_extract(&doc.blocks, Some("2020-01-01"));
        }
    }
}
