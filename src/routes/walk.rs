//! One walk from a handler: the functions it reaches through calls and response conversions,
//! the statuses found in them, and which arms of the conversions' matches on variants no
//! function on the way makes.

use std::collections::{HashSet, VecDeque};

use super::reach::{Found, Workspace, CONVERSIONS, MAX_VISITS};

/// What one walk from a handler reaches.
#[derive(Default)]
pub(super) struct Walk<'a> {
    pub(super) visited: HashSet<(usize, usize)>,
    /// Each status found on the way, with the function that holds it and the chain to it.
    pub(super) candidates: Vec<((usize, usize), &'a Found, Vec<String>)>,
    /// The response conversions on the way, whose arms on variants are narrowed.
    pub(super) conversions: HashSet<(usize, usize)>,
}

impl<'a> Workspace<'a> {
    /// Follows calls and conversions from `starts`, not into the calls written in `unmade` arms.
    pub(super) fn walk<'w>(
        &'w self,
        starts: &[((usize, usize), Vec<String>)],
        unmade: &HashSet<((usize, usize), usize)>,
    ) -> Walk<'w> {
        let mut walk = Walk::default();
        let mut queue: VecDeque<((usize, usize), Vec<String>)> = starts.iter().cloned().collect();
        while let Some((key, via)) = queue.pop_front() {
            if !walk.visited.insert(key) || walk.visited.len() > MAX_VISITS {
                continue;
            }
            let (file, function) = (&self.files[key.0], self.function(key));
            // An extractor answers for the handler (or extractor) whose parameter it is.
            let started_here = starts.iter().any(|(start, _)| *start == key);
            for found in
                self.found.get(&key).into_iter().flatten().filter(|found| started_here || !found.is_extractor())
            {
                walk.candidates.push((key, found, via.clone()));
            }
            for (call, offset) in &function.calls {
                let in_unmade = function
                    .arms
                    .iter()
                    .enumerate()
                    .any(|(arm, (start, end, _))| (*start..*end).contains(offset) && unmade.contains(&(key, arm)));
                if in_unmade {
                    continue;
                }
                for callee in self.callees(call, file.package) {
                    let mut via = via.clone();
                    via.push(self.function(callee).name.clone());
                    queue.push_back((callee, via));
                }
            }
            for returned in &function.returns {
                let returned = self.aliases.get(returned.as_str()).copied().unwrap_or(returned);
                // `?` converts through `From` into the error type: its `from` may make variants.
                let from = function.question_mark.then_some("from");
                for conversion in CONVERSIONS.into_iter().chain(from) {
                    for converter in self.methods(returned, conversion, file.package) {
                        walk.conversions.insert(converter);
                        let mut via = via.clone();
                        if function.question_mark {
                            via.push(format!("? into {returned}"));
                        }
                        via.push(self.function(converter).name.clone());
                        queue.push_back((converter, via));
                    }
                }
            }
        }
        walk
    }

    /// The arms of the walk's conversions on variants that no function it visits makes.
    pub(super) fn unmade(&self, walk: &Walk<'_>) -> HashSet<((usize, usize), usize)> {
        let constructed: HashSet<&str> =
            walk.visited.iter().flat_map(|key| self.function(*key).constructs.iter().map(String::as_str)).collect();
        let mut unmade = HashSet::new();
        for key in &walk.conversions {
            for (arm, (_, _, variants)) in self.function(*key).arms.iter().enumerate() {
                if !variants.iter().any(|variant| constructed.contains(variant.as_str())) {
                    unmade.insert((*key, arm));
                }
            }
        }
        unmade
    }
}
