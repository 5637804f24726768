//! Measurements the writer takes of its own work: how many commands share a
//! commit group and how long the group's flush takes. Plain histograms
//! (shared handles) that the server registers for its metrics endpoint; this
//! module must not know of HTTP, gRPC or how the figures are exposed.

use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use std::time::Duration;

/// Shared handles: clones record into the same histograms.
#[derive(Debug, Clone)]
pub struct CommitMetrics {
    /// Commands applied per commit group (one flush each).
    pub group_size: Histogram,
    /// Seconds spent in the group's flush.
    pub flush_seconds: Histogram,
}

impl Default for CommitMetrics {
    fn default() -> Self {
        CommitMetrics {
            // 1, 2, 4 … 256 (the writer's largest group).
            group_size: Histogram::new(exponential_buckets(1.0, 2.0, 9)),
            // 50 µs … ~3.3 s.
            flush_seconds: Histogram::new(exponential_buckets(0.000_05, 2.0, 17)),
        }
    }
}

impl CommitMetrics {
    pub fn record(&self, group_size: usize, flush: Duration) {
        self.group_size.observe(group_size as f64);
        self.flush_seconds.observe(flush.as_secs_f64());
    }
}
