//! What brief reads from PDFs, for comparing PDF readers (docs/pdf-crates.md):
//! `cargo run --example pdf_text -- OUTDIR FILE.pdf…` writes OUTDIR/NAME.txt (the
//! title, then the blocks, a form feed where a page starts, then the footnotes) and OUTDIR/NAME.meta (the
//! time taken, the pages and the Info title, author and date).
use brief::convert::pdf::convert_pdf;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let out = args.next().expect("usage: pdf_text OUTDIR FILE.pdf…");
    std::fs::create_dir_all(&out).expect("writable OUTDIR");
    for path in args {
        let name = std::path::Path::new(&path)
            .file_stem()
            .expect("a file name")
            .to_string_lossy()
            .to_string();
        let bytes = std::fs::read(&path).expect("readable file");
        let t = Instant::now();
        let doc = convert_pdf(&bytes);
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        let (text, meta) = match doc {
            Ok(d) => {
                let mut text = d.title.clone().unwrap_or_default();
                let mut page = 1;
                for b in &d.blocks {
                    if b.page.unwrap_or(page) != page {
                        page = b.page.unwrap_or(page);
                        text.push('\u{c}');
                    }
                    text.push_str("\n\n");
                    text.push_str(&b.text);
                }
                for r in &d.references {
                    text.push_str(&format!("\n\n[{}] {}", r.number, r.text));
                }
                let e = &d.embedded;
                let meta = format!(
                    "ms={ms:.1}\npages={page}\ntitle={}\nauthor={}\ndate={}\n",
                    e.title.clone().unwrap_or_default(),
                    e.author.clone().unwrap_or_default(),
                    e.published.map(|p| p.to_string()).unwrap_or_default()
                );
                (text, meta)
            }
            Err(e) => (format!("ERROR {e}"), format!("ms={ms:.1}\n")),
        };
        std::fs::write(format!("{out}/{name}.txt"), text).expect("written");
        std::fs::write(format!("{out}/{name}.meta"), meta).expect("written");
    }
}
