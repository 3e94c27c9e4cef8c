//! The inventory: every status the workspace produces, approved or not, grouped by code with
//! counts and places. It answers "which statuses does our API actually return?".

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde_json::json;

use super::display_path;
use crate::{status, Audit, InventoryImplied, InventoryUse};

fn by_status(audit: &Audit) -> BTreeMap<u16, Vec<&InventoryUse>> {
    let mut groups: BTreeMap<u16, Vec<&InventoryUse>> = BTreeMap::new();
    for inventory_use in &audit.uses {
        groups.entry(inventory_use.status_use.status).or_default().push(inventory_use);
    }
    for uses in groups.values_mut() {
        uses.sort_by(|left, right| {
            (&left.path, left.status_use.span.start).cmp(&(&right.path, right.status_use.span.start))
        });
    }
    groups
}

/// Each code a component answers with, with the places that opt into one that does, and the
/// condition at each.
fn implied_by_status(audit: &Audit) -> BTreeMap<u16, Vec<(&InventoryImplied, &'static str)>> {
    let mut groups: BTreeMap<u16, Vec<(&InventoryImplied, &'static str)>> = BTreeMap::new();
    for implied in &audit.implied {
        for (code, when) in implied.implied.answers() {
            groups.entry(code).or_default().push((implied, when));
        }
    }
    for uses in groups.values_mut() {
        uses.sort_by(|(left, _), (right, _)| {
            (&left.path, left.implied.span.start).cmp(&(&right.path, right.implied.span.start))
        });
    }
    groups
}

/// Whether every, some or none of `approvals` is true, in words.
fn approval(approvals: impl Iterator<Item = bool> + Clone) -> &'static str {
    match (approvals.clone().all(|approved| approved), approvals.clone().any(|approved| approved)) {
        (true, _) => "approved",
        (false, true) => "approved in some places",
        (false, false) => "not approved",
    }
}

fn plural(count: usize) -> &'static str {
    if count == 1 {
        ""
    } else {
        "s"
    }
}

pub(super) fn write_human(audit: &Audit, writer: &mut dyn Write) -> io::Result<()> {
    let groups = by_status(audit);
    for (status, uses) in &groups {
        // A code may be approved in one package and not in another.
        let approval = approval(uses.iter().map(|use_| use_.approved));
        let count = uses.len();
        writeln!(writer, "{}  ({approval}, {count} use{})", status::describe(*status), plural(count))?;
        for use_ in uses {
            let span = use_.status_use.span;
            let function =
                use_.status_use.function.as_deref().map(|function| format!(" in `{function}`")).unwrap_or_default();
            writeln!(
                writer,
                "    {}:{}:{}{function} ({}, {})",
                display_path(&audit.root, &use_.path),
                span.line,
                span.column,
                use_.status_use.framework.name(),
                use_.status_use.form.name()
            )?;
        }
    }
    let implied = implied_by_status(audit);
    if !implied.is_empty() {
        writeln!(writer, "answered on the code's behalf, by the components it uses:")?;
    }
    for (status, uses) in &implied {
        let approval = approval(uses.iter().map(|(use_, _)| use_.approved.contains(status)));
        let count = uses.len();
        writeln!(writer, "{}  ({approval}, {count} use{}, implied)", status::describe(*status), plural(count))?;
        for (use_, when) in uses {
            let span = use_.implied.span;
            let function =
                use_.implied.function.as_deref().map(|function| format!(" in `{function}`")).unwrap_or_default();
            writeln!(
                writer,
                "    {}:{}:{}{function} ({}, {when})",
                display_path(&audit.root, &use_.path),
                span.line,
                span.column,
                use_.implied.component().subject,
            )?;
        }
    }
    let unapproved = groups.values().filter(|uses| uses.iter().any(|use_| !use_.approved)).count();
    writeln!(
        writer,
        "inventory of {} package(s), {} file(s): {} status code(s) in {} use(s), {unapproved} not approved everywhere",
        audit.packages,
        audit.files_scanned,
        groups.len(),
        audit.uses.len()
    )
}

pub(super) fn write_json(audit: &Audit, writer: &mut dyn Write) -> io::Result<()> {
    let statuses: Vec<serde_json::Value> = by_status(audit)
        .into_iter()
        .map(|(status, uses)| {
            json!({
                "status": status,
                "reason": status::reason(status),
                "approved": uses.iter().all(|use_| use_.approved),
                "count": uses.len(),
                "uses": uses.iter().map(|use_| json!({
                    "path": display_path(&audit.root, &use_.path),
                    "line": use_.status_use.span.line,
                    "column": use_.status_use.span.column,
                    "approved": use_.approved,
                    "form": use_.status_use.form.name(),
                    "framework": use_.status_use.framework.name(),
                    "function": use_.status_use.function,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let implied: Vec<serde_json::Value> = implied_by_status(audit)
        .into_iter()
        .map(|(status, uses)| {
            json!({
                "status": status,
                "reason": status::reason(status),
                "approved": uses.iter().all(|(use_, _)| use_.approved.contains(&status)),
                "count": uses.len(),
                "uses": uses.iter().map(|(use_, when)| json!({
                    "path": display_path(&audit.root, &use_.path),
                    "line": use_.implied.span.line,
                    "column": use_.implied.span.column,
                    "approved": use_.approved.contains(&status),
                    "source": use_.implied.component().path(),
                    "component": use_.implied.component().subject,
                    "when": when,
                    "framework": use_.implied.framework.name(),
                    "function": use_.implied.function,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let report = json!({
        "version": 1,
        "root": audit.root.to_string_lossy(),
        "statuses": statuses,
        "implied": implied,
    });
    serde_json::to_writer_pretty(&mut *writer, &report)?;
    writeln!(writer)
}
