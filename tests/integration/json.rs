//! The JSON report's shape, as the README documents it.

use std::path::Path;

use syn::parse_str;

use crate::support::run_json;

#[test]
fn report_shape_positions_and_order() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("test-crates");
    let (report, run) = run_json(&root, &[]);
    assert_eq!(run.code, 1);
    assert_eq!(report["version"], 1);
    let reported_root = report["root"].as_str().expect("root");
    assert!(Path::new(reported_root).is_absolute());
    assert_eq!(Path::new(reported_root), root.canonicalize().unwrap());

    let findings = report["findings"].as_array().expect("findings");
    let summary = &report["summary"];
    let count = |severity: &str| findings.iter().filter(|finding| finding["severity"] == severity).count() as u64;
    assert_eq!(summary["errors"].as_u64(), Some(count("error")));
    assert_eq!(summary["warnings"].as_u64(), Some(count("warning")));
    assert!(count("warning") > 0, "the samples set statuses known only at run time, and lack headers on purpose");
    assert_eq!(count("error") + count("warning"), findings.len() as u64);
    assert_eq!(summary["parse_failures"], 0);
    assert_eq!(
        summary["packages"], 10,
        "api-errors, axum-orders, axum-media, actix-billing, actix-downloads, the gateway, warp-inventory, \
         rocket-accounts, poem-catalog and salvo-tickets"
    );
    assert!(summary["files_scanned"].as_u64().unwrap() >= 10);

    let mut previous: Option<(Vec<String>, u64, u64)> = None;
    for finding in findings {
        let keys: Vec<&str> = finding.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "column",
                "end_column",
                "end_line",
                "framework",
                "function",
                "line",
                "message",
                "path",
                "related",
                "rule",
                "severity",
                "status"
            ]
        );
        let path = finding["path"].as_str().unwrap();
        assert!(!path.starts_with('/') && !path.contains('\\'), "{path}");
        let (line, column) = (finding["line"].as_u64().unwrap(), finding["column"].as_u64().unwrap());
        // Paths sort by component, as the report sorts them: `renames/below.rs` before `renames.rs`.
        let components: Vec<String> = path.split('/').map(ToString::to_string).collect();
        let key = (components, line, column);
        if let Some(previous) = &previous {
            assert!(*previous <= key, "findings out of order: {previous:?} then {key:?}");
        }
        previous = Some(key);
        let frameworks = ["axum", "actix-web", "warp", "rocket", "poem", "salvo", "http"];
        assert!(frameworks.contains(&finding["framework"].as_str().unwrap()));

        // The span covers exactly an expression: the status's token, not its surroundings; or,
        // for an implied status, the extractor's type.
        let text = std::fs::read_to_string(root.join(path)).unwrap();
        let source_line: Vec<char> = text.lines().nth(line as usize - 1).unwrap().chars().collect();
        assert_eq!(finding["end_line"], finding["line"]);
        let end_column = finding["end_column"].as_u64().unwrap();
        let spanned: String = source_line[column as usize - 1..end_column as usize - 1].iter().collect();
        let extractor = finding["rule"] == "implied-status" && parse_str::<syn::Type>(&spanned).is_ok();
        assert!(parse_str::<syn::Expr>(&spanned).is_ok() || extractor, "{path}:{line}:{column} spans `{spanned}`");
        match finding["status"].as_u64() {
            Some(status) => assert!(finding["message"].as_str().unwrap().contains(&status.to_string())),
            None => assert_eq!(finding["rule"], "dynamic-status"),
        }
        // A related place points at the name its message speaks of: the `const` or `let` behind
        // the status.
        for related in finding["related"].as_array().unwrap() {
            let related_text = std::fs::read_to_string(root.join(related["path"].as_str().unwrap())).unwrap();
            let related_line: Vec<char> =
                related_text.lines().nth(related["line"].as_u64().unwrap() as usize - 1).unwrap().chars().collect();
            let (start, end) =
                (related["column"].as_u64().unwrap() as usize, related["end_column"].as_u64().unwrap() as usize);
            let named: String = related_line[start - 1..end - 1].iter().collect();
            let message = related["message"].as_str().unwrap();
            assert!(
                message.contains(&format!("`{named}`")) || message.contains(&format!("set to {named}")),
                "{message} at `{named}`"
            );
        }
    }
    let related = findings.iter().filter(|finding| !finding["related"].as_array().unwrap().is_empty()).count();
    assert!(related >= 10, "names resolved through consts, lets and re-exports point at them: {related}");
}
