//! TLS, bearer tokens and server reflection through the real server: calls
//! without the right token are UNAUTHENTICATED, health and reflection are
//! exempt unless configured otherwise, a TLS server talks to a client that
//! trusts its certificate and not to a plaintext one, unreadable TLS files
//! stop the server at start, and both reflection versions list the services.

mod common;

use common::{config, start_bare};
use khabar::config::{Config, Secret};
use khabar::proto::v1::ListArticlesRequest;
use khabar::proto::v1::document_store_client::DocumentStoreClient;
use std::path::{Path, PathBuf};
use tonic::transport::{Certificate, Channel, ClientTlsConfig, Endpoint};
use tonic_health::pb::HealthCheckRequest;
use tonic_health::pb::health_check_response::ServingStatus;
use tonic_health::pb::health_client::HealthClient;

const TOKEN: &str = "inline-token-4f1c9a";
const FILE_TOKEN: &str = "file-token-77d2e0";

fn authenticated_config(data_dir: &Path, exempt: bool) -> Config {
    let token_file = data_dir.with_extension("tokens");
    std::fs::write(
        &token_file,
        format!("# tokens for the test\n\n{FILE_TOKEN}\n"),
    )
    .expect("write the token file");
    Config {
        auth_token_file: Some(token_file),
        auth_tokens: vec![Secret::new(TOKEN)],
        auth_exempt_health_and_reflection: exempt,
        ..config(data_dir)
    }
}

fn with_authorization<T>(message: T, authorization: Option<&str>) -> tonic::Request<T> {
    let mut request = tonic::Request::new(message);
    if let Some(value) = authorization {
        request
            .metadata_mut()
            .insert("authorization", value.parse().expect("ASCII metadata"));
    }
    request
}

async fn plaintext_channel(address: std::net::SocketAddr) -> Channel {
    Endpoint::from_shared(format!("http://{address}"))
        .expect("endpoint")
        .connect()
        .await
        .expect("connect over plaintext")
}

async fn list_articles(
    channel: &Channel,
    authorization: Option<&str>,
) -> Result<(), tonic::Status> {
    DocumentStoreClient::new(channel.clone())
        .list_articles(with_authorization(
            ListArticlesRequest::default(),
            authorization,
        ))
        .await
        .map(|_| ())
}

async fn health_check(
    channel: &Channel,
    authorization: Option<&str>,
) -> Result<ServingStatus, tonic::Status> {
    let answer = HealthClient::new(channel.clone())
        .check(with_authorization(
            HealthCheckRequest {
                service: String::new(),
            },
            authorization,
        ))
        .await?;
    Ok(answer.into_inner().status())
}

/// Service names listed by reflection v1alpha.
async fn list_services_v1alpha(
    channel: &Channel,
    authorization: Option<&str>,
) -> Result<Vec<String>, tonic::Status> {
    use tonic_reflection::pb::v1alpha::ServerReflectionRequest;
    use tonic_reflection::pb::v1alpha::server_reflection_client::ServerReflectionClient;
    use tonic_reflection::pb::v1alpha::server_reflection_request::MessageRequest;
    use tonic_reflection::pb::v1alpha::server_reflection_response::MessageResponse;

    let request = ServerReflectionRequest {
        host: String::new(),
        message_request: Some(MessageRequest::ListServices(String::new())),
    };
    let mut responses = ServerReflectionClient::new(channel.clone())
        .server_reflection_info(with_authorization(
            tokio_stream::iter(vec![request]),
            authorization,
        ))
        .await?
        .into_inner();
    let response = responses.message().await?.expect("one reflection response");
    match response.message_response {
        Some(MessageResponse::ListServicesResponse(list)) => Ok(list
            .service
            .into_iter()
            .map(|service| service.name)
            .collect()),
        other => panic!("expected a service list, got {other:?}"),
    }
}

/// Service names listed by reflection v1.
async fn list_services_v1(channel: &Channel) -> Vec<String> {
    use tonic_reflection::pb::v1::ServerReflectionRequest;
    use tonic_reflection::pb::v1::server_reflection_client::ServerReflectionClient;
    use tonic_reflection::pb::v1::server_reflection_request::MessageRequest;
    use tonic_reflection::pb::v1::server_reflection_response::MessageResponse;

    let request = ServerReflectionRequest {
        host: String::new(),
        message_request: Some(MessageRequest::ListServices(String::new())),
    };
    let mut responses = ServerReflectionClient::new(channel.clone())
        .server_reflection_info(tokio_stream::iter(vec![request]))
        .await
        .expect("reflection v1 answers")
        .into_inner();
    let response = responses
        .message()
        .await
        .expect("a reflection response")
        .expect("one reflection response");
    match response.message_response {
        Some(MessageResponse::ListServicesResponse(list)) => list
            .service
            .into_iter()
            .map(|service| service.name)
            .collect(),
        other => panic!("expected a service list, got {other:?}"),
    }
}

fn assert_unauthenticated(outcome: Result<(), tonic::Status>, case: &str) {
    let status = outcome.expect_err(case);
    assert_eq!(
        status.code(),
        tonic::Code::Unauthenticated,
        "{case}: {status:?}"
    );
    assert!(
        status.message().contains("authorization: Bearer <token>"),
        "{case}: the message says what to send: {}",
        status.message()
    );
}

#[tokio::test]
async fn calls_need_an_accepted_bearer_token_and_health_is_exempt_by_default() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let data_dir = directory.path().join("data");
    let server = start_bare(authenticated_config(&data_dir, true), false).await;
    let channel = plaintext_channel(server.address).await;

    assert_unauthenticated(list_articles(&channel, None).await, "no token");
    assert_unauthenticated(
        list_articles(&channel, Some("Bearer not-a-known-token")).await,
        "wrong token",
    );
    assert_unauthenticated(
        list_articles(&channel, Some(&format!("Basic {TOKEN}"))).await,
        "not a bearer scheme",
    );
    list_articles(&channel, Some(&format!("Bearer {TOKEN}")))
        .await
        .expect("the inline token is accepted");
    list_articles(&channel, Some(&format!("Bearer {FILE_TOKEN}")))
        .await
        .expect("the token from the file is accepted");

    assert_eq!(
        health_check(&channel, None)
            .await
            .expect("health is exempt"),
        ServingStatus::Serving
    );
    let services = list_services_v1alpha(&channel, None)
        .await
        .expect("reflection is exempt");
    assert!(
        services
            .iter()
            .any(|name| name == "khabar.v1.DocumentStore")
    );

    drop(channel);
    server.stop().await;
}

#[tokio::test]
async fn health_and_reflection_need_the_token_when_not_exempt() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let data_dir = directory.path().join("data");
    let server = start_bare(authenticated_config(&data_dir, false), false).await;
    let channel = plaintext_channel(server.address).await;

    let status = health_check(&channel, None)
        .await
        .expect_err("health needs a token");
    assert_eq!(status.code(), tonic::Code::Unauthenticated);
    let status = list_services_v1alpha(&channel, None)
        .await
        .expect_err("reflection needs a token");
    assert_eq!(status.code(), tonic::Code::Unauthenticated);

    let bearer = format!("Bearer {TOKEN}");
    assert_eq!(
        health_check(&channel, Some(&bearer))
            .await
            .expect("health with the token"),
        ServingStatus::Serving
    );
    list_services_v1alpha(&channel, Some(&bearer))
        .await
        .expect("reflection with the token");

    drop(channel);
    server.stop().await;
}

/// A self-signed certificate for localhost and 127.0.0.1, written as PEM
/// files; returns (certificate path, key path).
pub fn write_self_signed(directory: &Path) -> (PathBuf, PathBuf) {
    let generated =
        rcgen::generate_simple_self_signed(vec!["localhost".to_string(), "127.0.0.1".to_string()])
            .expect("generate a certificate");
    let cert_path = directory.join("server.crt");
    let key_path = directory.join("server.key");
    std::fs::write(&cert_path, generated.cert.pem()).expect("write the certificate");
    std::fs::write(&key_path, generated.signing_key.serialize_pem()).expect("write the key");
    (cert_path, key_path)
}

#[tokio::test]
async fn tls_server_talks_to_a_trusting_client_only_and_probes_stay_plaintext() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let (cert_path, key_path) = write_self_signed(directory.path());
    let server = start_bare(
        Config {
            tls_cert_file: Some(cert_path.clone()),
            tls_key_file: Some(key_path),
            ..config(&directory.path().join("data"))
        },
        true,
    )
    .await;

    let ca = Certificate::from_pem(std::fs::read(&cert_path).expect("read the certificate"));
    let tls_channel = Endpoint::from_shared(format!("https://localhost:{}", server.address.port()))
        .expect("endpoint")
        .tls_config(ClientTlsConfig::new().ca_certificate(ca))
        .expect("client TLS")
        .connect()
        .await
        .expect("connect over TLS");
    list_articles(&tls_channel, None)
        .await
        .expect("a call over TLS");
    assert_eq!(
        health_check(&tls_channel, None)
            .await
            .expect("health over TLS"),
        ServingStatus::Serving
    );

    // Plaintext HTTP/2 to the TLS port fails, at connection or at the call.
    let plaintext_failed = match Endpoint::from_shared(format!("http://{}", server.address))
        .expect("endpoint")
        .connect()
        .await
    {
        Err(_) => true,
        Ok(channel) => list_articles(&channel, None).await.is_err(),
    };
    assert!(
        plaintext_failed,
        "a plaintext client must not be served over the TLS port"
    );

    let health_address = server.health_address.expect("a health listener");
    let probe_channel = plaintext_channel(health_address).await;
    assert_eq!(
        health_check(&probe_channel, None)
            .await
            .expect("plaintext health probe"),
        ServingStatus::Serving
    );
    assert_eq!(
        list_services_v1alpha(&probe_channel, None)
            .await
            .expect("reflection on the probe port"),
        vec![String::from("grpc.health.v1.Health")],
        "the probe port describes health only"
    );
    let not_served = list_articles(&probe_channel, None)
        .await
        .expect_err("the probe port serves health only");
    assert_eq!(not_served.code(), tonic::Code::Unimplemented);

    drop(tls_channel);
    drop(probe_channel);
    server.stop().await;
}

#[tokio::test]
async fn unreadable_or_unusable_tls_files_stop_the_server_at_start_naming_the_file() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let (cert_path, key_path) = write_self_signed(directory.path());
    let missing_key = directory.path().join("missing.key");
    let not_pem = directory.path().join("not-pem.crt");
    std::fs::write(&not_pem, "this is not a certificate\n").expect("write");

    for (cert, key, named) in [
        (cert_path.clone(), missing_key.clone(), missing_key.clone()),
        (not_pem.clone(), key_path.clone(), not_pem.clone()),
    ] {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind a loopback port");
        let outcome = khabar::server::run(
            listener,
            Config {
                tls_cert_file: Some(cert),
                tls_key_file: Some(key),
                ..config(&directory.path().join("data"))
            },
            std::future::pending(),
        )
        .await;
        let message = outcome
            .expect_err("the server refuses to start")
            .to_string();
        assert!(
            message.contains(&named.display().to_string()),
            "the message names {}: {message}",
            named.display()
        );
    }
}

#[tokio::test]
async fn reflection_v1alpha_and_v1_both_list_the_services() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let server = start_bare(config(directory.path()), false).await;
    let channel = plaintext_channel(server.address).await;

    let v1alpha = list_services_v1alpha(&channel, None)
        .await
        .expect("reflection v1alpha answers");
    let v1 = list_services_v1(&channel).await;
    for services in [&v1alpha, &v1] {
        for expected in [
            "khabar.v1.DocumentStore",
            "grpc.health.v1.Health",
            "grpc.reflection.v1alpha.ServerReflection",
            "grpc.reflection.v1.ServerReflection",
        ] {
            assert!(
                services.iter().any(|name| name == expected),
                "{expected} missing from {services:?}"
            );
        }
    }

    drop(channel);
    server.stop().await;
}
