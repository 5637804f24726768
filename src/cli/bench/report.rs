//! What a benchmark measured and how it is shown: an HDR histogram of
//! latencies in microseconds, the count of operations, errors by gRPC code,
//! and the elapsed time; printed as plain lines or as one JSON object. It
//! must not talk to a server.

use hdrhistogram::Histogram;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::time::Duration;

/// Latencies up to an hour, 3 significant digits.
const HIGHEST_MICROSECONDS: u64 = 3_600_000_000;

/// Measurements of one kind of call, from one or many workers.
#[derive(Debug, Clone)]
pub struct Recorder {
    latencies: Histogram<u64>,
    pub operations: u64,
    pub errors: BTreeMap<String, u64>,
}

impl Default for Recorder {
    fn default() -> Recorder {
        Recorder::new()
    }
}

impl Recorder {
    pub fn new() -> Recorder {
        let latencies = Histogram::new_with_bounds(1, HIGHEST_MICROSECONDS, 3)
            .expect("the histogram's bounds are constants and valid");
        Recorder {
            latencies,
            operations: 0,
            errors: BTreeMap::new(),
        }
    }

    /// `operations` succeeded in one call that took `latency`.
    pub fn success(&mut self, operations: u64, latency: Duration) {
        self.operations += operations;
        self.latency(latency);
    }

    /// Records a latency without counting an operation.
    pub fn latency(&mut self, latency: Duration) {
        let micros = (latency.as_micros() as u64).clamp(1, HIGHEST_MICROSECONDS);
        // Within bounds by the clamp; a failure would only lose one sample.
        let _ = self.latencies.record(micros);
    }

    pub fn error(&mut self, code: &str) {
        *self.errors.entry(code.to_string()).or_insert(0) += 1;
    }

    pub fn error_count(&self) -> u64 {
        self.errors.values().sum()
    }

    pub fn merge(&mut self, other: &Recorder) {
        self.operations += other.operations;
        let _ = self.latencies.add(&other.latencies);
        for (code, count) in &other.errors {
            *self.errors.entry(code.clone()).or_insert(0) += count;
        }
    }

    pub fn samples(&self) -> u64 {
        self.latencies.len()
    }

    fn percentile_ms(&self, quantile: f64) -> f64 {
        if self.latencies.is_empty() {
            return 0.0;
        }
        self.latencies.value_at_quantile(quantile) as f64 / 1000.0
    }

    fn max_ms(&self) -> f64 {
        if self.latencies.is_empty() {
            return 0.0;
        }
        self.latencies.max() as f64 / 1000.0
    }

    /// The numbers as JSON; latencies in milliseconds.
    pub fn to_json(&self, elapsed: Duration) -> Value {
        json!({
            "ops": self.operations,
            "errors": self.error_count(),
            "errors_by_code": self.errors,
            "elapsed_secs": elapsed.as_secs_f64(),
            "ops_per_sec": rate(self.operations, elapsed),
            "latency_samples": self.samples(),
            "latency_ms": self.percentiles_json(),
        })
    }

    /// The latency percentiles alone, in milliseconds, with the sample count.
    pub fn percentiles_json(&self) -> Value {
        json!({
            "p50": self.percentile_ms(0.50),
            "p90": self.percentile_ms(0.90),
            "p99": self.percentile_ms(0.99),
            "p99_9": self.percentile_ms(0.999),
            "max": self.max_ms(),
            "samples": self.samples(),
        })
    }

    /// One line of latency percentiles, prefixed by `label`.
    pub fn percentiles_text(&self, label: &str) -> String {
        format!(
            "{label}: latency ms p50 {:.3}  p90 {:.3}  p99 {:.3}  p99.9 {:.3}  max {:.3}  ({} samples)\n",
            self.percentile_ms(0.50),
            self.percentile_ms(0.90),
            self.percentile_ms(0.99),
            self.percentile_ms(0.999),
            self.max_ms(),
            self.samples()
        )
    }

    /// The numbers as lines for a person, each prefixed by `label`.
    pub fn to_text(&self, label: &str, elapsed: Duration) -> String {
        let mut text = format!(
            "{label}: {} ops in {:.2} s = {:.1} ops/s, {} errors\n",
            self.operations,
            elapsed.as_secs_f64(),
            rate(self.operations, elapsed),
            self.error_count()
        );
        text.push_str(&self.percentiles_text(label));
        for (code, count) in &self.errors {
            text.push_str(&format!("{label}: error {code}: {count}\n"));
        }
        text
    }
}

fn rate(operations: u64, elapsed: Duration) -> f64 {
    let seconds = elapsed.as_secs_f64();
    if seconds > 0.0 {
        operations as f64 / seconds
    } else {
        0.0
    }
}

/// The name of a gRPC status code, as the error counts key it.
pub fn code_name(status: &tonic::Status) -> String {
    format!("{:?}", status.code())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_recorders_add_operations_errors_and_samples() {
        let mut first = Recorder::new();
        first.success(3, Duration::from_millis(2));
        first.error("Unavailable");
        let mut second = Recorder::new();
        second.success(1, Duration::from_millis(40));
        second.error("Unavailable");
        first.merge(&second);
        let value = first.to_json(Duration::from_secs(2));
        assert_eq!(value["ops"], 4);
        assert_eq!(value["errors"], 2);
        assert_eq!(value["errors_by_code"]["Unavailable"], 2);
        assert_eq!(value["ops_per_sec"], 2.0);
        assert_eq!(value["latency_samples"], 2);
        assert!(value["latency_ms"]["max"].as_f64().unwrap_or(0.0) >= 39.0);
    }
}
