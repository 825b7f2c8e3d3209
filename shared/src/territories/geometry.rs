//! A territory's shape: GeoJSON (RFC 7946) Polygon or MultiPolygon, positions `[longitude,
//! latitude]` in WGS 84. Checked here, for the server's 422 and the designer's inline message
//! alike; the topology (self-intersection, holes, overlapping parts) is `geo`'s validation.

use geo::{BoundingRect, Intersects, Validation};
use serde::{Deserialize, Serialize};

/// A position: `[longitude, latitude]`, or with an altitude, which is kept and not used.
pub type Position = Vec<f64>;

/// The shape of a territory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", deny_unknown_fields)]
pub enum Geometry {
    /// One exterior ring, then any holes; each ring closed (its last position is its first).
    Polygon {
        #[cfg_attr(feature = "openapi", schema(min_items = 1, value_type = Vec<Vec<Vec<f64>>>))]
        coordinates: Vec<Vec<Position>>,
    },
    /// Several polygons that do not overlap.
    MultiPolygon {
        #[cfg_attr(feature = "openapi", schema(min_items = 1, value_type = Vec<Vec<Vec<Vec<f64>>>>))]
        coordinates: Vec<Vec<Vec<Position>>>,
    },
}

/// A ring needs four positions: three corners and the first again.
pub const MIN_RING_POSITIONS: usize = 4;
/// The most positions a shape may have in all (a detailed county outline has a few thousand).
pub const MAX_POSITIONS: usize = 20_000;

/// What is wrong with a shape, and where (`coordinates[0][3]`, relative to the geometry).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeometryProblem {
    pub at: String,
    pub problem: String,
}

impl std::fmt::Display for GeometryProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.at.is_empty() {
            f.write_str(&self.problem)
        } else {
            write!(f, "{}: {}", self.at, self.problem)
        }
    }
}

fn problem(at: impl Into<String>, problem: impl Into<String>) -> GeometryProblem {
    GeometryProblem {
        at: at.into(),
        problem: problem.into(),
    }
}

impl Geometry {
    /// The polygons, each as its rings.
    pub fn polygons(&self) -> Vec<&[Vec<Position>]> {
        match self {
            Geometry::Polygon { coordinates } => vec![coordinates.as_slice()],
            Geometry::MultiPolygon { coordinates } => {
                coordinates.iter().map(Vec::as_slice).collect()
            }
        }
    }

    /// The first problem with the shape, or `None` when it is a valid territory outline.
    pub fn problem(&self) -> Option<GeometryProblem> {
        let multi = matches!(self, Geometry::MultiPolygon { .. });
        let polygons = self.polygons();
        if polygons.is_empty() {
            return Some(problem("coordinates", "must hold at least one polygon"));
        }
        let total: usize = polygons.iter().flat_map(|p| p.iter()).map(Vec::len).sum();
        if total > MAX_POSITIONS {
            return Some(problem(
                "coordinates",
                format!("has {total} positions; at most {MAX_POSITIONS}"),
            ));
        }
        for (i, rings) in polygons.iter().enumerate() {
            let at = if multi {
                format!("coordinates[{i}]")
            } else {
                "coordinates".to_owned()
            };
            if let Some(p) = rings_problem(&at, rings) {
                return Some(p);
            }
        }
        match self.to_geo().check_validation() {
            Ok(()) => None,
            Err(e) => Some(problem("coordinates", e.to_string())),
        }
    }

    /// The shape for `geo`'s algorithms (altitudes dropped).
    pub fn to_geo(&self) -> geo::MultiPolygon<f64> {
        let ring = |r: &Vec<Position>| {
            geo::LineString::from(
                r.iter()
                    .map(|p| {
                        (
                            p.first().copied().unwrap_or(0.0),
                            p.get(1).copied().unwrap_or(0.0),
                        )
                    })
                    .collect::<Vec<_>>(),
            )
        };
        geo::MultiPolygon::new(
            self.polygons()
                .into_iter()
                .filter(|rings| !rings.is_empty())
                .map(|rings| {
                    geo::Polygon::new(ring(&rings[0]), rings[1..].iter().map(ring).collect())
                })
                .collect(),
        )
    }

    /// `[west, south, east, north]`.
    pub fn bbox(&self) -> Option<[f64; 4]> {
        self.to_geo()
            .bounding_rect()
            .map(|r| [r.min().x, r.min().y, r.max().x, r.max().y])
    }
}

/// The rules GeoJSON states and `geo` would silently repair (it closes open rings): each ring
/// closed, with four positions or more, each position two or three finite numbers in range.
fn rings_problem(at: &str, rings: &[Vec<Position>]) -> Option<GeometryProblem> {
    if rings.is_empty() {
        return Some(problem(at, "a polygon needs its exterior ring"));
    }
    for (r, ring) in rings.iter().enumerate() {
        let at = format!("{at}[{r}]");
        for (k, p) in ring.iter().enumerate() {
            if let Some(why) = position_problem(p) {
                return Some(problem(format!("{at}[{k}]"), why));
            }
        }
        if ring.len() < MIN_RING_POSITIONS {
            return Some(problem(
                at,
                format!(
                    "a ring needs at least {MIN_RING_POSITIONS} positions (the first repeated last); it has {}",
                    ring.len()
                ),
            ));
        }
        if ring.first().map(|p| &p[..2]) != ring.last().map(|p| &p[..2]) {
            return Some(problem(
                at,
                "the ring is not closed: its last position must repeat its first",
            ));
        }
    }
    None
}

fn position_problem(p: &Position) -> Option<&'static str> {
    match p.as_slice() {
        [lon, lat] | [lon, lat, _] => {
            if !p.iter().all(|v| v.is_finite()) {
                Some("coordinates must be finite numbers")
            } else if !(-180.0..=180.0).contains(lon) {
                Some("longitude must be between -180 and 180")
            } else if !(-90.0..=90.0).contains(lat) {
                Some("latitude must be between -90 and 90")
            } else {
                None
            }
        }
        _ => Some("a position is [longitude, latitude] (an altitude may follow)"),
    }
}

/// A shape ready for containment tests: the outline and its bounding box, to skip the polygon
/// test for points far away.
#[derive(Debug, Clone)]
pub struct Shape {
    outline: geo::MultiPolygon<f64>,
    bbox: Option<geo::Rect<f64>>,
}

impl Shape {
    pub fn new(geometry: &Geometry) -> Self {
        let outline = geometry.to_geo();
        let bbox = outline.bounding_rect();
        Self { outline, bbox }
    }

    /// Whether the point lies inside or on the border.
    pub fn covers(&self, lon: f64, lat: f64) -> bool {
        let Some(bbox) = self.bbox else { return false };
        if lon < bbox.min().x || lon > bbox.max().x || lat < bbox.min().y || lat > bbox.max().y {
            return false;
        }
        self.outline.intersects(&geo::Point::new(lon, lat))
    }
}
