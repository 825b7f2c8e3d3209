use super::*;

fn square(west: f64, south: f64, east: f64, north: f64) -> Vec<Position> {
    vec![
        vec![west, south],
        vec![east, south],
        vec![east, north],
        vec![west, north],
        vec![west, south],
    ]
}

use geometry::Position;

fn polygon(rings: Vec<Vec<Position>>) -> Geometry {
    Geometry::Polygon { coordinates: rings }
}

#[test]
fn a_shape_is_refused_naming_what_is_wrong_and_where() {
    let open_ring = vec![
        vec![0.0, 0.0],
        vec![1.0, 0.0],
        vec![1.0, 1.0],
        vec![0.0, 1.0],
    ];
    let bow_tie = vec![
        vec![0.0, 0.0],
        vec![1.0, 1.0],
        vec![1.0, 0.0],
        vec![0.0, 1.0],
        vec![0.0, 0.0],
    ];
    let hole_outside = vec![square(0.0, 0.0, 1.0, 1.0), square(2.0, 2.0, 3.0, 3.0)];
    // (case, shape, where, what the message says; None: valid)
    let table: Vec<(&str, Geometry, &str, Option<&str>)> = vec![
        (
            "a square",
            polygon(vec![square(0.0, 0.0, 1.0, 1.0)]),
            "",
            None,
        ),
        (
            "a square with a hole",
            polygon(vec![square(0.0, 0.0, 4.0, 4.0), square(1.0, 1.0, 2.0, 2.0)]),
            "",
            None,
        ),
        (
            "with altitudes",
            polygon(vec![
                square(0.0, 0.0, 1.0, 1.0)
                    .into_iter()
                    .map(|mut p| {
                        p.push(12.0);
                        p
                    })
                    .collect(),
            ]),
            "",
            None,
        ),
        (
            "no rings",
            polygon(vec![]),
            "coordinates",
            Some("exterior ring"),
        ),
        (
            "unclosed",
            polygon(vec![open_ring]),
            "coordinates[0]",
            Some("not closed"),
        ),
        (
            "three positions",
            polygon(vec![vec![vec![0.0, 0.0], vec![1.0, 0.0], vec![0.0, 0.0]]]),
            "coordinates[0]",
            Some("at least 4 positions"),
        ),
        (
            "longitude out of range",
            polygon(vec![square(170.0, 0.0, 181.0, 1.0)]),
            "coordinates[0][1]",
            Some("longitude"),
        ),
        (
            "latitude out of range",
            polygon(vec![square(0.0, 89.0, 1.0, 90.5)]),
            "coordinates[0][2]",
            Some("latitude"),
        ),
        (
            "not a pair",
            polygon(vec![vec![
                vec![0.0],
                vec![1.0, 0.0],
                vec![1.0, 1.0],
                vec![0.0],
            ]]),
            "coordinates[0][0]",
            Some("[longitude, latitude]"),
        ),
        (
            "self-intersecting",
            polygon(vec![bow_tie]),
            "coordinates",
            Some("self-intersection"),
        ),
        (
            "hole outside",
            polygon(hole_outside),
            "coordinates",
            Some("not contained"),
        ),
        (
            "overlapping parts",
            Geometry::MultiPolygon {
                coordinates: vec![
                    vec![square(0.0, 0.0, 2.0, 2.0)],
                    vec![square(1.0, 1.0, 3.0, 3.0)],
                ],
            },
            "coordinates",
            Some("overlap"),
        ),
        (
            "a bad second part",
            Geometry::MultiPolygon {
                coordinates: vec![
                    vec![square(0.0, 0.0, 1.0, 1.0)],
                    vec![square(5.0, 5.0, 6.0, 95.0)],
                ],
            },
            "coordinates[1][0][2]",
            Some("latitude"),
        ),
        (
            "an empty multipolygon",
            Geometry::MultiPolygon {
                coordinates: vec![],
            },
            "coordinates",
            Some("at least one polygon"),
        ),
    ];
    for (case, shape, at, says) in table {
        match (shape.problem(), says) {
            (None, None) => {}
            (Some(p), Some(says)) => {
                assert_eq!(p.at, at, "{case}: {p}");
                assert!(p.problem.contains(says), "{case}: {p}");
            }
            (got, _) => panic!("{case}: {got:?}"),
        }
    }
}

#[test]
fn a_shape_of_more_positions_than_the_limit_is_refused() {
    let ring: Vec<Position> = (0..geometry::MAX_POSITIONS + 1)
        .map(|i| {
            let a = i as f64 / geometry::MAX_POSITIONS as f64 * std::f64::consts::TAU;
            vec![a.cos(), a.sin()]
        })
        .collect();
    let p = polygon(vec![ring]).problem().expect("too many positions");
    assert!(p.problem.contains("at most 20000"), "{p}");
}

#[test]
fn geojson_text_reads_as_a_geometry() {
    let json = r#"{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]]]}"#;
    let g: Geometry = serde_json::from_str(json).expect("a multipolygon");
    assert!(g.problem().is_none());
    assert_eq!(g.bbox(), Some([0.0, 0.0, 1.0, 1.0]));
    assert!(serde_json::from_str::<Geometry>(r#"{"type":"Point","coordinates":[0,0]}"#).is_err());
    assert!(
        serde_json::from_str::<Geometry>(r#"{"type":"Polygon","coordinates":[],"bbox":[]}"#)
            .is_err()
    );
}

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

struct Fixture {
    shapes: Vec<Shape>,
    lists: Vec<(Vec<String>, Vec<String>, Vec<String>)>,
}

/// Region 1 covers [0,10]², area 2 [0,5]² inside it, micro 3 [0,2]² inside that, and micro 4
/// [1,3]² overlapping 3 with a higher weight; region 5 lists ZIPs, cities and states.
fn fixture() -> Fixture {
    let shapes = [
        square(0.0, 0.0, 10.0, 10.0),
        square(0.0, 0.0, 5.0, 5.0),
        square(0.0, 0.0, 2.0, 2.0),
        square(1.0, 1.0, 3.0, 3.0),
    ]
    .into_iter()
    .map(|ring| Shape::new(&polygon(vec![ring])))
    .collect();
    let lists = vec![(
        vec!["94107".to_owned(), "SW1A".to_owned()],
        vec!["Springfield".to_owned()],
        vec!["OR".to_owned()],
    )];
    Fixture { shapes, lists }
}

fn territories(f: &Fixture) -> Vec<Placeable<'_>> {
    let mut out: Vec<Placeable<'_>> = [
        (1, TerritoryKind::Region, 1),
        (2, TerritoryKind::Area, 1),
        (3, TerritoryKind::Micro, 1),
        (4, TerritoryKind::Micro, 5),
    ]
    .iter()
    .enumerate()
    .map(|(i, (n, kind, weight))| Placeable {
        id: id(*n),
        kind: *kind,
        priority_weight: *weight,
        shape: Some(&f.shapes[i]),
        zip_codes: &[],
        cities: &[],
        states: &[],
    })
    .collect();
    let (zips, cities, states) = &f.lists[0];
    out.push(Placeable {
        id: id(5),
        kind: TerritoryKind::Region,
        priority_weight: 1,
        shape: None,
        zip_codes: zips,
        cities,
        states,
    });
    out
}

#[test]
fn a_lead_is_placed_by_shape_then_zip_then_city_then_state() {
    let f = fixture();
    let all = territories(&f);
    let at = |point: Option<(f64, f64)>,
              zip: Option<&'static str>,
              city: Option<&'static str>,
              state: Option<&'static str>| Whereabouts {
        point,
        zip,
        city,
        state,
    };
    // (case, whereabouts, territory, how)
    let table = [
        (
            "deep inside a micro",
            at(Some((0.5, 0.5)), None, None, None),
            Some((3, PlacedBy::Shape)),
        ),
        (
            "where two micros overlap: the heavier",
            at(Some((1.5, 1.5)), None, None, None),
            Some((4, PlacedBy::Shape)),
        ),
        (
            "on a micro's border",
            at(Some((2.0, 0.5)), None, None, None),
            Some((3, PlacedBy::Shape)),
        ),
        (
            "in the area, outside its micros",
            at(Some((4.0, 4.0)), None, None, None),
            Some((2, PlacedBy::Shape)),
        ),
        (
            "in the region only",
            at(Some((8.0, 8.0)), None, None, None),
            Some((1, PlacedBy::Shape)),
        ),
        (
            "outside every shape: its ZIP",
            at(Some((50.0, 50.0)), Some("94107-1234"), None, None),
            Some((5, PlacedBy::Zip)),
        ),
        (
            "a shape wins over a ZIP",
            at(Some((0.5, 0.5)), Some("94107"), None, None),
            Some((3, PlacedBy::Shape)),
        ),
        (
            "a postcode with letters",
            at(None, Some(" sw1a "), None, None),
            Some((5, PlacedBy::Zip)),
        ),
        (
            "by city",
            at(None, Some("10001"), Some(" springfield"), None),
            Some((5, PlacedBy::City)),
        ),
        (
            "by state",
            at(None, None, Some("Portland"), Some("or")),
            Some((5, PlacedBy::State)),
        ),
        (
            "nowhere",
            at(Some((-1.0, -1.0)), Some("10001"), Some("Salem"), Some("WA")),
            None,
        ),
        ("blank address", at(None, Some(" "), Some(""), None), None),
    ];
    for (case, whereabouts, expected) in table {
        let got = place(&whereabouts, &all).map(|(t, how)| (t.as_u128(), how));
        assert_eq!(got, expected, "{case}");
        let mut reversed = all.clone();
        reversed.reverse();
        let again = place(&whereabouts, &reversed).map(|(t, how)| (t.as_u128(), how));
        assert_eq!(again, expected, "{case}, territories in reverse");
    }
}

#[test]
fn equal_matches_go_to_the_lower_id() {
    let shape = Shape::new(&polygon(vec![square(0.0, 0.0, 1.0, 1.0)]));
    let twin = |n| Placeable {
        id: id(n),
        kind: TerritoryKind::Micro,
        priority_weight: 1,
        shape: Some(&shape),
        zip_codes: &[],
        cities: &[],
        states: &[],
    };
    let at = Whereabouts {
        point: Some((0.5, 0.5)),
        ..Whereabouts::default()
    };
    assert_eq!(place(&at, &[twin(9), twin(7)]).map(|p| p.0), Some(id(7)));
}

#[test]
fn zip_codes_compare_by_their_first_five_digits() {
    let table = [
        ("94107", "94107"),
        ("94107-1234", "94107"),
        (" 94107 ", "94107"),
        ("9410-7123", "9410-7123"),
        ("sw1a 1aa", "SW1A 1AA"),
    ];
    for (raw, normal) in table {
        assert_eq!(zip5(raw), normal, "{raw}");
    }
}

#[test]
fn each_kind_sits_one_level_below_its_parent() {
    let table = [
        (TerritoryKind::Region, None, 0),
        (TerritoryKind::Area, Some(TerritoryKind::Region), 1),
        (TerritoryKind::Micro, Some(TerritoryKind::Area), 2),
    ];
    for (kind, parent, depth) in table {
        assert_eq!(kind.parent_kind(), parent);
        assert_eq!(kind.depth(), depth);
    }
}
