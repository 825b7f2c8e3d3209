//! Documents as PDF: Helvetica (one of the fonts every reader has, so nothing is embedded), A4
//! pages of rows of text. Text outside ASCII is shown as `?`: the base font's standard encoding
//! has no other characters, and a statement or invoice must never fail to print.

use pdf_writer::{Content, Name, Pdf, Rect, Ref, Str};

const WIDTH: f32 = 595.0;
const HEIGHT: f32 = 842.0;
const MARGIN: f32 = 50.0;
const LINE: f32 = 14.0;

/// One row: its font size and its cells, each an x offset from the margin and a text.
pub type Row = (f32, Vec<(f32, String)>);

fn ascii(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| {
            if c.is_ascii() && !c.is_ascii_control() {
                c as u8
            } else {
                b'?'
            }
        })
        .collect()
}

/// Shortens `text` to `max` characters, marking the cut.
pub fn clip(text: &str, max: usize) -> String {
    if text.chars().count() > max {
        text.chars().take(max - 1).collect::<String>() + "..."
    } else {
        text.to_owned()
    }
}

/// The rows laid out top to bottom, as many pages as they need.
pub fn render(rows: &[Row]) -> Vec<u8> {
    let per_page = ((HEIGHT - 2.0 * MARGIN) / LINE) as usize;
    let pages: Vec<_> = rows.chunks(per_page.max(1)).collect();
    let mut pdf = Pdf::new();
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let font = Ref::new(3);
    let font_name = Name(b"F1");
    let page_ids: Vec<Ref> = (0..pages.len())
        .map(|i| Ref::new(4 + 2 * i as i32))
        .collect();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree)
        .kids(page_ids.iter().copied())
        .count(page_ids.len() as i32);
    pdf.type1_font(font).base_font(Name(b"Helvetica"));
    for (i, chunk) in pages.iter().enumerate() {
        let (page_id, content_id) = (page_ids[i], Ref::new(5 + 2 * i as i32));
        let mut page = pdf.page(page_id);
        page.media_box(Rect::new(0.0, 0.0, WIDTH, HEIGHT));
        page.parent(tree);
        page.contents(content_id);
        page.resources().fonts().pair(font_name, font);
        drop(page);
        let mut content = Content::new();
        let mut y = HEIGHT - MARGIN;
        for (size, cells) in chunk.iter() {
            for (x, text) in cells {
                content
                    .begin_text()
                    .set_font(font_name, *size)
                    .next_line(MARGIN + x, y)
                    .show(Str(&ascii(text)))
                    .end_text();
            }
            y -= LINE;
        }
        pdf.stream(content_id, &content.finish());
    }
    pdf.finish()
}
