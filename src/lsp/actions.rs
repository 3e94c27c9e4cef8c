//! Quick fixes for a finding: an inline allow above its line, the approved code the help
//! suggests in place of a `StatusCode` constant, and the code added to `extend-approved` in
//! `status-audit.toml`. Each edit is worked out on the text it applies to, as byte offsets, so
//! that it is checked to leave valid Rust or TOML; nothing here reads or writes a file.

use std::collections::HashMap;
use std::path::Path;

use lsp_types::{
    CodeAction, CodeActionKind, CreateFile, CreateFileOptions, Diagnostic, DocumentChangeOperation, DocumentChanges,
    OneOf, OptionalVersionedTextDocumentIdentifier, Range, ResourceOp, TextDocumentEdit, TextEdit, Url, WorkspaceEdit,
};
use serde::Deserialize;

use status_audit::config::Policy;
use status_audit::model::Finding;
use status_audit::rules::Rule;
use status_audit::{status, suggest};

use super::diagnostics::position_of_offset;

/// What a finding's fixes are worked out from.
#[derive(Debug)]
pub(crate) struct Context<'a> {
    pub finding: &'a Finding,
    /// The diagnostic the finding was published as, which each fix names.
    pub diagnostic: &'a Diagnostic,
    /// The finding's file, as the editor has it.
    pub text: &'a str,
    pub policy: Option<&'a Policy>,
    /// The workspace's `status-audit.toml`, and its text when it exists.
    pub config_path: &'a Path,
    pub config_text: Option<&'a str>,
}

/// The fixes for one finding, best first.
pub(crate) fn actions(context: &Context<'_>) -> Vec<CodeAction> {
    let mut actions = Vec::new();
    let Ok(uri) = Url::from_file_path(&context.finding.path) else { return actions };
    let status = context.finding.status;
    if let Some((code, replacement)) = status.zip(context.policy).and_then(|(status, policy)| {
        let code = suggest::suggested(status, policy)?;
        Some((code, replacement(context.finding, context.text, code)?))
    }) {
        let title = format!("Answer {} instead", status::describe(code));
        actions.push(action(title, context.diagnostic, single_edit(&uri, context.text, replacement)));
    }
    if let Some(allow) = allow(context.finding, context.text) {
        let what = allow.1.trim().trim_start_matches("// ").to_string();
        actions.push(action(
            format!("Allow here: `{what}`"),
            context.diagnostic,
            single_edit(&uri, context.text, allow),
        ));
    }
    let approvable = matches!(context.finding.rule, Rule::UnapprovedStatus | Rule::ImpliedStatus);
    if let (Some(code), true) = (status, approvable) {
        if let (Some(edit), Ok(config_uri)) =
            (approve(context.config_text, code), Url::from_file_path(context.config_path))
        {
            let title = format!("Approve {code} in status-audit.toml (`extend-approved`)");
            actions.push(action(title, context.diagnostic, config_edit(&config_uri, context.config_text, edit)));
        }
    }
    actions
}

/// An edit: the bytes `start..end` of a text replaced by a string.
pub(crate) type Edit = ((usize, usize), String);

/// The line `// status-audit: allow(N) <reason>` (or `allow(dynamic)`) above the finding's line,
/// indented as it is. `<reason>` is left for the user to write.
pub(crate) fn allow(finding: &Finding, text: &str) -> Option<Edit> {
    let what = match (finding.rule, finding.status) {
        (Rule::DynamicStatus, _) => "dynamic".to_string(),
        (Rule::ParseError | Rule::StaleAllow | Rule::AllowWithoutReason | Rule::StaleBaseline, _) => return None,
        (_, Some(code)) => code.to_string(),
        (_, None) => return None,
    };
    let start = finding.span?.start;
    text.get(..start)?;
    let line_start = text[..start].rfind('\n').map_or(0, |newline| newline + 1);
    let indent: String = text[line_start..].chars().take_while(|character| matches!(character, ' ' | '\t')).collect();
    Some(((line_start, line_start), format!("{indent}// status-audit: allow({what}) <reason>\n")))
}

/// The last segment of a `StatusCode::NAME` path (under any leading path) replaced by the
/// constant of `code`; `None` where the finding's text is anything else.
pub(crate) fn replacement(finding: &Finding, text: &str, code: u16) -> Option<Edit> {
    let span = finding.span?;
    let written = text.get(span.start..span.end)?;
    let constant = status::constant(finding.status?)?;
    let segments: Vec<&str> = written.split("::").map(str::trim).collect();
    let plain = segments.iter().enumerate().all(|(index, segment)| {
        (index == 0 && segment.is_empty())
            || (!segment.is_empty() && segment.chars().all(|character| character.is_alphanumeric() || character == '_'))
    });
    if !plain
        || segments.len() < 2
        || segments[segments.len() - 2] != "StatusCode"
        || segments.last() != Some(&constant)
    {
        return None;
    }
    let last = written.rfind(constant)?;
    let start = span.start + last;
    Some(((start, start + constant.len()), status::constant(code)?.to_string()))
}

/// Where `code` goes in `status-audit.toml`: appended to an `extend-approved` array, or a new
/// `extend-approved = [code]` key before the first table (after the comments that open the
/// file), or a new file (`text` is `None`). `None` when the file is not valid TOML, its
/// `extend-approved` is not a list of codes, or it lists `code` already.
pub(crate) fn approve(text: Option<&str>, code: u16) -> Option<Edit> {
    #[derive(Deserialize)]
    struct Approvals {
        #[serde(rename = "extend-approved")]
        extend_approved: Option<toml::Spanned<Vec<toml::Spanned<i64>>>>,
    }
    let Some(text) = text else { return Some(((0, 0), format!("extend-approved = [{code}]\n"))) };
    let approvals: Approvals = toml::from_str(text).ok()?;
    match approvals.extend_approved {
        Some(list) if list.get_ref().iter().any(|listed| *listed.get_ref() == i64::from(code)) => None,
        Some(list) => {
            let at = match list.get_ref().last() {
                Some(last) => (last.span().end, format!(", {code}")),
                None => (list.span().start + 1, code.to_string()),
            };
            Some(((at.0, at.0), at.1))
        }
        None => {
            // Keys before any table header are the top-level table's.
            let mut offset = 0;
            for line in text.split_inclusive('\n') {
                let trimmed = line.trim();
                if !(trimmed.is_empty() || trimmed.starts_with('#')) {
                    break;
                }
                offset += line.len();
            }
            let newline = if offset == text.len() && !text.is_empty() && !text.ends_with('\n') { "\n" } else { "" };
            Some(((offset, offset), format!("{newline}extend-approved = [{code}]\n")))
        }
    }
}

fn action(title: String, diagnostic: &Diagnostic, edit: WorkspaceEdit) -> CodeAction {
    CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic.clone()]),
        edit: Some(edit),
        ..CodeAction::default()
    }
}

fn text_edit(text: &str, ((start, end), new_text): Edit) -> TextEdit {
    TextEdit { range: Range { start: position_of_offset(text, start), end: position_of_offset(text, end) }, new_text }
}

fn single_edit(uri: &Url, text: &str, edit: Edit) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), vec![text_edit(text, edit)])])),
        ..WorkspaceEdit::default()
    }
}

/// The edit of the config file, which is created first when it does not exist.
fn config_edit(uri: &Url, text: Option<&str>, edit: Edit) -> WorkspaceEdit {
    let mut operations = Vec::new();
    if text.is_none() {
        let options = CreateFileOptions { overwrite: Some(false), ignore_if_exists: Some(true) };
        operations.push(DocumentChangeOperation::Op(ResourceOp::Create(CreateFile {
            uri: uri.clone(),
            options: Some(options),
            annotation_id: None,
        })));
    }
    operations.push(DocumentChangeOperation::Edit(TextDocumentEdit {
        text_document: OptionalVersionedTextDocumentIdentifier { uri: uri.clone(), version: None },
        edits: vec![OneOf::Left(text_edit(text.unwrap_or_default(), edit))],
    }));
    WorkspaceEdit { document_changes: Some(DocumentChanges::Operations(operations)), ..WorkspaceEdit::default() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn applied(text: &str, ((start, end), new_text): Edit) -> String {
        format!("{}{new_text}{}", &text[..start], &text[end..])
    }

    fn approved(text: Option<&str>, code: u16) -> Option<String> {
        let edit = approve(text, code)?;
        let result = applied(text.unwrap_or_default(), edit);
        let layer = status_audit::config::parse_config_file(Path::new("status-audit.toml"), &result).unwrap();
        assert!(layer.extend_approved.contains(&code), "{result}");
        Some(result)
    }

    fn finding_at(text: &str, written: &str, rule: Rule, status: Option<u16>) -> Finding {
        let start = text.find(written).unwrap();
        let (line, column) = status_audit::config::line_column(text, start);
        let span = status_audit::model::Span {
            start,
            end: start + written.len(),
            line,
            column,
            end_line: line,
            end_column: column + written.chars().count(),
        };
        Finding {
            rule,
            severity: rule.default_severity(),
            status,
            message: String::new(),
            path: "lib.rs".into(),
            span: Some(span),
            label: String::new(),
            framework: None,
            function: None,
            notes: Vec::new(),
            help: None,
            suppressed: None,
            baselined: false,
            related: Vec::new(),
            excerpt: None,
        }
    }

    #[test]
    fn replacing_takes_only_a_plain_constant_path() {
        let text = "fn a() -> u16 {\n\thttp :: StatusCode::IM_A_TEAPOT.as_u16()\n}\n";
        let finding = finding_at(text, "http :: StatusCode::IM_A_TEAPOT", Rule::UnapprovedStatus, Some(418));
        let replaced = applied(text, replacement(&finding, text, 400).unwrap());
        assert_eq!(replaced, "fn a() -> u16 {\n\thttp :: StatusCode::BAD_REQUEST.as_u16()\n}\n");
        syn::parse_file(&replaced).unwrap();
        let call = "fn a() { StatusCode::from_u16(418); }";
        let finding = finding_at(call, "StatusCode::from_u16(418)", Rule::UnapprovedStatus, Some(418));
        assert_eq!(replacement(&finding, call, 400), None);
        // The allow takes the line's tabs, and `dynamic` for a status known at run time.
        let finding = finding_at(text, "http", Rule::DynamicStatus, None);
        let allowed = applied(text, allow(&finding, text).unwrap());
        assert!(allowed.contains("{\n\t// status-audit: allow(dynamic) <reason>\n\thttp"), "{allowed}");
        syn::parse_file(&allowed).unwrap();
    }

    #[test]
    fn approving_keeps_the_config_valid() {
        assert_eq!(approved(None, 418).unwrap(), "extend-approved = [418]\n");
        assert_eq!(approved(Some("extend-approved = []\n"), 418).unwrap(), "extend-approved = [418]\n");
        assert_eq!(
            approved(Some("extend-approved = [\n  451, # legal\n]\n"), 418).unwrap(),
            "extend-approved = [\n  451, 418, # legal\n]\n"
        );
        assert_eq!(
            approved(Some("#:schema ./s.json\n\n[levels]\nstale-allow = \"deny\"\n"), 418).unwrap(),
            "#:schema ./s.json\n\nextend-approved = [418]\n[levels]\nstale-allow = \"deny\"\n"
        );
        assert_eq!(approved(Some("# only a comment"), 418).unwrap(), "# only a comment\nextend-approved = [418]\n");
        assert_eq!(approved(Some("extend-approved = [418]\n"), 418), None);
        assert_eq!(approve(Some("extend-approved = [\n"), 418), None);
    }
}
