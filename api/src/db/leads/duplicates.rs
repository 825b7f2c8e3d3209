//! The open lead a new or changed lead would duplicate.

use closebook_shared::leads::Outcome;
use diesel::prelude::*;

use crate::db::DbConn;
use crate::db::schema::leads;
use crate::error::ApiError;

/// An open lead with the same email, phone, or company + address.
pub fn find_duplicate(
    conn: &mut DbConn,
    email_key: Option<&str>,
    phone_key: Option<&str>,
    dedupe_key: Option<&str>,
    except: Option<&str>,
) -> Result<Option<(String, &'static str)>, ApiError> {
    let checks: [(&'static str, Option<&str>); 3] = [
        ("email", email_key),
        ("phone", phone_key),
        ("company_address", dedupe_key),
    ];
    for (what, key) in checks {
        let Some(key) = key.filter(|k| !k.is_empty()) else {
            continue;
        };
        let found: Option<String> = crate::db::native!(conn, |c| {
            let mut q = leads::table
                .filter(leads::outcome.eq(Outcome::Open))
                .select(leads::id)
                .into_boxed();
            q = match what {
                "email" => q.filter(leads::email_key.eq(key)),
                "phone" => q.filter(leads::phone_key.eq(key)),
                _ => q.filter(leads::dedupe_key.eq(key)),
            };
            if let Some(id) = except {
                q = q.filter(leads::id.ne(id));
            }
            q.first::<String>(c).optional()?
        });
        if let Some(id) = found {
            return Ok(Some((id, what)));
        }
    }
    Ok(None)
}
