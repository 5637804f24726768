//! Hostile requests through the real server: undecodable bodies
//! (`decode`), filter and request values that make no sense (`validation`),
//! and values far too long to quote back (`excerpts`). Every one must get a
//! client-error status with a short message naming the field, change
//! nothing, and leave the server serving.

#[path = "../common/mod.rs"]
mod common;
mod decode;
mod excerpts;
mod validation;

use common::TestServer;
use khabar::proto::v1::ListArticlesRequest;
use tonic::{Code, Status};

/// The store revision as a listing reports it.
pub async fn store_revision(server: &mut TestServer) -> u64 {
    server
        .client
        .list_articles(ListArticlesRequest::default())
        .await
        .expect("list answers")
        .into_inner()
        .revision
}

/// `outcome` is INVALID_ARGUMENT whose message starts with `field` (the
/// field to fix) and stays short.
pub fn assert_refused<T: std::fmt::Debug>(case: &str, field: &str, outcome: Result<T, Status>) {
    let status = outcome.expect_err(case);
    assert_eq!(status.code(), Code::InvalidArgument, "{case}: {status:?}");
    assert!(
        status.message().starts_with(field),
        "{case}: expected a message about {field}, got {:?}",
        status.message()
    );
    assert!(
        status.message().len() <= 1024,
        "{case}: {} bytes",
        status.message().len()
    );
}
