//! Re-extraction: runs the current extraction engine again over the text of
//! stored articles and hands each result to the store, which records what
//! changed as one revision per article (visible to subscribers like any
//! other change). Used by the `ReextractArticles` call and by
//! `khabar reextract` on a stopped server's data directory. It decides which
//! articles to process; it must not decide how a replacement is stored.

use crate::extract::{self, EXTRACTOR_VERSION, ExtractOptions};
use crate::proto::v1::{ReextractArticlesRequest, ReextractArticlesResponse};
use crate::storage::{DocumentStorage, StoreError, StoreResult};

/// Re-extracts the articles `request` names (all when it names none).
/// Articles split off another one are re-extracted with their host.
pub async fn reextract(
    store: &dyn DocumentStorage,
    request: &ReextractArticlesRequest,
) -> StoreResult<ReextractArticlesResponse> {
    let ids = if request.article_ids.is_empty() {
        store.article_ids()?
    } else {
        request.article_ids.clone()
    };
    let mut response = ReextractArticlesResponse {
        extractor_version: EXTRACTOR_VERSION.to_string(),
        ..ReextractArticlesResponse::default()
    };
    for id in ids {
        let mut article = store.get_article(&id)?;
        if !article.embedded_in.is_empty() {
            match store.get_article(&article.embedded_in) {
                Ok(host) => article = host,
                // The host was deleted on its own; nothing to extract from.
                Err(_) => continue,
            }
        }
        if !request.include_current && article.extractor_version == EXTRACTOR_VERSION {
            response.examined += 1;
            response.unchanged += 1;
            continue;
        }
        let Some(text) = store.raw_text(&article.id)? else {
            continue;
        };
        let published_on = article
            .published_at
            .and_then(|t| jiff::Timestamp::new(t.seconds, t.nanos).ok())
            .map(|t| t.to_zoned(jiff::tz::TimeZone::UTC).date());
        let fallback_date = published_on.unwrap_or_else(|| jiff::Zoned::now().date());
        let options = ExtractOptions {
            published_on,
            fallback_date,
        };
        let extraction = tokio::task::spawn_blocking(move || extract::extract(&text, &options))
            .await
            .map_err(|_| StoreError::ShuttingDown)?;
        response.examined += 1;
        match store.replace_extraction(extraction).await? {
            Some(revision) => {
                response.changed += 1;
                tracing::info!(article_id = %article.id, revision, "re-extracted");
            }
            None => response.unchanged += 1,
        }
    }
    response.revision = store.revision();
    Ok(response)
}
