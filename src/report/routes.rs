//! The endpoint map (`cargo status-audit routes`): human, Markdown and JSON. The JSON shape is
//! documented in the README; fields may be added, never changed.

use std::io::{self, Write};

use serde::Serialize;

use crate::routes::{relative, Endpoint, EndpointStatus, RouteMap};

/// The formats of the endpoint map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoutesFormat {
    Human,
    Markdown,
    Json,
}

pub fn write_routes(
    map: &RouteMap,
    format: RoutesFormat,
    verbose: bool,
    color: bool,
    writer: &mut dyn Write,
) -> io::Result<()> {
    match format {
        RoutesFormat::Human => write_human(map, verbose, color, writer),
        RoutesFormat::Markdown => write_markdown(map, writer),
        RoutesFormat::Json => write_json(map, writer),
    }
}

fn write_human(map: &RouteMap, verbose: bool, color: bool, writer: &mut dyn Write) -> io::Result<()> {
    let paint = |code: &str, text: String| if color { format!("\x1b[{code}m{text}\x1b[0m") } else { text };
    let mut previous_path = None;
    for endpoint in &map.endpoints {
        if previous_path != Some(&endpoint.path) {
            writeln!(writer, "{}", paint("1", endpoint.path.clone()))?;
            previous_path = Some(&endpoint.path);
        }
        let statuses: Vec<String> = distinct(&endpoint.statuses)
            .into_iter()
            .map(|status| match (status.status, status.approved) {
                (Some(code), Some(true)) => code.to_string(),
                (Some(code), _) => paint("31", format!("{code}!")),
                (None, _) => paint("33", "dynamic".to_string()),
            })
            .collect();
        writeln!(
            writer,
            "  {:<8} {:<40} {}:{}  {}",
            endpoint.method,
            endpoint.handler,
            relative(&map.root, &endpoint.file),
            endpoint.line,
            if statuses.is_empty() { "-".to_string() } else { statuses.join(" ") }
        )?;
        if verbose {
            for status in &endpoint.statuses {
                let code = status.status.map_or_else(|| "dynamic".to_string(), |code| code.to_string());
                let at = format!("{}:{}", relative(&map.root, &status.file), status.line);
                match &status.source {
                    Some(source) => writeln!(
                        writer,
                        "           {code:<8} {at}  implied by {source}, via {}",
                        status.via.join(" -> ")
                    )?,
                    None => writeln!(writer, "           {code:<8} {at}  via {}", status.via.join(" -> "))?,
                }
            }
        }
        for reason in &endpoint.unresolved {
            writeln!(writer, "           {}: {reason}", paint("33", "unresolved".to_string()))?;
        }
    }
    for unresolved in &map.unresolved {
        writeln!(
            writer,
            "{}: {}:{}: {}",
            paint("33", "unresolved".to_string()),
            relative(&map.root, &unresolved.file),
            unresolved.line,
            unresolved.reason
        )?;
    }
    let unapproved = map
        .endpoints
        .iter()
        .filter(|endpoint| endpoint.statuses.iter().any(|status| status.approved == Some(false)))
        .count();
    writeln!(
        writer,
        "\n{} endpoint(s), {unapproved} that can answer a status not approved (marked !), {} router(s) or route(s) not resolved",
        map.endpoints.len(),
        map.unresolved.len()
    )
}

/// The statuses of an endpoint, each code once (and `dynamic` once), in order.
fn distinct(statuses: &[EndpointStatus]) -> Vec<&EndpointStatus> {
    let mut seen = Vec::new();
    let mut distinct = Vec::new();
    for status in statuses {
        if !seen.contains(&status.status) {
            seen.push(status.status);
            distinct.push(status);
        }
    }
    distinct
}

fn write_markdown(map: &RouteMap, writer: &mut dyn Write) -> io::Result<()> {
    writeln!(writer, "| Method | Path | Handler | Statuses |")?;
    writeln!(writer, "|---|---|---|---|")?;
    for endpoint in &map.endpoints {
        let statuses: Vec<String> = distinct(&endpoint.statuses)
            .into_iter()
            .map(|status| match (status.status, status.approved) {
                (Some(code), Some(true)) => code.to_string(),
                (Some(code), _) => format!("**{code}** (not approved)"),
                (None, _) => "dynamic".to_string(),
            })
            .collect();
        writeln!(
            writer,
            "| {} | `{}` | `{}` | {} |",
            endpoint.method,
            endpoint.path.replace('|', "\\|"),
            endpoint.handler,
            statuses.join(", ")
        )?;
    }
    Ok(())
}

#[derive(Serialize)]
struct JsonMap<'a> {
    version: u32,
    root: String,
    endpoints: Vec<JsonEndpoint<'a>>,
    unresolved: Vec<JsonUnresolved<'a>>,
}

#[derive(Serialize)]
struct JsonEndpoint<'a> {
    method: &'a str,
    path: &'a str,
    framework: &'a str,
    handler: &'a str,
    file: String,
    line: usize,
    statuses: Vec<JsonStatus<'a>>,
    unresolved: &'a [String],
}

#[derive(Serialize)]
struct JsonStatus<'a> {
    status: Option<u16>,
    kind: &'a str,
    approved: Option<bool>,
    file: String,
    line: usize,
    via: &'a [String],
    /// The component that answers an implied status.
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonUnresolved<'a> {
    file: String,
    line: usize,
    reason: &'a str,
}

fn write_json(map: &RouteMap, writer: &mut dyn Write) -> io::Result<()> {
    let endpoint = |endpoint| json_endpoint(map, endpoint);
    let json = JsonMap {
        version: 1,
        root: map.root.to_string_lossy().into_owned(),
        endpoints: map.endpoints.iter().map(endpoint).collect(),
        unresolved: map
            .unresolved
            .iter()
            .map(|unresolved| JsonUnresolved {
                file: relative(&map.root, &unresolved.file),
                line: unresolved.line,
                reason: &unresolved.reason,
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *writer, &json)?;
    writeln!(writer)
}

fn json_endpoint<'a>(map: &RouteMap, endpoint: &'a Endpoint) -> JsonEndpoint<'a> {
    JsonEndpoint {
        method: &endpoint.method,
        path: &endpoint.path,
        framework: endpoint.framework.name(),
        handler: &endpoint.handler,
        file: relative(&map.root, &endpoint.file),
        line: endpoint.line,
        statuses: endpoint
            .statuses
            .iter()
            .map(|status| JsonStatus {
                status: status.status,
                kind: status.kind.name(),
                approved: status.approved,
                file: relative(&map.root, &status.file),
                line: status.line,
                via: &status.via,
                source: status.source.as_deref(),
            })
            .collect(),
        unresolved: &endpoint.unresolved,
    }
}
