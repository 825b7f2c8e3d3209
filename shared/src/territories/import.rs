//! Importing territories from a GeoJSON FeatureCollection (the export's shape): each feature a
//! territory, its parent named by slug, matched to an existing territory by slug.

use garde::Validate;
use serde::{Deserialize, Serialize};

use super::{
    CollectionType, CreateTerritoryRequest, FeatureType, Geometry, TerritoryKind, TerritorySummary,
    geometry_rule, name_list_rule, zip_rule,
};
use crate::validate;

/// The most features one import takes.
pub const IMPORT_MAX: usize = 1_000;

#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ImportRequest {
    #[serde(rename = "type")]
    #[garde(skip)]
    pub kind: CollectionType,
    /// Parents before or after their children: the import orders them by level.
    #[garde(length(min = 1, max = IMPORT_MAX), dive)]
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 1000))]
    pub features: Vec<ImportFeature>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ImportFeature {
    #[serde(rename = "type")]
    #[garde(skip)]
    pub kind: FeatureType,
    /// The exporting Closebook's id; ignored.
    #[serde(default)]
    #[garde(skip)]
    pub id: Option<uuid::Uuid>,
    #[serde(default)]
    #[garde(custom(geometry_rule))]
    pub geometry: Option<Geometry>,
    #[garde(dive)]
    pub properties: ImportProperties,
}

/// A territory as `POST /territories` takes it, its parent named by slug (the properties the
/// export writes).
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ImportProperties {
    /// The exporting Closebook's id; ignored (territories are matched by slug).
    #[serde(default)]
    #[garde(skip)]
    pub id: Option<uuid::Uuid>,
    #[garde(length(chars, min = 1, max = validate::NAME_MAX), custom(validate::not_blank))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 200, pattern = r"\S")
    )]
    pub name: String,
    /// A territory with this slug is updated; otherwise one is made (the slug from the name
    /// when left out).
    #[serde(default)]
    #[garde(inner(length(min = 1, max = super::SLUG_MAX), pattern("^[a-z0-9]+(-[a-z0-9]+)*$")))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 80, pattern = "^[a-z0-9]+(-[a-z0-9]+)*$")
    )]
    pub slug: Option<String>,
    #[garde(skip)]
    pub kind: TerritoryKind,
    /// The parent's slug: a territory already there or one in this import.
    #[serde(default)]
    #[garde(inner(length(min = 1, max = super::SLUG_MAX)))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 80))]
    pub parent: Option<String>,
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

impl ImportFeature {
    /// The territory it describes, as a create; `parent_id` is the caller's to resolve.
    pub fn to_create(&self) -> CreateTerritoryRequest {
        let p = &self.properties;
        CreateTerritoryRequest {
            name: p.name.clone(),
            slug: p.slug.clone(),
            kind: p.kind,
            parent_id: None,
            color: p.color.clone(),
            priority_weight: p.priority_weight,
            active: p.active,
            geometry: self.geometry.clone(),
            zip_codes: p.zip_codes.clone(),
            cities: p.cities.clone(),
            states: p.states.clone(),
        }
    }
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportReport {
    pub created: u32,
    pub updated: u32,
    /// The imported territories, in the order of the features.
    pub territories: Vec<TerritorySummary>,
}
