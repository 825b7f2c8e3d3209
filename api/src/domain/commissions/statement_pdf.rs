//! A statement as a PDF: Helvetica (one of the fonts every reader has, so nothing is embedded),
//! A4 pages, the totals and then every line. Text outside ASCII is shown as `?`: the base font's
//! standard encoding has no other characters, and a statement must never fail to print.

use closebook_shared::commission_lines::CommissionStatement;
use pdf_writer::{Content, Name, Pdf, Rect, Ref, Str};

const WIDTH: f32 = 595.0;
const HEIGHT: f32 = 842.0;
const MARGIN: f32 = 50.0;
const LINE: f32 = 14.0;

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

/// The rows of text, each a list of (x offset, text).
fn rows(s: &CommissionStatement) -> Vec<(f32, Vec<(f32, String)>)> {
    let mut out: Vec<(f32, Vec<(f32, String)>)> = vec![
        (
            16.0,
            vec![(0.0, format!("Commission statement {}", s.period))],
        ),
        (10.0, vec![(0.0, format!("{} ({})", s.rep_name, s.rep_id))]),
        (
            10.0,
            vec![(
                0.0,
                match s.closed_at {
                    Some(at) => format!("Closed {}", at.format("%Y-%m-%d %H:%M UTC")),
                    None => "Not closed yet: amounts may still change".into(),
                },
            )],
        ),
        (10.0, vec![]),
    ];
    for t in &s.totals.totals {
        out.push((
            10.0,
            vec![
                (0.0, t.line_type.label().to_owned()),
                (300.0, format!("{} {}", t.amount, s.currency)),
            ],
        ));
    }
    out.push((
        11.0,
        vec![
            (0.0, format!("Net ({} lines)", s.totals.line_count)),
            (300.0, format!("{} {}", s.totals.net, s.currency)),
        ],
    ));
    out.push((10.0, vec![]));
    out.push((
        9.0,
        vec![
            (0.0, "Date".into()),
            (70.0, "Type".into()),
            (170.0, "Status".into()),
            (240.0, "Amount".into()),
            (320.0, "How".into()),
        ],
    ));
    for l in &s.lines {
        let mut how = l.explanation.summary.clone();
        if how.chars().count() > 50 {
            how = how.chars().take(49).collect::<String>() + "...";
        }
        out.push((
            9.0,
            vec![
                (0.0, l.source_at.format("%Y-%m-%d").to_string()),
                (70.0, l.line_type.label().to_owned()),
                (170.0, l.status.label().to_owned()),
                (240.0, l.amount.amount.to_string()),
                (320.0, how),
            ],
        ));
    }
    out
}

pub fn render(s: &CommissionStatement) -> Vec<u8> {
    let rows = rows(s);
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
