//! gRPC health that tells the truth about writes: the DocumentStore service
//! and the server as a whole ("") are SERVING while the store can write and
//! the server is not stopping, NOT_SERVING otherwise (a full disk, a failed
//! write, shutdown). Reads keep working while NOT_SERVING. This module only
//! reports; it must not decide when the store can write.

use crate::proto::v1::document_store_server::DocumentStoreServer;
use crate::service::DocumentStoreService;
use tokio::sync::watch;
use tonic::server::NamedService;
use tonic_health::ServingStatus;
use tonic_health::server::HealthReporter;

const DOCUMENT_STORE: &str = <DocumentStoreServer<DocumentStoreService> as NamedService>::NAME;

async fn report(reporter: &HealthReporter, serving: bool) {
    let status = if serving {
        ServingStatus::Serving
    } else {
        ServingStatus::NotServing
    };
    for name in ["", DOCUMENT_STORE] {
        reporter.set_service_status(name, status).await;
    }
}

/// Reports the current state at once, then follows `writable` and
/// `stopping` until the server stops.
pub async fn follow_store(
    reporter: HealthReporter,
    mut writable: watch::Receiver<bool>,
    mut stopping: watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    let serving = *writable.borrow_and_update() && !*stopping.borrow_and_update();
    report(&reporter, serving).await;
    tokio::spawn(async move {
        loop {
            tokio::select! {
                changed = writable.changed() => if changed.is_err() { break },
                changed = stopping.changed() => if changed.is_err() { break },
            }
            let stopped = *stopping.borrow_and_update();
            let serving = *writable.borrow_and_update() && !stopped;
            if !serving {
                tracing::warn!(stopped, "health: NOT_SERVING");
            } else {
                tracing::info!("health: SERVING");
            }
            report(&reporter, serving).await;
            if stopped {
                break;
            }
        }
    })
}
