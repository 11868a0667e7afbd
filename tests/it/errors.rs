//! Every error at once (issue 17): a site with a dozen deliberate mistakes reports all
//! of them in one `brief build` and one `brief check`, each with its file, line and what
//! to do, sorted by file; a failed build leaves the previous output as it was.

use crate::common::{TempSite, stderr};

/// The mistakes, one per line of `EXPECTED` marked `error:` (plus the key_figures
/// warning): misspelt sidecar keys, wrong types, unclosed front matter, an impossible
/// date in YAML front matter, a misspelt page key, a corrections value that is not a
/// number, two problems of what site.toml's values mean (an unsupported language, a
/// theme without a folder: once reported one per build), two broken templates (Tera
/// stopped at the first) and a key figure id that matches nothing.
fn ten_mistakes(site: &TempSite) {
    site.write(
        "site.toml",
        "title = \"Ten mistakes\"\nbase_url = \"https://example.org/\"\nlanguage = \"fr\"\ntheme = \"editorial\"\n\n[sources]\ncareful_with_unknown_rights = true\n\n[briefing]\nkey_figures = [\"st-0000000000\"]\n",
    );
    site.write(
        "content/sources/01_report.txt",
        "A report\n\nOn 4 March 2024 the council approved 120 homes.\n",
    );
    site.write(
        "content/sources/01_report.meta.toml",
        "title = \"Report\"\npublised = \"2024-03-04\"\nautor = \"Ana Example\"\nlicense = \"CC-BY-4.0\"\n",
    );
    site.write(
        "content/sources/02_b.txt",
        "B\n\nOn 5 March 2024 the council met again.\n",
    );
    site.write(
        "content/sources/02_b.meta.toml",
        "title = \"B\"\npublished = 2024-03-04\ntags = \"housing\"\ndate_inferred = \"yes\"\n",
    );
    // Regression: unclosed front matter was published as a paragraph, and its date
    // became a timeline event.
    site.write(
        "content/sources/03_c.md",
        "+++\ntitle = \"C\"\ndate = 2023-05-20\n\nOn 6 May 2023 we met.\n",
    );
    site.write(
        "content/sources/04_d.md",
        "---\ntitle: D\npublished: 2023-02-30\n---\n\nOn 7 May 2023 we met.\n",
    );
    site.write(
        "content/pages/about.md",
        "+++\ntitel = \"About\"\n+++\n\nAbout us.\n",
    );
    site.write(
        "content/corrections.toml",
        "[[correction]]\nid = \"ev-0123456789\"\naction = \"fix\"\nvalue = \"lots\"\n",
    );
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block main %}{{ page.title }\n{% endblock %}\n",
    );
    // A second broken template: Tera stopped at the first one it could not parse.
    site.write(
        "templates/source.html",
        "{% extends \"base.html\" %}\n{% block main %}\n{% for s in sources %}{{ s.title }}\n{% endblock %}\n",
    );
}

const EXPECTED: &str = "\
error: content/corrections.toml:4:9: `value`: write a number, e.g. 1.5 here, not the text \"lots\"
error: content/pages/about.md:2:1: unknown key `titel`; did you mean `title`?
error: content/sources/01_report.meta.toml:2:1: unknown key `publised`; did you mean `published`?
error: content/sources/01_report.meta.toml:3:1: unknown key `autor`; did you mean `author`?
warning: content/sources/01_report.txt: `rights = \"CC-BY-4.0\"` requires crediting the author: add `attribution = \"…\"` (or `author`) to its sidecar
warning: content/sources/01_report.txt: no publication date: add `published = \"YYYY-MM-DD\"` to its sidecar
error: content/sources/02_b.meta.toml:3:8: `tags`: write a list, e.g. [\"a\", \"b\"] here, not the text \"housing\"
error: content/sources/02_b.meta.toml:4:17: `date_inferred`: write true or false here, not the text \"yes\"
error: content/sources/03_c.md:1:1: front matter opened with `+++` on line 1 is never closed; add a `+++` line after the metadata
error: content/sources/04_d.md:3:13: `published`: invalid date, expected day between 01 and 28; write a date as 2024-03-04, 2024-03 or 2024
error: site.toml:3: language = \"fr\" is not supported; use \"en\" or \"es\"
error: site.toml:4: theme = \"editorial\", but there is no folder themes/editorial; add it, or remove `theme` to use the built-in theme \"briefing\"
warning: site.toml:10: [briefing] key_figures: no published figure has the id `st-0000000000`; `brief review --list` shows the figures and their ids
error: templates/page.html:2:31: Found `}` but expected }}.
error: templates/source.html:4:4: Unknown tag; is a `{% for %}`, `{% if %}` or `{% block %}` above it left open, or a tag misspelt?
12 errors and 3 warnings; nothing was written
";

#[test]
fn ten_mistakes_are_reported_in_one_build_and_one_check() {
    let site = TempSite::new();
    site.write(
        "content/sources/00_good.txt",
        "Good\n\nOn 3 March 2024 the council approved a budget.\n",
    );
    site.write(
        "content/sources/00_good.meta.toml",
        "title = \"Good\"\npublished = \"2024-03-03\"\nrights = \"all-rights-reserved\"\n",
    );
    let first = site.brief(&["build"]);
    assert!(first.status.success(), "{}", stderr(&first));
    let before = crate::common::snapshot(&site.out());

    ten_mistakes(&site);
    let build = site.brief(&["build"]);
    assert_eq!(build.status.code(), Some(1));
    assert_eq!(stderr(&build), EXPECTED);
    // Never delete before success: the site of the last good build is still there.
    assert_eq!(crate::common::snapshot(&site.out()), before);

    let check = site.brief(&["check"]);
    assert_eq!(check.status.code(), Some(1));
    assert_eq!(stderr(&check), EXPECTED);
    for line in EXPECTED.lines().filter(|l| l.starts_with("error: ")) {
        // Each names a file and a line, and says what to do.
        let place = line.split(' ').nth(1).unwrap();
        assert!(place.matches(':').count() >= 2, "{line}");
    }
}

/// YAML front matter (the simple subset) is read like TOML front matter; it was once
/// published as a heading.
#[test]
fn yaml_front_matter_sets_the_metadata() {
    let site = TempSite::new();
    site.write(
        "content/sources/a.md",
        "---\ntitle: The YAML report\nauthor: Ana Example\npublished: 2024-03-04\nrights: CC-BY-4.0\nattribution: \"The YAML report, Ana Example, CC BY 4.0\"\ntags:\n  - housing\n  - budget\n---\n\nOn 4 March 2024 the council approved 120 homes.\n",
    );
    let out = site.brief(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("0 warnings"), "{}", stderr(&out));
    let page = site.read_out("sources/a/index.html");
    assert!(page.contains("<h1>The YAML report</h1>"), "{page}");
    assert!(page.contains("<dd>Ana Example</dd>"), "{page}");
    assert!(
        page.contains("The YAML report, Ana Example, CC BY 4.0"),
        "{page}"
    );
    assert!(!page.contains("title:"), "{page}");
    let json = site.read_out("data/sources.json");
    assert!(json.contains("\"author\":\"Ana Example\""), "{json}");
}

/// An empty file, a paragraph repeated word for word, and unknown rights published in
/// full: each is a warning, and the empty file gets no page.
#[test]
fn the_editors_warnings() {
    let site = TempSite::new();
    site.write("content/sources/30_empty.txt", "");
    let para = "On 9 May 2023 the council met and agreed to the plan in the chamber.\n\n";
    site.write(
        "content/sources/31_rep.txt",
        &format!("Minutes\n\n{}", para.repeat(100)),
    );
    site.write(
        "content/sources/31_rep.meta.toml",
        "published = 2023-05-10\n",
    );
    let out = site.brief(&["build"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("sources/30_empty.txt: has no text; it is left out of the site"),
        "{err}"
    );
    assert!(
        err.contains("sources/31_rep.txt:3: paragraph 1 is repeated 99 more times"),
        "{err}"
    );
    assert!(
        err.contains("sources/31_rep.txt: no `rights`, and its full text is published"),
        "{err}"
    );
    assert!(!site.out().join("sources/30_empty").exists());
    let events = site.read_out("data/events.json");
    assert_eq!(events.matches("\"2023-05-09\"").count(), 1, "{events}");
}

/// A warning repeated for many files is printed for the first few and then counted, so
/// the one that differs is not buried; `--verbose` prints every one.
#[test]
fn a_warning_repeated_for_many_files_is_counted_once() {
    let site = TempSite::new();
    for i in 1..=11 {
        site.write(
            &format!("content/sources/s{i}.md"),
            &format!("---\ntitle: Report {i}\npublished: 2023-05-{:02}\n---\n\nOn 3 May 2023 the council met.\n", i + 10),
        );
    }
    site.write(
        "content/sources/z.md",
        "---\ntitle: Report Z\nrights: CC-BY-4.0\n---\n\nOn 3 May 2023 the council met.\n",
    );
    let quiet = stderr(&site.brief(&["build"]));
    let per_file = |err: &str| {
        err.lines()
            .filter(|l| l.starts_with("warning: content/sources/s") && l.contains("no `rights`"))
            .count()
    };
    assert_eq!(per_file(&quiet), 5, "{quiet}");
    assert!(
        quiet.contains(
            "warning: the same for 6 more files (`--verbose` lists every one): no `rights`"
        ),
        "{quiet}"
    );
    // The different warning (no date for z.md) is still printed, and the total counts all.
    assert!(quiet.contains("z.md: no publication date"), "{quiet}");
    assert!(quiet.contains("13 warnings"), "{quiet}");
    let verbose = stderr(&site.brief(&["build", "--verbose"]));
    assert_eq!(per_file(&verbose), 11, "{verbose}");
    assert!(!verbose.contains("the same for"), "{verbose}");
}
