//! The schema's descriptions in Spanish, for the Spanish data page.
//!
//! In: the English descriptions of [`super::schema`]. Out: their Spanish text. The
//! published schema (`datapackage.json`) and the English page keep the English; this
//! table is keyed by the English text, as gettext is, so a changed English description
//! has no Spanish until it is translated again (a test checks every one has one).

/// (English description, Spanish description), for every table and column.
const SPANISH: &[(&str, &str)] = &[
    // Columns that several tables share.
    (
        "The source document it comes from (its path in sources.csv).",
        "El documento fuente del que procede (su ruta en sources.csv).",
    ),
    ("That document's title.", "El título de ese documento."),
    (
        "The source's page on this site.",
        "La página de la fuente en este sitio.",
    ),
    (
        "The whole sentence, byte for byte as in the source.",
        "La oración completa, byte a byte como en la fuente.",
    ),
    (
        "Number of the paragraph in the source (its position: use anchor to link to it).",
        "Número del párrafo en la fuente (su posición: para enlazarlo, use anchor).",
    ),
    (
        "Page of a PDF source that paragraph starts on (empty for other formats).",
        "Página de la fuente PDF en la que empieza ese párrafo (vacía en otros formatos).",
    ),
    (
        "That page in the PDF itself (file.pdf#page=N), when the PDF is published with the site.",
        "Esa página en el propio PDF (archivo.pdf#page=N), cuando el PDF se publica con el sitio.",
    ),
    (
        "Address of that sentence on the source page; its id comes from the sentence's words, so it survives edits elsewhere in the document.",
        "Dirección de esa oración en la página de la fuente; su id sale de las palabras de la oración, así que se mantiene aunque cambien otras partes del documento.",
    ),
    (
        "The source page with a Text Fragment (#:~:text=) that makes the browser find and highlight the sentence itself.",
        "La página de la fuente con un fragmento de texto (#:~:text=) que hace que el navegador busque y resalte la propia oración.",
    ),
    (
        "“reviewed” once an editor approved, corrected or added the fact.",
        "«reviewed» (revisado) cuando un editor aprobó, corrigió o añadió el dato.",
    ),
    (
        "Stable id: the same while the sentence is unchanged.",
        "Id estable: el mismo mientras la oración no cambie.",
    ),
    // sources
    (
        "The source documents: who published each, when, under what rights, and how many facts it gave.",
        "Los documentos fuente: quién publicó cada uno, cuándo, con qué derechos y cuántos datos aportó.",
    ),
    (
        "The document's file under content/, e.g. sources/report.txt.",
        "El archivo del documento en content/, por ejemplo sources/report.txt.",
    ),
    ("Its title.", "Su título."),
    (
        "Who wrote it (its metadata's author, else the file's own).",
        "Quién lo escribió (el autor de sus metadatos o, si no lo hay, el del propio archivo).",
    ),
    (
        "The credit line its licence asks for (CC BY licences require one).",
        "La línea de crédito que pide su licencia (las licencias CC BY la exigen).",
    ),
    ("Who published it.", "Quién lo publicó."),
    (
        "When it was published, at the precision known.",
        "Cuándo se publicó, con la precisión que se conoce.",
    ),
    (
        "The document's own address.",
        "La dirección del propio documento.",
    ),
    ("Its page on this site.", "Su página en este sitio."),
    (
        "Its licence, “unknown” or “all-rights-reserved”.",
        "Su licencia, «unknown» (desconocida) o «all-rights-reserved» (todos los derechos reservados).",
    ),
    (
        "Its language code (en, es).",
        "El código de su idioma (en, es).",
    ),
    (
        "Whether its full text is published on this site (rights permitting).",
        "Si su texto completo se publica en este sitio (cuando los derechos lo permiten).",
    ),
    (
        "Dated events taken from it.",
        "Hechos fechados tomados de él.",
    ),
    ("Figures taken from it.", "Cifras tomadas de él."),
    // events
    (
        "Every dated event a source reports, with the sentence that states it.",
        "Cada hecho fechado que recoge una fuente, con la oración que lo afirma.",
    ),
    (
        "When: YYYY, YYYY-MM or YYYY-MM-DD.",
        "Cuándo: AAAA, AAAA-MM o AAAA-MM-DD.",
    ),
    (
        "End of a span, same forms.",
        "Fin de un periodo, en las mismas formas.",
    ),
    (
        "How precise the date is.",
        "Qué precisión tiene la fecha: year (año), month (mes) o day (día).",
    ),
    ("The date for readers.", "La fecha escrita para lectores."),
    (
        "True when part of the date came from the document's own date.",
        "true cuando parte de la fecha se tomó de la fecha del propio documento.",
    ),
    (
        "The exact words of the date.",
        "Las palabras exactas de la fecha.",
    ),
    ("A short description.", "Una descripción breve."),
    // statistics
    (
        "Every figure a source states, with its unit, hedge and the sentence that states it.",
        "Cada cifra que da una fuente, con su unidad, su matiz y la oración que la afirma.",
    ),
    (
        "The value (empty for a range).",
        "El valor (vacío en un intervalo).",
    ),
    ("Low end of a range.", "Extremo inferior de un intervalo."),
    ("High end of a range.", "Extremo superior de un intervalo."),
    (
        "Denominator of an “X of Y” figure.",
        "Denominador de una cifra «X de Y».",
    ),
    (
        "What is counted, or the currency or percent.",
        "Lo que se cuenta, o la moneda o el porcentaje.",
    ),
    (
        "The hedge: exact, more than, about, at least, …",
        "El matiz, en inglés: exact (exacta), more than (más de), about (unos), at least (al menos)…",
    ),
    (
        "The exact words of the figure.",
        "Las palabras exactas de la cifra.",
    ),
    ("What is measured.", "Lo que se mide."),
    (
        "The date the figure refers to (else the document's date).",
        "La fecha a la que se refiere la cifra (si no la tiene, la del documento).",
    ),
];

/// A table's or column's description in `lang`: the schema's own (English) text,
/// or its Spanish for `es` (the English if a translation were missing).
pub fn description(english: &'static str, lang: &str) -> &'static str {
    match lang {
        "es" => SPANISH
            .iter()
            .find(|(en, _)| *en == english)
            .map_or(english, |(_, es)| es),
        _ => english,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::data::schema::TABLES;

    /// Every English description of the schema: each table's and each column's.
    fn english() -> Vec<&'static str> {
        TABLES
            .iter()
            .flat_map(|t| {
                std::iter::once(t.description).chain(t.fields.iter().map(|f| f.description))
            })
            .collect()
    }

    #[test]
    fn every_table_and_column_has_a_spanish_description() {
        let missing: Vec<&str> = english()
            .into_iter()
            .filter(|en| !SPANISH.iter().any(|(e, _)| e == en))
            .collect();
        assert!(missing.is_empty(), "no Spanish for: {missing:#?}");
    }

    #[test]
    fn every_spanish_description_is_of_a_description_of_the_schema() {
        let english = english();
        let stale: Vec<&str> = SPANISH
            .iter()
            .map(|(en, _)| *en)
            .filter(|en| !english.contains(en))
            .collect();
        assert!(stale.is_empty(), "not in the schema: {stale:#?}");
        assert_eq!(description("Its title.", "es"), "Su título.");
        assert_eq!(description("Its title.", "en"), "Its title.");
    }
}
