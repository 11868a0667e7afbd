//! Unit tests of the figures rules (kept beside the module, in their own file).

use super::*;
use crate::lang::lexicon::lexicon;

fn find(s: &str) -> Vec<String> {
    find_stats(s, &[], lexicon("en"))
        .into_iter()
        .map(|h| {
            let v = match (h.value, h.low, h.high) {
                (Some(v), _, _) => format!("{v}"),
                (None, Some(l), Some(hi)) => format!("{l}..{hi}"),
                _ => "?".into(),
            };
            let of = h.of.map(|o| format!(" of {o}")).unwrap_or_default();
            format!(
                "{v}{of} {} [{}] «{}»",
                h.unit,
                h.qualifier,
                &s[h.start..h.end]
            )
        })
        .collect()
}

#[test]
fn counts_money_and_percent() {
    assert_eq!(
        find("More than 55,000 migrants have been sent"),
        vec!["55000 people [more than] «More than 55,000 migrants»"]
    );
    assert_eq!(
        find("through the $2.5 billion dollar Mérida Initiative"),
        vec!["2500000000 USD [exact] «$2.5 billion dollar»"]
    );
    assert_eq!(
        find("Extortions start at $10,000 but"),
        vec!["10000 USD [at least] «$10,000»"]
    );
    assert_eq!(
        find("36 percent of migrant disappearances"),
        vec!["36 percent [exact] «36 percent»"]
    );
    assert_eq!(
        find("in six U.S. border cities."),
        vec!["6 cities [exact] «six U.S. border cities»"]
    );
    assert_eq!(
        find("with more than 160 organizations and individuals from"),
        vec!["160 organizations [more than] «more than 160 organizations and individuals»"]
    );
}

#[test]
fn ranges_ratios_lists() {
    assert_eq!(
        find("affecting between 60 and 80% of women"),
        vec!["60..80 percent [exact] «between 60 and 80%»"]
    );
    assert_eq!(
        find("a wire of $500 to $1,000 in"),
        vec!["500..1000 USD [exact] «$500 to $1,000»"]
    );
    assert_eq!(
        find("kidnapped within five, ten, 15 minutes upon"),
        vec!["5..15 minutes [up to] «within five, ten, 15 minutes»"]
    );
    assert_eq!(
        find("In September, 18 of 41 patients in"),
        vec!["18 of 41 patients [exact] «18 of 41 patients»"]
    );
    assert_eq!(
        find("Almost one in four female migrants told"),
        vec!["25 percent [almost] «Almost one in four female migrants»"]
    );
    assert_eq!(
        find("through tens of thousands of forced disappearances"),
        Vec::<String>::new(),
        "a vague amount is never turned into a range"
    );
}

#[test]
fn exclusions() {
    assert!(find("the two countries’ immigration agencies").is_empty());
    assert!(find("with two or more states colluding").is_empty());
    assert!(find("in the space of five days").is_empty());
    assert!(find("during the last four years").is_empty());
    assert!(
        find("Title 42 expulsions and COVID-19 and a 7-year-old and the 2nd debate").is_empty()
    );
    assert!(find("one of the most important tools").is_empty());
    assert!(find("Mexico + 2 more").is_empty());
    assert!(find("at 3:30 p.m. under 8 U.S.C. 1225").is_empty());
}
