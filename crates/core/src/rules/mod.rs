//! Rule metadata: the one source for diagnostics' ids, the rules page in the app
//! and `ecs-atlas rules`.
//!
//! Each rule lives in its own file under `rules/<area>/`; its doc comment is its
//! user documentation (what it does, why it matters, an example, the fix), kept
//! at run time by [`declare_rule!`] so the app and CLI render the same text.

use serde::Serialize;

use crate::diagnostic::Severity;

pub mod atlas;
pub mod cross;
pub mod docs;
pub mod nginx;
pub mod taskdef;

#[derive(Debug, Clone, Copy, Serialize)]
pub struct RuleMeta {
    /// Stable id, `area/kebab-name`.
    pub id: &'static str,
    pub severity: Severity,
    /// One line: what the rule reports.
    pub summary: &'static str,
    /// The rule's doc comment, as written (Markdown subset, see [`docs`]).
    /// Empty without the `docs` feature.
    #[serde(skip)]
    pub docs_source: &'static str,
}

impl RuleMeta {
    /// The area part of the id (`atlas`, `taskdef`, `nginx`, `cross`).
    pub fn area(&self) -> &'static str {
        self.id.split_once('/').map_or(self.id, |(area, _)| area)
    }

    /// The documentation with the one leading space of each `///` line removed.
    pub fn docs(&self) -> String {
        unindent(self.docs_source)
    }
}

/// Removes the one leading space each `///` line carries.
pub fn unindent(docs: &str) -> String {
    let mut out = String::with_capacity(docs.len());
    for line in docs.lines() {
        out.push_str(line.strip_prefix(' ').unwrap_or(line));
        out.push('\n');
    }
    out
}

/// Declares a rule's metadata from its doc comment and id.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis static $name:ident = {
            id: $id:literal,
            severity: $severity:ident,
            summary: $summary:literal $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        $vis static $name: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
            id: $id,
            severity: $crate::diagnostic::Severity::$severity,
            summary: $summary,
            docs_source: {
                // The web app leaves the docs out of its bundle and loads them
                // on demand (rules.json, written by the CLI at build time).
                #[cfg(feature = "docs")]
                let docs = concat!($($doc, "\n"),*);
                #[cfg(not(feature = "docs"))]
                let docs = "";
                docs
            },
        };
    };
}
pub(crate) use declare_rule;

/// Every rule, in the order the rules page lists them.
pub fn all() -> Vec<&'static RuleMeta> {
    let mut rules: Vec<&'static RuleMeta> = atlas::RULES
        .iter()
        .copied()
        .chain(taskdef::all())
        .chain(nginx::all())
        .chain(cross::RULES.iter().copied())
        .collect();
    rules.sort_by_key(|r| r.id);
    rules
}

pub fn find(id: &str) -> Option<&'static RuleMeta> {
    all().into_iter().find(|r| r.id == id)
}

/// Rules whose id, summary or documentation contain every word of `query`,
/// ignoring case; an empty query matches all.
pub fn search(query: &str) -> Vec<&'static RuleMeta> {
    search_with(query, |rule| rule.docs_source)
}

/// [`search`] with the documentation from elsewhere (the web app loads it on demand).
pub fn search_with<'a>(query: &str, docs: impl Fn(&RuleMeta) -> &'a str) -> Vec<&'static RuleMeta> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    all()
        .into_iter()
        .filter(|rule| {
            let haystack = format!("{} {} {}", rule.id, rule.summary, docs(rule)).to_lowercase();
            words.iter().all(|w| haystack.contains(w.as_str()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_area_slash_kebab() {
        let rules = all();
        let mut ids: Vec<_> = rules.iter().map(|r| r.id).collect();
        ids.dedup();
        assert_eq!(ids.len(), rules.len(), "duplicate rule id");
        for id in ids {
            let (area, name) = id.split_once('/').expect(id);
            assert!(["atlas", "taskdef", "nginx", "cross"].contains(&area), "{id}");
            assert!(
                !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{id}"
            );
        }
    }

    #[test]
    fn search_matches_all_words_in_id_summary_or_docs() {
        assert_eq!(search("").len(), all().len());
        let ids: Vec<_> = search("DUPLICATE namespace").iter().map(|r| r.id).collect();
        assert_eq!(ids, ["atlas/duplicate-id"]);
        // Other areas' rules match only where their docs point at a taskdef rule.
        assert!(search("taskdef/")
            .iter()
            .all(|r| r.area() == "taskdef" || r.docs().contains("taskdef/")));
        assert!(search("taskdef/").len() >= taskdef::all().count());
        assert!(search("zzz-no-such-word").is_empty());
    }

    #[test]
    fn every_rule_documents_why_and_how_to_fix() {
        for rule in all() {
            let docs = rule.docs();
            for heading in ["# Why it matters", "# Example", "# Fix"] {
                assert!(docs.contains(heading), "{} lacks {heading:?}", rule.id);
            }
            assert!(!rule.summary.is_empty());
        }
    }
}
