//! `khabar bench subscribe`: K live subscribers starting now, then W
//! articles written one after the other; the delivery latency of a
//! (subscriber, revision) pair is the time from just before the write was
//! sent to the moment that subscriber received the revision's last change
//! message. It must not write anything but the W articles.

use super::report::{Recorder, code_name};
use super::{CommonArguments, at_least_one, exit_code, generator};
use crate::cli::CliResult;
use khabar::proto::v1::{
    IngestArticleRequest, StartPosition, SubscribeRequest, subscribe_response::Event,
};
use serde_json::json;
use std::collections::HashMap;
use std::process::ExitCode;
use std::time::{Duration, Instant};
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
}

/// How long subscribers wait for the last revision after the writes end.
const DRAIN_PATIENCE: Duration = Duration::from_secs(30);

pub async fn run(arguments: SubscribeBenchArguments) -> CliResult<ExitCode> {
    at_least_one("--subscribers", arguments.subscribers)?;
    at_least_one("--writes", arguments.writes)?;
    at_least_one("--connections", arguments.connections)?;
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
            let mut received: Vec<(u64, Instant)> = Vec::new();
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
                        let seen = received.last().is_some_and(|(revision, _)| *revision >= last);
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
                            received.push((changes.revision, Instant::now()));
                        }
                    }
                    Ok(None) | Err(_) => break,
                }
                let last = *last_revision.borrow();
                if received
                    .last()
                    .is_some_and(|(revision, _)| *revision >= last)
                {
                    break;
                }
            }
            received
        }));
    }

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
    for subscriber in subscribers {
        let received = subscriber
            .await
            .map_err(|error| format!("a subscriber failed: {error}"))?;
        for (revision, at) in received {
            if let Some(sent) = sent_at.get(&revision) {
                deliveries.success(1, at.saturating_duration_since(*sent));
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
    let mut text = format!(
        "subscribe ({} subscribers): {} of {expected} deliveries, {missing} missing, {duplicates} duplicate writes\n",
        arguments.subscribers, deliveries.operations
    );
    text.push_str(&writes.to_text("writes", writing));
    text.push_str(&deliveries.to_text("delivery", started.elapsed()));
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
