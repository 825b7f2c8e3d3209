//! A statement as a PDF (`crate::pdf`): the totals and then every line.

use closebook_shared::commission_lines::CommissionStatement;

use crate::pdf::{self, Row, clip};

/// The rows of text, each a list of (x offset, text).
fn rows(s: &CommissionStatement) -> Vec<Row> {
    let mut out: Vec<Row> = vec![
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
        let how = clip(&l.explanation.summary, 50);
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
    pdf::render(&rows(s))
}
