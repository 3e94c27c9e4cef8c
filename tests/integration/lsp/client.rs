//! The editor's side of a language server connection, for the tests of `lsp`: JSON-RPC with
//! `Content-Length` framing over the server's stdin and stdout, every wait with a timeout.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::support::BINARY;

/// Longer than any audit of these tiny workspaces takes, even in a loaded debug build.
const TIMEOUT: Duration = Duration::from_secs(60);

/// An editor's side of the connection.
pub struct Client {
    child: Child,
    pub stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    /// Notifications and requests from the server not looked at yet.
    pending: VecDeque<Value>,
    next_id: u64,
}

impl Client {
    fn start() -> Client {
        let mut child = Command::new(BINARY)
            .args(["status-audit", "lsp"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the binary starts");
        let stdout = child.stdout.take().expect("stdout is piped");
        let (sender, incoming) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        Client { stdin: child.stdin.take(), child, incoming, pending: VecDeque::new(), next_id: 1 }
    }

    /// Starts the server on `root` and goes through the handshake.
    pub fn initialized(root: &Path) -> Client {
        Client::initialized_with(root, json!({}))
    }

    /// Starts the server on `root` as a client of these capabilities.
    pub fn initialized_with(root: &Path, capabilities: Value) -> Client {
        let mut client = Client::start();
        let uri = uri(root);
        let response = client.request(
            "initialize",
            json!({ "processId": null, "rootUri": uri, "capabilities": capabilities,
                    "workspaceFolders": [{ "uri": uri, "name": "workspace" }] }),
        );
        assert_eq!(response["result"]["capabilities"]["textDocumentSync"]["change"], 1, "{response}");
        client.notify("initialized", json!({}));
        client
    }

    pub fn write_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin is open");
        stdin.write_all(bytes).and_then(|()| stdin.flush()).expect("the server reads");
    }

    pub fn send(&mut self, message: &Value) {
        let body = message.to_string();
        self.write_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and waits for its response; what comes before it is kept as pending.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = self.incoming.recv_timeout(left).unwrap_or_else(|_| panic!("no response to `{method}`"));
            if message["id"] == id && message.get("method").is_none() {
                return message;
            }
            self.pending.push_back(message);
        }
    }

    /// Everything the server sent until it answered a request sent now: the server handles
    /// messages in order, so what an earlier message made it publish is all in.
    pub fn settle(&mut self) -> Vec<Value> {
        let response = self.request("status-audit/unknown", json!({}));
        assert_eq!(response["error"]["code"], -32601, "an unknown method is MethodNotFound: {response}");
        self.pending.drain(..).collect()
    }

    /// The diagnostics published for `path` by now, in the last publication for it, if any.
    pub fn published(&mut self, path: &Path) -> Option<Vec<Value>> {
        let uri = uri(path);
        self.settle()
            .into_iter()
            .rev()
            .find(|message| message["method"] == "textDocument/publishDiagnostics" && message["params"]["uri"] == uri)
            .map(|message| message["params"]["diagnostics"].as_array().expect("an array").clone())
    }

    pub fn open(&mut self, path: &Path, text: &str) {
        let document = json!({ "uri": uri(path), "languageId": "rust", "version": 1, "text": text });
        self.notify("textDocument/didOpen", json!({ "textDocument": document }));
    }

    pub fn change(&mut self, path: &Path, text: &str) {
        let document = json!({ "uri": uri(path), "version": 2 });
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": document, "contentChanges": [{ "text": text }] }),
        );
    }

    /// `shutdown`, then `exit`: the exit code.
    pub fn shut_down(mut self) -> i32 {
        let response = self.request("shutdown", Value::Null);
        assert!(response.get("error").is_none(), "{response}");
        self.notify("exit", Value::Null);
        self.exit_code()
    }

    pub fn exit_code(&mut self) -> i32 {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("the server can be waited for") {
                return status.code().expect("an exit code");
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        // A failed test leaves no server behind.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

pub fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// The byte offset of an LSP position (UTF-16 columns) in `text`.
fn offset(text: &str, position: &Value) -> usize {
    let line = position["line"].as_u64().expect("a line") as usize;
    let character = position["character"].as_u64().expect("a character") as usize;
    let line_start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut units = 0;
    for (index, character_here) in text[line_start..].char_indices() {
        if units >= character {
            return line_start + index;
        }
        units += character_here.len_utf16();
    }
    text.len()
}

/// `text` with the LSP text edits applied (last first, so offsets hold).
pub fn apply(text: &str, edits: &[Value]) -> String {
    let mut ranges: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|edit| {
            let range = &edit["range"];
            (offset(text, &range["start"]), offset(text, &range["end"]), edit["newText"].as_str().expect("new text"))
        })
        .collect();
    ranges.sort_by_key(|(start, _, _)| std::cmp::Reverse(*start));
    let mut result = text.to_string();
    for (start, end, new_text) in ranges {
        result.replace_range(start..end, new_text);
    }
    result
}

pub fn codes(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics.iter().map(|diagnostic| diagnostic["code"].as_str().expect("a code")).collect()
}
