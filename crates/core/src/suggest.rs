//! "Did you mean …?" for a name that is close to one that exists.

/// The candidate most similar to `name`, if it is similar enough to be a likely typo.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = name.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&lower, &c.to_ascii_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_misses_only() {
        let known = ["ecs-front-task", "ecs-backend-task"];
        assert_eq!(closest("ecs-frnt-task", known), Some("ecs-front-task"));
        assert_eq!(closest("ECS-BACKEND-TASK", known), Some("ecs-backend-task"));
        assert_eq!(closest("billing", known), None);
        assert_eq!(closest("x", []), None);
    }
}
