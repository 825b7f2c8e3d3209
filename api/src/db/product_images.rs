//! Product image rows: what each stored image is and where its bytes are.

use chrono::NaiveDateTime;
use closebook_shared::catalogue::ImageType;
use diesel::prelude::*;

use super::DbConn;
use super::columns::StoredId;
use super::schema::product_images;
use crate::error::ApiError;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = product_images)]
pub struct ImageRow {
    #[diesel(deserialize_as = StoredId)]
    pub id: String,
    #[diesel(deserialize_as = StoredId)]
    pub product_id: String,
    pub position: i32,
    pub content_type: ImageType,
    pub byte_size: i64,
    pub width: i32,
    pub height: i32,
    pub sha256: String,
    pub storage_key: String,
    pub uploaded_by: String,
    pub created_at: NaiveDateTime,
}

crate::db::find_fn!(find, ImageRow, product_images);
crate::db::insert_fn!(insert, ImageRow, product_images);

/// The images of `products`, each product's in position order.
pub fn of_products(conn: &mut DbConn, products: &[String]) -> Result<Vec<ImageRow>, ApiError> {
    if products.is_empty() {
        return Ok(Vec::new());
    }
    Ok(product_images::table
        .filter(product_images::product_id.eq_any(products))
        .order((product_images::product_id, product_images::position))
        .select(ImageRow::as_select())
        .load(conn)?)
}

/// How many images `product` has, and the position after its last.
pub fn count_and_next(conn: &mut DbConn, product: &str) -> Result<(i64, i32), ApiError> {
    let (count, last): (i64, Option<i32>) = product_images::table
        .filter(product_images::product_id.eq(product))
        .select((
            diesel::dsl::count_star(),
            diesel::dsl::max(product_images::position),
        ))
        .first(conn)?;
    Ok((count, last.map_or(0, |p| p + 1)))
}

/// Removes the image; whether there was one.
pub fn delete(conn: &mut DbConn, id: &str) -> Result<bool, ApiError> {
    Ok(diesel::delete(product_images::table.find(id)).execute(conn)? == 1)
}

/// Moves the images after `position` of `product` up by one, so the first is always 0.
pub fn close_gap(conn: &mut DbConn, product: &str, position: i32) -> Result<(), ApiError> {
    // One at a time in ascending order: a single `position - 1` over all of them would pass
    // through a duplicate (product_id, position) on backends that check it per row.
    let later: Vec<(String, i32)> = product_images::table
        .filter(product_images::product_id.eq(product))
        .filter(product_images::position.gt(position))
        .order(product_images::position)
        .select((product_images::id, product_images::position))
        .load(conn)?;
    for (id, p) in later {
        diesel::update(product_images::table.find(&id))
            .set(product_images::position.eq(p - 1))
            .execute(conn)?;
    }
    Ok(())
}
