//! `cargo status-audit routes` on the sample crates: each endpoint's expected statuses are
//! written next to its route as `//~ route METHOD PATH CODES` (a code, or `dynamic`). Every
//! endpoint found must be expected and every expected one found, with the same statuses.
//! `//~ route FIXME METHOD PATH CODES` is a known gap: the endpoint is found, its statuses are
//! not yet those written (the test fails once they are, so that the FIXME is removed).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::support::run_in;

fn sample_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("test-crates")
}

/// `(method, path)` -> the statuses it can produce.
type Endpoints = BTreeMap<(String, String), BTreeSet<String>>;

/// The endpoints expected, and those of them whose statuses are a known gap.
fn expected() -> (Endpoints, BTreeSet<(String, String)>) {
    let mut expected = Endpoints::new();
    let mut known_gaps = BTreeSet::new();
    for entry in WalkDir::new(sample_root()).into_iter().filter_entry(|entry| entry.file_name() != "target") {
        let entry = entry.expect("readable test-crates");
        if entry.path().extension().is_none_or(|extension| extension != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).expect("a readable sample");
        for line in text.lines() {
            for marker in line.split("//~").skip(1) {
                let Some(marker) = marker.trim_start().strip_prefix("route ") else { continue };
                let (gap, marker) = match marker.trim_start().strip_prefix("FIXME ") {
                    Some(rest) => (true, rest),
                    None => (false, marker),
                };
                let mut words = marker.split_whitespace();
                let (method, path) = (words.next().expect("a method"), words.next().expect("a path"));
                if gap {
                    known_gaps.insert((method.to_string(), path.to_string()));
                }
                let statuses = words.map(str::to_string).collect();
                let previous = expected.insert((method.to_string(), path.to_string()), statuses);
                assert!(previous.is_none(), "{method} {path} is expected twice");
            }
        }
    }
    (expected, known_gaps)
}

fn found(args: &[&str]) -> (Endpoints, serde_json::Value) {
    let mut all = vec!["routes", "--format", "json"];
    all.extend_from_slice(args);
    let run = run_in(&sample_root(), &all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let map: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let mut found = Endpoints::new();
    for endpoint in map["endpoints"].as_array().expect("endpoints") {
        let key = (endpoint["method"].as_str().unwrap().to_string(), endpoint["path"].as_str().unwrap().to_string());
        let statuses = endpoint["statuses"]
            .as_array()
            .unwrap()
            .iter()
            .map(|status| status["status"].as_u64().map_or_else(|| "dynamic".to_string(), |code| code.to_string()))
            .collect();
        assert!(found.insert(key.clone(), statuses).is_none(), "{key:?} is listed twice");
    }
    (found, map)
}

#[test]
fn every_endpoint_of_the_sample_crates_is_found_with_its_statuses() {
    let (expected, known_gaps) = expected();
    assert!(expected.len() >= 15, "the samples expect {} endpoints", expected.len());
    let (found, _) = found(&[]);
    let missing: Vec<_> = expected.keys().filter(|key| !found.contains_key(*key)).collect();
    let extra: Vec<_> = found.keys().filter(|key| !expected.contains_key(*key)).collect();
    assert!(missing.is_empty() && extra.is_empty(), "missing {missing:?}, not expected {extra:?}");
    for (key, statuses) in &expected {
        if known_gaps.contains(key) {
            assert_ne!(&found[key], statuses, "{key:?} is found as written: remove its FIXME");
        } else {
            assert_eq!(&found[key], statuses, "{key:?}");
        }
    }
}

#[test]
fn each_status_says_where_it_is_produced_and_how_the_handler_reaches_it() {
    let (_, map) = found(&[]);
    let endpoints = map["endpoints"].as_array().unwrap();
    let stock = endpoints.iter().find(|endpoint| endpoint["path"] == "/v1/stock/{sku}").expect("the nested route");
    assert_eq!(stock["handler"], "stock_level");
    assert_eq!(stock["file"], "services/axum-orders/src/api.rs");
    let early = stock["statuses"].as_array().unwrap().iter().find(|status| status["status"] == 425).expect("425");
    assert_eq!(early["kind"], "explicit");
    assert_eq!(early["approved"], false);
    assert_eq!(early["file"], "services/axum-orders/src/error.rs");
    let via: Vec<&str> = early["via"].as_array().unwrap().iter().map(|step| step.as_str().unwrap()).collect();
    assert_eq!(via, ["stock_level", "? into ApiError", "ApiError::into_response"]);
    // The method router made by a function is said, not dropped.
    let unresolved = map["unresolved"].as_array().unwrap();
    assert!(
        unresolved.iter().any(|entry| entry["file"] == "services/axum-orders/src/api.rs"
            && entry["reason"].as_str().unwrap().contains("`legacy`")),
        "{unresolved:?}"
    );
}

#[test]
fn approving_a_code_on_the_command_line_approves_it_in_the_map() {
    let (_, map) = found(&["--approve", "418"]);
    let brew =
        map["endpoints"].as_array().unwrap().iter().find(|endpoint| endpoint["path"] == "/orders/{id}/brew").unwrap();
    assert_eq!(brew["statuses"][0]["approved"], true);
}

#[test]
fn implied_statuses_name_the_component_that_answers_them() {
    let (_, map) = found(&[]);
    let endpoints = map["endpoints"].as_array().unwrap();
    let endpoint = |method: &str, path: &str| {
        endpoints.iter().find(|endpoint| endpoint["method"] == method && endpoint["path"] == path).unwrap().clone()
    };
    let status = |endpoint: &serde_json::Value, code: u64| {
        endpoint["statuses"].as_array().unwrap().iter().find(|status| status["status"] == code).unwrap().clone()
    };
    // A file service at a route: what it answers is its statuses, and it is not left unresolved.
    let assets = endpoint("ANY", "/assets");
    let redirect = status(&assets, 307);
    assert_eq!(
        (redirect["kind"].as_str(), redirect["source"].as_str()),
        (Some("implied"), Some("tower_http::ServeDir::new"))
    );
    assert_eq!(redirect["approved"], false);
    assert!(assets["unresolved"].as_array().unwrap().is_empty());
    // An extractor answers for the handler whose parameter it is.
    let too_large = status(&endpoint("POST", "/albums"), 413);
    assert_eq!((too_large["kind"].as_str(), too_large["source"].as_str()), (Some("implied"), Some("axum::Json")));
    assert_eq!(too_large["file"], "services/axum-media/src/handlers.rs");
    // An explicit status carries no source.
    assert!(status(&endpoint("POST", "/albums/{album}/photos"), 201).get("source").is_none());
}
