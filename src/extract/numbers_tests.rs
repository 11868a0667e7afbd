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

fn es() -> &'static Lexicon {
    lexicon("es")
}

fn values_es(s: &str) -> Vec<f64> {
    find_stats(s, &[], lexicon("es"))
        .into_iter()
        .filter_map(|h| h.value)
        .collect()
}

#[test]
fn the_convention_of_a_text_comes_from_the_shapes_of_its_numbers() {
    assert_eq!(
        Convention::of("60.000 y 45,5 %", es()),
        Convention::DecimalComma
    );
    assert_eq!(
        Convention::of("24,000 y 47,000", es()),
        Convention::DecimalPoint
    );
    // `2.5 millones` reads one way in any convention: no evidence of either, so a text
    // that also writes `2.000` and `480.000` groups thousands with dots.
    assert_eq!(Convention::of("2.5 millones", es()), Convention::Unknown);
    assert_eq!(
        Convention::of("2.000 personas, 1.6 millones y 480.000 detenciones", es()),
        Convention::DecimalComma
    );
    assert_eq!(
        Convention::of("2.5 millones y 24,000", es()),
        Convention::DecimalPoint
    );
    assert_eq!(Convention::of("1,234,567 y 45,5", es()), Convention::Mixed);
    // A lone `24,000` does not outweigh a `60.000`: the text writes decimal commas.
    assert_eq!(
        Convention::of("60.000 y 24,000", es()),
        Convention::DecimalComma
    );
    assert_eq!(
        Convention::of("en 2019, 72 migrantes", es()),
        Convention::Unknown
    );
    assert_eq!(Convention::of("el 24.08.2010", es()), Convention::Unknown);
    // A clock time or an identifier is no evidence: `60.000` still reads.
    assert_eq!(
        Convention::of("a las 10.30 horas llegaron 60.000", es()),
        Convention::DecimalComma
    );
    assert_eq!(
        Convention::of("el artículo 3.2 y 60.000 casos", es()),
        Convention::DecimalComma
    );
}

#[test]
fn spanish_numbers_are_read_whole_or_not_at_all() {
    assert_eq!(values_es("más de 60 000 solicitantes"), vec![60000.0]);
    assert_eq!(values_es("más de 60.000 solicitantes"), vec![60000.0]);
    assert_eq!(values_es("el 45,5 % de ellos"), vec![45.5]);
    assert_eq!(values_es("2,5 millones de personas"), vec![2.5e6]);
    assert_eq!(values_es("50 mil personas"), vec![50000.0]);
    assert_eq!(values_es("1.234,5 dólares"), vec![1234.5]);
    // `24,000` in a sentence that also writes `60.000`: two readings, none reported.
    assert_eq!(
        values_es("60.000 solicitudes y 24,000 rechazos"),
        vec![60000.0]
    );
    // Never a part of a number.
    assert!(!values_es("el 45,5 % de ellos").contains(&5.0));
    assert!(!values_es("unos 60 000 migrantes").contains(&0.0));
    assert!(values_es("la clave 0445 de la oficina").is_empty());
}

#[test]
fn a_dollar_sign_in_spanish_takes_the_currency_its_sentence_names() {
    let units = |s: &str| -> Vec<String> {
        find_stats(s, &[], lexicon("es"))
            .into_iter()
            .map(|h| h.unit)
            .collect()
    };
    assert_eq!(units("cobran $1.500 pesos"), vec!["Mexican pesos"]);
    assert_eq!(
        units("un apoyo de $2.000 pagados en dólares"),
        vec!["US dollars"]
    );
    assert!(units("el cruce cuesta $5.000").is_empty());
    assert_eq!(
        units("cobran $3.000 pesos o 150 dólares"),
        vec!["US dollars"]
    );
}

#[test]
fn shapes_name_how_digits_are_joined() {
    assert_eq!(Shape::of("60000"), Shape::Plain);
    assert_eq!(Shape::of("60.000"), Shape::DotGroups);
    assert_eq!(Shape::of("1,234,567"), Shape::CommaGroups(2));
    assert_eq!(Shape::of("45,5"), Shape::CommaDecimal);
    assert_eq!(Shape::of("2.5"), Shape::DotDecimal);
    assert_eq!(Shape::of("1.234,5"), Shape::DotGroupsCommaDecimal);
    assert_eq!(Shape::of("1,234.5"), Shape::CommaGroupsDotDecimal);
    assert_eq!(Shape::of("24.08.2010"), Shape::Other);
}

#[test]
fn a_low_end_written_in_full_keeps_its_value() {
    // Regression: `entre 300.000 y 2 millones` gave 300 000 million (the high end's
    // scale applied to a low end written in full).
    let lows = |s: &str, lang: &str| -> Vec<Option<f64>> {
        find_stats(s, &[], lexicon(lang))
            .into_iter()
            .map(|h| h.low)
            .collect()
    };
    assert_eq!(
        lows("entre 300.000 y 2 millones de personas", "es"),
        vec![Some(300000.0)]
    );
    assert_eq!(
        lows("between 300,000 and 2 million people", "en"),
        vec![Some(300000.0)]
    );
    assert_eq!(
        lows("between 2 and 3 million people", "en"),
        vec![Some(2e6)]
    );
    assert_eq!(
        lows("entre 2 y 3 millones de personas", "es"),
        vec![Some(2e6)]
    );
}

/// The number shapes that must be read whole or not at all (issue 15, "Never a wrong
/// value"): each sentence gives exactly the values listed (an empty list: nothing).
#[test]
fn number_shapes_are_read_whole_or_not_at_all() {
    let values = |s: &str, lang: &str| -> Vec<f64> {
        find_stats(s, &[], lexicon(lang))
            .into_iter()
            .flat_map(|h| [h.value, h.low, h.high])
            .flatten()
            .collect()
    };
    let cases: &[(&str, &str, &[f64])] = &[
        ("en", "Some 60 000 people applied.", &[60000.0]),
        ("en", "Some 60\u{a0}000 people applied.", &[60000.0]),
        ("en", "Some 60\u{202f}000 people applied.", &[60000.0]),
        ("en", "Some 60,000 people applied.", &[60000.0]),
        ("en", "Some 60.000 people applied.", &[]),
        ("en", "It reached 45,5 percent.", &[]),
        ("en", "About 2.5 million people left.", &[2.5e6]),
        ("en", "The program cost $48M.", &[48e6]),
        ("en", "They paid $1.2k each.", &[1200.0]),
        ("en", "It cost $2.5 bn in total.", &[2.5e9]),
        ("en", "It cost $3.5 m last year.", &[3.5e6]),
        ("en", "Agents logged 1.2k arrests.", &[]),
        ("en", "About 2.5M migrants crossed.", &[]),
        ("en", "Some 2 1/2 years later.", &[]),
        ("en", "It rose from 2 to 3 million dollars.", &[3e6]),
        ("en", "Between 40 and 60 percent of them.", &[40.0, 60.0]),
        ("en", "Between forty and 60 percent of them.", &[]),
        ("en", "The total was 21,2005 units of aid.", &[]),
        ("en", "The total was 1,23456 units of aid.", &[]),
        ("es", "más de 60 000 solicitantes", &[60000.0]),
        ("es", "más de 60.000 solicitantes", &[60000.0]),
        ("es", "el 45,5 % de ellos", &[45.5]),
        ("es", "2,5 millones de personas", &[2.5e6]),
        ("es", "más de 50 mil personas", &[50000.0]),
        ("es", "Cruzaron 1.200.000 migrantes.", &[1.2e6]),
        ("es", "El programa costó US$48M.", &[48e6]),
        ("es", "Se registraron 1,2k detenciones.", &[]),
        ("es", "Faltan 2 ½ años para 300 migrantes.", &[300.0]),
        ("es", "Entre el 40 y el 60 % de ellos.", &[40.0, 60.0]),
        ("es", "el 40 y el 60 % de ellos", &[]),
        ("es", "Subieron de 2 a 3 millones de pesos.", &[3e6]),
        ("es", "Llegaron 21.2005 toneladas de ayuda.", &[]),
    ];
    for (lang, s, want) in cases {
        assert_eq!(&values(s, lang), want, "{lang}: {s}");
    }
}

#[test]
fn positions_references_and_days_are_no_figures() {
    let none = |s: &str, lang: &str| find_stats(s, &[], lexicon(lang)).is_empty();
    assert!(none("durante las dos primeras semanas", "es"));
    assert!(none("los tres últimos años", "es"));
    assert!(none("los dos países firmaron", "es"));
    assert!(none("entre el 3 y el 7 de julio", "es"));
    assert!(none("the two previous attempts", "en"));
    assert!(none("the two governments agreed", "en"));
    assert!(!none("seis países firmaron", "es"));
    assert!(!none("more than two countries", "en"));
}
