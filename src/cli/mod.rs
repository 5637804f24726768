//! Subcommands of the `khabar` binary and what they share: the connection
//! to a server, date parsing, and the error type they report.

pub mod backup;
pub mod check;
pub mod extract;
pub mod health;
pub mod ingest;
pub mod output;
pub mod query;
pub mod reextract;
pub mod serve;
pub mod watch;

use khabar::proto::v1::document_store_client::DocumentStoreClient;
use tonic::transport::Channel;

pub type CliResult<T> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// Where a client subcommand finds the server.
#[derive(Debug, Clone, clap::Args)]
pub struct ServerAddress {
    /// Address of a running khabar server.
    #[arg(long, env = "KHABAR_SERVER", default_value = "http://127.0.0.1:50051")]
    pub server: String,
}

impl ServerAddress {
    pub async fn connect(&self) -> CliResult<DocumentStoreClient<Channel>> {
        let client = DocumentStoreClient::connect(self.server.clone())
            .await
            .map_err(|error| format!("cannot reach {}: {error}", self.server))?;
        Ok(client.max_decoding_message_size(64 * 1024 * 1024))
    }
}

/// Parses "YYYY-MM-DD" (midnight UTC) or an RFC 3339 instant.
pub fn parse_instant(text: &str) -> Result<pbjson_types::Timestamp, String> {
    let instant = text
        .parse::<jiff::Timestamp>()
        .or_else(|_| {
            text.parse::<jiff::civil::Date>()
                .and_then(|date| date.to_zoned(jiff::tz::TimeZone::UTC))
                .map(|zoned| zoned.timestamp())
        })
        .map_err(|_| format!("{text:?} is not a date (YYYY-MM-DD) or an RFC 3339 time"))?;
    Ok(pbjson_types::Timestamp {
        seconds: instant.as_second(),
        nanos: instant.subsec_nanosecond(),
    })
}

/// A gRPC error as a message for a person.
pub fn status_message(status: tonic::Status) -> String {
    format!("{:?}: {}", status.code(), status.message())
}
