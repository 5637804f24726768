//! Turning an ingest request into a `PreparedIngest`: validate, run the
//! extraction engine on the blocking pool (bounded by a semaphore so a burst
//! of large articles cannot starve the runtime), check the extraction
//! against the per-article output limits, and attach what only the request
//! knows; and the bulk ingest stream built on it. It must not write to the
//! store itself: the store's writer does.

use super::error::{ServiceError, ServiceResult};
use super::{DocumentStoreService, validate};
use crate::extract::{self, ExtractOptions};
use crate::proto::v1::{
    Extraction, IngestArticleRequest, IngestArticleResponse, IngestArticlesResponse, IngestResult,
    PublishedAtSource,
};
use crate::storage::PreparedIngest;
use prost::Message;
use tokio::sync::mpsc;
use tokio_stream::StreamExt;
use tonic::Streaming;

fn timestamp(value: jiff::Timestamp) -> pbjson_types::Timestamp {
    pbjson_types::Timestamp {
        seconds: value.as_second(),
        nanos: value.subsec_nanosecond(),
    }
}

fn stamp_related(extraction: &mut Extraction, ingested_at: &pbjson_types::Timestamp) {
    for related in &mut extraction.related {
        if let Some(article) = related.article.as_mut() {
            article.ingested_at = Some(*ingested_at);
        }
        stamp_related(related, ingested_at);
    }
}

/// How much one article may produce: a bound on what one write, one answer
/// and one revision can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutputLimits {
    pub max_statements: usize,
    pub max_milestones: usize,
    /// The encoded size of the whole extraction (article with its body,
    /// statements, milestones, related articles).
    pub max_extraction_bytes: usize,
}

fn count_outputs(extraction: &Extraction) -> (usize, usize) {
    extraction.related.iter().map(count_outputs).fold(
        (extraction.statements.len(), extraction.milestones.len()),
        |(statements, milestones), (more_statements, more_milestones)| {
            (statements + more_statements, milestones + more_milestones)
        },
    )
}

/// Rejects an extraction over the limits before anything is written.
pub fn check_output_limits(extraction: &Extraction, limits: &OutputLimits) -> ServiceResult<()> {
    let (statements, milestones) = count_outputs(extraction);
    if statements > limits.max_statements {
        return Err(ServiceError::invalid(format!(
            "the article yields {statements} statements, over the limit of {} per article (max_statements_per_article); split the text or raise the server's limit",
            limits.max_statements
        )));
    }
    if milestones > limits.max_milestones {
        return Err(ServiceError::invalid(format!(
            "the article yields {milestones} milestones, over the limit of {} per article (max_milestones_per_article); split the text or raise the server's limit",
            limits.max_milestones
        )));
    }
    let bytes = extraction.encoded_len();
    if bytes > limits.max_extraction_bytes {
        return Err(ServiceError::invalid(format!(
            "the article's extraction is {bytes} bytes encoded, over the limit of {} bytes (max_extraction_bytes); split the text or raise the server's limit",
            limits.max_extraction_bytes
        )));
    }
    Ok(())
}

impl DocumentStoreService {
    pub(super) async fn prepare_ingest(
        &self,
        request: IngestArticleRequest,
    ) -> ServiceResult<PreparedIngest> {
        let now = jiff::Timestamp::now();
        let published_at = validate::ingest_request(&request, self.config.max_article_bytes, now)?;
        let options = ExtractOptions {
            published_on: published_at.map(|t| t.to_zoned(jiff::tz::TimeZone::UTC).date()),
            fallback_date: now.to_zoned(jiff::tz::TimeZone::UTC).date(),
        };
        let permit = self
            .extraction_slots
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| ServiceError::Unavailable("the server is shutting down".into()))?;
        let IngestArticleRequest {
            text,
            url,
            source,
            language,
            labels,
            request_id,
            ..
        } = request;
        let metrics = self.metrics.clone();
        let (mut extraction, text) = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let started = std::time::Instant::now();
            let extraction = extract::extract(&text, &options);
            metrics.record_extraction(started.elapsed());
            (extraction, text)
        })
        .await
        .map_err(|error| ServiceError::Internal(format!("extraction task failed: {error}")))?;
        check_output_limits(&extraction, &self.config.output_limits)?;

        let ingested_at = timestamp(now);
        stamp_related(&mut extraction, &ingested_at);
        let article = extraction.article.get_or_insert_with(Default::default);
        article.url = url;
        article.labels = labels;
        article.ingested_at = Some(ingested_at);
        if !source.is_empty() {
            article.source = source;
        }
        if !language.is_empty() {
            article.language = language;
        }
        if let Some(published_at) = published_at {
            // The engine works in whole days; keep the caller's exact instant.
            article.published_at = Some(timestamp(published_at));
            article.published_at_source = PublishedAtSource::Provided as i32;
        } else if article.published_at_source == PublishedAtSource::IngestTime as i32 {
            article.published_at = Some(ingested_at);
        }
        Ok(PreparedIngest {
            extraction,
            raw_text: text,
            request_id,
        })
    }
}

/// Metadata room for the partial results of a broken ingest stream: the
/// whole trailer must stay well under the 8–16 KiB that clients accept.
const PARTIAL_RESULTS_BYTES: usize = 4 * 1024;

/// Adds one outcome to a bulk ingest's response.
fn record_outcome(
    response: &mut IngestArticlesResponse,
    index: u32,
    outcome: ServiceResult<IngestArticleResponse>,
) {
    let mut result = IngestResult {
        index,
        ..IngestResult::default()
    };
    match outcome {
        Ok(answer) => {
            result.article_id = answer.article.map(|a| a.id).unwrap_or_default();
            result.created = answer.created;
            result.updated = answer.updated;
            result.revision = answer.revision;
            response.revision = response.revision.max(answer.revision);
            if answer.created {
                response.created += 1;
            } else {
                response.duplicates += 1;
            }
            if answer.updated {
                response.updated += 1;
            }
        }
        Err(error) => {
            let status = tonic::Status::from(error);
            result.error_code = format!("{:?}", status.code());
            result.error_message = status.message().to_string();
            response.failed += 1;
        }
    }
    response.results.push(result);
}

/// Keeps the latest results that fit the metadata budget.
fn trim_partial_results(response: &mut IngestArticlesResponse) {
    let mut kept_bytes = 0;
    let mut keep_from = response.results.len();
    for (position, result) in response.results.iter().enumerate().rev() {
        kept_bytes += result.encoded_len() + 4;
        if kept_bytes > PARTIAL_RESULTS_BYTES {
            break;
        }
        keep_from = position;
    }
    response.results.drain(..keep_from);
}

impl DocumentStoreService {
    /// The bulk ingest behind `IngestArticles`. Extraction of several
    /// articles overlaps and the writer commits them in groups; results keep
    /// the order the requests came in. A message that cannot be read ends
    /// the call after everything before it is processed (see the proto).
    pub(super) async fn ingest_stream(
        &self,
        mut requests: Streaming<IngestArticleRequest>,
    ) -> ServiceResult<IngestArticlesResponse> {
        let window = self.extraction_slots.available_permits().max(1) * 2;
        let (results_sender, mut results) = mpsc::channel(window);
        let service = self.clone();
        let feeder = tokio::spawn(async move {
            let mut index = 0u32;
            while let Some(request) = requests.next().await {
                let request = match request {
                    Ok(request) => request,
                    // The stream cannot be read past a bad message: stop
                    // here, whatever the stream would yield next.
                    Err(status) => return Some((index, status)),
                };
                let service = service.clone();
                let task = tokio::spawn(async move { service.ingest_one(request).await });
                if results_sender.send((index, task)).await.is_err() {
                    return None;
                }
                index = index.saturating_add(1);
            }
            None
        });
        let mut response = IngestArticlesResponse::default();
        while let Some((index, task)) = results.recv().await {
            let outcome = task
                .await
                .map_err(|error| ServiceError::Internal(format!("ingest task failed: {error}")))?;
            record_outcome(&mut response, index, outcome);
        }
        let broken = feeder.await.map_err(|error| {
            ServiceError::Internal(format!("ingest stream task failed: {error}"))
        })?;
        response.revision = response.revision.max(self.store.revision());
        match broken {
            None => Ok(response),
            Some((index, cause)) => {
                tracing::warn!(index, code = ?cause.code(), "ingest stream ended by a bad message");
                trim_partial_results(&mut response);
                Err(ServiceError::BrokenStream {
                    index,
                    cause,
                    processed: Box::new(response),
                    max_message_bytes: self.config.max_message_bytes,
                })
            }
        }
    }
}
