//! Subcommands of the `khabar` binary and what they share: the connection
//! to a server, date parsing, and the error type they report.

pub mod backup;
pub mod bench;
pub mod bounds;
pub mod check;
pub mod compact;
pub mod connect;
pub mod extract;
pub mod health;
pub mod ingest;
pub mod manifest;
pub mod output;
pub mod pages;
pub mod query;
pub mod reextract;
pub mod serve;
pub mod watch;

pub use connect::Client;
use std::path::PathBuf;

pub type CliResult<T> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// Where a client subcommand finds the server.
#[derive(Debug, Clone, clap::Args)]
pub struct ServerAddress {
    /// Address of a running khabar server: host:port, http://host:port or
    /// https://host:port (TLS).
    #[arg(long, env = "KHABAR_SERVER", default_value = "127.0.0.1:50051")]
    pub server: String,
    /// Bearer token for a server that requires one.
    #[arg(long, env = "KHABAR_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// File whose first line (comments aside) is the bearer token.
    #[arg(long, env = "KHABAR_TOKEN_FILE", conflicts_with = "token")]
    pub token_file: Option<PathBuf>,
    /// PEM certificate of the CA that signed the server's certificate; implies
    /// TLS [default: the system's trusted roots for https://].
    #[arg(long, env = "KHABAR_CA_CERT")]
    pub ca_cert: Option<PathBuf>,
}

impl ServerAddress {
    pub async fn connect(&self) -> CliResult<Client> {
        let token =
            connect::BearerToken::from_options(self.token.as_deref(), self.token_file.as_deref())?;
        connect::connect(&self.server, self.ca_cert.as_deref(), token).await
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

/// A gRPC error as a message for a person, with the API's field names
/// replaced by the flags that set them (see `output::in_flag_vocabulary`).
pub fn status_message(status: tonic::Status) -> String {
    let hint = match status.code() {
        tonic::Code::Unauthenticated => {
            " (give the token with --token, KHABAR_TOKEN or --token-file)"
        }
        _ => "",
    };
    format!(
        "{:?}: {}{hint}",
        status.code(),
        output::in_flag_vocabulary(status.message())
    )
}
