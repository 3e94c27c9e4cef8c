//! What the server knows between messages, and what it does with each: documents opened,
//! changed and closed re-scan one file of the [`Session`]; a changed manifest or config discovers
//! the workspace again; every audit publishes for the files whose findings changed; code action
//! requests are answered from the findings last published.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use lsp_server::{Connection, ErrorCode, Notification, Request, Response};
use lsp_types::notification::{self as notifications, Notification as _};
use lsp_types::request::{self as requests, Request as _};
use lsp_types::{CodeActionOrCommand, CodeActionParams, Diagnostic, MessageType, PublishDiagnosticsParams, Url};

use status_audit::config::CONFIG_FILE_NAME;
use status_audit::discover::{DiscoverError, Request as AuditRequest};
use status_audit::model::Finding;
use status_audit::session::Session;

use super::diagnostics::{self, Texts};
use super::{actions, is_config, path_of, send, show};

/// What the server knows between messages.
pub(super) struct Server<'a> {
    connection: &'a Connection,
    /// The workspace's directory; `None` when the client named none.
    root: Option<PathBuf>,
    /// `None` before the workspace is discovered, or when it cannot be audited.
    session: Option<Session>,
    /// The text of each open document, as the editor has it.
    open: HashMap<PathBuf, String>,
    /// The URI the client names each open document by.
    uris: HashMap<PathBuf, Url>,
    /// The findings last published for each file (those reported).
    published: HashMap<PathBuf, Vec<Finding>>,
    /// The config or manifest whose error stops the audit, with it as a diagnostic.
    config_error: Option<(PathBuf, Diagnostic)>,
}

impl<'a> Server<'a> {
    /// A server for the workspace at `root`, before it is discovered.
    pub(super) fn new(connection: &'a Connection, root: Option<PathBuf>) -> Server<'a> {
        Server {
            connection,
            root,
            session: None,
            open: HashMap::new(),
            uris: HashMap::new(),
            published: HashMap::new(),
            config_error: None,
        }
    }

    pub(super) fn request(&mut self, request: Request) {
        if request.method != requests::CodeActionRequest::METHOD {
            let message = format!("status-audit does not answer `{}`", request.method);
            send(self.connection, Response::new_err(request.id, ErrorCode::MethodNotFound as i32, message));
            return;
        }
        let response = match serde_json::from_value::<CodeActionParams>(request.params) {
            Ok(params) => Response::new_ok(request.id, self.code_actions(&params)),
            Err(error) => Response::new_err(request.id, ErrorCode::InvalidParams as i32, error.to_string()),
        };
        send(self.connection, response);
    }

    pub(super) fn notification(&mut self, notification: Notification) {
        // A notification whose parameters do not parse is ignored, as any other it does not know.
        match notification.method.as_str() {
            notifications::DidOpenTextDocument::METHOD => {
                let Ok(params) = serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(notification.params)
                else {
                    return;
                };
                self.edited(&params.text_document.uri, Some(params.text_document.text));
            }
            notifications::DidChangeTextDocument::METHOD => {
                let Ok(params) = serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(notification.params)
                else {
                    return;
                };
                // Changes are whole texts (`TextDocumentSyncKind::FULL`): the last one holds.
                let text = params.content_changes.into_iter().rev().find(|change| change.range.is_none());
                if let Some(change) = text {
                    self.edited(&params.text_document.uri, Some(change.text));
                }
            }
            notifications::DidSaveTextDocument::METHOD => {
                let Ok(params) = serde_json::from_value::<lsp_types::DidSaveTextDocumentParams>(notification.params)
                else {
                    return;
                };
                if path_of(&params.text_document.uri).is_some_and(|path| is_config(&path)) {
                    self.rediscover();
                }
            }
            notifications::DidCloseTextDocument::METHOD => {
                let Ok(params) = serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(notification.params)
                else {
                    return;
                };
                self.edited(&params.text_document.uri, None);
            }
            notifications::DidChangeWatchedFiles::METHOD => {
                let Ok(params) = serde_json::from_value::<lsp_types::DidChangeWatchedFilesParams>(notification.params)
                else {
                    return;
                };
                self.files_changed(&params.changes);
            }
            _ => {}
        }
    }

    /// A document opened or changed (`text`), or closed (`None`: its text is the file's again).
    fn edited(&mut self, uri: &Url, text: Option<String>) {
        let Some(path) = path_of(uri) else { return };
        match text {
            Some(text) => {
                self.open.insert(path.clone(), text);
                self.uris.insert(path.clone(), uri.clone());
            }
            None => {
                self.open.remove(&path);
                self.uris.remove(&path);
            }
        }
        let open = self.open.get(&path).map(String::as_str);
        if self.session.as_mut().is_some_and(|session| session.update(&path, open)) {
            self.publish();
        }
    }

    fn files_changed(&mut self, changes: &[lsp_types::FileEvent]) {
        let paths: Vec<(PathBuf, lsp_types::FileChangeType)> =
            changes.iter().filter_map(|change| Some((path_of(&change.uri)?, change.typ))).collect();
        // A manifest or config changes what is audited and how; a file added or removed, what
        // is listed.
        let rediscover = paths.iter().any(|(path, change)| {
            is_config(path)
                || (*change != lsp_types::FileChangeType::CHANGED
                    && path.extension().is_some_and(|extension| extension == "rs"))
        });
        if rediscover {
            self.rediscover();
            return;
        }
        let Some(session) = self.session.as_mut() else { return };
        let mut updated = false;
        for (path, _) in paths.iter().filter(|(path, _)| !self.open.contains_key(path)) {
            updated |= session.update(path, None);
        }
        if updated {
            self.publish();
        }
    }

    /// Discovers the workspace and audits it whole; a config that cannot be used is shown on
    /// its file, and leaves nothing else published.
    pub(super) fn rediscover(&mut self) {
        let previous_error = self.config_error.take();
        self.session = None;
        let Some(root) = &self.root else {
            show(
                self.connection,
                MessageType::WARNING,
                "status-audit: the client named no workspace; nothing is audited",
            );
            return;
        };
        let request = AuditRequest { path: root.clone(), ..AuditRequest::default() };
        match Session::open(&request, &self.open) {
            Ok(session) => self.session = Some(session),
            Err(error) => {
                show(self.connection, MessageType::ERROR, &format!("status-audit: {error}"));
                if let DiscoverError::Config(config) = &error {
                    let diagnostic = diagnostics::config_error(config, &mut Texts::new(&self.open));
                    self.config_error = Some((config.path.clone(), diagnostic));
                }
            }
        }
        if let Some((path, _)) =
            previous_error.filter(|(path, _)| self.config_error.as_ref().is_none_or(|(now, _)| now != path))
        {
            self.send_diagnostics(&path, Vec::new());
        }
        if let Some((path, diagnostic)) = self.config_error.clone() {
            self.send_diagnostics(&path, vec![diagnostic]);
        }
        self.publish();
    }

    /// Audits again from the kept scans, and publishes for every file whose findings changed:
    /// an empty list for a file whose findings went away.
    fn publish(&mut self) {
        let mut now: HashMap<PathBuf, Vec<Finding>> = HashMap::new();
        if let Some(session) = &self.session {
            // FIXME: no baseline is applied: `--baseline FILE` has no counterpart here yet (the
            // client's `initializationOptions` could name one), so baselined findings show.
            for finding in
                session.findings().into_iter().filter(|finding| finding.suppressed.is_none() && !finding.baselined)
            {
                now.entry(finding.path.clone()).or_default().push(finding);
            }
        }
        let mut changed: Vec<&PathBuf> = self.published.keys().filter(|path| !now.contains_key(*path)).collect();
        changed.extend(
            now.iter().filter(|(path, findings)| self.published.get(*path) != Some(findings)).map(|(path, _)| path),
        );
        changed.sort();
        let mut texts = Texts::new(&self.open);
        let publications: Vec<(PathBuf, Vec<Diagnostic>)> = changed
            .into_iter()
            .map(|path| {
                let findings = now.get(path).map(Vec::as_slice).unwrap_or_default();
                (path.clone(), findings.iter().map(|finding| diagnostics::diagnostic(finding, &mut texts)).collect())
            })
            .collect();
        for (path, diagnostics) in publications {
            self.send_diagnostics(&path, diagnostics);
        }
        self.published = now;
    }

    fn send_diagnostics(&self, path: &Path, diagnostics: Vec<Diagnostic>) {
        let Some(uri) = self.uris.get(path).cloned().or_else(|| Url::from_file_path(path).ok()) else { return };
        let params = PublishDiagnosticsParams { uri, diagnostics, version: None };
        send(self.connection, Notification::new(notifications::PublishDiagnostics::METHOD.to_string(), params));
    }

    /// The fixes of the findings published for the document whose range the request names.
    fn code_actions(&self, params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
        let (Some(path), Some(session)) = (path_of(&params.text_document.uri), &self.session) else {
            return Vec::new();
        };
        let Some(findings) = self.published.get(&path) else { return Vec::new() };
        let mut texts = Texts::new(&self.open);
        let config_path = session.root().join(CONFIG_FILE_NAME);
        let config_text = texts.get(&config_path).map(str::to_string);
        let Some(text) = texts.get(&path).map(str::to_string) else { return Vec::new() };
        let requested = params.range;
        findings
            .iter()
            .filter_map(|finding| {
                let diagnostic = diagnostics::diagnostic(finding, &mut texts);
                let range = diagnostic.range;
                let overlaps = range.start <= requested.end && requested.start <= range.end;
                overlaps.then_some((finding, diagnostic))
            })
            .flat_map(|(finding, diagnostic)| {
                let context = actions::Context {
                    finding,
                    diagnostic: &diagnostic,
                    text: &text,
                    policy: session.policy(&path),
                    config_path: &config_path,
                    config_text: config_text.as_deref(),
                };
                actions::actions(&context)
            })
            .map(CodeActionOrCommand::CodeAction)
            .collect()
    }
}
