use crate::diagnostic::Diagnostic;
use crate::json_spans::SyntaxError;
use crate::rules::declare_rule;
use crate::source::Source;

declare_rule! {
    /// Reports a deployment file that is not valid JSON, at the character where
    /// reading stopped.
    ///
    /// # Why it matters
    /// Nothing else in the file can be checked, drawn or exported until it parses.
    /// `atlas.json` is strict JSON, like the AWS CLI's input: no comments, no
    /// trailing commas, double-quoted strings only.
    ///
    /// # Example
    /// ```json
    /// "services": [
    ///   { "id": "svc-frontend", "desiredCount": 1 },
    /// ]
    /// ```
    ///
    /// # Fix
    /// Remove the trailing comma, close the bracket or quote the diagnostic points at.
    pub static RULE = {
        id: "atlas/json-syntax",
        severity: Error,
        summary: "The deployment file is not valid JSON",
    }
}

pub fn diagnostic(source: &Source, error: &SyntaxError) -> Diagnostic {
    Diagnostic::at(&RULE, source, error.span, &error.message)
        .with_help("atlas.json is strict JSON: no comments, no trailing commas, double quotes only.")
}

#[cfg(test)]
mod tests {
    use crate::rules::atlas::fixtures::{edited, rule_hits, REFERENCE};

    #[test]
    fn triggers_on_a_trailing_comma_at_its_line() {
        let text = edited("\"desiredCount\": 1,", "\"desiredCount\": 1,,");
        let hits = rule_hits(&text, "atlas/json-syntax");
        assert_eq!(hits.len(), 1);
        let line = text.lines().position(|l| l.contains("\"desiredCount\": 1,,")).unwrap() + 1;
        assert_eq!(hits[0].line, line);
    }

    #[test]
    fn triggers_on_truncated_and_binary_input() {
        let truncated = &REFERENCE[..REFERENCE.len() / 2];
        assert_eq!(rule_hits(truncated, "atlas/json-syntax").len(), 1);
        assert_eq!(rule_hits("\u{0}\u{1}\u{fffd}garbage", "atlas/json-syntax").len(), 1);
        assert_eq!(rule_hits("", "atlas/json-syntax").len(), 1);
    }

    #[test]
    fn stays_quiet_on_the_reference() {
        assert!(rule_hits(REFERENCE, "atlas/json-syntax").is_empty());
    }
}
