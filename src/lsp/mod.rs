//! `cargo status-audit lsp`: a language server over stdio. On `initialize` it audits the
//! workspace (the same discovery, config and policy as an audit from the command line) through a
//! `Session`, and publishes the findings as diagnostics; an edit re-scans the edited buffer's
//! text, not the file on disk, and publishes again for every file whose findings changed. A
//! change to `status-audit.toml` or a `Cargo.toml` runs discovery again. Findings have quick
//! fixes (`actions`). An edge like the binary: it talks over stdin and stdout and reads the
//! workspace's files, and runs nothing from it.

mod actions;
mod diagnostics;
mod server;
mod transport;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{self as notifications, Notification as _};
use lsp_types::request::{self as requests, Request as _};
use lsp_types::{
    CodeActionOptions, CodeActionProviderCapability, DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher,
    GlobPattern, InitializeParams, MessageType, Registration, RegistrationParams, ServerCapabilities, ServerInfo,
    ShowMessageParams, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Url, WatchKind,
};

use status_audit::config::CONFIG_FILE_NAME;

use server::Server;

/// Runs the server until the client says `exit` or closes stdin: exit code 0 after a
/// `shutdown` request, 1 otherwise, as the protocol asks; 2 for arguments it does not take.
pub(crate) fn run(arguments: &[std::ffi::OsString]) -> ExitCode {
    if let Some(argument) = arguments.first() {
        let help = argument == "--help" || argument == "-h";
        let usage =
            "usage: cargo status-audit lsp\n\nA language server over stdin and stdout: the audit's findings as \
                     diagnostics of the workspace the editor opens, with quick fixes. Takes no arguments.";
        if help {
            println!("{usage}");
            return ExitCode::SUCCESS;
        }
        eprintln!("error: unexpected argument `{}`\n\n{usage}", argument.to_string_lossy());
        return ExitCode::from(2);
    }
    let (connection, writer) = transport::stdio();
    let code = serve(&connection);
    // The writer ends once every message is out.
    drop(connection);
    let _ = writer.join();
    code
}

fn serve(connection: &Connection) -> ExitCode {
    let (id, params) = loop {
        let Ok((id, params)) = connection.initialize_start() else { return ExitCode::FAILURE };
        match serde_json::from_value::<InitializeParams>(params) {
            Ok(params) => break (id, params),
            Err(error) => send(connection, Response::new_err(id, ErrorCode::InvalidParams as i32, error.to_string())),
        }
    };
    let capabilities = ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::FULL),
            save: Some(TextDocumentSyncSaveOptions::Supported(true)),
            ..TextDocumentSyncOptions::default()
        })),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![lsp_types::CodeActionKind::QUICKFIX]),
            ..CodeActionOptions::default()
        })),
        ..ServerCapabilities::default()
    };
    let server_info = ServerInfo { name: "status-audit".to_string(), version: Some(env!("CARGO_PKG_VERSION").into()) };
    let result = lsp_types::InitializeResult { capabilities, server_info: Some(server_info) };
    send(connection, Response::new_ok(id, result));
    let watches = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|workspace| workspace.did_change_watched_files)
        .and_then(|watched| watched.dynamic_registration)
        .unwrap_or(false);
    if watches {
        send(connection, watch_request());
    }
    let mut server = Server::new(connection, root(&params));
    server.rediscover();
    for message in &connection.receiver {
        match message {
            Message::Request(request) => match connection.handle_shutdown(&request) {
                Ok(true) => return ExitCode::SUCCESS,
                Ok(false) => server.request(request),
                // No `exit` after `shutdown`, in time or at all.
                Err(_) => return ExitCode::FAILURE,
            },
            // `exit` without `shutdown` first.
            Message::Notification(notification) if notification.method == notifications::Exit::METHOD => break,
            Message::Notification(notification) => server.notification(notification),
            Message::Response(_) => {}
        }
    }
    ExitCode::FAILURE
}

/// The workspace the client opens: its first folder, else its root.
///
/// FIXME: a client with several workspace folders gets the first one's findings only; a session
/// per folder would serve them all.
fn root(params: &InitializeParams) -> Option<PathBuf> {
    let folder = params.workspace_folders.as_ref().and_then(|folders| folders.first()).map(|folder| &folder.uri);
    // `rootUri` is deprecated in favour of the folders, and still all some clients send.
    #[allow(deprecated)]
    let root_uri = params.root_uri.as_ref();
    folder.or(root_uri).and_then(path_of)
}

/// The file a `file:` URI names, as the audit names it (symbolic links resolved, as discovery
/// resolves the root).
fn path_of(uri: &Url) -> Option<PathBuf> {
    let path = uri.to_file_path().ok()?;
    Some(std::fs::canonicalize(&path).unwrap_or(path))
}

/// Whether a change to the file at `path` changes what is audited, or how.
fn is_config(path: &Path) -> bool {
    path.file_name().is_some_and(|name| name == CONFIG_FILE_NAME || name == "Cargo.toml")
}

/// Asks the client to report changes to manifests, configs, and `.rs` files added or removed.
fn watch_request() -> Request {
    let watcher =
        |glob: &str, kind| FileSystemWatcher { glob_pattern: GlobPattern::String(glob.to_string()), kind: Some(kind) };
    let all = WatchKind::Create | WatchKind::Change | WatchKind::Delete;
    let options = DidChangeWatchedFilesRegistrationOptions {
        watchers: vec![
            watcher("**/Cargo.toml", all),
            watcher(&format!("**/{CONFIG_FILE_NAME}"), all),
            watcher("**/*.rs", WatchKind::Create | WatchKind::Delete),
        ],
    };
    let registration = Registration {
        id: "status-audit-watched-files".to_string(),
        method: notifications::DidChangeWatchedFiles::METHOD.to_string(),
        register_options: serde_json::to_value(options).ok(),
    };
    let params = RegistrationParams { registrations: vec![registration] };
    Request::new(
        RequestId::from("status-audit-watch".to_string()),
        requests::RegisterCapability::METHOD.to_string(),
        params,
    )
}

fn show(connection: &Connection, typ: MessageType, message: &str) {
    let params = ShowMessageParams { typ, message: message.to_string() };
    send(connection, Notification::new(notifications::ShowMessage::METHOD.to_string(), params));
}

/// Sends a message to the client. The writer takes messages for as long as the connection
/// lives, so a send fails only when the server is ending anyway.
fn send(connection: &Connection, message: impl Into<Message>) {
    let _ = connection.sender.send(message.into());
}
