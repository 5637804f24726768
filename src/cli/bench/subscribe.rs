//! `khabar bench subscribe`: K live subscribers starting now, then W
//! articles written one after the other. Each (subscriber, revision) pair
//! has two latencies, both ending when that subscriber received the
//! revision's last change message: send-to-delivery starts just before the
//! write was sent, commit-to-delivery at the change set's `committed_at`
//! (the server's clock; meaningful when the server runs on this machine).
//! With `--server-pid`, the server's resident memory is read before the
//! subscribers connect and once they are idle. It must not write anything
//! but the W articles.

use super::report::{Recorder, code_name};
use super::{CommonArguments, at_least_one, exit_code, generator, server_memory};
use crate::cli::CliResult;
use khabar::proto::v1::{
    IngestArticleRequest, StartPosition, SubscribeRequest, subscribe_response::Event,
};
use serde_json::json;
use std::collections::HashMap;
use std::process::ExitCode;
use std::time::{Duration, Instant, SystemTime};
use tokio::sync::watch;

#[derive(Debug, clap::Args)]
pub struct SubscribeBenchArguments {
    #[command(flatten)]
    pub common: CommonArguments,
    /// Live subscribers.
    #[arg(long, default_value_t = 100)]
    pub subscribers: usize,
    /// Articles written once every subscriber is live.
    #[arg(long, default_value_t = 100)]
    pub writes: usize,
    /// Connections the subscribers share (HTTP/2 streams on each).
    #[arg(long, default_value_t = 8)]
    pub connections: usize,
    /// Seed of the generated articles (a store that already holds them
    /// makes duplicates, which deliver nothing: give another seed).
    #[arg(long, default_value_t = 1_000_003)]
    pub seed: u64,
    /// Process id of the server when it runs on this machine: its resident
    /// memory (VmRSS) is read before the subscribers connect and again once
    /// they are all connected and idle, giving the growth per subscriber.
    #[arg(long)]
    pub server_pid: Option<u32>,
    /// How long the connected subscribers stay idle before the second
    /// memory reading, in milliseconds (with --server-pid).
    #[arg(long, default_value_t = 1000)]
    pub idle_settle_ms: u64,
}

/// What a subscriber saw of one revision.
struct Delivery {
    revision: u64,
    received: Instant,
    /// Nanoseconds from `committed_at` to receipt by the wall clock;
    /// negative if the server's clock is ahead of this one.
    since_commit_nanos: Option<i128>,
}

/// Nanoseconds from `committed_at` to now, by this machine's wall clock.
fn nanos_since(committed_at: Option<&pbjson_types::Timestamp>) -> Option<i128> {
    let committed_at = committed_at?;
    let now = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .ok()?
        .as_nanos() as i128;
    let committed =
        i128::from(committed_at.seconds) * 1_000_000_000 + i128::from(committed_at.nanos);
    Some(now - committed)
}

/// The server's resident memory before and after the subscribers connected.
struct MemoryReadings {
    pid: u32,
    before_kib: u64,
    after_kib: u64,
}

impl MemoryReadings {
    fn bytes_per_subscriber(&self, subscribers: usize) -> f64 {
        (self.after_kib as f64 - self.before_kib as f64) * 1024.0 / subscribers as f64
    }
}

/// How long subscribers wait for the last revision after the writes end.
const DRAIN_PATIENCE: Duration = Duration::from_secs(30);

pub async fn run(arguments: SubscribeBenchArguments) -> CliResult<ExitCode> {
    at_least_one("--subscribers", arguments.subscribers)?;
    at_least_one("--writes", arguments.writes)?;
    at_least_one("--connections", arguments.connections)?;
    // Before the connections: the subscribers' share includes them.
    let memory_before = match arguments.server_pid {
        Some(pid) => Some((pid, server_memory::resident_kib(pid)?)),
        None => None,
    };
    let connections = arguments
        .common
        .connections(arguments.connections.min(arguments.subscribers))
        .await?;
    let deadline = arguments.common.deadline();
    // The last revision written, once known; subscribers stop there.
    let (last_revision_sender, last_revision) = watch::channel(u64::MAX);
    let mut subscribers = Vec::with_capacity(arguments.subscribers);
    for number in 0..arguments.subscribers {
        let mut client = connections[number % connections.len()].clone();
        let stream = client
            .subscribe(SubscribeRequest {
                start: StartPosition::Now as i32,
                ..Default::default()
            })
            .await
            .map_err(crate::cli::status_message)?
            .into_inner();
        let mut last_revision = last_revision.clone();
        subscribers.push(tokio::spawn(async move {
            let mut received: Vec<Delivery> = Vec::new();
            let mut stream = stream;
            let mut stop_at = deadline;
            let mut writes_done = false;
            loop {
                let next = tokio::select! {
                    next = stream.message() => next,
                    _ = last_revision.changed(), if !writes_done => {
                        writes_done = true;
                        stop_at = stop_at.min(Instant::now() + DRAIN_PATIENCE);
                        let last = *last_revision.borrow();
                        let seen = received.last().is_some_and(|delivery| delivery.revision >= last);
                        if last == 0 || seen {
                            break;
                        }
                        continue;
                    }
                    _ = tokio::time::sleep_until(stop_at.into()) => break,
                };
                match next {
                    Ok(Some(message)) => {
                        if let Some(Event::Changes(changes)) = message.event
                            && !changes.continued
                        {
                            received.push(Delivery {
                                revision: changes.revision,
                                received: Instant::now(),
                                since_commit_nanos: nanos_since(changes.committed_at.as_ref()),
                            });
                        }
                    }
                    Ok(None) | Err(_) => break,
                }
                let last = *last_revision.borrow();
                if received
                    .last()
                    .is_some_and(|delivery| delivery.revision >= last)
                {
                    break;
                }
            }
            received
        }));
    }
    let memory = match memory_before {
        Some((pid, before_kib)) => {
            tokio::time::sleep(Duration::from_millis(arguments.idle_settle_ms)).await;
            Some(MemoryReadings {
                pid,
                before_kib,
                after_kib: server_memory::resident_kib(pid)?,
            })
        }
        None => None,
    };

    let mut writer = arguments.common.server.connect().await?;
    let mut sent_at: HashMap<u64, Instant> = HashMap::new();
    let mut writes = Recorder::new();
    let mut last_written = 0;
    let mut duplicates = 0u64;
    let started = Instant::now();
    for index in 0..arguments.writes as u64 {
        if Instant::now() >= deadline {
            break;
        }
        let article = generator::article(arguments.seed, index);
        let request = IngestArticleRequest {
            text: article.text,
            source: "bench".to_string(),
            language: "ar".to_string(),
            published_at: Some(pbjson_types::Timestamp {
                seconds: article.published_seconds,
                nanos: 0,
            }),
            ..Default::default()
        };
        let sent = Instant::now();
        match writer.ingest_article(request).await {
            Ok(response) => {
                writes.success(1, sent.elapsed());
                let answer = response.get_ref();
                // A duplicate makes no revision, so nothing to deliver.
                if answer.created || answer.updated {
                    sent_at.insert(answer.revision, sent);
                    last_written = last_written.max(answer.revision);
                } else {
                    duplicates += 1;
                }
            }
            Err(status) => writes.error(&code_name(&status)),
        }
    }
    let writing = started.elapsed();
    let _ = last_revision_sender.send(last_written);

    let mut deliveries = Recorder::new();
    let mut since_commit = Recorder::new();
    // Deliveries whose committed_at was missing or after their receipt.
    let mut without_commit_time = 0u64;
    for subscriber in subscribers {
        let received = subscriber
            .await
            .map_err(|error| format!("a subscriber failed: {error}"))?;
        for delivery in received {
            let Some(sent) = sent_at.get(&delivery.revision) else {
                continue;
            };
            deliveries.success(1, delivery.received.saturating_duration_since(*sent));
            match delivery.since_commit_nanos {
                Some(nanos) if nanos >= 0 => {
                    let nanos = u64::try_from(nanos).unwrap_or(u64::MAX);
                    since_commit.success(1, Duration::from_nanos(nanos));
                }
                _ => without_commit_time += 1,
            }
        }
    }
    let expected = (arguments.subscribers * sent_at.len()) as u64;
    let missing = expected.saturating_sub(deliveries.operations);
    let mut json = deliveries.to_json(started.elapsed());
    json["command"] = json!("subscribe");
    json["subscribers"] = json!(arguments.subscribers);
    json["writes"] = json!(writes.to_json(writing));
    json["deliveries"] = json!(deliveries.operations);
    json["expected_deliveries"] = json!(expected);
    json["missing_deliveries"] = json!(missing);
    json["duplicate_writes"] = json!(duplicates);
    json["send_to_delivery_ms"] = deliveries.percentiles_json();
    json["commit_to_delivery_ms"] = since_commit.percentiles_json();
    json["deliveries_without_commit_time"] = json!(without_commit_time);
    let mut text = format!(
        "subscribe ({} subscribers): {} of {expected} deliveries, {missing} missing, {duplicates} duplicate writes\n",
        arguments.subscribers, deliveries.operations
    );
    text.push_str(&writes.to_text("writes", writing));
    text.push_str(&deliveries.to_text("send to delivery", started.elapsed()));
    text.push_str(&since_commit.percentiles_text("commit to delivery"));
    if without_commit_time > 0 {
        text.push_str(&format!(
            "commit to delivery: {without_commit_time} deliveries left out (no committed_at, or a server clock ahead of this one)\n"
        ));
    }
    if let Some(memory) = &memory {
        let per_subscriber = memory.bytes_per_subscriber(arguments.subscribers);
        json["server_memory"] = json!({
            "pid": memory.pid,
            "rss_before_kib": memory.before_kib,
            "rss_idle_kib": memory.after_kib,
            "idle_settle_ms": arguments.idle_settle_ms,
            "bytes_per_idle_subscriber": per_subscriber,
        });
        text.push_str(&format!(
            "server memory (pid {}): VmRSS {} KiB before, {} KiB with {} idle subscribers = {:.0} bytes ({:.1} KiB) per subscriber\n",
            memory.pid,
            memory.before_kib,
            memory.after_kib,
            arguments.subscribers,
            per_subscriber,
            per_subscriber / 1024.0
        ));
    }
    arguments.common.print(&json, &text);
    if duplicates > 0 && sent_at.is_empty() {
        return Err(format!(
            "every write was a duplicate (the store already holds the articles of seed {}), so nothing was delivered; give another --seed",
            arguments.seed
        )
        .into());
    }
    Ok(exit_code(writes.error_count() + missing))
}
