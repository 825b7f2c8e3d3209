//! Territories (seed 002 §3-4, seed 000 F3): a hierarchy REGION → AREA → MICRO, each drawn as a
//! GeoJSON shape and/or listed as ZIP codes, cities and states, and the rule that places a lead
//! in one of them.

pub mod geometry;
mod import;
mod mine;
mod placement;

#[cfg(test)]
mod tests;

use chrono::{DateTime, NaiveDate, Utc};
use garde::Validate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::validate;

pub use geometry::{Geometry, GeometryProblem, Shape};
pub use import::*;
pub use mine::*;
pub use placement::*;

crate::wire_enum! {
    /// The level of a territory; a child is one level below its parent.
    pub enum TerritoryKind {
        Region = "region" => "Region",
        Area = "area" => "Area",
        Micro = "micro" => "Micro-territory",
    }
}

impl TerritoryKind {
    /// 0 for a region, 2 for a micro-territory: deeper is more specific.
    pub const fn depth(self) -> u8 {
        match self {
            TerritoryKind::Region => 0,
            TerritoryKind::Area => 1,
            TerritoryKind::Micro => 2,
        }
    }

    /// The level a parent of this kind must have (`None`: a region has no parent).
    pub const fn parent_kind(self) -> Option<TerritoryKind> {
        match self {
            TerritoryKind::Region => None,
            TerritoryKind::Area => Some(TerritoryKind::Region),
            TerritoryKind::Micro => Some(TerritoryKind::Area),
        }
    }
}

crate::wire_enum! {
    /// What a user does in a territory. Owners and contributors take its leads; viewers see them.
    pub enum AssignmentRole {
        Owner = "owner" => "Owner",
        Contributor = "contributor" => "Contributor",
        Viewer = "viewer" => "Viewer",
    }
}

/// A territory as the placing rule sees it.
#[derive(Debug, Clone, Copy)]
pub struct Placeable<'a> {
    pub id: Uuid,
    pub kind: TerritoryKind,
    pub priority_weight: i32,
    pub shape: Option<&'a Shape>,
    pub zip_codes: &'a [String],
    pub cities: &'a [String],
    pub states: &'a [String],
}

/// Where a lead is: its position when known, and its address.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Whereabouts<'a> {
    /// `(longitude, latitude)`.
    pub point: Option<(f64, f64)>,
    pub zip: Option<&'a str>,
    pub city: Option<&'a str>,
    pub state: Option<&'a str>,
}

/// How a lead was placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlacedBy {
    Shape,
    Zip,
    City,
    State,
}

/// The territory a lead lies in: by its position inside a shape, else its ZIP code, else its
/// city, else its state. Among several matches of the same kind, the deepest level wins, then
/// the higher priority weight, then the lower id, so the answer never depends on the order of
/// `territories`.
pub fn place(at: &Whereabouts<'_>, territories: &[Placeable<'_>]) -> Option<(Uuid, PlacedBy)> {
    let by_shape = at
        .point
        .and_then(|(lon, lat)| best(territories, |t| t.shape.is_some_and(|s| s.covers(lon, lat))));
    by_shape
        .map(|id| (id, PlacedBy::Shape))
        .or_else(|| {
            listed(territories, at.zip, zip5, |t| t.zip_codes).map(|id| (id, PlacedBy::Zip))
        })
        .or_else(|| {
            listed(territories, at.city, folded, |t| t.cities).map(|id| (id, PlacedBy::City))
        })
        .or_else(|| {
            listed(territories, at.state, folded, |t| t.states).map(|id| (id, PlacedBy::State))
        })
}

/// The most specific of the territories that match: deepest, then heaviest, then lowest id.
fn best<'a>(
    territories: &[Placeable<'a>],
    matches: impl Fn(&Placeable<'a>) -> bool,
) -> Option<Uuid> {
    territories
        .iter()
        .filter(|t| matches(t))
        .max_by_key(|t| (t.kind.depth(), t.priority_weight, std::cmp::Reverse(t.id)))
        .map(|t| t.id)
}

/// The best territory whose `list` holds `value`, both compared as `normal` makes them.
fn listed<'a>(
    territories: &[Placeable<'a>],
    value: Option<&str>,
    normal: fn(&str) -> String,
    list: impl Fn(&Placeable<'a>) -> &'a [String],
) -> Option<Uuid> {
    let value = normal(value?);
    if value.is_empty() {
        return None;
    }
    best(territories, |t| list(t).iter().any(|v| normal(v) == value))
}

/// A ZIP code compared by its first five characters (`94107-1234` is in `94107`), trimmed and
/// upper-cased (postcodes elsewhere have letters).
pub fn zip5(zip: &str) -> String {
    let zip = zip.trim().to_uppercase();
    match zip.split_once('-') {
        Some((head, _)) if head.len() == 5 && head.chars().all(|c| c.is_ascii_digit()) => {
            head.to_owned()
        }
        _ => zip,
    }
}

/// A city or state compared without case or surrounding space.
pub fn folded(name: &str) -> String {
    name.trim().to_lowercase()
}

/// The most ZIP codes, cities or states one territory lists.
pub const LIST_MAX: usize = 2_000;
/// The longest ZIP or postcode an entry may be.
pub const ZIP_MAX_CHARS: usize = 20;
/// A slug: lower-case letters and digits in words joined by `-`.
pub const SLUG_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";
pub const SLUG_MAX: usize = 80;
/// A colour: `#rrggbb`.
pub const COLOR_PATTERN: &str = "^#[0-9a-fA-F]{6}$";

/// A territory without its shape (lists and the hierarchy tree); `bbox` says where it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TerritorySummary {
    pub id: Uuid,
    pub name: String,
    pub slug: String,
    pub kind: TerritoryKind,
    pub parent_id: Option<Uuid>,
    pub color: String,
    pub priority_weight: i32,
    pub active: bool,
    /// `[west, south, east, north]` of its shape; `null` without one.
    pub bbox: Option<Vec<f64>>,
    /// How many ZIP codes, cities and states it lists.
    pub listed_places: i64,
    pub version: i64,
    pub updated_at: DateTime<Utc>,
}

/// A territory with its shape and lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Territory {
    pub id: Uuid,
    pub name: String,
    pub slug: String,
    pub kind: TerritoryKind,
    pub parent_id: Option<Uuid>,
    pub color: String,
    pub priority_weight: i32,
    pub active: bool,
    pub geometry: Option<Geometry>,
    pub bbox: Option<Vec<f64>>,
    pub zip_codes: Vec<String>,
    pub cities: Vec<String>,
    pub states: Vec<String>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub(crate) fn geometry_rule(value: &Option<Geometry>, _: &()) -> garde::Result {
    match value.as_ref().and_then(Geometry::problem) {
        Some(p) => Err(garde::Error::new(p.to_string())),
        None => Ok(()),
    }
}

fn patch_geometry_rule(value: &Option<Option<Geometry>>, ctx: &()) -> garde::Result {
    geometry_rule(&value.clone().flatten(), ctx)
}

fn places_rule(value: &[String], max_chars: usize) -> garde::Result {
    if value.len() > LIST_MAX {
        return Err(garde::Error::new(format!("at most {LIST_MAX} entries")));
    }
    // Blank entries are dropped when saved; an empty one or a long one is refused.
    match value
        .iter()
        .position(|v| v.is_empty() || v.chars().count() > max_chars)
    {
        Some(i) => Err(garde::Error::new(format!(
            "entry {i} must have 1–{max_chars} characters"
        ))),
        None => Ok(()),
    }
}

pub(crate) fn zip_rule(value: &[String], _: &()) -> garde::Result {
    places_rule(value, ZIP_MAX_CHARS)
}
pub(crate) fn name_list_rule(value: &[String], _: &()) -> garde::Result {
    places_rule(value, validate::NAME_MAX)
}
fn patch_zip_rule(value: &Option<Vec<String>>, ctx: &()) -> garde::Result {
    value.as_ref().map_or(Ok(()), |v| zip_rule(v, ctx))
}
fn patch_name_list_rule(value: &Option<Vec<String>>, ctx: &()) -> garde::Result {
    value.as_ref().map_or(Ok(()), |v| name_list_rule(v, ctx))
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateTerritoryRequest {
    #[garde(length(chars, min = 1, max = validate::NAME_MAX), custom(validate::not_blank))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 200, pattern = r"\S")
    )]
    pub name: String,
    /// Unique; made from the name when left out.
    #[serde(default)]
    #[garde(length(min = 1, max = SLUG_MAX), pattern("^[a-z0-9]+(-[a-z0-9]+)*$"))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 80, pattern = "^[a-z0-9]+(-[a-z0-9]+)*$")
    )]
    pub slug: Option<String>,
    #[garde(skip)]
    pub kind: TerritoryKind,
    /// Required for an area (a region) and a micro-territory (an area); a region has none.
    #[serde(default)]
    #[garde(skip)]
    pub parent_id: Option<Uuid>,
    /// `#rrggbb`; the level's colour when left out.
    #[serde(default)]
    #[garde(pattern("^#[0-9a-fA-F]{6}$"))]
    #[cfg_attr(feature = "openapi", schema(pattern = "^#[0-9a-fA-F]{6}$"))]
    pub color: Option<String>,
    /// 1–100 (default 1): where territories of one level overlap, the heavier takes the lead.
    #[serde(default)]
    #[garde(range(min = 1, max = 100))]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 100))]
    pub priority_weight: Option<i32>,
    /// Default true.
    #[serde(default)]
    #[garde(skip)]
    pub active: Option<bool>,
    #[serde(default)]
    #[garde(custom(geometry_rule))]
    pub geometry: Option<Geometry>,
    #[serde(default)]
    #[garde(custom(zip_rule))]
    #[cfg_attr(feature = "openapi", schema(max_items = 2000))]
    pub zip_codes: Vec<String>,
    #[serde(default)]
    #[garde(custom(name_list_rule))]
    #[cfg_attr(feature = "openapi", schema(max_items = 2000))]
    pub cities: Vec<String>,
    #[serde(default)]
    #[garde(custom(name_list_rule))]
    #[cfg_attr(feature = "openapi", schema(max_items = 2000))]
    pub states: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateTerritoryRequest {
    /// The version being edited; a stale one is refused with 412 (or send `If-Match`).
    #[serde(default)]
    #[garde(skip)]
    pub version: Option<i64>,
    #[serde(default)]
    #[garde(length(chars, min = 1, max = validate::NAME_MAX), inner(custom(validate::not_blank)))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 200, pattern = r"\S")
    )]
    pub name: Option<String>,
    #[serde(default)]
    #[garde(length(min = 1, max = SLUG_MAX), inner(pattern("^[a-z0-9]+(-[a-z0-9]+)*$")))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 80, pattern = "^[a-z0-9]+(-[a-z0-9]+)*$")
    )]
    pub slug: Option<String>,
    /// Another territory of the level above (a region's is always `null`).
    #[serde(default, deserialize_with = "crate::patch::nullable")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Uuid>))]
    #[garde(skip)]
    pub parent_id: Option<Option<Uuid>>,
    #[serde(default)]
    #[garde(inner(pattern("^#[0-9a-fA-F]{6}$")))]
    #[cfg_attr(feature = "openapi", schema(pattern = "^#[0-9a-fA-F]{6}$"))]
    pub color: Option<String>,
    #[serde(default)]
    #[garde(inner(range(min = 1, max = 100)))]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 100))]
    pub priority_weight: Option<i32>,
    #[serde(default)]
    #[garde(skip)]
    pub active: Option<bool>,
    /// A new shape, or `null` to remove it.
    #[serde(default, deserialize_with = "crate::patch::nullable")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Geometry>))]
    #[garde(custom(patch_geometry_rule))]
    pub geometry: Option<Option<Geometry>>,
    #[serde(default)]
    #[garde(custom(patch_zip_rule))]
    #[cfg_attr(feature = "openapi", schema(max_items = 2000))]
    pub zip_codes: Option<Vec<String>>,
    #[serde(default)]
    #[garde(custom(patch_name_list_rule))]
    #[cfg_attr(feature = "openapi", schema(max_items = 2000))]
    pub cities: Option<Vec<String>>,
    #[serde(default)]
    #[garde(custom(patch_name_list_rule))]
    #[cfg_attr(feature = "openapi", schema(max_items = 2000))]
    pub states: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct TerritoryListQuery {
    /// Case-insensitive search over name and slug.
    pub q: Option<String>,
    /// Children of this territory.
    pub parent_id: Option<Uuid>,
    pub kind: Option<TerritoryKind>,
    pub active: Option<bool>,
    /// With `south`, `east` and `north`: territories whose shape's box meets this one (degrees;
    /// a bound left out is the world's edge).
    #[cfg_attr(feature = "openapi", param(minimum = -180, maximum = 180))]
    pub west: Option<f64>,
    #[cfg_attr(feature = "openapi", param(minimum = -90, maximum = 90))]
    pub south: Option<f64>,
    /// Not less than `west`.
    #[cfg_attr(feature = "openapi", param(minimum = -180, maximum = 180))]
    pub east: Option<f64>,
    /// Not less than `south`.
    #[cfg_attr(feature = "openapi", param(minimum = -90, maximum = 90))]
    pub north: Option<f64>,
    /// Page size, 1–200 (default 50).
    pub limit: Option<u32>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

impl TerritoryListQuery {
    /// The box the bounds make, `[west, south, east, north]` (`None` when no bound is given), or
    /// the parameter at fault and why.
    pub fn bbox(&self) -> Result<Option<[f64; 4]>, (&'static str, &'static str)> {
        if [self.west, self.south, self.east, self.north]
            .iter()
            .all(Option::is_none)
        {
            return Ok(None);
        }
        let bound = |v: Option<f64>, edge: f64, name: &'static str, limit: f64| match v {
            None => Ok(edge),
            Some(v) if (-limit..=limit).contains(&v) => Ok(v),
            Some(_) if limit == 180.0 => Err((name, "must be a longitude, -180 to 180")),
            Some(_) => Err((name, "must be a latitude, -90 to 90")),
        };
        let west = bound(self.west, -180.0, "west", 180.0)?;
        let south = bound(self.south, -90.0, "south", 90.0)?;
        let east = bound(self.east, 180.0, "east", 180.0)?;
        let north = bound(self.north, 90.0, "north", 90.0)?;
        if east < west {
            return Err(("east", "must not be less than west"));
        }
        if north < south {
            return Err(("north", "must not be less than south"));
        }
        Ok(Some([west, south, east, north]))
    }
}

/// A user's part in a territory, from one date to another (`effective_to` `null`: still).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TerritoryAssignment {
    pub id: Uuid,
    pub territory_id: Uuid,
    pub user_id: Uuid,
    pub user_name: String,
    pub role: AssignmentRole,
    /// The user's main territory (one per user at a time).
    pub is_primary: bool,
    pub effective_from: NaiveDate,
    pub effective_to: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateAssignmentRequest {
    /// An active sales rep or manager.
    #[garde(skip)]
    pub user_id: Uuid,
    #[garde(skip)]
    pub role: AssignmentRole,
    /// Default false. Making it primary ends nothing: the user's other primary flag moves here.
    #[serde(default)]
    #[garde(skip)]
    pub is_primary: bool,
    /// Default: today in the organisation's time zone.
    #[serde(default)]
    #[garde(skip)]
    pub effective_from: Option<NaiveDate>,
    /// On or after `effective_from`; `null`: open-ended.
    #[serde(default)]
    #[garde(skip)]
    pub effective_to: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EndAssignmentRequest {
    /// The last day of the assignment; default: today in the organisation's time zone.
    #[serde(default)]
    #[garde(skip)]
    pub effective_to: Option<NaiveDate>,
}

crate::wire_enum! {
    /// GeoJSON's `type` of a Feature.
    pub enum FeatureType {
        Feature = "Feature" => "Feature",
    }
}

crate::wire_enum! {
    /// GeoJSON's `type` of a FeatureCollection.
    pub enum CollectionType {
        FeatureCollection = "FeatureCollection" => "Feature collection",
    }
}

/// A territory's fields as a GeoJSON Feature's properties. The parent is named by its slug, so
/// an export reads back into another Closebook.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeatureProperties {
    pub id: Uuid,
    pub name: String,
    pub slug: String,
    pub kind: TerritoryKind,
    /// The parent's slug.
    pub parent: Option<String>,
    pub color: String,
    pub priority_weight: i32,
    pub active: bool,
    pub zip_codes: Vec<String>,
    pub cities: Vec<String>,
    pub states: Vec<String>,
}

/// A territory as a GeoJSON Feature (RFC 7946).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Feature {
    #[serde(rename = "type")]
    pub kind: FeatureType,
    pub id: Uuid,
    pub geometry: Option<Geometry>,
    pub properties: FeatureProperties,
}

impl Feature {
    /// `parent` is the parent's slug.
    pub fn of(t: Territory, parent: Option<String>) -> Self {
        Feature {
            kind: FeatureType::Feature,
            id: t.id,
            geometry: t.geometry,
            properties: FeatureProperties {
                id: t.id,
                name: t.name,
                slug: t.slug,
                kind: t.kind,
                parent,
                color: t.color,
                priority_weight: t.priority_weight,
                active: t.active,
                zip_codes: t.zip_codes,
                cities: t.cities,
                states: t.states,
            },
        }
    }
}

/// Territories as a GeoJSON FeatureCollection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeatureCollection {
    #[serde(rename = "type")]
    pub kind: CollectionType,
    pub features: Vec<Feature>,
}
