//! `khabar articles|statements|milestones`: list with filters (a page at a
//! time, or every page with `--all`; see `pages`), get by id, delete
//! articles.

use super::bounds::{self, CalendarValue, Period};
use super::output::{self, print_json};
use super::pages::{Listing, Rows, print_pages};
use super::{CliResult, ServerAddress, status_message};
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
    /// Only articles published in or after this period: YYYY, YYYY-MM,
    /// YYYY-MM-DD (UTC) or an RFC 3339 time.
    #[arg(long, value_name = "DATE", value_parser = bounds::parse_period)]
    published_from: Option<Period>,
    /// Only articles published up to the end of this period, which is
    /// included: 2021-12-12 takes in the whole of that day, 2021 the whole
    /// year (the same kind of bound as the milestone --to).
    #[arg(long, value_name = "DATE", value_parser = bounds::parse_period)]
    published_to: Option<Period>,
}

impl CommonFilter {
    fn published(&self) -> CliResult<Option<TimeRange>> {
        Ok(bounds::published_range(
            self.published_from.as_ref(),
            self.published_to.as_ref(),
        )?)
    }
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

// Parsed once per run; the size of a variant does not matter.
#[allow(clippy::large_enum_variant)]
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

// Parsed once per run; the size of a variant does not matter.
#[allow(clippy::large_enum_variant)]
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
        /// From the start of this calendar value (YYYY, YYYY-MM or
        /// YYYY-MM-DD), included.
        #[arg(long, value_name = "WHEN", value_parser = bounds::parse_calendar_value)]
        from: Option<CalendarValue>,
        /// Up to the end of this calendar value, included: --to 2021 takes
        /// in the whole year.
        #[arg(long, value_name = "WHEN", value_parser = bounds::parse_calendar_value)]
        to: Option<CalendarValue>,
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

/// Awaits a unary call and prints its answer as JSON.
async fn print_answer<T: serde::Serialize>(
    call: impl Future<Output = Result<tonic::Response<T>, tonic::Status>>,
) -> CliResult<ExitCode> {
    let answer = call.await.map_err(status_message)?.into_inner();
    print_json(&answer)?;
    Ok(ExitCode::SUCCESS)
}

pub async fn articles(command: ArticlesCommand) -> CliResult<ExitCode> {
    match command {
        ArticlesCommand::List { listing, filter } => {
            let filter = ArticleFilter {
                source: filter.source.clone().unwrap_or_default(),
                language: filter.language.clone().unwrap_or_default(),
                published: filter.published()?,
            };
            let client = listing.server.connect().await?;
            let rows = Rows {
                header: output::ARTICLE_HEADER,
                rows: output::article_rows,
            };
            print_pages(&listing, rows, |page_token, page_size| {
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
            .await
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
            let filter = StatementFilter {
                speaker: speaker.unwrap_or_default(),
                article_id: article.unwrap_or_default(),
                source: filter.source.clone().unwrap_or_default(),
                language: filter.language.clone().unwrap_or_default(),
                published: filter.published()?,
            };
            let client = listing.server.connect().await?;
            let rows = Rows {
                header: output::STATEMENT_HEADER,
                rows: output::statement_rows,
            };
            print_pages(&listing, rows, |page_token, page_size| {
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
            .await
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
            bounds::check_calendar_order(from.as_ref(), to.as_ref())?;
            let filter = MilestoneFilter {
                article_id: article.unwrap_or_default(),
                source: filter.source.clone().unwrap_or_default(),
                language: filter.language.clone().unwrap_or_default(),
                published: filter.published()?,
                when_from: from.map(|value| value.text).unwrap_or_default(),
                when_to: to.map(|value| value.text).unwrap_or_default(),
                relation: relation.map_or(0, |r| r as i32),
                status: status.map_or(0, |s| s as i32),
            };
            let client = listing.server.connect().await?;
            let rows = Rows {
                header: output::MILESTONE_HEADER,
                rows: output::milestone_rows,
            };
            print_pages(&listing, rows, |page_token, page_size| {
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
            .await
        }
        MilestonesCommand::Get { server, id } => {
            let mut client = server.connect().await?;
            print_answer(client.get_milestone(GetMilestoneRequest { id })).await
        }
    }
}
