//! `khabar bench restart`: how long `khabar serve` takes to be ready on an
//! existing data directory. Each run starts the server on a free loopback
//! port, asks gRPC health until it answers SERVING, then reads the newest
//! article (a one-item ListArticles, then GetArticle by its id), and stops
//! the server with SIGTERM. Times run from the process start. It must not
//! open the data directory itself: only the server it starts does, and only
//! one server at a time.

use super::report::Recorder;
use crate::cli::CliResult;
use khabar::proto::v1::document_store_client::DocumentStoreClient;
use khabar::proto::v1::{GetArticleRequest, ListArticlesRequest};
use serde_json::json;
use std::collections::VecDeque;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tonic::transport::Channel;
use tonic_health::pb::HealthCheckRequest;
use tonic_health::pb::health_check_response::ServingStatus;
use tonic_health::pb::health_client::HealthClient;

#[derive(Debug, clap::Args)]
pub struct RestartBenchArguments {
    /// Data directory of an existing store (stop its server first).
    #[arg(long)]
    pub data_dir: PathBuf,
    /// Restarts to measure.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=100))]
    pub runs: u32,
    /// Give up on a run that is not ready after this many seconds.
    #[arg(long, default_value_t = 120)]
    pub timeout_secs: u64,
    /// The khabar binary to start [default: this one].
    #[arg(long)]
    pub binary: Option<PathBuf>,
    /// An extra argument for `khabar serve` (repeat for several).
    #[arg(long, allow_hyphen_values = true)]
    pub serve_arg: Vec<String>,
    /// Print one JSON object with the numbers instead of lines of text.
    #[arg(long)]
    pub json: bool,
}

/// Pause between two attempts to reach a server that is not up yet.
const RETRY_PAUSE: Duration = Duration::from_millis(5);
/// Stderr lines of the server kept to explain a failed run.
const KEPT_LOG_LINES: usize = 20;

/// Times of one run, from the process start.
struct RunTimes {
    serving: Duration,
    first_get_article: Duration,
    stopped_in: Duration,
}

pub async fn run(arguments: RestartBenchArguments) -> CliResult<ExitCode> {
    if !arguments.data_dir.is_dir() {
        return Err(format!(
            "{} is not a directory; give the data directory of an existing store",
            arguments.data_dir.display()
        )
        .into());
    }
    let binary = match &arguments.binary {
        Some(binary) => binary.clone(),
        None => std::env::current_exe()
            .map_err(|error| format!("cannot find this program to start it: {error}"))?,
    };
    let mut serving = Recorder::new();
    let mut first_get_article = Recorder::new();
    let mut runs_json = Vec::new();
    let mut text = String::new();
    for number in 1..=arguments.runs {
        let times = one_run(&arguments, &binary).await?;
        serving.success(1, times.serving);
        first_get_article.success(1, times.first_get_article);
        runs_json.push(json!({
            "serving_ms": millis(times.serving),
            "first_get_article_ms": millis(times.first_get_article),
            "stopped_in_ms": millis(times.stopped_in),
        }));
        text.push_str(&format!(
            "run {number}: SERVING after {:.1} ms, first GetArticle after {:.1} ms, stopped in {:.1} ms\n",
            millis(times.serving),
            millis(times.first_get_article),
            millis(times.stopped_in)
        ));
    }
    text.push_str(&serving.percentiles_text("restart to SERVING"));
    text.push_str(&first_get_article.percentiles_text("restart to first GetArticle"));
    let json = json!({
        "command": "restart",
        "data_dir": arguments.data_dir.display().to_string(),
        "runs": runs_json,
        "serving_ms": serving.percentiles_json(),
        "first_get_article_ms": first_get_article.percentiles_json(),
    });
    if arguments.json {
        println!("{json}");
    } else {
        print!("{text}");
    }
    Ok(ExitCode::SUCCESS)
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// A free port on loopback, as the system hands one out.
fn free_loopback_port() -> CliResult<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")
        .map_err(|error| format!("cannot find a free loopback port: {error}"))?;
    Ok(listener
        .local_addr()
        .map_err(|error| format!("cannot find a free loopback port: {error}"))?
        .port())
}

/// A started server, stopped (and killed if it will not stop) on drop.
struct Server {
    child: Child,
    log: Arc<Mutex<VecDeque<String>>>,
}

impl Server {
    fn start(arguments: &RestartBenchArguments, binary: &PathBuf, port: u16) -> CliResult<Server> {
        let mut child = Command::new(binary)
            .arg("serve")
            .arg("--data-dir")
            .arg(&arguments.data_dir)
            .arg("--listen")
            .arg(format!("127.0.0.1:{port}"))
            .args(&arguments.serve_arg)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|error| format!("cannot start {}: {error}", binary.display()))?;
        let log = Arc::new(Mutex::new(VecDeque::new()));
        if let Some(stderr) = child.stderr.take() {
            let log = Arc::clone(&log);
            // Drains the server's log so that it never blocks on a full pipe.
            std::thread::spawn(move || {
                for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                    if let Ok(mut kept) = log.lock() {
                        if kept.len() == KEPT_LOG_LINES {
                            kept.pop_front();
                        }
                        kept.push_back(line);
                    }
                }
            });
        }
        Ok(Server { child, log })
    }

    /// An error saying the server exited, with the end of its log.
    fn exited_error(&mut self) -> Option<String> {
        let status = self.child.try_wait().ok()??;
        // Let the log thread read the last lines.
        std::thread::sleep(Duration::from_millis(50));
        let log = self
            .log
            .lock()
            .map(|kept| kept.iter().cloned().collect::<Vec<_>>().join("\n"))
            .unwrap_or_default();
        Some(format!(
            "the server exited ({status}) before it was ready:\n{log}"
        ))
    }

    /// SIGTERM, then a bounded wait for the exit; SIGKILL after that.
    async fn stop(mut self, patience: Duration) -> CliResult<Duration> {
        let started = Instant::now();
        let pid = self.child.id().to_string();
        let sent = Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .map_err(|error| format!("cannot run kill to stop the server: {error}"))?;
        if !sent.success() {
            return Err(format!("kill -TERM {pid} failed ({sent})").into());
        }
        while started.elapsed() < patience {
            if self.child.try_wait().ok().flatten().is_some() {
                return Ok(started.elapsed());
            }
            tokio::time::sleep(RETRY_PAUSE).await;
        }
        Err(format!("the server did not stop within {patience:?} of SIGTERM").into())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

async fn one_run(arguments: &RestartBenchArguments, binary: &PathBuf) -> CliResult<RunTimes> {
    let port = free_loopback_port()?;
    let address = format!("http://127.0.0.1:{port}");
    let patience = Duration::from_secs(arguments.timeout_secs);
    let started = Instant::now();
    let mut server = Server::start(arguments, binary, port)?;
    let deadline = started + patience;
    let channel = loop {
        if let Some(error) = server.exited_error() {
            return Err(error.into());
        }
        if Instant::now() >= deadline {
            return Err(format!("the server did not answer SERVING within {patience:?}").into());
        }
        if let Some(channel) = serving_channel(&address, deadline).await {
            break channel;
        }
        tokio::time::sleep(RETRY_PAUSE).await;
    };
    let serving = started.elapsed();
    let mut client = DocumentStoreClient::new(channel);
    let newest = client
        .list_articles(ListArticlesRequest {
            page_size: 1,
            ..Default::default()
        })
        .await
        .map_err(crate::cli::status_message)?
        .into_inner()
        .articles;
    let Some(article) = newest.into_iter().next() else {
        return Err(format!(
            "{} holds no articles; fill it first (khabar bench fill)",
            arguments.data_dir.display()
        )
        .into());
    };
    client
        .get_article(GetArticleRequest { id: article.id })
        .await
        .map_err(crate::cli::status_message)?;
    let first_get_article = started.elapsed();
    let stopped_in = server.stop(patience).await?;
    Ok(RunTimes {
        serving,
        first_get_article,
        stopped_in,
    })
}

/// A channel to `address` once its health answers SERVING; None while it
/// cannot be reached or is not serving yet.
async fn serving_channel(address: &str, deadline: Instant) -> Option<Channel> {
    let attempt = async {
        let channel = tonic::transport::Endpoint::from_shared(address.to_string())
            .ok()?
            .connect()
            .await
            .ok()?;
        let answer = HealthClient::new(channel.clone())
            .check(HealthCheckRequest {
                service: String::new(),
            })
            .await
            .ok()?;
        (answer.into_inner().status() == ServingStatus::Serving).then_some(channel)
    };
    tokio::time::timeout_at(deadline.into(), attempt)
        .await
        .ok()
        .flatten()
}
