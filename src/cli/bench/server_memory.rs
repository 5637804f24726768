//! The resident memory of a server process on this machine, read from
//! `/proc/PID/status` (Linux), for `khabar bench subscribe --server-pid`:
//! what the server holds per idle subscriber, measured from outside. It
//! must not signal or otherwise touch the process it reads.

use crate::cli::CliResult;

/// The `VmRSS` of process `pid`, in KiB.
pub fn resident_kib(pid: u32) -> CliResult<u64> {
    let path = format!("/proc/{pid}/status");
    let status = std::fs::read_to_string(&path).map_err(|error| {
        format!("cannot read {path} (--server-pid must be a live process on this machine): {error}")
    })?;
    parse_resident_kib(&status).ok_or_else(|| {
        format!("{path} has no VmRSS line in kB; is it a Linux process status?").into()
    })
}

/// The `VmRSS:   1234 kB` line of a process status, in KiB.
fn parse_resident_kib(status: &str) -> Option<u64> {
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    let mut words = line["VmRSS:".len()..].split_whitespace();
    let value = words.next()?.parse().ok()?;
    (words.next() == Some("kB")).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_resident_set_is_read_from_the_vmrss_line() {
        let status = "Name:\tkhabar\nVmPeak:\t  900 kB\nVmRSS:\t   52340 kB\nThreads:\t7\n";
        assert_eq!(parse_resident_kib(status), Some(52_340));
    }

    #[test]
    fn a_status_without_vmrss_in_kb_reads_as_nothing() {
        assert_eq!(parse_resident_kib("Name:\tkthreadd\n"), None);
        assert_eq!(parse_resident_kib("VmRSS:\t12 MB\n"), None);
    }

    #[test]
    fn this_process_has_a_resident_set() {
        let kib = resident_kib(std::process::id()).expect("our own status");
        assert!(kib > 0);
    }
}
