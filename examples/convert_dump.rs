//! Prints what the converter makes of a source file: `cargo run --example convert_dump -- FILE`.
use brief::convert::{convert, to_markdown};
use brief::model::document::Format;

fn main() {
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).expect("readable file");
        let format = if path.ends_with(".md") {
            Format::Markdown
        } else if path.ends_with(".html") || path.ends_with(".htm") {
            Format::Html
        } else {
            Format::Text
        };
        let doc = convert(&text, format);
        println!("=== {path}");
        println!("title: {:?}\ndateline: {:?}", doc.title, doc.dateline);
        for b in &doc.blocks {
            let t: String = b.text.chars().take(90).collect();
            let notes: Vec<u32> = b.notes.iter().map(|n| n.number).collect();
            println!(
                "{:>3} {:?} {:?} {t:?} {notes:?}",
                b.paragraph, b.kind, b.start
            );
        }
        for r in &doc.references {
            let t: String = r.text.chars().take(60).collect();
            println!("[{}] {t:?}", r.number);
        }
        for d in &doc.dropped {
            println!("dropped line {}: {:?} ({})", d.line, d.text, d.reason);
        }
        if std::env::var_os("MD").is_some() {
            println!("{}", to_markdown(&doc));
        }
    }
}
