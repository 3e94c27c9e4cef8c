//! The files that codespan-reporting reads one diagnostic's snippets from, made of the excerpts
//! of its finding instead of whole texts. Lines keep their index in their file, so line numbers,
//! columns, and the breaks between lines far apart render as they would from the whole file.

use std::ops::Range;
use std::path::{Path, PathBuf};

use codespan_reporting::files::{Error, Files};

use crate::model::{Excerpt, Span};

/// The lines of the files one diagnostic shows.
#[derive(Debug, Default)]
pub(super) struct ExcerptFiles {
    files: Vec<ExcerptFile>,
}

/// The lines of one file that excerpts brought, in the order they came. In `source` each ends
/// in a newline, one being added to a file's last line, so that every offset of a line, its end
/// included, falls in its own range; codespan-reporting drops line ends when it prints a line.
#[derive(Debug)]
struct ExcerptFile {
    path: PathBuf,
    name: String,
    source: String,
    lines: Vec<Line>,
}

#[derive(Debug)]
struct Line {
    /// 0-based index of the line in its file.
    index: usize,
    /// Byte offset of the line's start in its file.
    offset: usize,
    /// The line's bytes in `source`, with the newline after it.
    range: Range<usize>,
}

impl ExcerptFiles {
    /// Adds the lines of an excerpt of the file at `path`, named `name` in the report, and
    /// returns the file's id and where `span` is in its source; `None` when the excerpt does
    /// not hold the span.
    pub(super) fn add(
        &mut self,
        path: &Path,
        name: String,
        excerpt: &Excerpt,
        span: Span,
    ) -> Option<(usize, Range<usize>)> {
        excerpt.text_of(span)?;
        let id = match self.files.iter().position(|file| file.path == path) {
            Some(id) => id,
            None => {
                let file = ExcerptFile { path: path.to_path_buf(), name, source: String::new(), lines: Vec::new() };
                self.files.push(file);
                self.files.len() - 1
            }
        };
        let file = &mut self.files[id];
        for (number, offset, text) in excerpt.lines() {
            if file.lines.iter().any(|line| line.index == number - 1) {
                continue;
            }
            let start = file.source.len();
            file.source.push_str(text);
            file.source.push('\n');
            file.lines.push(Line { index: number - 1, offset, range: start..file.source.len() });
        }
        Some((id, file.at(span.start)?..file.at(span.end)?))
    }

    fn file(&self, id: usize) -> Result<&ExcerptFile, Error> {
        self.files.get(id).ok_or(Error::FileMissing)
    }
}

impl ExcerptFile {
    /// Where the file's byte `offset` is in `source`.
    fn at(&self, offset: usize) -> Option<usize> {
        let line = self.lines.iter().find(|line| line.offset <= offset && offset < line.offset + line.range.len())?;
        Some(line.range.start + offset - line.offset)
    }
}

impl<'a> Files<'a> for ExcerptFiles {
    type FileId = usize;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<&'a str, Error> {
        Ok(&self.file(id)?.name)
    }

    fn source(&'a self, id: usize) -> Result<&'a str, Error> {
        Ok(&self.file(id)?.source)
    }

    fn line_index(&'a self, id: usize, byte_index: usize) -> Result<usize, Error> {
        let file = self.file(id)?;
        let line = file.lines.iter().find(|line| line.range.contains(&byte_index));
        line.map(|line| line.index).ok_or(Error::IndexTooLarge { given: byte_index, max: file.source.len() })
    }

    fn line_range(&'a self, id: usize, line_index: usize) -> Result<Range<usize>, Error> {
        let file = self.file(id)?;
        let line = file.lines.iter().find(|line| line.index == line_index);
        let max = file.lines.iter().map(|line| line.index).max().unwrap_or_default();
        line.map(|line| line.range.clone()).ok_or(Error::LineTooLarge { given: line_index, max })
    }
}
