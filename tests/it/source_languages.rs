//! Sources in another language than the site's (issue 16): each is extracted with its
//! own language's rules, the language comes from the sidecar or is detected from the
//! text, `--verbose` says which, and its quotes carry `lang` on the site's pages.

use crate::common::*;

const SPANISH: &str = "La masacre de San Fernando\n\nLa primera masacre de San Fernando fue un crimen cometido entre el 22 y 23 de agosto de 2010 en el municipio de San Fernando, Tamaulipas. Los 72 migrantes asesinados eran de Centro y Sudamérica, y más de 60.000 personas han desaparecido desde entonces según organizaciones civiles.\n\nEl 1 de septiembre de 2010 fue revelada la existencia de otro testigo hondureño, y el 45,5 % de las víctimas no ha sido identificado.";

const ENGLISH: &str = "A Test Headline\n\nThe first paragraph says that more than 55,000 asylum seekers were returned to Mexico in November 2019 under the program.";

#[test]
fn a_spanish_source_is_read_with_spanish_rules_and_its_quotes_carry_lang() {
    let site = TempSite::new();
    site.write("content/sources/es.txt", SPANISH)
        .write(
            "content/sources/es.meta.toml",
            "title = \"La masacre de San Fernando\"\npublished = \"2010-10-08\"\nlanguage = \"es\"\n",
        )
        .write("content/sources/en.txt", ENGLISH)
        .write(
            "content/sources/en.meta.toml",
            "title = \"A Test Headline\"\npublished = \"2019-12-01\"\n",
        );
    let o = site.brief(&["build", "--verbose"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("sources/es.txt es (sidecar)"), "{err}");
    assert!(err.contains("sources/en.txt en ("), "{err}");
    let events = site.read_out("data/events.json");
    assert!(events.contains("2010-08-22"), "{events}");
    assert!(events.contains("2010-09-01"), "{events}");
    let stats = site.read_out("data/statistics.json");
    assert!(stats.contains("60000"), "{stats}");
    assert!(stats.contains("45.5"), "{stats}");
    // Never a part of a number.
    assert!(!stats.contains("\"value\": 5.0"), "{stats}");
    let timeline = site.read_out("timeline/index.html");
    assert!(timeline.contains("<q lang=\"es\""), "{timeline}");
    // The English source's quotes carry no `lang`: they are in the page's language.
    assert!(!timeline.contains("<q lang=\"en\""), "{timeline}");
    assert!(
        timeline.contains("<q>") || timeline.contains("<q class"),
        "{timeline}"
    );
    let page = site.read_out("sources/es/index.html");
    assert!(page.contains("This document is in Spanish"), "{page}");
    assert!(page.contains("<h1 lang=\"es\">"), "{page}");
    let en_page = site.read_out("sources/en/index.html");
    assert!(!en_page.contains(" lang=\"es\""), "{en_page}");
}

#[test]
fn without_a_language_key_the_language_is_detected_from_the_text() {
    let site = TempSite::new();
    site.write("content/sources/es.txt", SPANISH).write(
        "content/sources/es.meta.toml",
        "title = \"La masacre de San Fernando\"\npublished = \"2010-10-08\"\n",
    );
    let o = site.brief(&["build", "--verbose"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("sources/es.txt es (detected)"), "{err}");
    let events = site.read_out("data/events.json");
    assert!(events.contains("2010-08-22"), "{events}");
    let page = site.read_out("sources/es/index.html");
    assert!(page.contains("as detected from its text"), "{page}");
}

#[test]
fn a_spanish_site_writes_hedges_that_agree_and_spanish_numbers() {
    let site = TempSite::new();
    site.write("site.toml", "title = \"Informe\"\nlanguage = \"es\"\n")
        .write(
            "content/sources/es.txt",
            "Albergues en Tijuana\n\nSegún las autoridades, alrededor de 11.200 personas esperaban en Tijuana en julio de 2019, y unos 300 casos seguían abiertos en los tribunales federales de la ciudad.",
        )
        .write(
            "content/sources/es.meta.toml",
            "title = \"Albergues en Tijuana\"\npublished = \"2019-08-01\"\n",
        );
    let o = site.brief(&["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let figures = site.read_out("statistics/index.html");
    // `personas` is feminine, `casos` masculine.
    assert!(
        figures.contains("unas</span> <strong>11.200</strong>"),
        "{figures}"
    );
    assert!(
        figures.contains("unos</span> <strong>300</strong>"),
        "{figures}"
    );
    // On a Spanish site a Spanish quote needs no `lang`.
    assert!(!figures.contains("<q lang="), "{figures}");
}
