//! List queries: pick the most selective index for a filter, scan one page of
//! it, and check every remaining condition on the loaded record.
//!
//! Filters arrive as the generated protobuf messages. Every condition is
//! checked on the record even when the index already implies it, so a
//! listing is correct whichever index serves it. Nothing here writes.

use super::Store;
use super::error::{StoreError, StoreResult};
use super::keys;
use super::pages::{self, IndexRange, Page};
use super::records;
use crate::filter::{self, WhenBounds};
use crate::proto::v1::{
    Article, ArticleFilter, Milestone, MilestoneFilter, Relation, Statement, StatementFilter,
    TimeRange,
};
use prost::Message;
use std::collections::HashMap;

const KIND_ARTICLES: u8 = 1;
const KIND_STATEMENTS: u8 = 2;
const KIND_MILESTONES: u8 = 3;

/// Seconds bounds of a time range as sortable key suffixes.
fn time_bounds(range: Option<&TimeRange>) -> (Option<Vec<u8>>, Option<Vec<u8>>) {
    let bound =
        |t: Option<&pbjson_types::Timestamp>| t.map(|t| keys::sortable_seconds(t.seconds).to_vec());
    match range {
        Some(range) => (bound(range.start.as_ref()), bound(range.end.as_ref())),
        None => (None, None),
    }
}

impl Store {
    fn finish_page<T>(
        &self,
        items: Vec<T>,
        resume: Option<Vec<u8>>,
        print: [u8; 8],
        revision: u64,
    ) -> Page<T> {
        Page {
            items,
            next_page_token: resume
                .map_or_else(String::new, |key| pages::encode_token(print, &key)),
            revision,
        }
    }

    pub fn list_articles(
        &self,
        filter: &ArticleFilter,
        page_size: usize,
        page_token: &str,
    ) -> StoreResult<Page<Article>> {
        let db = self.db();
        let revision = self.revision();
        let (from, to) = time_bounds(filter.published.as_ref());
        let prefix = if !filter.source.is_empty() {
            keys::prefix_with(keys::ARTICLES_BY_SOURCE, &filter.source)
        } else if !filter.language.is_empty() {
            keys::prefix_with(keys::ARTICLES_BY_LANGUAGE, &filter.language)
        } else {
            keys::ARTICLES_BY_PUBLISHED.to_vec()
        };
        let range = IndexRange {
            prefix,
            from,
            to,
            newest_first: true,
        };
        let print = pages::fingerprint(KIND_ARTICLES, &filter.encode_to_vec());
        let resume = pages::decode_token(page_token, print, &range)?;
        let (items, resume) = pages::scan(&db, &range, resume, page_size, |key, id| {
            Ok(listed_record::<Article>(&db, keys::ARTICLE, key, id)?
                .filter(|article| filter::article_matches(filter, article)))
        })?;
        Ok(self.finish_page(items, resume, print, revision))
    }

    pub fn list_statements(
        &self,
        filter: &StatementFilter,
        speaker_key: &str,
        page_size: usize,
        page_token: &str,
    ) -> StoreResult<Page<Statement>> {
        let db = self.db();
        let revision = self.revision();
        let (mut from, mut to) = time_bounds(filter.published.as_ref());
        let prefix = if !filter.article_id.is_empty() {
            (from, to) = (None, None);
            keys::prefix_with(keys::STATEMENTS_BY_ARTICLE, &filter.article_id)
        } else if !speaker_key.is_empty() {
            keys::prefix_with(keys::STATEMENTS_BY_SPEAKER, speaker_key)
        } else if !filter.source.is_empty() {
            keys::prefix_with(keys::STATEMENTS_BY_SOURCE, &filter.source)
        } else if !filter.language.is_empty() {
            keys::prefix_with(keys::STATEMENTS_BY_LANGUAGE, &filter.language)
        } else {
            keys::STATEMENTS_BY_PUBLISHED.to_vec()
        };
        let range = IndexRange {
            prefix,
            from,
            to,
            newest_first: false,
        };
        let mut fingerprint_input = filter.encode_to_vec();
        fingerprint_input.extend_from_slice(speaker_key.as_bytes());
        let print = pages::fingerprint(KIND_STATEMENTS, &fingerprint_input);
        let resume = pages::decode_token(page_token, print, &range)?;
        let mut articles = ArticleCache::new(
            &db,
            article_conditions(&filter.source, &filter.language, filter.published.as_ref()),
        );
        let (items, resume) = pages::scan(&db, &range, resume, page_size, |key, id| {
            let Some(statement) = listed_record::<Statement>(&db, keys::STATEMENT, key, id)? else {
                return Ok(None);
            };
            let keep = articles.matches(&statement.article_id, |article| {
                filter::statement_matches(filter, speaker_key, &statement, article)
            })?;
            Ok(keep.then_some(statement))
        })?;
        Ok(self.finish_page(items, resume, print, revision))
    }

    pub fn list_milestones(
        &self,
        filter: &MilestoneFilter,
        page_size: usize,
        page_token: &str,
    ) -> StoreResult<Page<Milestone>> {
        let db = self.db();
        let revision = self.revision();
        let bounds = WhenBounds::parse(filter).map_err(StoreError::InvalidFilter)?;
        let prefix = if !filter.article_id.is_empty() {
            keys::prefix_with(keys::MILESTONES_BY_ARTICLE, &filter.article_id)
        } else if filter.relation != Relation::Unspecified as i32 {
            [keys::MILESTONES_BY_RELATION, &filter.relation.to_be_bytes()].concat()
        } else if filter.status != 0 {
            [keys::MILESTONES_BY_STATUS, &filter.status.to_be_bytes()].concat()
        } else if !filter.source.is_empty() {
            keys::prefix_with(keys::MILESTONES_BY_SOURCE, &filter.source)
        } else if !filter.language.is_empty() {
            keys::prefix_with(keys::MILESTONES_BY_LANGUAGE, &filter.language)
        } else {
            keys::MILESTONES_BY_WHEN.to_vec()
        };
        let range = IndexRange {
            prefix,
            from: bounds.from.map(|bound| bound.first_key().to_vec()),
            to: bounds.to.map(|bound| bound.end_key().to_vec()),
            newest_first: false,
        };
        let print = pages::fingerprint(KIND_MILESTONES, &filter.encode_to_vec());
        let resume = pages::decode_token(page_token, print, &range)?;
        let mut articles = ArticleCache::new(
            &db,
            article_conditions(&filter.source, &filter.language, filter.published.as_ref()),
        );
        let (items, resume) = pages::scan(&db, &range, resume, page_size, |key, id| {
            let Some(milestone) = listed_record::<Milestone>(&db, keys::MILESTONE, key, id)? else {
                return Ok(None);
            };
            let keep = articles.matches(&milestone.article_id, |article| {
                filter::milestone_matches(filter, &bounds, &milestone, article)
            })?;
            Ok(keep.then_some(milestone))
        })?;
        Ok(self.finish_page(items, resume, print, revision))
    }
}

/// The record an index entry names. The writer adds and removes a record
/// and its index entries in one batch, so a record missing while its index
/// entry is still there (checked again after the miss, since a concurrent
/// delete removes both between two reads) means damaged files: an error,
/// never a row silently left out of a listing.
fn listed_record<T: prost::Message + Default>(
    db: &sled::Db,
    family: &[u8],
    index_key: &[u8],
    id: &str,
) -> StoreResult<Option<T>> {
    if let Some(record) = records::load::<T>(db, family, id)? {
        return Ok(Some(record));
    }
    if db.get(index_key)?.is_some() && records::load::<T>(db, family, id)?.is_none() {
        return Err(StoreError::corrupt(
            index_key,
            format!("the index entry names {id}, whose record is missing"),
        ));
    }
    Ok(None)
}

/// Whether a filter has conditions on the article of a statement or
/// milestone (source, language, publication time).
fn article_conditions(source: &str, language: &str, published: Option<&TimeRange>) -> bool {
    !source.is_empty() || !language.is_empty() || published.is_some()
}

/// Articles loaded while serving one page, so each is read once; none at
/// all when the filter has no condition on the article. A statement or
/// milestone never outlives its article (the writer removes them in one
/// batch), so the article need not be read just to see that it exists.
struct ArticleCache<'a> {
    db: &'a sled::Db,
    needed: bool,
    loaded: HashMap<String, Option<Article>>,
    /// Stands for the article when its fields are not needed.
    unread: Article,
}

impl<'a> ArticleCache<'a> {
    fn new(db: &'a sled::Db, needed: bool) -> Self {
        ArticleCache {
            db,
            needed,
            loaded: HashMap::new(),
            unread: Article::default(),
        }
    }

    /// `test` on the article `id` (on an empty article when the filter has
    /// no article conditions); `false` when a needed article is missing.
    fn matches(&mut self, id: &str, test: impl FnOnce(&Article) -> bool) -> StoreResult<bool> {
        if !self.needed {
            return Ok(test(&self.unread));
        }
        if !self.loaded.contains_key(id) {
            let article = records::load::<Article>(self.db, keys::ARTICLE, id)?;
            self.loaded.insert(id.to_string(), article);
        }
        Ok(self
            .loaded
            .get(id)
            .and_then(Option::as_ref)
            .is_some_and(test))
    }
}
