//! The `khabar` binary reaching a server as a new user would: `--server`
//! given as host:port (the form `--listen` takes), a closed port reported
//! with the address and what to check, and TLS plus a bearer token through
//! `--ca-cert` and `--token`.

mod common;

use common::{config, start_bare};
use khabar::config::{Config, Secret};
use std::process::{Command, Output};

/// Runs `khabar ARGS` off the async runtime (the server keeps running on
/// it), with no KHABAR_* settings inherited from the environment.
async fn khabar(arguments: Vec<String>) -> Output {
    tokio::task::spawn_blocking(move || {
        let mut command = Command::new(env!("CARGO_BIN_EXE_khabar"));
        for variable in [
            "KHABAR_SERVER",
            "KHABAR_TOKEN",
            "KHABAR_TOKEN_FILE",
            "KHABAR_CA_CERT",
        ] {
            command.env_remove(variable);
        }
        command.args(arguments).output().expect("run khabar")
    })
    .await
    .expect("the khabar process")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[tokio::test]
async fn server_given_as_host_and_port_works() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let server = start_bare(config(directory.path()), false).await;
    let output = khabar(vec![
        "articles".into(),
        "list".into(),
        "--server".into(),
        server.address.to_string(),
    ])
    .await;
    assert!(
        output.status.success(),
        "host:port is accepted: {}",
        text(&output.stderr)
    );
    server.stop().await;
}

#[tokio::test]
async fn a_closed_port_is_reported_with_the_address_and_what_to_check() {
    // A port that was free a moment ago: bound, then released.
    let address = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a loopback port");
    let output = khabar(vec![
        "articles".into(),
        "list".into(),
        "--server".into(),
        address.to_string(),
    ])
    .await;
    assert!(!output.status.success());
    let message = text(&output.stderr);
    assert!(message.contains(&address.to_string()), "{message}");
    assert!(message.contains("khabar serve"), "{message}");
    assert!(message.contains("address and port"), "{message}");
    assert!(message.contains("TLS"), "{message}");
    assert_ne!(message.trim(), "khabar: transport error", "{message}");
}

#[tokio::test]
async fn tls_and_token_through_the_command_line() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let generated = rcgen::generate_simple_self_signed(vec!["localhost".to_string()])
        .expect("generate a certificate");
    let cert_path = directory.path().join("server.crt");
    let key_path = directory.path().join("server.key");
    std::fs::write(&cert_path, generated.cert.pem()).expect("write the certificate");
    std::fs::write(&key_path, generated.signing_key.serialize_pem()).expect("write the key");
    let token = "cli-token-0b9e51";
    let server = start_bare(
        Config {
            tls_cert_file: Some(cert_path.clone()),
            tls_key_file: Some(key_path),
            auth_tokens: vec![Secret::new(token)],
            ..config(&directory.path().join("data"))
        },
        false,
    )
    .await;
    let target = format!("localhost:{}", server.address.port());
    let ca = cert_path.display().to_string();

    let without_token = khabar(vec![
        "articles".into(),
        "list".into(),
        "--server".into(),
        target.clone(),
        "--ca-cert".into(),
        ca.clone(),
    ])
    .await;
    assert!(!without_token.status.success());
    let message = text(&without_token.stderr);
    assert!(
        message.contains("--token"),
        "says how to give the token: {message}"
    );

    let with_token = khabar(vec![
        "articles".into(),
        "list".into(),
        "--server".into(),
        target.clone(),
        "--ca-cert".into(),
        ca,
        "--token".into(),
        token.into(),
    ])
    .await;
    assert!(
        with_token.status.success(),
        "TLS and token: {}",
        text(&with_token.stderr)
    );

    let plaintext = khabar(vec![
        "articles".into(),
        "list".into(),
        "--server".into(),
        format!("http://{target}"),
        "--token".into(),
        token.into(),
    ])
    .await;
    assert!(!plaintext.status.success());
    let message = text(&plaintext.stderr);
    assert!(message.contains("https://"), "suggests TLS: {message}");

    server.stop().await;
}

/// Runs `khabar serve ARGS` expecting it to refuse to start; returns its
/// standard error. Killed (and the test failed) if it is still running
/// after a bounded wait.
fn serve_refusing(arguments: &[&str], environment: &[(&str, &str)]) -> String {
    let directory = tempfile::tempdir().expect("temporary directory");
    let data_dir = directory.path().join("data");
    let mut command = Command::new(env!("CARGO_BIN_EXE_khabar"));
    command
        .arg("serve")
        .arg("--listen")
        .arg("127.0.0.1:0")
        .arg("--data-dir")
        .arg(&data_dir)
        .args(arguments)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped());
    for variable in [
        "KHABAR_CONFIG",
        "KHABAR_AUTH_TOKENS",
        "KHABAR_AUTH_TOKEN_FILE",
        "KHABAR_TLS_CERT_FILE",
        "KHABAR_TLS_KEY_FILE",
        "KHABAR_HEALTH_LISTEN",
    ] {
        command.env_remove(variable);
    }
    for (variable, value) in environment {
        command.env(variable, value);
    }
    let mut child = command.spawn().expect("start khabar serve");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    for _ in 0..6000 {
        if child.try_wait().expect("poll khabar serve").is_some()
            || std::time::Instant::now() > deadline
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    if child.try_wait().expect("poll khabar serve").is_none() {
        let _ = child.kill();
        let _ = child.wait();
        panic!("khabar serve started although it should have refused");
    }
    let output = child.wait_with_output().expect("khabar serve output");
    assert!(!output.status.success());
    text(&output.stderr)
}

#[test]
fn serve_refuses_unreadable_tls_files_and_an_empty_token_variable() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let missing = directory.path().join("no-such.crt");
    let missing = missing.display().to_string();
    let message = serve_refusing(
        &["--tls-cert-file", &missing, "--tls-key-file", &missing],
        &[],
    );
    assert!(message.contains(&missing), "names the file: {message}");

    let message = serve_refusing(&[], &[("KHABAR_AUTH_TOKENS", " , ")]);
    assert!(message.contains("KHABAR_AUTH_TOKENS"), "{message}");
}
