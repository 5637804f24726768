//! The gRPC handlers of `khabar.v1.DocumentStore`. Each is thin: validate the
//! request, call the store (and the extraction engine for ingests), convert
//! the answer. Errors become `tonic::Status` only in `error.rs`.

mod backup;
mod error;
mod feed;
mod ingest;
mod subscribe;
mod validate;

pub use error::{ServiceError, ServiceResult};
pub use ingest::{OutputLimits, check_output_limits};

use crate::metrics::ServiceMetrics;
use crate::proto::v1::document_store_server::DocumentStore;
use crate::proto::v1::{
    Article, CompactChangeLogRequest, CompactChangeLogResponse, DeleteArticleRequest,
    DeleteArticleResponse, GetArticleRequest, GetMilestoneRequest, GetStatementRequest,
    IngestArticleRequest, IngestArticleResponse, IngestArticlesResponse, ListArticlesRequest,
    ListArticlesResponse, ListMilestonesRequest, ListMilestonesResponse, ListStatementsRequest,
    ListStatementsResponse, Milestone, ReextractArticlesRequest, ReextractArticlesResponse,
    Statement, SubscribeRequest, SubscribeResponse,
};
use crate::storage::{CompactTarget, DocumentStorage, Page};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Semaphore, watch};
use tokio_stream::wrappers::ReceiverStream;
use tonic::{Request, Response, Status, Streaming};

/// Limits and defaults of the service layer.
#[derive(Debug, Clone)]
pub struct ServiceConfig {
    pub max_article_bytes: usize,
    /// The largest request message the transport accepts (for messages).
    pub max_message_bytes: usize,
    pub output_limits: OutputLimits,
    pub default_heartbeat: Duration,
    /// What `CompactChangeLog` with no revision applies.
    pub retention: CompactTarget,
}

#[derive(Debug, Clone)]
pub struct DocumentStoreService {
    store: Arc<dyn DocumentStorage>,
    config: Arc<ServiceConfig>,
    extraction_slots: Arc<Semaphore>,
    /// Becomes `true` when the server starts shutting down; ends streams.
    shutdown: watch::Receiver<bool>,
    /// Extraction time and subscriber gauges.
    metrics: ServiceMetrics,
    /// Started by the first subscription (it needs the runtime).
    change_feed: Arc<std::sync::OnceLock<feed::ChangeFeed>>,
}

impl DocumentStoreService {
    pub fn new(
        store: Arc<dyn DocumentStorage>,
        config: ServiceConfig,
        shutdown: watch::Receiver<bool>,
    ) -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        DocumentStoreService {
            store,
            config: Arc::new(config),
            extraction_slots: Arc::new(Semaphore::new(cores)),
            shutdown,
            metrics: ServiceMetrics::default(),
            change_feed: Arc::default(),
        }
    }

    /// The live change feed shared by this service's subscriptions.
    fn change_feed(&self) -> &feed::ChangeFeed {
        self.change_feed
            .get_or_init(|| feed::ChangeFeed::start(self.store.clone(), self.shutdown.clone()))
    }

    /// Records into `metrics` (the server's registered handles) instead of
    /// handles nobody reads.
    pub fn with_metrics(mut self, metrics: ServiceMetrics) -> Self {
        self.metrics = metrics;
        self
    }

    async fn ingest_one(
        &self,
        request: IngestArticleRequest,
    ) -> ServiceResult<IngestArticleResponse> {
        if !request.request_id.is_empty()
            && let Some(answer) = self.store.replayed_answer(&request.request_id)?
        {
            return Ok(answer);
        }
        let prepared = self.prepare_ingest(request).await?;
        Ok(self.store.ingest(prepared).await?)
    }

    /// Runs a read on the blocking pool: list scans may touch many keys.
    async fn read<T: Send + 'static>(
        &self,
        read: impl FnOnce(&dyn DocumentStorage) -> ServiceResult<T> + Send + 'static,
    ) -> ServiceResult<T> {
        let store = self.store.clone();
        tokio::task::spawn_blocking(move || read(store.as_ref()))
            .await
            .map_err(|error| ServiceError::Internal(format!("read task failed: {error}")))?
    }
}

fn page_parts<T>(page: Page<T>) -> (Vec<T>, String, u64) {
    (page.items, page.next_page_token, page.revision)
}

#[tonic::async_trait]
impl DocumentStore for DocumentStoreService {
    async fn ingest_article(
        &self,
        request: Request<IngestArticleRequest>,
    ) -> Result<Response<IngestArticleResponse>, Status> {
        let answer = self.ingest_one(request.into_inner()).await?;
        Ok(Response::new(answer))
    }

    async fn ingest_articles(
        &self,
        request: Request<Streaming<IngestArticleRequest>>,
    ) -> Result<Response<IngestArticlesResponse>, Status> {
        Ok(Response::new(
            self.ingest_stream(request.into_inner()).await?,
        ))
    }

    async fn get_article(
        &self,
        request: Request<GetArticleRequest>,
    ) -> Result<Response<Article>, Status> {
        let id = request.into_inner().id;
        validate::id("article", &id)?;
        let article = self.read(move |store| Ok(store.get_article(&id)?)).await?;
        Ok(Response::new(article))
    }

    async fn list_articles(
        &self,
        request: Request<ListArticlesRequest>,
    ) -> Result<Response<ListArticlesResponse>, Status> {
        let request = request.into_inner();
        let page_size = validate::page_size(request.page_size)?;
        let filter = request.filter.unwrap_or_default();
        validate::article_filter("filter", &filter)?;
        let page = self
            .read(move |store| Ok(store.list_articles(&filter, page_size, &request.page_token)?))
            .await?;
        let (articles, next_page_token, revision) = page_parts(page);
        Ok(Response::new(ListArticlesResponse {
            articles,
            next_page_token,
            revision,
        }))
    }

    async fn delete_article(
        &self,
        request: Request<DeleteArticleRequest>,
    ) -> Result<Response<DeleteArticleResponse>, Status> {
        let id = request.into_inner().id;
        validate::id("article", &id)?;
        let answer = self
            .store
            .delete_article(&id)
            .await
            .map_err(ServiceError::from)?;
        Ok(Response::new(answer))
    }

    async fn get_statement(
        &self,
        request: Request<GetStatementRequest>,
    ) -> Result<Response<Statement>, Status> {
        let id = request.into_inner().id;
        validate::id("statement", &id)?;
        let statement = self
            .read(move |store| Ok(store.get_statement(&id)?))
            .await?;
        Ok(Response::new(statement))
    }

    async fn list_statements(
        &self,
        request: Request<ListStatementsRequest>,
    ) -> Result<Response<ListStatementsResponse>, Status> {
        let request = request.into_inner();
        let page_size = validate::page_size(request.page_size)?;
        let filter = request.filter.unwrap_or_default();
        validate::statement_filter("filter", &filter)?;
        let speaker_key = crate::extract::speaker_key(&filter.speaker);
        let page = self
            .read(move |store| {
                Ok(store.list_statements(&filter, &speaker_key, page_size, &request.page_token)?)
            })
            .await?;
        let (statements, next_page_token, revision) = page_parts(page);
        Ok(Response::new(ListStatementsResponse {
            statements,
            next_page_token,
            revision,
        }))
    }

    async fn get_milestone(
        &self,
        request: Request<GetMilestoneRequest>,
    ) -> Result<Response<Milestone>, Status> {
        let id = request.into_inner().id;
        validate::id("milestone", &id)?;
        let milestone = self
            .read(move |store| Ok(store.get_milestone(&id)?))
            .await?;
        Ok(Response::new(milestone))
    }

    async fn list_milestones(
        &self,
        request: Request<ListMilestonesRequest>,
    ) -> Result<Response<ListMilestonesResponse>, Status> {
        let request = request.into_inner();
        let page_size = validate::page_size(request.page_size)?;
        let filter = request.filter.unwrap_or_default();
        validate::milestone_filter("filter", &filter)?;
        let page = self
            .read(move |store| {
                Ok(store.list_milestones(&filter, page_size, &request.page_token)?)
            })
            .await?;
        let (milestones, next_page_token, revision) = page_parts(page);
        Ok(Response::new(ListMilestonesResponse {
            milestones,
            next_page_token,
            revision,
        }))
    }

    async fn reextract_articles(
        &self,
        request: Request<ReextractArticlesRequest>,
    ) -> Result<Response<ReextractArticlesResponse>, Status> {
        let request = request.into_inner();
        for id in &request.article_ids {
            validate::id("article", id)?;
        }
        let answer = crate::reextract::reextract(self.store.as_ref(), &request)
            .await
            .map_err(ServiceError::from)?;
        Ok(Response::new(answer))
    }

    async fn compact_change_log(
        &self,
        request: Request<CompactChangeLogRequest>,
    ) -> Result<Response<CompactChangeLogResponse>, Status> {
        let through = request.into_inner().through_revision;
        let target = if through == 0 {
            self.config.retention
        } else {
            CompactTarget::Through(through)
        };
        let compaction = self
            .store
            .compact(target)
            .await
            .map_err(ServiceError::from)?;
        Ok(Response::new(CompactChangeLogResponse {
            oldest_available_revision: compaction.oldest_available,
            removed_entries: compaction.removed_entries,
            rewritten: compaction.rewritten,
            revision: self.store.revision(),
        }))
    }

    type BackupStoreStream = ReceiverStream<Result<crate::proto::v1::BackupChunk, Status>>;

    async fn backup_store(
        &self,
        _request: Request<crate::proto::v1::BackupStoreRequest>,
    ) -> Result<Response<Self::BackupStoreStream>, Status> {
        let stream = backup::stream_backup(self.store.clone()).await?;
        Ok(Response::new(stream))
    }

    type SubscribeStream = ReceiverStream<Result<SubscribeResponse, Status>>;

    async fn subscribe(
        &self,
        request: Request<SubscribeRequest>,
    ) -> Result<Response<Self::SubscribeStream>, Status> {
        let stream = self.start_subscription(request.into_inner())?;
        Ok(Response::new(stream))
    }
}
