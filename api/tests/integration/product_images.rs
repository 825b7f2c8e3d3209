//! Product images: an admin uploads the bytes (checked to be the image they claim), anyone
//! fetches them (cacheable, 304 on a match), they come with the product, the first is its
//! picture, deleting one moves the rest up and removes its bytes; a retried upload answers the
//! first. The same journey runs on an S3-compatible bucket (`TEST_S3_ENDPOINT`, mandatory in
//! CI), as on the directory store.

use crate::common;

use closebook_api::media::{MediaStore, S3Config, S3Store};
use closebook_api::seed_demo::pictures::product_png;
use closebook_shared::catalogue::{MAX_IMAGE_BYTES, ProductCategory};
use common::{TestApp, TestUser, usd};
use serde_json::{Value, json};

async fn product(app: &TestApp, admin: &TestUser, sku: &str) -> String {
    app.post("/api/v1/products")
        .auth(admin)
        .json(
            &json!({ "sku": sku, "name": format!("Product {sku}"), "category": "smoothie",
            "msrp": usd("5.00"), "wholesale_price": usd("3.00"), "cost": usd("1.20"),
            "case_pack": 12, "min_order_qty": 12, "stock": 100, "reorder_point": 10,
            "allergens": [], "certifications": [], "nutrition": {} }),
        )
        .send()
        .await
        .expect(201)
        .id()
}

async fn upload(
    app: &TestApp,
    who: &TestUser,
    product: &str,
    kind: &str,
    bytes: Vec<u8>,
) -> common::Res {
    app.post(&format!("/api/v1/products/{product}/images"))
        .auth(who)
        .raw(kind, bytes)
        .send()
        .await
}

fn jpeg(width: u16, height: u16) -> Vec<u8> {
    let mut b = vec![0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08];
    b.extend_from_slice(&height.to_be_bytes());
    b.extend_from_slice(&width.to_be_bytes());
    b.extend_from_slice(&[3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xFF, 0xD9]);
    b
}

async fn images_of(app: &TestApp, who: &TestUser, product: &str) -> Vec<Value> {
    app.get(&format!("/api/v1/products/{product}"))
        .auth(who)
        .send()
        .await
        .expect(200)
        .body["images"]
        .as_array()
        .unwrap()
        .clone()
}

/// The whole journey, on whichever store `app` has.
async fn images_journey(app: &TestApp) {
    let admin = app.admin().await;
    let rep = app.user(closebook_shared::Role::SalesRep, None, None).await;
    let id = product(app, &admin, "IMG-1").await;
    assert!(images_of(app, &admin, &id).await.is_empty());

    // Upload: 201 with where it is, its facts read from the bytes.
    let png = product_png(ProductCategory::Smoothie, 64);
    let first = upload(app, &admin, &id, "image/png", png.clone())
        .await
        .expect(201);
    let url = first.body["url"].as_str().unwrap().to_owned();
    assert_eq!(url, format!("/api/v1/product-images/{}", first.id()));
    assert_eq!(first.header("location"), Some(url.as_str()));
    assert_eq!(
        (
            &first.body["content_type"],
            &first.body["width"],
            &first.body["height"]
        ),
        (&json!("image/png"), &json!(64), &json!(64))
    );
    assert_eq!(first.body["byte_size"], json!(png.len()));
    assert_eq!(first.body["position"], 0);

    // Served to anyone (no token), byte for byte, cacheable; its ETag answers 304.
    let served = app.get(&url).send().await.expect(200);
    assert_eq!(served.bytes.as_ref(), png.as_slice());
    assert_eq!(served.header("content-type"), Some("image/png"));
    assert_eq!(
        served.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    let etag = served.header("etag").unwrap().to_owned();
    app.get(&url)
        .header("if-none-match", &etag)
        .send()
        .await
        .expect(304);

    // A second image goes after the first; the product lists both, the picture first.
    let second = upload(app, &admin, &id, "image/jpeg", jpeg(800, 600))
        .await
        .expect(201);
    assert_eq!(second.body["position"], 1);
    let listed = images_of(app, &rep, &id).await;
    assert_eq!(listed.len(), 2);
    assert_eq!(
        (listed[0]["id"].clone(), listed[1]["id"].clone()),
        (first.body["id"].clone(), second.body["id"].clone())
    );
    let in_list = app
        .get("/api/v1/products?q=img-1")
        .auth(&rep)
        .send()
        .await
        .expect(200);
    assert_eq!(
        in_list.body["items"][0]["images"].as_array().unwrap().len(),
        2
    );

    // Deleting the picture moves the next up and takes its bytes away.
    app.delete(&url).auth(&admin).send().await.expect(204);
    let left = images_of(app, &admin, &id).await;
    assert_eq!(left.len(), 1);
    assert_eq!(
        (left[0]["id"].clone(), left[0]["position"].clone()),
        (second.body["id"].clone(), json!(0))
    );
    app.get(&url).send().await.problem(404, "not_found");
    let key = format!("products/{}", first.id());
    assert_eq!(app.state.media.get(&key).await.unwrap(), None);
    app.delete(&url)
        .auth(&admin)
        .send()
        .await
        .problem(404, "not_found");

    // A retried upload with its key answers the first upload's image, and makes no second.
    let path = format!("/api/v1/products/{id}/images");
    let retry = || {
        app.post(&path)
            .auth(&admin)
            .header("idempotency-key", "picture-once")
            .raw("image/png", png.clone())
            .send()
    };
    let once = retry().await.expect(201);
    let again = retry().await.expect(201);
    assert_eq!(once.id(), again.id());
    assert_eq!(images_of(app, &admin, &id).await.len(), 2);

    // Audited.
    let actions = app.audit_actions(&admin, "product", &id).await;
    for action in ["product.image.add", "product.image.delete"] {
        assert!(actions.iter().any(|a| a == action), "{actions:?}");
    }
}

async fn images_on_the_directory_store(app: TestApp) {
    images_journey(&app).await;
}

async fn uploads_are_checked(app: TestApp) {
    let admin = app.admin().await;
    let id = product(&app, &admin, "IMG-2").await;
    let png = product_png(ProductCategory::IceCream, 16);

    // Not an image type: 415. Not the declared type, empty, not an image: 422 naming `body`.
    upload(&app, &admin, &id, "image/gif", png.clone())
        .await
        .problem(415, "unsupported_media_type");
    for (kind, bytes) in [
        ("image/jpeg", png.clone()),
        ("image/png", Vec::new()),
        ("image/png", b"not a picture at all".to_vec()),
        ("image/webp", jpeg(10, 10)),
    ] {
        let res = upload(&app, &admin, &id, kind, bytes)
            .await
            .problem(422, "validation_failed");
        assert_eq!(res.fields(), vec!["body"], "{kind}: {}", res.text);
    }
    // Too large: 413, before anything is stored.
    let mut huge = png.clone();
    huge.resize(MAX_IMAGE_BYTES + 1, 0);
    upload(&app, &admin, &id, "image/png", huge)
        .await
        .problem(413, "payload_too_large");
    // No such product: 404.
    upload(
        &app,
        &admin,
        "0190c0de-0000-7000-8000-000000000001",
        "image/png",
        png.clone(),
    )
    .await
    .problem(404, "not_found");
    assert!(images_of(&app, &admin, &id).await.is_empty());

    // A file sent as plain bytes (as generated clients send one) is what its bytes say.
    let as_bytes = upload(&app, &admin, &id, "application/octet-stream", png.clone())
        .await
        .expect(201);
    assert_eq!(as_bytes.body["content_type"], "image/png");
    let text = upload(
        &app,
        &admin,
        &id,
        "application/octet-stream",
        b"text".to_vec(),
    )
    .await
    .problem(422, "validation_failed");
    assert_eq!(text.fields(), vec!["body"]);

    // At most twelve.
    for _ in 0..11 {
        upload(&app, &admin, &id, "image/png", png.clone())
            .await
            .expect(201);
    }
    upload(&app, &admin, &id, "image/png", png.clone())
        .await
        .problem(409, "conflict");
    assert_eq!(images_of(&app, &admin, &id).await.len(), 12);
}

/// The S3-compatible bucket given by `TEST_S3_ENDPOINT` (moto's server in the test command);
/// `None` (skipped) only outside CI.
async fn s3_store() -> Option<MediaStore> {
    let Ok(endpoint) = std::env::var("TEST_S3_ENDPOINT") else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true requires TEST_S3_ENDPOINT: the S3-compatible store is tested in CI"
        );
        return None;
    };
    let bucket = format!("cb-test-{}", uuid::Uuid::now_v7().simple());
    let config = S3Config {
        bucket: bucket.clone(),
        endpoint: endpoint.clone(),
        region: "us-east-1".into(),
        access_key_id: "test".into(),
        secret_access_key: "test".into(),
    };
    let store = S3Store::new(&config).expect("S3 store");
    store.create_bucket().await.expect("create the test bucket");
    Some(MediaStore::S3(store))
}

async fn images_on_an_s3_bucket(app: TestApp) {
    let Some(store) = s3_store().await else {
        return;
    };
    let app = app.reconfigure(|s| s.media = store).await;
    images_journey(&app).await;
}

on_both_backends!(
    images_on_the_directory_store,
    uploads_are_checked,
    images_on_an_s3_bucket
);
