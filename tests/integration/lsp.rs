//! `cargo status-audit lsp`: the real binary, spoken to over its stdin and stdout with
//! `Content-Length` framing, as an editor does. Every wait has a timeout, so a server that hangs
//! fails the test instead of blocking it.

mod client;

use std::path::Path;

use serde_json::{json, Value};

use crate::support::{manifest, run_json, Workspace};
use client::{apply, codes, uri, Client};

const LIB: &str = "pub mod brew;\npub mod codes;\npub mod handlers;\n";
const CODES: &str = "pub const CODE: u16 = 404;\n";
const HANDLERS: &str = "use axum::http::StatusCode;\nuse crate::codes::CODE;\n\n\
                        pub async fn missing() -> StatusCode {\n    StatusCode::from_u16(CODE).unwrap()\n}\n";
/// On disk, and as first opened: a teapot after characters of two and four bytes (one and two
/// UTF-16 units).
const TEAPOT: &str = "use axum::http::StatusCode;\n\npub async fn brew() -> StatusCode {\n    \
                      /* thé 🫖 */ StatusCode::IM_A_TEAPOT\n}\n";

fn service() -> Workspace {
    Workspace::new(&[
        ("Cargo.toml", &manifest("svc", "axum = \"0.8\"")),
        ("src/lib.rs", LIB),
        ("src/brew.rs", &TEAPOT.replace("IM_A_TEAPOT", "OK")),
        ("src/codes.rs", CODES),
        ("src/handlers.rs", HANDLERS),
    ])
}

#[test]
fn publishes_findings_of_unsaved_buffers_and_clears_them() {
    let workspace = service();
    let root = std::fs::canonicalize(workspace.path()).expect("the workspace exists");
    let brew = root.join("src/brew.rs");
    let mut client = Client::initialized(&root);
    // On disk the workspace is clean: nothing is published.
    assert_eq!(client.published(&brew), None);

    client.open(&brew, TEAPOT);
    let diagnostics = client.published(&brew).expect("a publication for the buffer");
    assert_eq!(codes(&diagnostics), ["unapproved-status"]);
    let diagnostic = &diagnostics[0];
    // Line 4, after `    /* thé 🫖 */ `: 16 characters, 17 UTF-16 units.
    assert_eq!(diagnostic["range"]["start"], json!({ "line": 3, "character": 17 }));
    assert_eq!(diagnostic["range"]["end"], json!({ "line": 3, "character": 17 + "StatusCode::IM_A_TEAPOT".len() }));
    assert_eq!(diagnostic["severity"], 1);
    assert_eq!(diagnostic["source"], "status-audit");
    let message = diagnostic["message"].as_str().expect("a message");
    assert!(message.starts_with("status 418 I'm a teapot is not approved\nnote: in `brew` (axum)\nhelp: answer 400"));
    let repository = option_env!("CARGO_PKG_REPOSITORY").is_some_and(|repository| !repository.is_empty());
    assert_eq!(diagnostic.get("codeDescription").is_some(), repository, "{diagnostic}");

    // The same change back to a clean text clears them in that one change.
    client.change(&brew, &TEAPOT.replace("IM_A_TEAPOT", "NOT_FOUND"));
    assert_eq!(client.published(&brew), Some(Vec::new()));
    // Closing the buffer goes back to the file on disk, which is clean.
    client.change(&brew, TEAPOT);
    assert_eq!(client.published(&brew).map(|published| published.len()), Some(1));
    client.notify("textDocument/didClose", json!({ "textDocument": { "uri": uri(&brew) } }));
    assert_eq!(client.published(&brew), Some(Vec::new()));
    assert_eq!(client.shut_down(), 0);
}

/// The sample crates, with every way of naming a status the audit knows: the server's first
/// publications hold the findings an audit from the command line reports, file by file.
#[test]
fn the_first_audit_publishes_what_the_command_line_reports() {
    let root = std::fs::canonicalize(Path::new(env!("CARGO_MANIFEST_DIR")).join("test-crates")).expect("exists");
    let (report, _) = run_json(&root, &[]);
    let mut expected: Vec<(String, u64, String, String)> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|finding| {
            let field = |name: &str| finding[name].as_str().expect("a string").to_string();
            (field("path"), finding["line"].as_u64().unwrap_or(1), field("rule"), field("message"))
        })
        .collect();
    assert!(expected.len() > 20, "{report}");
    let mut client = Client::initialized(&root);
    let mut published = Vec::new();
    for message in client.settle().iter().filter(|message| message["method"] == "textDocument/publishDiagnostics") {
        let path =
            message["params"]["uri"].as_str().expect("a URI").trim_start_matches(&uri(&root)).trim_start_matches('/');
        for diagnostic in message["params"]["diagnostics"].as_array().expect("diagnostics") {
            let first_line = diagnostic["message"].as_str().expect("a message").lines().next().unwrap_or_default();
            let line = diagnostic["range"]["start"]["line"].as_u64().expect("a line") + 1;
            published.push((
                path.to_string(),
                line,
                diagnostic["code"].as_str().expect("a code").to_string(),
                first_line.to_string(),
            ));
        }
    }
    expected.sort();
    published.sort();
    assert_eq!(published, expected);
    assert_eq!(client.shut_down(), 0);
}

#[test]
fn a_constant_changed_in_one_file_publishes_for_the_file_that_uses_it() {
    let workspace = service();
    let root = std::fs::canonicalize(workspace.path()).expect("the workspace exists");
    let (codes_path, handlers) = (root.join("src/codes.rs"), root.join("src/handlers.rs"));
    let mut client = Client::initialized(&root);
    client.open(&codes_path, CODES);
    assert_eq!(client.published(&handlers), None);

    client.change(&codes_path, "pub const CODE: u16 = 418;\n");
    let diagnostics = client.published(&handlers).expect("a publication for the file that uses the constant");
    assert_eq!(codes(&diagnostics), ["unapproved-status"]);
    assert_eq!(diagnostics[0]["range"]["start"], json!({ "line": 4, "character": 4 }));
    let related = &diagnostics[0]["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], uri(&codes_path), "{}", diagnostics[0]);
    assert_eq!(related["location"]["range"]["start"], json!({ "line": 0, "character": 10 }));

    client.change(&codes_path, CODES);
    assert_eq!(client.published(&handlers), Some(Vec::new()));
    assert_eq!(client.shut_down(), 0);
}

#[test]
fn quick_fixes_leave_valid_code_and_clear_the_finding() {
    let workspace = service();
    let root = std::fs::canonicalize(workspace.path()).expect("the workspace exists");
    let brew = root.join("src/brew.rs");
    let mut client = Client::initialized(&root);
    client.open(&brew, TEAPOT);
    let diagnostic = client.published(&brew).expect("a publication")[0].clone();
    let response = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri(&brew) }, "range": diagnostic["range"],
                "context": { "diagnostics": [diagnostic] } }),
    );
    let actions = response["result"].as_array().expect("actions").clone();
    assert_eq!(actions.len(), 3, "{response}");
    assert!(actions.iter().all(|action| action["kind"] == "quickfix"));

    // 1. The suggested code in place of the constant.
    let replace = &actions[0]["edit"]["changes"][uri(&brew)];
    let replaced = apply(TEAPOT, replace.as_array().expect("edits"));
    assert!(replaced.contains("    /* thé 🫖 */ StatusCode::BAD_REQUEST\n"), "{replaced}");
    syn::parse_file(&replaced).expect("valid Rust");
    client.change(&brew, &replaced);
    assert_eq!(client.published(&brew), Some(Vec::new()));

    // 2. An allow above the line, indented as it is.
    client.change(&brew, TEAPOT);
    assert_eq!(client.published(&brew).map(|published| published.len()), Some(1));
    let allow = &actions[1]["edit"]["changes"][uri(&brew)];
    let allowed = apply(TEAPOT, allow.as_array().expect("edits"));
    assert!(allowed.contains("{\n    // status-audit: allow(418) <reason>\n    /* thé"), "{allowed}");
    syn::parse_file(&allowed).expect("valid Rust");
    client.change(&brew, &allowed);
    assert_eq!(client.published(&brew), Some(Vec::new()));

    // 3. The code approved in a new status-audit.toml.
    let operations = actions[2]["edit"]["documentChanges"].as_array().expect("document changes");
    let config_uri = uri(&root.join("status-audit.toml"));
    assert_eq!(
        operations[0],
        json!({ "kind": "create", "uri": config_uri, "options": { "overwrite": false, "ignoreIfExists": true } })
    );
    assert_eq!(operations[1]["textDocument"]["uri"], config_uri);
    let config = apply("", operations[1]["edits"].as_array().expect("edits"));
    let parsed: toml::Table = toml::from_str(&config).expect("valid TOML");
    assert_eq!(parsed["extend-approved"], toml::Value::Array(vec![toml::Value::Integer(418)]));
    // Saved, it approves 418: the teapot is clean once discovery reads it.
    std::fs::write(root.join("status-audit.toml"), &config).expect("write the config");
    client.change(&brew, TEAPOT);
    assert_eq!(client.published(&brew).map(|published| published.len()), Some(1));
    client.notify("textDocument/didSave", json!({ "textDocument": { "uri": config_uri } }));
    assert_eq!(client.published(&brew), Some(Vec::new()));
    assert_eq!(client.shut_down(), 0);
}

#[test]
fn a_broken_config_is_shown_on_its_file_until_it_is_fixed() {
    let workspace = service();
    workspace.write("status-audit.toml", "approved = [200]\nextend-approved = [1000]\n");
    workspace.write("src/brew.rs", TEAPOT);
    let root = std::fs::canonicalize(workspace.path()).expect("the workspace exists");
    let (config, brew) = (root.join("status-audit.toml"), root.join("src/brew.rs"));
    let mut client = Client::initialized(&root);
    let messages = client.settle();
    let shown = messages.iter().find(|message| message["method"] == "window/showMessage").expect("a message");
    assert!(shown["params"]["message"].as_str().expect("text").contains("1000"), "{shown}");
    let on_config =
        messages.iter().find(|message| message["params"]["uri"] == uri(&config)).expect("a diagnostic on the config");
    assert_eq!(on_config["params"]["diagnostics"][0]["range"]["start"], json!({ "line": 1, "character": 19 }));

    workspace.write("status-audit.toml", "approved = [200]\n");
    client.notify("textDocument/didSave", json!({ "textDocument": { "uri": uri(&config) } }));
    let messages = client.settle();
    let published = |path: &Path| {
        messages
            .iter()
            .find(|message| message["params"]["uri"] == uri(path))
            .map(|message| &message["params"]["diagnostics"])
    };
    assert_eq!(published(&config), Some(&json!([])));
    assert_eq!(published(&brew).and_then(Value::as_array).map(Vec::len), Some(1));
    assert_eq!(client.shut_down(), 0);
}

#[test]
fn survives_garbage_unknown_methods_and_files_outside_the_workspace() {
    let workspace = service();
    let root = std::fs::canonicalize(workspace.path()).expect("the workspace exists");
    let mut client = Client::initialized(&root);
    client.write_raw(b"Content-Length: 9\r\n\r\n{not json");
    client.write_raw(b"this is not a header\r\n\r\n");
    client.send(&json!({ "no": "method" }));
    client.notify("textDocument/didOpen", json!({ "textDocument": "not a document" }));
    let response = client.request("workspace/symbol", json!({ "query": "" }));
    assert_eq!(response["error"]["code"], -32601, "{response}");

    let outside = Workspace::new(&[("lib.rs", TEAPOT)]);
    let outside_file = std::fs::canonicalize(outside.path()).expect("exists").join("lib.rs");
    client.open(&outside_file, TEAPOT);
    assert_eq!(client.published(&outside_file), None);
    assert_eq!(client.shut_down(), 0);
}

#[test]
fn files_changed_on_disk_are_audited_again() {
    let workspace = service();
    let root = std::fs::canonicalize(workspace.path()).expect("the workspace exists");
    let capabilities = json!({ "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } } });
    let mut client = Client::initialized_with(&root, capabilities);
    let messages = client.settle();
    let registration = messages
        .iter()
        .find(|message| message["method"] == "client/registerCapability")
        .expect("the server asks to watch files");
    assert_eq!(registration["params"]["registrations"][0]["method"], "workspace/didChangeWatchedFiles");

    // A file changed on disk, not open in the editor (type 2: changed).
    let brew = root.join("src/brew.rs");
    workspace.write("src/brew.rs", TEAPOT);
    client.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": uri(&brew), "type": 2 }] }));
    assert_eq!(client.published(&brew).map(|published| published.len()), Some(1));

    // A file added (type 1), and the module that declares it: discovered again.
    let extra = root.join("src/extra.rs");
    workspace.write("src/extra.rs", &TEAPOT.replace("brew", "extra"));
    workspace.write("src/lib.rs", &format!("{LIB}pub mod extra;\n"));
    let changes = json!([{ "uri": uri(&extra), "type": 1 }, { "uri": uri(&root.join("src/lib.rs")), "type": 2 }]);
    client.notify("workspace/didChangeWatchedFiles", json!({ "changes": changes }));
    assert_eq!(client.published(&extra).map(|published| published.len()), Some(1));
    assert_eq!(client.shut_down(), 0);
}

#[test]
fn closing_stdin_ends_the_server() {
    let workspace = service();
    let mut client = Client::initialized(&workspace.path());
    client.stdin = None;
    // Without `shutdown` first, the protocol asks for exit code 1.
    assert_eq!(client.exit_code(), 1);
}
