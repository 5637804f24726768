//! Request bodies sent as raw bytes through real gRPC calls: bodies that
//! do not decode as the request message are the caller's fault
//! (INVALID_ARGUMENT, never INTERNAL or UNKNOWN), leave the store
//! untouched, and leave the server answering normal calls.

use crate::common::raw_codec::RawCodec;
use crate::common::{TestServer, start};
use crate::store_revision;
use khabar::proto::v1::GetArticleRequest;
use std::time::Duration;
use tonic::codegen::http::uri::PathAndQuery;
use tonic::transport::Channel;
use tonic::{Code, Request, Status};

const INGEST: &str = "/khabar.v1.DocumentStore/IngestArticle";
const GET_ARTICLE: &str = "/khabar.v1.DocumentStore/GetArticle";
const LIST_ARTICLES: &str = "/khabar.v1.DocumentStore/ListArticles";
const DELETE_ARTICLE: &str = "/khabar.v1.DocumentStore/DeleteArticle";
const GET_STATEMENT: &str = "/khabar.v1.DocumentStore/GetStatement";
const LIST_STATEMENTS: &str = "/khabar.v1.DocumentStore/ListStatements";
const GET_MILESTONE: &str = "/khabar.v1.DocumentStore/GetMilestone";
const LIST_MILESTONES: &str = "/khabar.v1.DocumentStore/ListMilestones";
const SUBSCRIBE: &str = "/khabar.v1.DocumentStore/Subscribe";
const REEXTRACT: &str = "/khabar.v1.DocumentStore/ReextractArticles";

const UNARY_PATHS: [&str; 9] = [
    INGEST,
    GET_ARTICLE,
    LIST_ARTICLES,
    DELETE_ARTICLE,
    GET_STATEMENT,
    LIST_STATEMENTS,
    GET_MILESTONE,
    LIST_MILESTONES,
    REEXTRACT,
];

/// Longest wait for any one answer; only a hang would reach it.
const ANSWER_LIMIT: Duration = Duration::from_secs(30);

/// Sends `body` as the one request message of `path`; for Subscribe, an
/// opened stream counts as success and is dropped at once.
async fn raw_call(channel: &Channel, path: &'static str, body: Vec<u8>) -> Result<(), Status> {
    let mut grpc = tonic::client::Grpc::new(channel.clone());
    grpc.ready().await.expect("channel ready");
    let path = PathAndQuery::from_static(path);
    let call = async {
        if path.path() == SUBSCRIBE {
            grpc.server_streaming(Request::new(body), path, RawCodec)
                .await
                .map(drop)
        } else {
            grpc.unary(Request::new(body), path, RawCodec)
                .await
                .map(drop)
        }
    };
    tokio::time::timeout(ANSWER_LIMIT, call)
        .await
        .expect("the server answers")
}

async fn raw_channel(server: &TestServer) -> Channel {
    Channel::from_shared(format!("http://{}", server.address))
        .expect("server address")
        .connect()
        .await
        .expect("connect")
}

/// Undecodable bodies for every request type: each breaks the wire format
/// before any field could be accepted.
fn undecodable_bodies() -> Vec<(&'static str, Vec<u8>)> {
    let mut huge_length = vec![0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f];
    huge_length.extend_from_slice(b"abc");
    vec![
        (
            "truncated length-delimited field",
            vec![0x0a, 0x10, b'a', b'b'],
        ),
        ("field 1 with wire type 7", vec![0x0f, 0x00]),
        ("field 1 with wire type 6", vec![0x0e, 0x00]),
        ("varint overflow in the tag", vec![0xff; 11]),
        ("huge declared length", huge_length),
        ("field number 0", vec![0x00, 0x01]),
        ("end group without start", vec![0x0c]),
        ("truncated varint", vec![0x08, 0x80]),
    ]
}

/// Bodies that break one path's own fields: invalid UTF-8 in a string,
/// a varint value that overflows.
fn path_specific_bodies() -> Vec<(&'static str, &'static str, Vec<u8>)> {
    let utf8 = vec![0xff, 0xfe];
    let string_field = |tag: u8| [vec![tag, 2], utf8.clone()].concat();
    let mut cases = vec![
        ("IngestArticleRequest.text", INGEST, string_field(0x0a)),
        ("IngestArticleRequest.source", INGEST, string_field(0x1a)),
        ("GetArticleRequest.id", GET_ARTICLE, string_field(0x0a)),
        (
            "DeleteArticleRequest.id",
            DELETE_ARTICLE,
            string_field(0x0a),
        ),
        ("GetStatementRequest.id", GET_STATEMENT, string_field(0x0a)),
        ("GetMilestoneRequest.id", GET_MILESTONE, string_field(0x0a)),
        (
            "ReextractArticlesRequest.article_ids",
            REEXTRACT,
            string_field(0x0a),
        ),
        // Field 2 (a filter message) holding field 1 (a string).
        (
            "SubscribeRequest.articles.source",
            SUBSCRIBE,
            [vec![0x12, 4], string_field(0x0a)].concat(),
        ),
    ];
    for path in [LIST_ARTICLES, LIST_STATEMENTS, LIST_MILESTONES] {
        cases.push(("page_token", path, string_field(0x1a)));
        cases.push((
            "filter.source",
            path,
            [vec![0x0a, 4], string_field(0x0a)].concat(),
        ));
        let mut overflow = vec![0x10];
        overflow.extend_from_slice(&[0xff; 11]);
        cases.push(("page_size varint overflow", path, overflow));
    }
    cases
}

fn assert_invalid_argument(case: &str, path: &str, outcome: Result<(), Status>) {
    let status = outcome.expect_err(case);
    assert_eq!(
        status.code(),
        Code::InvalidArgument,
        "{case} to {path}: {status:?}"
    );
    assert!(
        status
            .message()
            .contains("could not be decoded as khabar.v1."),
        "{case} to {path}: {}",
        status.message()
    );
}

#[tokio::test]
async fn undecodable_requests_are_invalid_argument_and_change_nothing() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let mut server = start(directory.path()).await;
    let stored = server
        .ingest_numbered(1, "سالم الحربي", "الرافد", "2024-01-01")
        .await;
    let before = store_revision(&mut server).await;
    let channel = raw_channel(&server).await;

    let mut sent = 0;
    for (case, body) in undecodable_bodies() {
        for path in UNARY_PATHS.iter().chain([&SUBSCRIBE]) {
            assert_invalid_argument(case, path, raw_call(&channel, path, body.clone()).await);
            sent += 1;
        }
    }
    for (case, path, body) in path_specific_bodies() {
        assert_invalid_argument(case, path, raw_call(&channel, path, body).await);
        sent += 1;
    }
    assert!(sent > 80, "{sent} hostile calls");

    assert_eq!(store_revision(&mut server).await, before);
    let id = stored.article.expect("article").id;
    let article = server
        .client
        .get_article(GetArticleRequest { id: id.clone() })
        .await
        .expect("a normal call still works")
        .into_inner();
    assert_eq!(article.id, id);
    let next = server
        .ingest_numbered(2, "سالم الحربي", "الرافد", "2024-01-02")
        .await;
    assert_eq!(next.revision, before + 1);
    server.stop().await;
}

/// A small linear congruential generator: the same cases on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

/// Random bodies may decode (unknown fields are skipped) and then pass or
/// fail validation; what must never happen is INTERNAL or UNKNOWN, a hang,
/// or a write. Re-extraction is left out: a body that decodes would ask
/// for real work.
#[tokio::test]
async fn random_bodies_never_get_internal_or_unknown() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let mut server = start(directory.path()).await;
    server
        .ingest_numbered(1, "سالم الحربي", "الرافد", "2024-01-01")
        .await;
    let before = store_revision(&mut server).await;
    let channel = raw_channel(&server).await;
    let paths = [
        INGEST,
        GET_ARTICLE,
        LIST_ARTICLES,
        DELETE_ARTICLE,
        GET_STATEMENT,
        LIST_STATEMENTS,
        GET_MILESTONE,
        LIST_MILESTONES,
        SUBSCRIBE,
    ];
    let mut random = Lcg(0x6b68_6162_6172);
    let mut undecodable = 0;
    for case in 0..200 {
        let length = 1 + (random.next() % 48) as usize;
        let body: Vec<u8> = (0..length).map(|_| random.next() as u8).collect();
        let path = paths[case % paths.len()];
        let outcome = raw_call(&channel, path, body.clone()).await;
        if let Err(status) = outcome {
            assert!(
                !matches!(status.code(), Code::Internal | Code::Unknown),
                "case {case} {body:02x?} to {path}: {status:?}"
            );
            if status.message().contains("could not be decoded") {
                assert_eq!(status.code(), Code::InvalidArgument);
                undecodable += 1;
            }
        }
    }
    assert!(undecodable > 100, "{undecodable} of 200 did not decode");
    assert_eq!(store_revision(&mut server).await, before);
    server.stop().await;
}
