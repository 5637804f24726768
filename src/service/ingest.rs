//! Turning an ingest request into a `PreparedIngest`: validate, run the
//! extraction engine on the blocking pool (bounded by a semaphore so a burst
//! of large articles cannot starve the runtime), and attach what only the
//! request knows. It must not write to the store.

use super::error::{ServiceError, ServiceResult};
use super::{DocumentStoreService, validate};
use crate::extract::{self, ExtractOptions};
use crate::proto::v1::{Extraction, IngestArticleRequest, PublishedAtSource};
use crate::store::PreparedIngest;

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
        let (mut extraction, text) = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            (extract::extract(&text, &options), text)
        })
        .await
        .map_err(|error| ServiceError::Internal(format!("extraction task failed: {error}")))?;

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
