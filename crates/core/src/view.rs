//! The address of a view, as it lives in `location.hash`: every view is a
//! shareable link, and static hosting needs no rewrite rules.
//!
//! `#/topology`, `#/taskdefs/ecs-backend-task`, `#/taskdefs/ecs-backend-task/L12`,
//! `#/nginx/backend`, `#/rules`, `#/rules/atlas/json-syntax`.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum View {
    #[default]
    Topology,
    TaskDefinitions {
        family: Option<String>,
        line: Option<usize>,
    },
    Nginx {
        id: Option<String>,
        line: Option<usize>,
    },
    Export,
    Rules {
        rule: Option<String>,
    },
}

/// The top-level areas, in navigation order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    Topology,
    TaskDefinitions,
    Nginx,
    Export,
    Rules,
}

impl Area {
    pub const ALL: [Area; 5] = [
        Area::Topology,
        Area::TaskDefinitions,
        Area::Nginx,
        Area::Export,
        Area::Rules,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Area::Topology => "Topology",
            Area::TaskDefinitions => "Task definitions",
            Area::Nginx => "nginx",
            Area::Export => "Export",
            Area::Rules => "Rules",
        }
    }

    /// The view the navigation opens for this area.
    pub fn home(self) -> View {
        match self {
            Area::Topology => View::Topology,
            Area::TaskDefinitions => View::TaskDefinitions {
                family: None,
                line: None,
            },
            Area::Nginx => View::Nginx { id: None, line: None },
            Area::Export => View::Export,
            Area::Rules => View::Rules { rule: None },
        }
    }
}

/// Keeps `-`, `_`, `.` and `~` readable; encodes the rest.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

impl View {
    pub fn area(&self) -> Area {
        match self {
            View::Topology => Area::Topology,
            View::TaskDefinitions { .. } => Area::TaskDefinitions,
            View::Nginx { .. } => Area::Nginx,
            View::Export => Area::Export,
            View::Rules { .. } => Area::Rules,
        }
    }

    /// Reads a `location.hash` (with or without the leading `#`). Anything
    /// unrecognised opens the topology, the home page.
    pub fn from_hash(hash: &str) -> View {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let mut parts = path.split('/').filter(|p| !p.is_empty());
        let area = parts.next().unwrap_or("");
        let rest: Vec<String> = parts
            .map(|p| percent_decode_str(p).decode_utf8_lossy().into_owned())
            .collect();
        let (key, line) = key_and_line(&rest);
        match area {
            "taskdefs" => View::TaskDefinitions { family: key, line },
            "nginx" => View::Nginx { id: key, line },
            "export" => View::Export,
            "rules" => View::Rules {
                rule: (!rest.is_empty()).then(|| rest.join("/")),
            },
            _ => View::Topology,
        }
    }

    pub fn to_hash(&self) -> String {
        let encode = |s: &str| utf8_percent_encode(s, SEGMENT).to_string();
        let with = |area: &str, key: &Option<String>, line: &Option<usize>| {
            let mut hash = format!("#/{area}");
            if let Some(key) = key {
                hash.push('/');
                hash.push_str(&encode(key));
                if let Some(line) = line {
                    hash.push_str(&format!("/L{line}"));
                }
            }
            hash
        };
        match self {
            View::Topology => "#/topology".to_owned(),
            View::Export => "#/export".to_owned(),
            View::TaskDefinitions { family, line } => with("taskdefs", family, line),
            View::Nginx { id, line } => with("nginx", id, line),
            View::Rules { rule: None } => "#/rules".to_owned(),
            View::Rules { rule: Some(rule) } => {
                let segments: Vec<String> = rule.split('/').map(encode).collect();
                format!("#/rules/{}", segments.join("/"))
            }
        }
    }
}

fn key_and_line(rest: &[String]) -> (Option<String>, Option<usize>) {
    let key = rest.first().cloned();
    let line = rest
        .get(1)
        .and_then(|l| l.strip_prefix('L'))
        .and_then(|n| n.parse().ok())
        .filter(|&n: &usize| n > 0);
    (key, line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_kind_of_view() {
        let views = [
            View::Topology,
            View::TaskDefinitions {
                family: None,
                line: None,
            },
            View::TaskDefinitions {
                family: Some("ecs-backend-task".into()),
                line: Some(12),
            },
            View::Nginx {
                id: Some("backend".into()),
                line: None,
            },
            View::Nginx {
                id: Some("my conf/유".into()),
                line: Some(3),
            },
            View::Rules { rule: None },
            View::Rules {
                rule: Some("atlas/json-syntax".into()),
            },
        ];
        for view in views {
            assert_eq!(View::from_hash(&view.to_hash()), view, "{}", view.to_hash());
        }
    }

    #[test]
    fn reads_the_documented_forms() {
        assert_eq!(
            View::from_hash("#/nginx/backend"),
            View::Nginx {
                id: Some("backend".into()),
                line: None
            }
        );
        assert_eq!(
            View::from_hash("#/taskdefs/ecs-front-task/L7"),
            View::TaskDefinitions {
                family: Some("ecs-front-task".into()),
                line: Some(7)
            }
        );
        assert_eq!(
            View::Nginx {
                id: Some("a b".into()),
                line: None
            }
            .to_hash(),
            "#/nginx/a%20b"
        );
    }

    #[test]
    fn anything_else_is_the_home_page() {
        for hash in ["", "#", "#/", "#/nope", "#/../../etc", "garbage<script>"] {
            assert_eq!(View::from_hash(hash), View::Topology, "{hash}");
        }
        assert_eq!(
            View::from_hash("#/nginx/backend/L0"),
            View::Nginx {
                id: Some("backend".into()),
                line: None
            }
        );
        assert_eq!(
            View::from_hash("#/nginx/backend/Lx"),
            View::Nginx {
                id: Some("backend".into()),
                line: None
            }
        );
    }
}
