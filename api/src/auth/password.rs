//! argon2id password hashing (OWASP parameters: 19 MiB, 2 passes, 1 lane), off the async threads.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

use crate::error::ApiError;

pub fn hash_blocking(password: &str) -> Result<String, ApiError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| ApiError::internal(format!("password hashing failed: {e}")))
}

/// Constant-time verification; a malformed stored hash counts as a mismatch.
pub fn verify_blocking(password: &str, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

pub async fn hash(password: String) -> Result<String, ApiError> {
    actix_web::web::block(move || hash_blocking(&password))
        .await
        .map_err(|e| ApiError::internal(format!("blocking task failed: {e}")))?
}

/// Verifies against `stored`, or against a fixed dummy hash when there is no such user, so that
/// the response time does not reveal whether an email is registered.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, ApiError> {
    actix_web::web::block(move || {
        let target = stored.as_deref().unwrap_or_else(|| dummy_hash());
        verify_blocking(&password, target) && stored.is_some()
    })
    .await
    .map_err(|e| ApiError::internal(format!("blocking task failed: {e}")))
}

fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_blocking("closebook-timing-equaliser").unwrap_or_default())
}

#[cfg(test)]
mod tests {
    #[test]
    fn hashes_verify_and_are_salted() {
        let a = super::hash_blocking("correct horse battery").unwrap();
        let b = super::hash_blocking("correct horse battery").unwrap();
        assert!(a.starts_with("$argon2id$"));
        assert_ne!(a, b, "each hash has its own salt");
        assert!(super::verify_blocking("correct horse battery", &a));
        assert!(!super::verify_blocking("wrong horse battery", &a));
        assert!(!super::verify_blocking("anything", "not a phc string"));
    }
}
