//! MCP tool calls over stdio, the way an agent makes them: one JSON-RPC
//! line to `roadboard mcp`, one line back. `cargo bench --bench mcp`.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use serde_json::{Value, json};

#[path = "support/generated.rs"]
mod generated;

use generated::{SIZES, generated};

fn main() {
    divan::main();
}

/// A server on a copy of the generated roadmap (ships change it).
struct Server {
    _dir: tempfile::TempDir,
    child: Child,
    stdin: ChildStdin,
    lines: BufReader<ChildStdout>,
    next_id: u64,
}

impl Server {
    fn start(features: usize) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("roadmap.db");
        std::fs::copy(generated(features), &db).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_roadboard"))
            .args(["--db", db.to_str().unwrap(), "--today", "2026-11-23", "mcp"])
            .env("ROADBOARD_CONFIG", dir.path().join("none.toml"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let lines = BufReader::new(child.stdout.take().unwrap());
        let mut server = Server {
            _dir: dir,
            child,
            stdin,
            lines,
            next_id: 0,
        };
        server.request(
            "initialize",
            json!({
                "protocolVersion": "2025-06-18",
                "capabilities": {},
                "clientInfo": { "name": "bench", "version": "1" }
            }),
        );
        writeln!(
            server.stdin,
            "{}",
            json!({ "jsonrpc": "2.0", "method": "notifications/initialized" })
        )
        .unwrap();
        server
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let message =
            json!({ "jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params });
        writeln!(self.stdin, "{message}").unwrap();
        self.stdin.flush().unwrap();
        let mut line = String::new();
        self.lines.read_line(&mut line).unwrap();
        serde_json::from_str(&line).unwrap()
    }

    fn call(&mut self, tool: &str, arguments: Value) -> Value {
        let reply = self.request(
            "tools/call",
            json!({ "name": tool, "arguments": arguments }),
        );
        assert_eq!(reply["result"]["isError"], false, "{reply}");
        reply
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[divan::bench(args = SIZES, sample_count = 50)]
fn status(bencher: divan::Bencher, features: usize) {
    let mut server = Server::start(features);
    bencher.bench_local(|| server.call("status", json!({})));
}

/// One round trip each: start a planned feature, then ship it (a new
/// feature every iteration; generated keys not divisible by 3 are planned).
#[divan::bench(args = SIZES, sample_count = 50)]
fn start_then_ship(bencher: divan::Bencher, features: usize) {
    let mut server = Server::start(features);
    let mut planned = (1..).filter(|n| n % 3 != 0 && n % 5 != 0 && n < &(features / 2));
    bencher.bench_local(|| {
        let key = format!("F{}", planned.next().unwrap());
        server.call("start", json!({ "key": key, "override_reason": "bench" }));
        server.call("ship", json!({ "key": key }));
    });
}
