//! The address of a view, as it lives in `location.hash`: every view is a
//! shareable link, and static hosting needs no rewrite rules.
//!
//! `#/topology`, `#/taskdefs/ecs-backend-task`, `#/taskdefs/ecs-backend-task/L12`,
//! `#/taskdefs/ecs-backend-task/form`, `#/nginx/backend`, `#/nginx/backend/changes`,
//! `#/deployment/L40`, `#/deployment/changes`, `#/rules`, `#/rules/atlas/json-syntax`.
//!
//! The diagram's state rides on the topology address as a query, so a link
//! reproduces what its sender saw:
//! `#/topology?node=alb-backend&path=ssr&step=4&zoom=1.5@120,-40&panel=capacity`
//! (`zoom` is the scale and the scene point at the view's top-left corner).

use crate::deployment::request_path::Entry;
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

#[derive(Debug, Clone, PartialEq)]
pub enum View {
    Topology(Diagram),
    TaskDefinitions {
        family: Option<String>,
        line: Option<usize>,
        tab: FileTab,
    },
    Nginx {
        id: Option<String>,
        line: Option<usize>,
        tab: FileTab,
    },
    /// The deployment file itself, `atlas.json`.
    Deployment {
        line: Option<usize>,
        /// Its text or its changes; it has no form.
        tab: FileTab,
    },
    Export,
    Rules {
        rule: Option<String>,
    },
}

impl Default for View {
    fn default() -> Self {
        View::Topology(Diagram::default())
    }
}

/// How a task definition or nginx config is shown: `#/taskdefs/web/form`,
/// `#/nginx/backend/changes`. A line is always in the text, so a link to one
/// shows the text whatever tab it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FileTab {
    #[default]
    Text,
    /// The task definition's form; an nginx config has none and shows its text.
    Form,
    /// The file against the one first imported.
    Changes,
}

impl FileTab {
    fn segment(self) -> Option<&'static str> {
        match self {
            FileTab::Text => None,
            FileTab::Form => Some("form"),
            FileTab::Changes => Some("changes"),
        }
    }

    fn read(segment: Option<&String>, has_form: bool) -> FileTab {
        match segment.map(String::as_str) {
            Some("form") if has_form => FileTab::Form,
            Some("changes") => FileTab::Changes,
            _ => FileTab::Text,
        }
    }
}

/// What the diagram shows: the selection, a request path, the zoom and the
/// side panel.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Diagram {
    /// The selected box's scene id.
    pub node: Option<String>,
    pub path: Option<Entry>,
    /// 1-based step of the path, when one is selected.
    pub step: Option<usize>,
    pub zoom: Option<Zoom>,
    pub panel: Panel,
}

/// A zoom level and the scene point at the view's top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Zoom {
    pub scale: f32,
    pub x: f32,
    pub y: f32,
}

impl Zoom {
    /// Closest and farthest zoom the diagram allows.
    pub const MIN: f32 = 0.02;
    pub const MAX: f32 = 8.0;

    /// `1.5@120,-40`; anything unreadable, non-finite or out of range is none.
    fn parse(s: &str) -> Option<Zoom> {
        let (scale, at) = s.split_once('@')?;
        let (x, y) = at.split_once(',')?;
        let zoom = Zoom {
            scale: scale.parse().ok()?,
            x: x.parse().ok()?,
            y: y.parse().ok()?,
        };
        let finite = zoom.scale.is_finite() && zoom.x.is_finite() && zoom.y.is_finite();
        (finite && (Zoom::MIN..=Zoom::MAX).contains(&zoom.scale)).then_some(zoom)
    }

    /// Whether two zooms make the same link: the address keeps two decimals,
    /// so a camera read back from it is this close to the one written.
    pub fn same_in_link(&self, other: &Zoom) -> bool {
        self.write() == other.write()
    }

    /// Two decimals are plenty for a shared link and keep it short.
    fn write(&self) -> String {
        let short = |v: f32| {
            let s = format!("{:.2}", v);
            let s = s.trim_end_matches('0').trim_end_matches('.');
            if s == "-0" {
                "0".to_owned()
            } else {
                s.to_owned()
            }
        };
        format!("{}@{},{}", short(self.scale), short(self.x), short(self.y))
    }
}

/// The panel beside the diagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Panel {
    /// Details of the selection, or the path's steps.
    #[default]
    Details,
    /// Instances, what each task reserves, and the what-if controls.
    Capacity,
}

impl Diagram {
    fn parse(query: &str) -> Diagram {
        let mut diagram = Diagram::default();
        for pair in query.split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = percent_decode_str(value).decode_utf8_lossy();
            match key {
                "node" if !value.is_empty() => diagram.node = Some(value.into_owned()),
                "path" => diagram.path = Entry::parse(&value),
                "step" => diagram.step = value.parse().ok().filter(|&n: &usize| n > 0),
                "zoom" => diagram.zoom = Zoom::parse(&value),
                "panel" if value == "capacity" => diagram.panel = Panel::Capacity,
                _ => {}
            }
        }
        if diagram.path.is_none() {
            diagram.step = None;
        }
        diagram
    }

    fn query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(node) = &self.node {
            parts.push(format!("node={}", utf8_percent_encode(node, SEGMENT)));
        }
        if let Some(path) = self.path {
            parts.push(format!("path={}", path.as_str()));
            if let Some(step) = self.step {
                parts.push(format!("step={step}"));
            }
        }
        if let Some(zoom) = &self.zoom {
            parts.push(format!("zoom={}", zoom.write()));
        }
        if self.panel == Panel::Capacity {
            parts.push("panel=capacity".to_owned());
        }
        parts.join("&")
    }
}

/// The top-level areas, in navigation order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    Topology,
    Deployment,
    TaskDefinitions,
    Nginx,
    Export,
    Rules,
}

impl Area {
    pub const ALL: [Area; 6] = [
        Area::Topology,
        Area::Deployment,
        Area::TaskDefinitions,
        Area::Nginx,
        Area::Export,
        Area::Rules,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Area::Topology => "Topology",
            Area::Deployment => "Deployment",
            Area::TaskDefinitions => "Task definitions",
            Area::Nginx => "nginx",
            Area::Export => "Export",
            Area::Rules => "Rules",
        }
    }

    /// The view the navigation opens for this area.
    pub fn home(self) -> View {
        match self {
            Area::Topology => View::default(),
            Area::Deployment => View::Deployment {
                line: None,
                tab: FileTab::Text,
            },
            Area::TaskDefinitions => View::TaskDefinitions {
                family: None,
                line: None,
                tab: FileTab::Text,
            },
            Area::Nginx => View::Nginx {
                id: None,
                line: None,
                tab: FileTab::Text,
            },
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
            View::Topology(_) => Area::Topology,
            View::Deployment { .. } => Area::Deployment,
            View::TaskDefinitions { .. } => Area::TaskDefinitions,
            View::Nginx { .. } => Area::Nginx,
            View::Export => Area::Export,
            View::Rules { .. } => Area::Rules,
        }
    }

    /// The tab a file's view shows: the one its address names, but the text
    /// whenever the address names a line, since lines are in the text.
    pub fn file_tab(&self) -> FileTab {
        match self {
            View::TaskDefinitions { line: None, tab, .. }
            | View::Nginx { line: None, tab, .. }
            | View::Deployment { line: None, tab } => *tab,
            _ => FileTab::Text,
        }
    }

    /// Reads a `location.hash` (with or without the leading `#`). Anything
    /// unrecognised opens the topology, the home page.
    pub fn from_hash(hash: &str) -> View {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let (path, query) = path.split_once('?').unwrap_or((path, ""));
        let mut parts = path.split('/').filter(|p| !p.is_empty());
        let area = parts.next().unwrap_or("");
        let rest: Vec<String> = parts
            .map(|p| percent_decode_str(p).decode_utf8_lossy().into_owned())
            .collect();
        let (key, line) = key_and_line(&rest);
        match area {
            "taskdefs" => View::TaskDefinitions {
                family: key,
                line,
                tab: FileTab::read(rest.get(1), true),
            },
            "nginx" => View::Nginx {
                id: key,
                line,
                tab: FileTab::read(rest.get(1), false),
            },
            "deployment" => View::Deployment {
                line: rest
                    .iter()
                    .find_map(|l| l.strip_prefix('L')?.parse().ok().filter(|&n: &usize| n > 0)),
                tab: FileTab::read(rest.first(), false),
            },
            "export" => View::Export,
            "rules" => View::Rules {
                rule: (!rest.is_empty()).then(|| rest.join("/")),
            },
            _ => View::Topology(Diagram::parse(query)),
        }
    }

    pub fn to_hash(&self) -> String {
        let encode = |s: &str| utf8_percent_encode(s, SEGMENT).to_string();
        let with = |area: &str, key: &Option<String>, line: &Option<usize>, tab: &FileTab| {
            let mut hash = format!("#/{area}");
            if let Some(key) = key {
                hash.push('/');
                hash.push_str(&encode(key));
                if let Some(line) = line {
                    hash.push_str(&format!("/L{line}"));
                } else if let Some(tab) = tab.segment() {
                    hash.push('/');
                    hash.push_str(tab);
                }
            }
            hash
        };
        match self {
            View::Topology(diagram) => match diagram.query() {
                query if query.is_empty() => "#/topology".to_owned(),
                query => format!("#/topology?{query}"),
            },
            View::Deployment { line: Some(n), .. } => format!("#/deployment/L{n}"),
            View::Deployment { line: None, tab } => match tab.segment() {
                Some(tab) => format!("#/deployment/{tab}"),
                None => "#/deployment".to_owned(),
            },
            View::Export => "#/export".to_owned(),
            View::TaskDefinitions { family, line, tab } => with("taskdefs", family, line, tab),
            View::Nginx { id, line, tab } => with("nginx", id, line, tab),
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
            View::default(),
            View::Topology(Diagram {
                node: Some("svc-backend/task-1/nginx".into()),
                path: Some(Entry::Ssr),
                step: Some(4),
                zoom: Some(Zoom {
                    scale: 1.5,
                    x: 120.25,
                    y: -40.0,
                }),
                panel: Panel::Capacity,
            }),
            View::Topology(Diagram {
                path: Some(Entry::Deploy),
                ..Diagram::default()
            }),
            View::Deployment {
                line: None,
                tab: FileTab::Text,
            },
            View::Deployment {
                line: Some(40),
                tab: FileTab::Text,
            },
            View::Deployment {
                line: None,
                tab: FileTab::Changes,
            },
            View::TaskDefinitions {
                family: None,
                line: None,
                tab: FileTab::Text,
            },
            View::TaskDefinitions {
                family: Some("ecs-backend-task".into()),
                line: Some(12),
                tab: FileTab::Text,
            },
            View::Nginx {
                id: Some("backend".into()),
                line: None,
                tab: FileTab::Text,
            },
            View::Nginx {
                id: Some("my conf/유".into()),
                line: Some(3),
                tab: FileTab::Text,
            },
            View::TaskDefinitions {
                family: Some("ecs-backend-task".into()),
                line: None,
                tab: FileTab::Form,
            },
            View::TaskDefinitions {
                family: Some("ecs-backend-task".into()),
                line: None,
                tab: FileTab::Changes,
            },
            View::Nginx {
                id: Some("backend".into()),
                line: None,
                tab: FileTab::Changes,
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
                line: None,
                tab: FileTab::Text,
            }
        );
        assert_eq!(
            View::from_hash("#/taskdefs/ecs-front-task/L7"),
            View::TaskDefinitions {
                family: Some("ecs-front-task".into()),
                line: Some(7),
                tab: FileTab::Text,
            }
        );
        assert_eq!(
            View::Nginx {
                id: Some("a b".into()),
                line: None,
                tab: FileTab::Text,
            }
            .to_hash(),
            "#/nginx/a%20b"
        );
    }

    #[test]
    fn a_tab_is_shown_only_where_it_exists() {
        let nginx = |hash: &str| match View::from_hash(hash) {
            View::Nginx { tab, line, .. } => (tab, line),
            other => panic!("{hash} gave {other:?}"),
        };
        // nginx configs have no form; an unknown tab is the text.
        assert_eq!(nginx("#/nginx/backend/form"), (FileTab::Text, None));
        assert_eq!(nginx("#/nginx/backend/blame"), (FileTab::Text, None));
        assert_eq!(nginx("#/nginx/backend/changes"), (FileTab::Changes, None));
        assert_eq!(
            View::from_hash("#/deployment/form"),
            View::Deployment {
                line: None,
                tab: FileTab::Text
            }
        );
        // A line is in the text, whatever tab the view was on.
        let at_line = View::TaskDefinitions {
            family: Some("web".into()),
            line: Some(4),
            tab: FileTab::Form,
        };
        assert_eq!(at_line.to_hash(), "#/taskdefs/web/L4");
        assert_eq!(at_line.file_tab(), FileTab::Text);
        assert_eq!(View::from_hash("#/taskdefs/web/form").file_tab(), FileTab::Form);
        assert_eq!(View::from_hash("#/deployment/changes").file_tab(), FileTab::Changes);
        assert_eq!(View::Export.file_tab(), FileTab::Text);
        // Without a file there is no tab to show.
        let no_file = View::TaskDefinitions {
            family: None,
            line: None,
            tab: FileTab::Form,
        };
        assert_eq!(no_file.to_hash(), "#/taskdefs");
    }

    #[test]
    fn diagram_state_reads_leniently() {
        let read = |hash: &str| match View::from_hash(hash) {
            View::Topology(diagram) => diagram,
            other => panic!("{hash} gave {other:?}"),
        };
        assert_eq!(read("#/topology?node=alb-backend").node.as_deref(), Some("alb-backend"));
        assert_eq!(read("#/topology?path=ssr&step=2").step, Some(2));
        // A step without a path, a zero step, an unknown path: dropped.
        assert_eq!(read("#/topology?step=2").step, None);
        assert_eq!(read("#/topology?path=ssr&step=0").step, None);
        assert_eq!(read("#/topology?path=teleport").path, None);
        for zoom in ["NaN@0,0", "1@inf,0", "100@0,0", "0@0,0", "1@0", "x", ""] {
            assert_eq!(read(&format!("#/topology?zoom={zoom}")).zoom, None, "{zoom}");
        }
        assert_eq!(read("#/topology?panel=capacity&bogus=1&=&&").panel, Panel::Capacity);
        assert_eq!(
            View::Topology(Diagram {
                zoom: Some(Zoom {
                    scale: 0.5,
                    x: -0.001,
                    y: 3.0
                }),
                ..Diagram::default()
            })
            .to_hash(),
            "#/topology?zoom=0.5@0,3"
        );
    }

    #[test]
    fn a_zoom_read_back_from_a_link_is_the_same_link() {
        let exact = Zoom {
            scale: 0.5556,
            x: -28.8049,
            y: -214.9371,
        };
        let View::Topology(read) = View::from_hash(
            &View::Topology(Diagram {
                zoom: Some(exact),
                ..Diagram::default()
            })
            .to_hash(),
        ) else {
            panic!("not the topology")
        };
        let read = read.zoom.unwrap();
        assert_ne!(read, exact);
        assert!(read.same_in_link(&exact));
        assert!(!read.same_in_link(&Zoom { scale: 0.6, ..exact }));
    }

    #[test]
    fn anything_else_is_the_home_page() {
        for hash in ["", "#", "#/", "#/nope", "#/../../etc", "garbage<script>"] {
            assert_eq!(View::from_hash(hash), View::default(), "{hash}");
        }
        assert_eq!(
            View::from_hash("#/nginx/backend/L0"),
            View::Nginx {
                id: Some("backend".into()),
                line: None,
                tab: FileTab::Text,
            }
        );
        assert_eq!(
            View::from_hash("#/nginx/backend/Lx"),
            View::Nginx {
                id: Some("backend".into()),
                line: None,
                tab: FileTab::Text,
            }
        );
    }
}
