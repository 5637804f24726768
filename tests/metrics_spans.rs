//! Every RPC runs in a tracing span named `rpc` with its service and method,
//! so what a handler logs (here a subscription's start) names the call. In
//! its own test binary: tracing caches per call site whether anyone listens,
//! and other tests running at once without a subscriber would race with it.

mod common;

use khabar::proto::v1::{StartPosition, SubscribeRequest};

/// Collects formatted log lines in memory.
#[derive(Clone, Default)]
struct CapturedLogs(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for CapturedLogs {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .expect("log buffer lock")
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn logs_inside_a_call_carry_its_rpc_span_with_the_method() {
    let logs = CapturedLogs::default();
    let writer = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_env_filter("khabar=debug")
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    // This test's runtime runs on this thread only, and so do the server's
    // tasks, the subscription's among them.
    let _logging = tracing::subscriber::set_default(subscriber);

    let directory = tempfile::tempdir().expect("temporary directory");
    let mut server = common::start(directory.path()).await;
    server
        .ingest_numbered(1, "سالم الحربي", "الرافد", "2024-01-01")
        .await;
    let mut stream = server
        .client
        .subscribe(SubscribeRequest {
            start: StartPosition::Beginning as i32,
            ..Default::default()
        })
        .await
        .expect("subscribe")
        .into_inner();
    // A first message means the subscription task has started (and logged).
    stream
        .message()
        .await
        .expect("stream healthy")
        .expect("a first message");
    drop(stream);
    server.stop().await;

    let text =
        String::from_utf8(logs.0.lock().expect("log buffer lock").clone()).expect("UTF-8 logs");
    let started = text
        .lines()
        .find(|line| line.contains("subscription started"))
        .unwrap_or_else(|| panic!("the subscription logged its start:\n{text}"));
    assert!(
        started.contains("rpc{") && started.contains("method=Subscribe"),
        "the line carries the call's span: {started}"
    );
}
