//! Subscriptions: a task per subscriber that reads the durable change log
//! from its cursor, filters each change set, and pushes it into a small
//! bounded channel. When the subscriber is slow, the push waits and the task
//! simply reads further back in the log later, so the server never buffers
//! without bound and never drops a change. When the log is exhausted it
//! waits for the next durable revision (the live feed), sending heartbeats
//! while idle. It must not write to the store.

use super::error::{ServiceError, ServiceResult};
use super::{DocumentStoreService, validate};
use crate::extract::speaker_key;
use crate::filter::{self, WhenBounds};
use crate::metrics::SubscriberGuard;
use crate::proto::v1::{
    Article, ArticleFilter, Change, ChangeSet, Heartbeat, MilestoneFilter, ResourceKind,
    StartPosition, StatementFilter, SubscribeRequest, SubscribeResponse, change,
    subscribe_response,
};
use crate::storage::DocumentStorage;
use prost::Message;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{broadcast, mpsc, watch};
use tokio::time::Instant;
use tokio_stream::wrappers::ReceiverStream;
use tonic::Status;
use tracing::Instrument;

/// Change sets read from the log per step, and their encoded size.
const LOG_CHUNK: usize = 128;
const LOG_CHUNK_BYTES: usize = 4 * 1024 * 1024;
/// A change set larger than this goes out as several messages of the same
/// revision, so every revision can be delivered whatever its size.
pub const CHANGE_MESSAGE_BYTES: usize = 1024 * 1024;
/// Messages buffered per subscriber before the reader waits.
const STREAM_BUFFER: usize = 16;

/// What one subscriber asked for, validated.
struct Subscription {
    kinds: Vec<ResourceKind>,
    articles: Option<ArticleFilter>,
    statements: Option<(StatementFilter, String)>,
    milestones: Option<(MilestoneFilter, WhenBounds)>,
    heartbeat: Duration,
}

impl Subscription {
    fn wants(&self, kind: ResourceKind) -> bool {
        self.kinds.is_empty() || self.kinds.contains(&kind)
    }

    fn keeps(
        &self,
        change: &Change,
        articles: &HashMap<&str, &Article>,
        store: &dyn DocumentStorage,
    ) -> bool {
        // Articles of the same change set are borrowed; others are loaded.
        let article_of = |id: &str| -> Option<Cow<'_, Article>> {
            match articles.get(id) {
                Some(article) => Some(Cow::Borrowed(*article)),
                None => store.get_article(id).ok().map(Cow::Owned),
            }
        };
        match &change.resource {
            Some(change::Resource::Article(article)) => {
                self.wants(ResourceKind::Article)
                    && self
                        .articles
                        .as_ref()
                        .is_none_or(|f| filter::article_matches(f, article))
            }
            Some(change::Resource::Statement(statement)) => {
                self.wants(ResourceKind::Statement)
                    && self.statements.as_ref().is_none_or(|(f, key)| {
                        article_of(&statement.article_id)
                            .is_some_and(|a| filter::statement_matches(f, key, statement, &a))
                    })
            }
            Some(change::Resource::Milestone(milestone)) => {
                self.wants(ResourceKind::Milestone)
                    && self.milestones.as_ref().is_none_or(|(f, bounds)| {
                        article_of(&milestone.article_id)
                            .is_some_and(|a| filter::milestone_matches(f, bounds, milestone, &a))
                    })
            }
            None => false,
        }
    }

    /// The part of a change set this subscriber wants, or `None`.
    fn select(&self, change_set: ChangeSet, store: &dyn DocumentStorage) -> Option<ChangeSet> {
        let kept: Vec<bool> = {
            let articles: HashMap<&str, &Article> = change_set
                .changes
                .iter()
                .filter_map(|c| match &c.resource {
                    Some(change::Resource::Article(a)) => Some((a.id.as_str(), a)),
                    _ => None,
                })
                .collect();
            change_set
                .changes
                .iter()
                .map(|c| self.keeps(c, &articles, store))
                .collect()
        };
        let ChangeSet {
            revision,
            committed_at,
            changes,
            ..
        } = change_set;
        let changes: Vec<Change> = changes
            .into_iter()
            .zip(kept)
            .filter_map(|(c, keep)| keep.then_some(c))
            .collect();
        (!changes.is_empty()).then_some(ChangeSet {
            revision,
            committed_at,
            changes,
            continued: false,
        })
    }
}

/// Splits a change set into messages of at most `budget` encoded bytes
/// (a single larger change gets a message of its own). Every message but
/// the last is marked `continued`.
pub fn split_change_set(change_set: ChangeSet, budget: usize) -> Vec<ChangeSet> {
    if change_set.encoded_len() <= budget {
        return vec![change_set];
    }
    let ChangeSet {
        revision,
        committed_at,
        changes,
        ..
    } = change_set;
    let mut messages = Vec::new();
    let mut current = Vec::new();
    let mut current_bytes = 0;
    for change in changes {
        let bytes = change.encoded_len() + 8;
        if !current.is_empty() && current_bytes + bytes > budget {
            messages.push(std::mem::take(&mut current));
            current_bytes = 0;
        }
        current_bytes += bytes;
        current.push(change);
    }
    messages.push(current);
    let last = messages.len() - 1;
    messages
        .into_iter()
        .enumerate()
        .map(|(position, changes)| ChangeSet {
            revision,
            committed_at,
            changes,
            continued: position < last,
        })
        .collect()
}

fn now() -> pbjson_types::Timestamp {
    let now = jiff::Timestamp::now();
    pbjson_types::Timestamp {
        seconds: now.as_second(),
        nanos: now.subsec_nanosecond(),
    }
}

impl DocumentStoreService {
    pub(super) fn start_subscription(
        &self,
        request: SubscribeRequest,
    ) -> ServiceResult<ReceiverStream<Result<SubscribeResponse, Status>>> {
        let mut kinds = Vec::new();
        for kind in &request.kinds {
            match ResourceKind::try_from(*kind) {
                Ok(ResourceKind::Unspecified) | Err(_) => {
                    return Err(ServiceError::invalid(format!(
                        "kinds contains {kind}, which is not ARTICLE, STATEMENT or MILESTONE"
                    )));
                }
                Ok(kind) => kinds.push(kind),
            }
        }
        if let Some(filter) = &request.articles {
            validate::article_filter("articles", filter)?;
        }
        if let Some(filter) = &request.statements {
            validate::statement_filter("statements", filter)?;
        }
        let milestones = match request.milestones {
            Some(filter) => {
                let bounds = validate::milestone_filter("milestones", &filter)?;
                Some((filter, bounds))
            }
            None => None,
        };
        let subscription = Subscription {
            kinds,
            articles: request.articles,
            statements: request.statements.map(|f| {
                let key = speaker_key(&f.speaker);
                (f, key)
            }),
            milestones,
            heartbeat: validate::heartbeat(
                request.heartbeat_interval.as_ref(),
                self.config.default_heartbeat,
            )?,
        };
        let current = self.store.revision();
        let cursor = match StartPosition::try_from(request.start) {
            Ok(StartPosition::Unspecified | StartPosition::Now) => current,
            Ok(StartPosition::Beginning) => 0,
            Ok(StartPosition::AfterRevision) if request.after_revision <= current => {
                request.after_revision
            }
            Ok(StartPosition::AfterRevision) => {
                return Err(ServiceError::OutOfRange(format!(
                    "after_revision {} is beyond the store's current revision {current}; resume from a revision this store returned",
                    request.after_revision
                )));
            }
            Err(_) => {
                return Err(ServiceError::invalid(format!(
                    "start {} is not a known start position",
                    request.start
                )));
            }
        };
        let oldest_available = self.store.oldest_available_revision()?;
        if cursor + 1 < oldest_available {
            return Err(crate::storage::StoreError::Compacted {
                requested: cursor,
                oldest_available,
            }
            .into());
        }
        let (sender, receiver) = mpsc::channel(STREAM_BUFFER);
        let live = self.change_feed().subscribe();
        let store = self.store.clone();
        let shutdown = self.shutdown.clone();
        let gauge = self.metrics.subscriber();
        let task = async move {
            let outcome = follow(
                store,
                subscription,
                cursor,
                sender.clone(),
                shutdown,
                gauge,
                live,
            )
            .await;
            if let Err(status) = outcome {
                let _ = sender.send(Err(status)).await;
            }
        };
        // The task keeps the request's span, so its logs name the call.
        tokio::spawn(task.in_current_span());
        Ok(ReceiverStream::new(receiver))
    }
}

/// Streams change sets after `cursor` until the client goes away or the
/// server shuts down: from the log until caught up, then from the live
/// feed (`live`, subscribed before the first log read so nothing falls
/// between), back to the log whenever the feed skips or drops a revision.
async fn follow(
    store: Arc<dyn DocumentStorage>,
    subscription: Subscription,
    mut cursor: u64,
    sender: mpsc::Sender<Result<SubscribeResponse, Status>>,
    mut shutdown: watch::Receiver<bool>,
    mut gauge: SubscriberGuard,
    live: broadcast::Receiver<Arc<ChangeSet>>,
) -> Result<(), Status> {
    let subscription = Arc::new(subscription);
    let mut revisions = store.watch_revision();
    let mut live = Some(live);
    let mut next_heartbeat = Instant::now() + subscription.heartbeat;
    let mut catch_up = true;
    tracing::debug!(cursor, "subscription started");
    loop {
        while catch_up {
            let (reader, selector, after) = (store.clone(), subscription.clone(), cursor);
            let chunk = tokio::task::spawn_blocking(move || {
                reader
                    .read_changes(after, LOG_CHUNK, LOG_CHUNK_BYTES)
                    .map(|sets| {
                        sets.into_iter()
                            .map(|set| (set.revision, selector.select(set, reader.as_ref())))
                            .collect::<Vec<_>>()
                    })
            })
            .await
            .map_err(|error| Status::internal(format!("subscription task failed: {error}")))?
            .map_err(|error| Status::from(ServiceError::from(error)))?;
            if chunk.is_empty() {
                gauge.set_lagging(false);
                catch_up = false;
                break;
            }
            // Behind if the durable log already goes past this chunk.
            let read_up_to = chunk.last().map_or(cursor, |(revision, _)| *revision);
            gauge.set_lagging(read_up_to < store.revision());
            for (revision, selected) in chunk {
                cursor = revision;
                let Some(change_set) = selected else { continue };
                if !deliver(&sender, change_set).await {
                    return Ok(());
                }
                next_heartbeat = Instant::now() + subscription.heartbeat;
            }
        }
        // Caught up: wait for the live feed, a heartbeat, or the end.
        tokio::select! {
            message = next_live(&mut live) => match message {
                Ok(change_set) if change_set.revision <= cursor => {}
                Ok(change_set) if change_set.revision == cursor + 1 => {
                    cursor = change_set.revision;
                    // Filters read at most a few articles not in the set.
                    let selected = subscription.select((*change_set).clone(), store.as_ref());
                    if let Some(change_set) = selected {
                        if !deliver(&sender, change_set).await {
                            return Ok(());
                        }
                        next_heartbeat = Instant::now() + subscription.heartbeat;
                    }
                }
                // A revision skipped or dropped: the log has it.
                Ok(_) | Err(broadcast::error::RecvError::Lagged(_)) => catch_up = true,
                Err(broadcast::error::RecvError::Closed) => {
                    live = None;
                    catch_up = true;
                }
            },
            changed = revisions.changed(), if live.is_none() => {
                if changed.is_err() {
                    return Err(Status::unavailable("the store closed"));
                }
                catch_up = true;
            }
            () = tokio::time::sleep_until(next_heartbeat) => {
                let message = SubscribeResponse {
                    event: Some(subscribe_response::Event::Heartbeat(Heartbeat {
                        revision: cursor,
                        sent_at: Some(now()),
                    })),
                };
                if sender.send(Ok(message)).await.is_err() {
                    return Ok(());
                }
                next_heartbeat = Instant::now() + subscription.heartbeat;
            }
            changed = shutdown.changed() => {
                if changed.is_ok() && !*shutdown.borrow() {
                    continue;
                }
                return Err(Status::unavailable(format!(
                    "the server is shutting down; resubscribe with start AFTER_REVISION and after_revision {cursor}"
                )));
            }
            () = sender.closed() => return Ok(()),
        }
    }
}

/// The next change set of the live feed; never ready without one.
async fn next_live(
    live: &mut Option<broadcast::Receiver<Arc<ChangeSet>>>,
) -> Result<Arc<ChangeSet>, broadcast::error::RecvError> {
    match live {
        Some(receiver) => receiver.recv().await,
        None => std::future::pending().await,
    }
}

/// Sends a change set to the client, split into messages that fit.
/// Returns `false` when the client has gone away.
async fn deliver(
    sender: &mpsc::Sender<Result<SubscribeResponse, Status>>,
    change_set: ChangeSet,
) -> bool {
    for part in split_change_set(change_set, CHANGE_MESSAGE_BYTES) {
        let message = SubscribeResponse {
            event: Some(subscribe_response::Event::Changes(part)),
        };
        if sender.send(Ok(message)).await.is_err() {
            return false;
        }
    }
    true
}
