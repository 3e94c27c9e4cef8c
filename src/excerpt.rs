//! Cuts from a file's text the lines that its findings point at, so that the report can show
//! them after the text is dropped: memory then follows the lines shown, not the files. Does no
//! IO; the caller reads the text and hands it in.

use std::ops::RangeInclusive;
use std::path::Path;

use crate::model::{Excerpt, Finding, Span};

/// Fills the excerpt of every place in the file at `path` that has none yet: the spans of the
/// findings in it, and the related places of any finding that point into it.
pub(crate) fn fill(findings: &mut [Finding], path: &Path, text: &str) {
    let lines = Lines::new(text);
    for finding in findings {
        let in_file = finding.path == path;
        let finding_lines = finding.span.filter(|_| in_file).and_then(|span| lines.covered(span));
        if in_file && finding.excerpt.is_none() {
            finding.excerpt = finding_lines.clone().map(|covered| lines.cut(covered));
        }
        for related in &mut finding.related {
            if related.path != path || related.excerpt.is_some() {
                continue;
            }
            let Some(covered) = lines.covered(related.span) else { continue };
            related.excerpt = Some(lines.cut(widened(covered, finding_lines.as_ref())));
        }
    }
}

/// The lines of a related place in its finding's own file. When a single line separates the
/// two, the human report shows that line instead of a break, so the excerpt takes it in.
fn widened(related: RangeInclusive<usize>, finding: Option<&RangeInclusive<usize>>) -> RangeInclusive<usize> {
    match finding {
        Some(finding) if *finding.start() == related.end() + 2 => *related.start()..=related.end() + 1,
        Some(finding) if *related.start() == finding.end() + 2 => finding.end() + 1..=*related.end(),
        _ => related,
    }
}

/// A file's text and where each of its lines starts. Lines are counted as codespan-reporting
/// counts them: a line ends at a `\n`, and an offset just past one is on the next line.
struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Lines<'a> {
        let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(index, _)| index + 1)).collect();
        Lines { text, starts }
    }

    /// The 0-based indexes of the lines that `span` touches, or `None` when the text does not
    /// hold the span: the file changed since it was scanned.
    fn covered(&self, span: Span) -> Option<RangeInclusive<usize>> {
        let holds = span.start <= span.end
            && span.end <= self.text.len()
            && self.text.is_char_boundary(span.start)
            && self.text.is_char_boundary(span.end);
        holds.then(|| self.line_of(span.start)..=self.line_of(span.end))
    }

    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|start| *start <= offset) - 1
    }

    fn cut(&self, lines: RangeInclusive<usize>) -> Excerpt {
        let start = self.starts[*lines.start()];
        let end = self.starts.get(lines.end() + 1).map_or(self.text.len(), |next| next - 1);
        Excerpt { start, line: lines.start() + 1, text: self.text[start..end].to_string() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Related;

    fn span(start: usize, end: usize) -> Span {
        Span { start, end, ..Span::default() }
    }

    fn finding(path: &str, at: Span, related: &[(&str, Span)]) -> Finding {
        let related = related
            .iter()
            .map(|(path, span)| Related { path: path.into(), span: *span, message: String::new(), excerpt: None })
            .collect();
        Finding { related, ..Finding::unapproved_at(path, Some(at)) }
    }

    fn related(finding: &Finding) -> Vec<Option<(usize, usize, &str)>> {
        finding.related.iter().map(|related| lines_of(&related.excerpt)).collect()
    }

    fn lines_of(excerpt: &Option<Excerpt>) -> Option<(usize, usize, &str)> {
        excerpt.as_ref().map(|excerpt| (excerpt.start, excerpt.line, excerpt.text.as_str()))
    }

    #[test]
    fn cuts_the_lines_a_span_touches() {
        let text = "one\r\ntwo three\nfour\nfive";
        let mut findings = vec![
            finding("a.rs", span(9, 14), &[]),
            finding("a.rs", span(6, 17), &[]),
            // Ends just past a newline: on the next line, as codespan-reporting counts it.
            finding("a.rs", span(14, 15), &[]),
            finding("a.rs", span(20, 24), &[]),
            // Past the end, or inside a character: the file changed since it was scanned.
            finding("a.rs", span(20, 25), &[]),
            finding("b.rs", span(0, 3), &[]),
        ];
        fill(&mut findings, Path::new("a.rs"), text);
        let cut: Vec<_> = findings.iter().map(|finding| lines_of(&finding.excerpt)).collect();
        assert_eq!(
            cut,
            [
                Some((5, 2, "two three")),
                Some((5, 2, "two three\nfour")),
                Some((5, 2, "two three\nfour")),
                Some((20, 4, "five")),
                None,
                None,
            ]
        );
        assert_eq!(findings[1].excerpt.as_ref().unwrap().text_of(span(6, 17)), Some("wo three\nfo"));
        let numbered: Vec<_> = findings[2].excerpt.as_ref().unwrap().lines().collect();
        assert_eq!(numbered, [(2, 5, "two three"), (3, 15, "four")]);
        let mut inside = vec![finding("c.rs", span(1, 2), &[])];
        fill(&mut inside, Path::new("c.rs"), "é");
        assert_eq!(inside[0].excerpt, None);
    }

    #[test]
    fn a_related_place_one_line_away_takes_the_line_between() {
        let text = "const A: u16 = 418;\n\nuse_of(A);\nx\n\nconst B: u16 = 423;\n";
        let mut findings = vec![
            finding("a.rs", span(21, 30), &[("a.rs", span(6, 7)), ("b.rs", span(0, 1))]),
            finding("a.rs", span(21, 30), &[("a.rs", span(41, 42))]),
            finding("b.rs", span(0, 1), &[("a.rs", span(6, 7))]),
        ];
        fill(&mut findings, Path::new("a.rs"), text);
        assert_eq!(related(&findings[0]), [Some((0, 1, "const A: u16 = 418;\n")), None]);
        // Two lines between: the report shows a break, and the excerpt holds only its own line.
        assert_eq!(related(&findings[1]), [Some((35, 6, "const B: u16 = 423;"))]);
        // In another file than its finding: only its own lines.
        assert_eq!(related(&findings[2]), [Some((0, 1, "const A: u16 = 418;"))]);
        assert_eq!(findings[2].excerpt, None);
    }
}
