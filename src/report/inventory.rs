//! The inventory: every status the workspace produces, approved or not, grouped by code with
//! counts and places. It answers "which statuses does our API actually return?".

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde_json::json;

use super::display_path;
use crate::{status, Audit, InventoryUse};

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

pub(super) fn write_human(audit: &Audit, writer: &mut dyn Write) -> io::Result<()> {
    let groups = by_status(audit);
    for (status, uses) in &groups {
        // A code may be approved in one package and not in another.
        let approval = match (uses.iter().all(|use_| use_.approved), uses.iter().any(|use_| use_.approved)) {
            (true, _) => "approved",
            (false, true) => "approved in some places",
            (false, false) => "not approved",
        };
        let count = uses.len();
        writeln!(
            writer,
            "{}  ({approval}, {count} use{})",
            status::describe(*status),
            if count == 1 { "" } else { "s" }
        )?;
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
    let report = json!({ "version": 1, "root": audit.root.to_string_lossy(), "statuses": statuses });
    serde_json::to_writer_pretty(&mut *writer, &report)?;
    writeln!(writer)
}
