//! The server's Prometheus metrics: the families (RPC latency by method and
//! code, extraction time, subscribers, the writer's commit figures, revision
//! and store size), their registry and its text rendering. Recording is a few
//! atomic operations on handles shared with the code that measures; this
//! module must not change what it measures, and holds no request data beyond
//! method names and status codes.

mod endpoint;
mod rpc;

pub use endpoint::serve_metrics;
pub use rpc::RpcLayer;

use crate::storage::DocumentStorage;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;
use std::time::Duration;

/// The labels of an RPC's latency: the gRPC service and method (the two
/// parts of the request path) and the status code name.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RpcLabels {
    pub service: String,
    pub method: String,
    pub code: String,
}

type HistogramMaker = fn() -> Histogram;

/// Seconds, 100 µs … ~13 s.
fn latency_histogram() -> Histogram {
    Histogram::new(exponential_buckets(0.000_1, 2.0, 18))
}

/// What the service layer records (shared handles).
#[derive(Debug, Clone)]
pub struct ServiceMetrics {
    extraction_seconds: Histogram,
    subscribers: Gauge,
    lagging_subscribers: Gauge,
}

impl Default for ServiceMetrics {
    fn default() -> Self {
        ServiceMetrics {
            // 10 µs … ~1.3 s.
            extraction_seconds: Histogram::new(exponential_buckets(0.000_01, 2.0, 18)),
            subscribers: Gauge::default(),
            lagging_subscribers: Gauge::default(),
        }
    }
}

impl ServiceMetrics {
    pub fn record_extraction(&self, took: Duration) {
        self.extraction_seconds.observe(took.as_secs_f64());
    }

    /// Counts a subscriber until the guard is dropped.
    pub fn subscriber(&self) -> SubscriberGuard {
        self.subscribers.inc();
        SubscriberGuard {
            metrics: self.clone(),
            lagging: false,
        }
    }
}

/// One live subscriber in the gauges; whether it is behind the durable
/// revision after its last catch-up read.
#[derive(Debug)]
pub struct SubscriberGuard {
    metrics: ServiceMetrics,
    lagging: bool,
}

impl SubscriberGuard {
    pub fn set_lagging(&mut self, lagging: bool) {
        if lagging != self.lagging {
            if lagging {
                self.metrics.lagging_subscribers.inc();
            } else {
                self.metrics.lagging_subscribers.dec();
            }
            self.lagging = lagging;
        }
    }
}

impl Drop for SubscriberGuard {
    fn drop(&mut self) {
        self.set_lagging(false);
        self.metrics.subscribers.dec();
    }
}

/// Every family of one server, registered under the `khabar_` prefix.
#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    pub rpc_seconds: Family<RpcLabels, Histogram, HistogramMaker>,
    pub service: ServiceMetrics,
    revision: Gauge,
    size_on_disk_bytes: Gauge,
}

impl Metrics {
    /// The families, with the store's commit histograms among them.
    pub fn new(store: &dyn DocumentStorage) -> Metrics {
        let mut registry = Registry::with_prefix("khabar");
        let rpc_seconds: Family<RpcLabels, Histogram, HistogramMaker> =
            Family::new_with_constructor(latency_histogram);
        let service = ServiceMetrics::default();
        let revision = Gauge::default();
        let size_on_disk_bytes = Gauge::default();
        let commits = store.commit_metrics();
        registry.register(
            "rpc_duration_seconds",
            "Time from request to response headers, by gRPC service, method and status code",
            rpc_seconds.clone(),
        );
        registry.register(
            "extraction_duration_seconds",
            "Time the extraction engine takes per article",
            service.extraction_seconds.clone(),
        );
        registry.register(
            "commit_group_size",
            "Write commands applied per commit group (one flush each)",
            commits.group_size,
        );
        registry.register(
            "commit_flush_duration_seconds",
            "Time of the flush that makes a commit group durable",
            commits.flush_seconds,
        );
        registry.register(
            "subscribers",
            "Open Subscribe streams",
            service.subscribers.clone(),
        );
        registry.register(
            "lagging_subscribers",
            "Subscribers still behind the durable revision after their last change-log read",
            service.lagging_subscribers.clone(),
        );
        registry.register(
            "store_revision",
            "The store's durable revision",
            revision.clone(),
        );
        registry.register(
            "store_size_on_disk_bytes",
            "Bytes the storage engine's files take on disk",
            size_on_disk_bytes.clone(),
        );
        Metrics {
            registry,
            rpc_seconds,
            service,
            revision,
            size_on_disk_bytes,
        }
    }

    /// The text exposition (format 0.0.4) after sampling the store's
    /// revision and size.
    pub fn render(&self, store: &dyn DocumentStorage) -> String {
        self.revision
            .set(i64::try_from(store.revision()).unwrap_or(i64::MAX));
        match store.size_on_disk() {
            Ok(bytes) => {
                self.size_on_disk_bytes
                    .set(i64::try_from(bytes).unwrap_or(i64::MAX));
            }
            Err(error) => tracing::warn!(%error, "cannot read the store's size on disk"),
        }
        let mut text = String::new();
        // Only gauges and histograms are registered, without units, so the
        // OpenMetrics encoder's output (without its `# EOF`) is also valid
        // text format 0.0.4. Writing to a String cannot fail.
        if let Err(error) =
            prometheus_client::encoding::text::encode_registry(&mut text, &self.registry)
        {
            tracing::warn!(%error, "cannot encode the metrics");
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_subscriber_counts_while_its_guard_lives_and_lags_only_while_marked() {
        let metrics = ServiceMetrics::default();
        let mut first = metrics.subscriber();
        let second = metrics.subscriber();
        assert_eq!(metrics.subscribers.get(), 2);
        first.set_lagging(true);
        first.set_lagging(true);
        assert_eq!(metrics.lagging_subscribers.get(), 1);
        first.set_lagging(false);
        assert_eq!(metrics.lagging_subscribers.get(), 0);
        first.set_lagging(true);
        drop(first);
        assert_eq!(metrics.subscribers.get(), 1);
        assert_eq!(metrics.lagging_subscribers.get(), 0);
        drop(second);
        assert_eq!(metrics.subscribers.get(), 0);
    }
}
