//! Running the `khabar` binary from the CLI tests: a command with a clean
//! environment (no KHABAR_SERVER or NO_COLOR inherited from the machine),
//! stdin closed, stdout and stderr captured through pipes (so never a
//! terminal), and every wait bounded in time.

#![allow(dead_code)]

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;
use tokio::process::{Child, Command};

/// Generous: debug builds on a shared, busy machine.
pub const PATIENCE: Duration = Duration::from_secs(180);

pub struct Finished {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub raw: Vec<u8>,
}

impl Finished {
    pub fn succeeded(&self) -> bool {
        self.code == Some(0)
    }

    /// Stdout, then stderr, for assertion messages.
    pub fn both(&self) -> String {
        format!("stdout:\n{}\nstderr:\n{}", self.stdout, self.stderr)
    }
}

/// `khabar ARGS…` in `directory`, talking to `server` when given.
pub fn khabar(directory: &Path, server: Option<std::net::SocketAddr>, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_khabar"));
    command
        .args(args)
        .current_dir(directory)
        .env_remove("KHABAR_SERVER")
        .env_remove("NO_COLOR")
        .env_remove("RUST_LOG")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    if let Some(address) = server {
        command.env("KHABAR_SERVER", format!("http://{address}"));
    }
    command
}

pub async fn finish(child: Child) -> Finished {
    let output = tokio::time::timeout(PATIENCE, child.wait_with_output())
        .await
        .expect("khabar finished in time")
        .expect("khabar ran");
    let mut raw = output.stdout.clone();
    raw.extend_from_slice(&output.stderr);
    Finished {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        raw,
    }
}

pub async fn run(mut command: Command) -> Finished {
    finish(command.spawn().expect("start khabar")).await
}

/// Sends a signal to a child by its process id with the system's `kill`.
pub fn signal(child: &Child, name: &str) {
    let pid = child.id().expect("the child is still running");
    let status = std::process::Command::new("kill")
        .arg(format!("-{name}"))
        .arg(pid.to_string())
        .status()
        .expect("run kill");
    assert!(status.success(), "kill -{name} {pid}");
}

/// The first column of each table row after the header.
pub fn first_column(table: &str) -> Vec<String> {
    table
        .lines()
        .skip(1)
        .filter_map(|line| line.split_whitespace().next())
        .map(str::to_string)
        .collect()
}
