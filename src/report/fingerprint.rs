//! Fingerprints that identify a finding across unrelated edits: built from what survives moving
//! code around (path, enclosing function, rule, status and the expression's own text), never from
//! line numbers. Identical keys in one file are told apart by their order.

use std::collections::HashMap;

use crate::model::Finding;
use crate::Audit;

/// One fingerprint per finding of `audit`, in the same order.
pub(crate) fn fingerprints(audit: &Audit) -> Vec<String> {
    let mut seen: HashMap<u64, usize> = HashMap::new();
    audit
        .findings
        .iter()
        .map(|finding| {
            let key = fnv1a(&identity(audit, finding));
            let occurrence = seen.entry(key).or_default();
            *occurrence += 1;
            format!("{key:016x}:{occurrence}")
        })
        .collect()
}

/// The parts of a finding that do not move when unrelated code does: its baseline entry.
fn identity(audit: &Audit, finding: &Finding) -> String {
    let entry = crate::baseline::entry(audit, finding);
    let status = entry.status.map(|status| status.to_string()).unwrap_or_default();
    let function = entry.function.unwrap_or_default();
    format!("{}\u{0}{function}\u{0}{}\u{0}{status}\u{0}{}", entry.path, entry.rule, entry.expression)
}

/// FNV-1a, 64 bits: small, and the same on every platform and Rust version.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_its_reference_values() {
        assert_eq!(fnv1a(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a("a"), 0xaf63_dc4c_8601_ec8c);
    }
}
