//! `khabar watch`: subscribes to changes and prints each event as a JSON
//! line; `--after REVISION` resumes where an earlier watch stopped.

use super::output::print_json;
use super::{CliResult, ServerAddress, status_message};
use khabar::proto::v1::{ResourceKind, StartPosition, SubscribeRequest};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct WatchArguments {
    #[command(flatten)]
    server: ServerAddress,
    /// Resource kinds to receive (article, statement, milestone); all when
    /// not given.
    #[arg(long = "kind", value_parser = parse_kind)]
    kinds: Vec<ResourceKind>,
    /// Start from the first change the store recorded.
    #[arg(long, conflicts_with = "after")]
    from_beginning: bool,
    /// Resume after this revision (the last one printed).
    #[arg(long)]
    after: Option<u64>,
    /// Heartbeat period when idle, in seconds.
    #[arg(long)]
    heartbeat_secs: Option<u64>,
    /// Print heartbeats too.
    #[arg(long)]
    heartbeats: bool,
}

fn parse_kind(text: &str) -> Result<ResourceKind, String> {
    ResourceKind::from_str_name(&format!("RESOURCE_KIND_{}", text.to_uppercase()))
        .filter(|kind| *kind != ResourceKind::Unspecified)
        .ok_or_else(|| format!("{text:?} is not article, statement or milestone"))
}

pub async fn run(arguments: WatchArguments) -> CliResult<ExitCode> {
    let mut client = arguments.server.connect().await?;
    let (start, after_revision) = match (arguments.from_beginning, arguments.after) {
        (true, _) => (StartPosition::Beginning, 0),
        (false, Some(revision)) => (StartPosition::AfterRevision, revision),
        (false, None) => (StartPosition::Now, 0),
    };
    let request = SubscribeRequest {
        kinds: arguments.kinds.iter().map(|kind| *kind as i32).collect(),
        start: start as i32,
        after_revision,
        heartbeat_interval: arguments
            .heartbeat_secs
            .map(|seconds| pbjson_types::Duration {
                seconds: i64::try_from(seconds).unwrap_or(i64::MAX),
                nanos: 0,
            }),
        ..Default::default()
    };
    let mut stream = client
        .subscribe(request)
        .await
        .map_err(status_message)?
        .into_inner();
    while let Some(message) = stream.message().await.map_err(status_message)? {
        let is_heartbeat = matches!(
            message.event,
            Some(khabar::proto::v1::subscribe_response::Event::Heartbeat(_))
        );
        if !is_heartbeat || arguments.heartbeats {
            print_json(&message)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
