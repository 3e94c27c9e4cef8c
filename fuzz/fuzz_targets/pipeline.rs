//! The whole in-memory pipeline on arbitrary bytes: parse, detect, evaluate, then render every
//! format. Nothing may panic; findings come out sorted.

#![no_main]

use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;
use status_audit::config::Policy;
use status_audit::discover::PackageContext;
use status_audit::model::Framework;
use status_audit::report::{write_report, Format, ReportOptions};
use status_audit::Audit;

fuzz_target!(|data: &[u8]| {
    let context = PackageContext {
        frameworks: vec![Framework::Axum, Framework::ActixWeb, Framework::Warp, Framework::Http],
        ..PackageContext::default()
    };
    let findings = status_audit::audit_bytes(data.to_vec(), &context, &Policy::guideline_default());
    let starts: Vec<_> = findings.iter().map(|finding| finding.span.map(|span| span.start)).collect();
    assert!(starts.windows(2).all(|pair| pair[0] <= pair[1]), "findings out of order");

    let audit = Audit { root: PathBuf::from("/"), packages: 1, files_scanned: 1, findings, ..Audit::default() };
    for format in [Format::Human, Format::Json, Format::Sarif, Format::Github, Format::Gitlab, Format::CargoJson] {
        let mut output = Vec::new();
        let options = ReportOptions { format, color: true, ci_root: None };
        write_report(&audit, &options, &mut output).expect("writing to memory works");
    }
});
