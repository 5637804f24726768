//! `khabar articles|statements|milestones`: list with filters (following
//! page tokens up to `--limit`), get by id, delete articles.

use super::output::{self, print_json, print_table};
use super::{CliResult, ServerAddress, parse_instant, status_message};
use khabar::proto::v1::{
    ArticleFilter, DeleteArticleRequest, GetArticleRequest, GetMilestoneRequest,
    GetStatementRequest, ListArticlesRequest, ListMilestonesRequest, ListStatementsRequest,
    MilestoneFilter, MilestoneStatus, Relation, StatementFilter, TimeRange,
};
use std::future::Future;
use std::process::ExitCode;

/// Filters shared by every listing.
#[derive(Debug, Clone, clap::Args)]
pub struct CommonFilter {
    /// Only this outlet.
    #[arg(long)]
    source: Option<String>,
    /// Only this language tag.
    #[arg(long)]
    language: Option<String>,
    /// Only articles published at or after this date.
    #[arg(long, value_parser = parse_instant)]
    published_from: Option<pbjson_types::Timestamp>,
    /// Only articles published before this date.
    #[arg(long, value_parser = parse_instant)]
    published_to: Option<pbjson_types::Timestamp>,
}

impl CommonFilter {
    fn published(&self) -> Option<TimeRange> {
        (self.published_from.is_some() || self.published_to.is_some()).then_some(TimeRange {
            start: self.published_from,
            end: self.published_to,
        })
    }
}

#[derive(Debug, Clone, clap::Args)]
pub struct Listing {
    #[command(flatten)]
    server: ServerAddress,
    /// Print JSON lines instead of a table.
    #[arg(long)]
    json: bool,
    /// Stop after this many items (0 for all).
    #[arg(long, default_value_t = 50)]
    limit: usize,
}

#[derive(Debug, clap::Subcommand)]
pub enum ArticlesCommand {
    /// List articles, newest first.
    List {
        #[command(flatten)]
        listing: Listing,
        #[command(flatten)]
        filter: CommonFilter,
    },
    /// Show one article.
    Get {
        #[command(flatten)]
        server: ServerAddress,
        id: String,
    },
    /// Delete an article and everything extracted from it.
    Delete {
        #[command(flatten)]
        server: ServerAddress,
        id: String,
    },
}

#[derive(Debug, clap::Subcommand)]
pub enum StatementsCommand {
    /// List statements in publication order.
    List {
        #[command(flatten)]
        listing: Listing,
        #[command(flatten)]
        filter: CommonFilter,
        /// Only this speaker (name or key).
        #[arg(long)]
        speaker: Option<String>,
        /// Only statements of this article.
        #[arg(long)]
        article: Option<String>,
    },
    /// Show one statement as JSON.
    Get {
        #[command(flatten)]
        server: ServerAddress,
        id: String,
    },
}

#[derive(Debug, clap::Subcommand)]
pub enum MilestonesCommand {
    /// List milestones in calendar order: a timeline.
    List {
        #[command(flatten)]
        listing: Listing,
        #[command(flatten)]
        filter: CommonFilter,
        /// Only milestones of this article.
        #[arg(long)]
        article: Option<String>,
        /// From this calendar value (YYYY, YYYY-MM or YYYY-MM-DD).
        #[arg(long)]
        from: Option<String>,
        /// Up to and including this calendar value.
        #[arg(long)]
        to: Option<String>,
        /// ON, BY, BEFORE, AFTER, SINCE or UNTIL.
        #[arg(long, value_parser = parse_relation)]
        relation: Option<Relation>,
        /// HAPPENED or DUE.
        #[arg(long, value_parser = parse_status)]
        status: Option<MilestoneStatus>,
    },
    /// Show one milestone as JSON.
    Get {
        #[command(flatten)]
        server: ServerAddress,
        id: String,
    },
}

fn parse_relation(text: &str) -> Result<Relation, String> {
    Relation::from_str_name(&format!("RELATION_{}", text.to_uppercase()))
        .ok_or_else(|| format!("{text:?} is not ON, BY, BEFORE, AFTER, SINCE or UNTIL"))
}

fn parse_status(text: &str) -> Result<MilestoneStatus, String> {
    MilestoneStatus::from_str_name(&format!("MILESTONE_STATUS_{}", text.to_uppercase()))
        .ok_or_else(|| format!("{text:?} is not HAPPENED or DUE"))
}

/// Follows page tokens until `limit` items (0: all) or the end.
async fn collect_pages<T, F, Fut>(limit: usize, mut fetch: F) -> CliResult<Vec<T>>
where
    F: FnMut(String, i32) -> Fut,
    Fut: Future<Output = Result<(Vec<T>, String), tonic::Status>>,
{
    let mut items = Vec::new();
    let mut token = String::new();
    loop {
        let wanted = if limit == 0 {
            1000
        } else {
            (limit - items.len()).min(1000)
        };
        let (page, next) = fetch(token, wanted as i32).await.map_err(status_message)?;
        items.extend(page);
        if next.is_empty() || (limit != 0 && items.len() >= limit) {
            break;
        }
        token = next;
    }
    if limit != 0 {
        items.truncate(limit);
    }
    Ok(items)
}

/// Awaits a unary call and prints its answer as JSON.
async fn print_answer<T: serde::Serialize>(
    call: impl Future<Output = Result<tonic::Response<T>, tonic::Status>>,
) -> CliResult<ExitCode> {
    let answer = call.await.map_err(status_message)?.into_inner();
    print_json(&answer)?;
    Ok(ExitCode::SUCCESS)
}

fn print_items<T: serde::Serialize>(
    json: bool,
    items: &[T],
    header: &[&str],
    rows: fn(&[T]) -> Vec<Vec<String>>,
) -> CliResult<ExitCode> {
    if json {
        for item in items {
            print_json(item)?;
        }
    } else {
        print_table(header, &rows(items));
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn articles(command: ArticlesCommand) -> CliResult<ExitCode> {
    match command {
        ArticlesCommand::List { listing, filter } => {
            let client = listing.server.connect().await?;
            let filter = ArticleFilter {
                source: filter.source.clone().unwrap_or_default(),
                language: filter.language.clone().unwrap_or_default(),
                published: filter.published(),
            };
            let items = collect_pages(listing.limit, |page_token, page_size| {
                let request = ListArticlesRequest {
                    filter: Some(filter.clone()),
                    page_size,
                    page_token,
                };
                let mut client = client.clone();
                async move {
                    let page = client.list_articles(request).await?.into_inner();
                    Ok((page.articles, page.next_page_token))
                }
            })
            .await?;
            print_items(
                listing.json,
                &items,
                output::ARTICLE_HEADER,
                output::article_rows,
            )
        }
        ArticlesCommand::Get { server, id } => {
            let mut client = server.connect().await?;
            print_answer(client.get_article(GetArticleRequest { id })).await
        }
        ArticlesCommand::Delete { server, id } => {
            let mut client = server.connect().await?;
            let deleted = client
                .delete_article(DeleteArticleRequest { id })
                .await
                .map_err(status_message)?
                .into_inner();
            println!(
                "deleted {} article(s), {} statement(s), {} milestone(s) at revision {}",
                deleted.deleted_article_ids.len(),
                deleted.deleted_statements,
                deleted.deleted_milestones,
                deleted.revision
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

pub async fn statements(command: StatementsCommand) -> CliResult<ExitCode> {
    match command {
        StatementsCommand::List {
            listing,
            filter,
            speaker,
            article,
        } => {
            let client = listing.server.connect().await?;
            let filter = StatementFilter {
                speaker: speaker.unwrap_or_default(),
                article_id: article.unwrap_or_default(),
                source: filter.source.clone().unwrap_or_default(),
                language: filter.language.clone().unwrap_or_default(),
                published: filter.published(),
            };
            let items = collect_pages(listing.limit, |page_token, page_size| {
                let request = ListStatementsRequest {
                    filter: Some(filter.clone()),
                    page_size,
                    page_token,
                };
                let mut client = client.clone();
                async move {
                    let page = client.list_statements(request).await?.into_inner();
                    Ok((page.statements, page.next_page_token))
                }
            })
            .await?;
            print_items(
                listing.json,
                &items,
                output::STATEMENT_HEADER,
                output::statement_rows,
            )
        }
        StatementsCommand::Get { server, id } => {
            let mut client = server.connect().await?;
            print_answer(client.get_statement(GetStatementRequest { id })).await
        }
    }
}

pub async fn milestones(command: MilestonesCommand) -> CliResult<ExitCode> {
    match command {
        MilestonesCommand::List {
            listing,
            filter,
            article,
            from,
            to,
            relation,
            status,
        } => {
            let client = listing.server.connect().await?;
            let filter = MilestoneFilter {
                article_id: article.unwrap_or_default(),
                source: filter.source.clone().unwrap_or_default(),
                language: filter.language.clone().unwrap_or_default(),
                published: filter.published(),
                when_from: from.unwrap_or_default(),
                when_to: to.unwrap_or_default(),
                relation: relation.map_or(0, |r| r as i32),
                status: status.map_or(0, |s| s as i32),
            };
            let items = collect_pages(listing.limit, |page_token, page_size| {
                let request = ListMilestonesRequest {
                    filter: Some(filter.clone()),
                    page_size,
                    page_token,
                };
                let mut client = client.clone();
                async move {
                    let page = client.list_milestones(request).await?.into_inner();
                    Ok((page.milestones, page.next_page_token))
                }
            })
            .await?;
            print_items(
                listing.json,
                &items,
                output::MILESTONE_HEADER,
                output::milestone_rows,
            )
        }
        MilestonesCommand::Get { server, id } => {
            let mut client = server.connect().await?;
            print_answer(client.get_milestone(GetMilestoneRequest { id })).await
        }
    }
}
