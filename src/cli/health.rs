//! `khabar health`: asks a running server's gRPC health service and exits
//! 0 when SERVING (the store can write), 1 otherwise — usable as a probe.

use super::{CliResult, ServerAddress, status_message};
use std::process::ExitCode;
use tonic_health::pb::HealthCheckRequest;
use tonic_health::pb::health_client::HealthClient;

#[derive(Debug, clap::Args)]
pub struct HealthArguments {
    #[command(flatten)]
    server: ServerAddress,
    /// The service to ask about; empty means the server as a whole.
    #[arg(long, default_value = "")]
    service: String,
}

pub async fn run(arguments: HealthArguments) -> CliResult<ExitCode> {
    let address = arguments.server.server;
    let channel = tonic::transport::Endpoint::from_shared(address.clone())
        .map_err(|error| format!("{address:?} is not a server address: {error}"))?
        .connect()
        .await
        .map_err(|error| format!("cannot reach {address}: {error}"))?;
    let answer = HealthClient::new(channel)
        .check(HealthCheckRequest {
            service: arguments.service,
        })
        .await
        .map_err(status_message)?
        .into_inner();
    let status = answer.status();
    println!("{}", status.as_str_name());
    Ok(
        if status == tonic_health::pb::health_check_response::ServingStatus::Serving {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        },
    )
}
