//! `DocumentStorage` for the embedded sled store (`crate::store::Store`):
//! each method hands over to the store's own method of the same name. It
//! must not add behaviour of its own; what the store does is decided in
//! `crate::store`.

use super::{BackupReader, DocumentStorage};
use crate::proto::v1::{
    Article, ArticleFilter, ChangeSet, DeleteArticleResponse, Extraction, IngestArticleResponse,
    Milestone, MilestoneFilter, Statement, StatementFilter,
};
use crate::store::{
    BackupFile, BackupSummary, CommitMetrics, CompactTarget, Compaction, Page, PreparedIngest,
    Store, StoreResult,
};
use tokio::sync::watch;

#[async_trait::async_trait]
impl DocumentStorage for Store {
    async fn ingest(&self, ingest: PreparedIngest) -> StoreResult<IngestArticleResponse> {
        Store::ingest(self, ingest).await
    }

    fn replayed_answer(&self, request_id: &str) -> StoreResult<Option<IngestArticleResponse>> {
        Store::replayed_answer(self, request_id)
    }

    async fn delete_article(&self, article_id: &str) -> StoreResult<DeleteArticleResponse> {
        Store::delete_article(self, article_id).await
    }

    async fn replace_extraction(&self, extraction: Extraction) -> StoreResult<Option<u64>> {
        Store::replace_extraction(self, extraction).await
    }

    fn get_article(&self, id: &str) -> StoreResult<Article> {
        Store::get_article(self, id)
    }

    fn get_statement(&self, id: &str) -> StoreResult<Statement> {
        Store::get_statement(self, id)
    }

    fn get_milestone(&self, id: &str) -> StoreResult<Milestone> {
        Store::get_milestone(self, id)
    }

    fn list_articles(
        &self,
        filter: &ArticleFilter,
        page_size: usize,
        page_token: &str,
    ) -> StoreResult<Page<Article>> {
        Store::list_articles(self, filter, page_size, page_token)
    }

    fn list_statements(
        &self,
        filter: &StatementFilter,
        speaker_key: &str,
        page_size: usize,
        page_token: &str,
    ) -> StoreResult<Page<Statement>> {
        Store::list_statements(self, filter, speaker_key, page_size, page_token)
    }

    fn list_milestones(
        &self,
        filter: &MilestoneFilter,
        page_size: usize,
        page_token: &str,
    ) -> StoreResult<Page<Milestone>> {
        Store::list_milestones(self, filter, page_size, page_token)
    }

    fn raw_text(&self, article_id: &str) -> StoreResult<Option<String>> {
        Store::raw_text(self, article_id)
    }

    fn article_ids(&self) -> StoreResult<Vec<String>> {
        Store::article_ids(self)
    }

    fn read_changes(
        &self,
        after: u64,
        limit: usize,
        max_bytes: usize,
    ) -> StoreResult<Vec<ChangeSet>> {
        Store::read_changes(self, after, limit, max_bytes)
    }

    fn revision(&self) -> u64 {
        Store::revision(self)
    }

    fn watch_revision(&self) -> watch::Receiver<u64> {
        Store::watch_revision(self)
    }

    fn oldest_available_revision(&self) -> StoreResult<u64> {
        Store::oldest_available_revision(self)
    }

    fn watch_writable(&self) -> watch::Receiver<bool> {
        Store::watch_writable(self)
    }

    async fn compact(&self, target: CompactTarget) -> StoreResult<Compaction> {
        Store::compact(self, target).await
    }

    async fn backup(&self) -> StoreResult<Box<dyn BackupReader>> {
        Ok(Box::new(Store::backup(self).await?))
    }

    fn size_on_disk(&self) -> StoreResult<u64> {
        Store::size_on_disk(self)
    }

    fn commit_metrics(&self) -> CommitMetrics {
        Store::commit_metrics(self)
    }

    async fn shutdown(&self) -> StoreResult<()> {
        Store::shutdown(self).await
    }
}

/// The backup file the writer wrote in the data directory; removed when
/// dropped (see `crate::store::BackupFile`).
impl BackupReader for BackupFile {
    fn summary(&self) -> BackupSummary {
        self.summary
    }

    fn next_chunk(&mut self) -> StoreResult<Option<Vec<u8>>> {
        BackupFile::next_chunk(self)
    }
}
