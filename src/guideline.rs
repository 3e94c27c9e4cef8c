//! The API guideline that the default approved list comes from, embedded in the binary. The table
//! of recommended codes is read from the guideline's own text, so the list and its descriptions
//! cannot drift apart from the document.

use std::sync::OnceLock;

/// The guideline document, as shipped in `data/`.
pub const TEXT: &str = include_str!("../data/response-status-codes.md");

/// A code the guideline recommends, with the guideline's description of it.
#[derive(Debug, Clone)]
pub struct Recommended {
    pub code: u16,
    pub title: String,
    pub description: String,
}

/// The recommended codes, in the guideline's order.
pub fn recommended() -> &'static [Recommended] {
    static TABLE: OnceLock<Vec<Recommended>> = OnceLock::new();
    TABLE.get_or_init(|| parse_table(TEXT))
}

/// Reads rows of the form `|418| I'm a teapot| description |`; every other line is prose.
fn parse_table(text: &str) -> Vec<Recommended> {
    text.lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.trim().strip_prefix('|')?.split('|').map(str::trim).collect();
            let code: u16 = cells.first()?.parse().ok()?;
            Some(Recommended {
                code,
                title: cells.get(1)?.to_string(),
                description: cells.get(2).unwrap_or(&"").to_string(),
            })
        })
        .collect()
}

/// The guideline's description of a code, if it recommends it.
pub fn description(code: u16) -> Option<&'static str> {
    recommended()
        .iter()
        .find(|recommended| recommended.code == code)
        .map(|recommended| recommended.description.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_guideline_recommends_23_codes() {
        let codes: Vec<u16> = recommended().iter().map(|recommended| recommended.code).collect();
        assert_eq!(codes.len(), 23);
        assert_eq!(codes.first(), Some(&200));
        assert_eq!(codes.last(), Some(&504));
        assert!(codes.contains(&429) && !codes.contains(&418));
        assert!(description(429).is_some_and(|text| text.contains("Retry-After")));
    }
}
