//! Icons for the diagram's boxes, in the manner of the AWS architecture
//! icons: a rounded tile in the service category's colour with white line-art
//! on top, one per kind of box, plus the visitor's browser and one per flavour
//! of pipeline stage.
//!
//! They are plain data rather than markup or image files because two renderers
//! draw them, the live view and the SVG export, and must not drift apart; and
//! because the page's Content Security Policy lets it fetch no fonts or
//! images, so every icon has to travel inline as path data.
//!
//! Each glyph is drawn on a 24 × 24 grid. The renderer fills the whole grid
//! with a rounded square in [`Glyph::tile`] and strokes the paths over it in
//! white. The art keeps to 3‥21 so it never touches the tile's rounded
//! corners, and it is drawn for 20–24 px: few strokes, nothing thinner than a
//! pixel, no detail that would blur into the tile.
//!
//! The drawings are original simple geometry, not copies of any vendor's
//! artwork; only the category colours follow the AWS palette, so the diagram
//! reads like the architecture drawings people already know.

use crate::deployment::{StageKind, SubnetKind};
use crate::layout::BoxKind;

/// One icon, to be emitted once as an SVG `<symbol viewBox="0 0 24 24">` and
/// referenced with `<use>` wherever a box of its kind is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glyph {
    /// Stable id for the SVG symbol, e.g. "glyph-load-balancer".
    pub id: &'static str,
    /// Tile background, a CSS colour: the AWS Architecture Icons category
    /// colour of the service (networking `#8C4FFF`, compute and containers
    /// `#ED7100`, developer tools `#C925D1`, general `#7D8998`), or a plain
    /// neutral for things that are not AWS services.
    pub tile: &'static str,
    /// Line-art on the 24 × 24 grid, stroked white (stroke-width 1.5, round
    /// caps and joins, no fill) unless the path says otherwise.
    pub paths: &'static [Path],
}

/// One SVG path of a glyph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Path {
    /// SVG path data in the glyph's 24 × 24 coordinates.
    pub d: &'static str,
    /// Filled white with no stroke, for dots and solid shapes that a 1.5
    /// stroke would turn into a blob.
    pub filled: bool,
}

const NETWORKING: &str = "#8C4FFF";
const COMPUTE: &str = "#ED7100";
const CONTAINERS: &str = "#ED7100";
const DEVELOPER_TOOLS: &str = "#C925D1";
const GENERAL: &str = "#7D8998";

const fn stroke(d: &'static str) -> Path {
    Path { d, filled: false }
}

const fn fill(d: &'static str) -> Path {
    Path { d, filled: true }
}

/// Route 53: a globe, since a record is how the world finds the service.
pub const DNS: Glyph = Glyph {
    id: "glyph-dns",
    tile: NETWORKING,
    paths: &[
        stroke("M4 12A8 8 0 1 0 20 12A8 8 0 1 0 4 12Z"),
        stroke("M12 4A3.6 8 0 1 0 12 20A3.6 8 0 1 0 12 4Z"),
        stroke("M4 12H20M5.4 8H18.6M5.4 16H18.6"),
    ],
};

/// An arch the traffic passes through both ways.
pub const INTERNET_GATEWAY: Glyph = Glyph {
    id: "glyph-internet-gateway",
    tile: NETWORKING,
    paths: &[
        stroke("M5.5 20V11.5A6.5 6.5 0 0 1 18.5 11.5V20"),
        stroke("M4 20H20"),
        stroke("M8 14.5H16M10.5 12L8 14.5L10.5 17M13.5 12L16 14.5L13.5 17"),
    ],
};

/// A cloud with a padlock: the private network in the cloud.
pub const VPC: Glyph = Glyph {
    id: "glyph-vpc",
    tile: NETWORKING,
    paths: &[
        stroke("M8 18H16.5A3.5 3.5 0 0 0 16.5 11A4.8 4.8 0 0 0 7.8 10.2A3.9 3.9 0 0 0 8 18Z"),
        fill("M9.6 13H14.4V16.6H9.6Z"),
        stroke("M10.7 13V12A1.3 1.3 0 0 1 13.3 12V13"),
    ],
};

/// One point fanning out to three.
pub const LOAD_BALANCER: Glyph = Glyph {
    id: "glyph-load-balancer",
    tile: NETWORKING,
    paths: &[
        fill("M4 12A3 3 0 1 0 10 12A3 3 0 1 0 4 12Z"),
        stroke("M10 12H19.5M11.5 12L15 6H19.5M11.5 12L15 18H19.5"),
        stroke("M17.5 4L19.5 6L17.5 8M17.5 10L19.5 12L17.5 14M17.5 16L19.5 18L17.5 20"),
    ],
};

/// Three targets: the group the balancer sends requests to.
pub const TARGET_GROUP: Glyph = Glyph {
    id: "glyph-target-group",
    tile: NETWORKING,
    paths: &[
        stroke("M4.3 8.5A3.2 3.2 0 1 0 10.7 8.5A3.2 3.2 0 1 0 4.3 8.5Z"),
        stroke("M13.3 8.5A3.2 3.2 0 1 0 19.7 8.5A3.2 3.2 0 1 0 13.3 8.5Z"),
        stroke("M8.8 16A3.2 3.2 0 1 0 15.2 16A3.2 3.2 0 1 0 8.8 16Z"),
        fill("M6.5 8.5A1 1 0 1 0 8.5 8.5A1 1 0 1 0 6.5 8.5Z"),
        fill("M15.5 8.5A1 1 0 1 0 17.5 8.5A1 1 0 1 0 15.5 8.5Z"),
        fill("M11 16A1 1 0 1 0 13 16A1 1 0 1 0 11 16Z"),
    ],
};

/// A place on the map inside a dashed boundary, like the zone groups of
/// architecture drawings.
pub const AVAILABILITY_ZONE: Glyph = Glyph {
    id: "glyph-availability-zone",
    tile: GENERAL,
    paths: &[
        stroke(
            "M4 7.5V4H7.5M10.5 4H13.5M16.5 4H20V7.5M20 10.5V13.5M20 16.5V20H16.5\
             M13.5 20H10.5M7.5 20H4V16.5M4 13.5V10.5",
        ),
        stroke("M12 17C10 15 8.5 13 8.5 11A3.5 3.5 0 0 1 15.5 11C15.5 13 14 15 12 17Z"),
        fill("M11 11A1 1 0 1 0 13 11A1 1 0 1 0 11 11Z"),
    ],
};

/// Subnets share a grid, the address range; the middle cell says whether the
/// internet reaches in.
const SUBNET_GRID: Path = stroke("M4 8H20M4 16H20M8 4V20M16 4V20");

pub const PUBLIC_SUBNET: Glyph = Glyph {
    id: "glyph-public-subnet",
    tile: NETWORKING,
    paths: &[SUBNET_GRID, fill("M9.8 12A2.2 2.2 0 1 0 14.2 12A2.2 2.2 0 1 0 9.8 12Z")],
};

pub const PRIVATE_SUBNET: Glyph = Glyph {
    id: "glyph-private-subnet",
    tile: NETWORKING,
    paths: &[
        SUBNET_GRID,
        fill("M9.9 11.6H14.1V14.6H9.9Z"),
        stroke("M10.9 11.6V10.8A1.1 1.1 0 0 1 13.1 10.8V11.6"),
    ],
};

/// Traffic out and replies back through one gate.
pub const NAT_GATEWAY: Glyph = Glyph {
    id: "glyph-nat-gateway",
    tile: NETWORKING,
    paths: &[
        stroke("M12 4V20"),
        stroke("M4 8.5H19.5M17 6L19.5 8.5L17 11"),
        stroke("M20 15.5H4.5M7 13L4.5 15.5L7 18"),
    ],
};

/// A chip: an EC2 instance is a machine.
pub const INSTANCE: Glyph = Glyph {
    id: "glyph-instance",
    tile: COMPUTE,
    paths: &[
        stroke("M7 7H17V17H7Z"),
        stroke(
            "M9.5 4V7M12 4V7M14.5 4V7M9.5 17V20M12 17V20M14.5 17V20\
             M4 9.5H7M4 12H7M4 14.5H7M17 9.5H20M17 12H20M17 14.5H20",
        ),
        fill("M10 10H14V14H10Z"),
    ],
};

/// Brackets around two containers: a task is the group its containers run
/// in. An outline square around them read as a calendar at 20 px.
pub const TASK: Glyph = Glyph {
    id: "glyph-task",
    tile: CONTAINERS,
    paths: &[
        stroke("M6.5 4H4V20H6.5M17.5 4H20V20H17.5"),
        stroke("M7 6H17V11H7ZM7 13H17V18H7Z"),
        stroke("M9.5 7.75V9.25M12 7.75V9.25M14.5 7.75V9.25M9.5 14.75V16.25M12 14.75V16.25M14.5 14.75V16.25"),
    ],
};

/// A shipping container, ribs and all.
pub const CONTAINER: Glyph = Glyph {
    id: "glyph-container",
    tile: CONTAINERS,
    paths: &[
        stroke("M4 7H20V17H4Z"),
        stroke("M7.2 9.5V14.5M10.4 9.5V14.5M13.6 9.5V14.5M16.8 9.5V14.5"),
    ],
};

/// Cells of a honeycomb: many capacity units working as one.
pub const CLUSTER: Glyph = Glyph {
    id: "glyph-cluster",
    tile: CONTAINERS,
    paths: &[
        stroke("M12 4.13L15.9 6.38V10.88L12 13.13L8.1 10.88V6.38Z"),
        stroke("M8.1 10.88L12 13.13V17.63L8.1 19.88L4.21 17.63V13.13Z"),
        stroke("M15.9 10.88L19.79 13.13V17.63L15.9 19.88L12 17.63V13.13Z"),
    ],
};

/// The generic pipeline stage: a step that ends in a tick.
pub const STAGE: Glyph = Glyph {
    id: "glyph-stage",
    tile: DEVELOPER_TOOLS,
    paths: &[
        stroke("M4 12A8 8 0 1 0 20 12A8 8 0 1 0 4 12Z"),
        stroke("M8.5 12.2L11 14.7L15.8 9.5"),
    ],
};

/// A branching workflow: commits flowing into a build. Deliberately not any
/// company's logo.
pub const SOURCE_CONTROL: Glyph = Glyph {
    id: "glyph-source-control",
    tile: "#24292F",
    paths: &[
        stroke("M5 6.5A2 2 0 1 0 9 6.5A2 2 0 1 0 5 6.5Z"),
        stroke("M5 17.5A2 2 0 1 0 9 17.5A2 2 0 1 0 5 17.5Z"),
        stroke("M15 12A2 2 0 1 0 19 12A2 2 0 1 0 15 12Z"),
        stroke("M7 8.5V15.5M15 12C10 12 7 12.5 7 15.5"),
    ],
};

/// Stacked layers: images kept one on top of another.
pub const REGISTRY: Glyph = Glyph {
    id: "glyph-registry",
    tile: CONTAINERS,
    paths: &[
        stroke("M12 4L20 8L12 12L4 8Z"),
        stroke("M4 12L12 16L20 12"),
        stroke("M4 16L12 20L20 16"),
    ],
};

/// Changes moving through stages.
pub const PIPELINE: Glyph = Glyph {
    id: "glyph-pipeline",
    tile: DEVELOPER_TOOLS,
    paths: &[stroke("M4 7L9 12L4 17M9.5 7L14.5 12L9.5 17M15 7L20 12L15 17")],
};

/// A new image landing in running containers.
pub const DEPLOY: Glyph = Glyph {
    id: "glyph-deploy",
    tile: CONTAINERS,
    paths: &[
        stroke("M12 4V10M9.5 7.5L12 10L14.5 7.5"),
        stroke("M4 13H20V20H4Z"),
        stroke("M7.2 15.2V17.8M10.4 15.2V17.8M13.6 15.2V17.8M16.8 15.2V17.8"),
    ],
};

/// The visitor's browser, the internet users the diagram starts from. Not an
/// AWS service, so a plain neutral tile.
pub const BROWSER: Glyph = Glyph {
    id: "glyph-browser",
    tile: "#545B64",
    paths: &[
        stroke("M5.5 5H18.5A1.5 1.5 0 0 1 20 6.5V17.5A1.5 1.5 0 0 1 18.5 19H5.5A1.5 1.5 0 0 1 4 17.5V6.5A1.5 1.5 0 0 1 5.5 5Z"),
        stroke("M4 9H20"),
        fill("M5.9 7A0.8 0.8 0 1 0 7.5 7A0.8 0.8 0 1 0 5.9 7Z"),
        fill("M8.3 7A0.8 0.8 0 1 0 9.9 7A0.8 0.8 0 1 0 8.3 7Z"),
        fill("M10.7 7A0.8 0.8 0 1 0 12.3 7A0.8 0.8 0 1 0 10.7 7Z"),
    ],
};

/// Every distinct glyph once, for emitting the `<defs>` a drawing refers to.
pub const ALL: &[&Glyph] = &[
    &BROWSER,
    &DNS,
    &INTERNET_GATEWAY,
    &VPC,
    &LOAD_BALANCER,
    &TARGET_GROUP,
    &AVAILABILITY_ZONE,
    &PUBLIC_SUBNET,
    &PRIVATE_SUBNET,
    &NAT_GATEWAY,
    &INSTANCE,
    &TASK,
    &CONTAINER,
    &CLUSTER,
    &STAGE,
    &SOURCE_CONTROL,
    &REGISTRY,
    &PIPELINE,
    &DEPLOY,
];

/// The icon for a box. A pipeline stage gets the generic stage icon; callers
/// that know the stage's kind should prefer [`for_stage`].
pub fn for_box(kind: BoxKind) -> &'static Glyph {
    match kind {
        BoxKind::Client => &BROWSER,
        BoxKind::Dns => &DNS,
        BoxKind::InternetGateway => &INTERNET_GATEWAY,
        BoxKind::Vpc => &VPC,
        BoxKind::LoadBalancer => &LOAD_BALANCER,
        BoxKind::TargetGroup => &TARGET_GROUP,
        BoxKind::AvailabilityZone => &AVAILABILITY_ZONE,
        BoxKind::Subnet(SubnetKind::Public) => &PUBLIC_SUBNET,
        BoxKind::Subnet(SubnetKind::Private) => &PRIVATE_SUBNET,
        BoxKind::NatGateway => &NAT_GATEWAY,
        BoxKind::Instance => &INSTANCE,
        BoxKind::Task => &TASK,
        BoxKind::Container => &CONTAINER,
        BoxKind::Cluster => &CLUSTER,
        BoxKind::PipelineStage => &STAGE,
    }
}

/// Pipeline stages by what they run: the `kind` `atlas.json` gives each.
pub fn for_stage(kind: StageKind) -> &'static Glyph {
    match kind {
        // The repository and the CI that builds it are both GitHub.
        StageKind::Source | StageKind::GithubActions => &SOURCE_CONTROL,
        StageKind::Ecr => &REGISTRY,
        StageKind::CodePipeline => &PIPELINE,
        StageKind::EcsDeploy => &DEPLOY,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    const BOX_KINDS: [BoxKind; 15] = [
        BoxKind::Client,
        BoxKind::Dns,
        BoxKind::InternetGateway,
        BoxKind::Vpc,
        BoxKind::LoadBalancer,
        BoxKind::TargetGroup,
        BoxKind::AvailabilityZone,
        BoxKind::Subnet(SubnetKind::Public),
        BoxKind::Subnet(SubnetKind::Private),
        BoxKind::NatGateway,
        BoxKind::Instance,
        BoxKind::Task,
        BoxKind::Container,
        BoxKind::Cluster,
        BoxKind::PipelineStage,
    ];

    const STAGE_KINDS: [StageKind; 5] = [
        StageKind::Source,
        StageKind::GithubActions,
        StageKind::Ecr,
        StageKind::CodePipeline,
        StageKind::EcsDeploy,
    ];

    /// Fails to compile when a box kind is added without a place in
    /// `BOX_KINDS`, so the tests below cannot silently skip it.
    #[allow(dead_code)]
    fn box_kinds_are_all_listed(kind: BoxKind) {
        match kind {
            BoxKind::Client
            | BoxKind::Dns
            | BoxKind::InternetGateway
            | BoxKind::Vpc
            | BoxKind::LoadBalancer
            | BoxKind::TargetGroup
            | BoxKind::AvailabilityZone
            | BoxKind::Subnet(SubnetKind::Public | SubnetKind::Private)
            | BoxKind::NatGateway
            | BoxKind::Instance
            | BoxKind::Task
            | BoxKind::Container
            | BoxKind::Cluster
            | BoxKind::PipelineStage => {}
        }
    }

    #[test]
    fn every_box_kind_has_its_own_glyph() {
        let ids: HashSet<&str> = BOX_KINDS.iter().map(|&k| for_box(k).id).collect();
        assert_eq!(ids.len(), BOX_KINDS.len(), "two box kinds share a glyph");
    }

    #[test]
    fn all_holds_every_glyph_exactly_once() {
        let ids: Vec<&str> = ALL.iter().map(|g| g.id).collect();
        let unique: HashSet<&str> = ids.iter().copied().collect();
        assert_eq!(unique.len(), ids.len(), "duplicate ids in ALL: {ids:?}");

        let used: Vec<&Glyph> = BOX_KINDS
            .iter()
            .map(|&k| for_box(k))
            .chain(STAGE_KINDS.iter().map(|&k| for_stage(k)))
            .collect();
        for glyph in &used {
            assert_eq!(ALL.iter().filter(|g| **g == *glyph).count(), 1, "{} in ALL", glyph.id);
        }
        for glyph in ALL {
            assert!(used.contains(glyph), "{} is in ALL but nothing uses it", glyph.id);
        }
    }

    #[test]
    fn ids_and_tiles_are_well_formed() {
        for glyph in ALL {
            assert!(glyph.id.starts_with("glyph-"), "{}", glyph.id);
            assert!(
                glyph.id[6..].chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{} is not a plain kebab-case id",
                glyph.id
            );
            let hex = glyph.tile.strip_prefix('#').unwrap_or("");
            assert!(
                hex.len() == 6 && hex.chars().all(|c| c.is_ascii_hexdigit()),
                "{}: {}",
                glyph.id,
                glyph.tile
            );
            assert!(!glyph.paths.is_empty(), "{} draws nothing", glyph.id);
        }
    }

    #[test]
    fn every_path_parses_and_stays_on_the_grid() {
        for glyph in ALL {
            for path in glyph.paths {
                let points = parse(path.d).unwrap_or_else(|e| panic!("{}: {e} in {:?}", glyph.id, path.d));
                // The art keeps clear of the tile's rounded corners, strokes
                // included.
                let half = if path.filled { 0.0 } else { 0.75 };
                let art = (3.0 + half)..=(21.0 - half);
                for (x, y) in points {
                    assert!(
                        (0.0..=24.0).contains(&x) && (0.0..=24.0).contains(&y),
                        "{}: ({x}, {y}) off the grid",
                        glyph.id
                    );
                    assert!(
                        art.contains(&x) && art.contains(&y),
                        "{}: ({x}, {y}) puts ink outside 3‥21",
                        glyph.id
                    );
                }
            }
        }
    }

    #[test]
    fn the_checker_rejects_malformed_paths() {
        assert!(parse("M1 2L3 4Z").is_ok());
        assert!(parse("m1,2 l3-4 h.5v-1e0 c1 1 2 2 3 3 s1 1 2 2 q1 1 2 2 t1 1 a1 1 0 0 1 2 2z").is_ok());
        assert!(parse("M1 2 3 4 5 6").is_ok(), "extra pairs after M are line-tos");
        assert!(parse("M1 1A1 1 0 011 2").is_ok(), "arc flags may be run together");
        assert!(parse("").is_err());
        assert!(parse("L1 2").is_err(), "must start with a move-to");
        assert!(parse("M1").is_err());
        assert!(parse("M1 2L3").is_err());
        assert!(parse("M1 2C1 2 3 4 5").is_err());
        assert!(parse("M1 2A1 1 0 2 1 3 3").is_err(), "flags are 0 or 1");
        assert!(parse("M1 2X3").is_err());
        assert!(parse("M1 2L3 4Z5").is_err());
        assert!(parse("M1 2L3 ..4").is_err());
    }

    #[test]
    fn the_checker_follows_relative_commands_and_arcs() {
        assert_eq!(parse("M1 2l3 4h-1v2z").unwrap().last(), Some(&(1.0, 2.0)));
        assert!(parse("M4 12l30 0").unwrap().contains(&(34.0, 12.0)));
        // A half circle bulges past both of its end points.
        let arc = parse("M4 12A8 8 0 0 1 20 12").unwrap();
        let top = arc.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
        assert!((top - 4.0).abs() < 0.01, "{top}");
    }

    fn parse(d: &str) -> Result<Vec<(f64, f64)>, String> {
        let mut s = Scanner {
            bytes: d.as_bytes(),
            at: 0,
        };
        let mut points = Vec::new();
        let (mut cur, mut start) = ((0.0, 0.0), (0.0, 0.0));
        let mut command: Option<u8> = None;
        let mut first = true;
        loop {
            s.skip_separators();
            if s.at == s.bytes.len() {
                break;
            }
            let c = s.bytes[s.at];
            if c.is_ascii_alphabetic() {
                s.at += 1;
                if !b"MmLlHhVvCcSsQqTtAaZz".contains(&c) {
                    return Err(format!("unknown command {:?}", c as char));
                }
                if first && c != b'M' && c != b'm' {
                    return Err("a path starts with a move-to".into());
                }
                command = Some(c);
            }
            let Some(c) = command else {
                return Err(if first {
                    "a path starts with a move-to"
                } else {
                    "numbers after a close-path"
                }
                .into());
            };
            first = false;
            let rel = c.is_ascii_lowercase();
            let base = if rel { cur } else { (0.0, 0.0) };
            match c.to_ascii_uppercase() {
                b'Z' => {
                    cur = start;
                    points.push(cur);
                    // Another number straight after a close-path has no command.
                    command = None;
                    continue;
                }
                b'M' | b'L' | b'T' => {
                    let p = s.pair(base)?;
                    if c.eq_ignore_ascii_case(&b'M') {
                        start = p;
                        // Further pairs after a move-to are line-tos.
                        command = Some(if rel { b'l' } else { b'L' });
                    }
                    cur = p;
                    points.push(p);
                }
                b'H' => {
                    cur.0 = base.0 + s.number()?;
                    points.push(cur);
                }
                b'V' => {
                    cur.1 = base.1 + s.number()?;
                    points.push(cur);
                }
                b'C' | b'S' | b'Q' => {
                    let count = if c.eq_ignore_ascii_case(&b'C') { 3 } else { 2 };
                    for _ in 0..count {
                        cur = s.pair(base)?;
                        points.push(cur);
                    }
                }
                b'A' => {
                    let (rx, ry, rotation) = (s.number()?, s.number()?, s.number()?);
                    let (large, sweep) = (s.flag()?, s.flag()?);
                    let end = s.pair(base)?;
                    points.extend(arc(cur, rx, ry, rotation, large, sweep, end));
                    cur = end;
                }
                _ => unreachable!(),
            }
        }
        if points.is_empty() {
            return Err("empty path".into());
        }
        Ok(points)
    }

    /// Points along an SVG elliptical arc, from the end-point parametrisation
    /// to the centre one as the SVG specification's implementation notes do.
    fn arc(
        from: (f64, f64),
        rx: f64,
        ry: f64,
        rotation: f64,
        large: bool,
        sweep: bool,
        to: (f64, f64),
    ) -> Vec<(f64, f64)> {
        let (mut rx, mut ry) = (rx.abs(), ry.abs());
        if rx == 0.0 || ry == 0.0 || from == to {
            return vec![to];
        }
        let (sin, cos) = rotation.to_radians().sin_cos();
        let (dx, dy) = ((from.0 - to.0) / 2.0, (from.1 - to.1) / 2.0);
        let (x1, y1) = (cos * dx + sin * dy, -sin * dx + cos * dy);
        let scale = (x1 * x1) / (rx * rx) + (y1 * y1) / (ry * ry);
        if scale > 1.0 {
            rx *= scale.sqrt();
            ry *= scale.sqrt();
        }
        let num = (rx * rx * ry * ry - rx * rx * y1 * y1 - ry * ry * x1 * x1).max(0.0);
        let den = rx * rx * y1 * y1 + ry * ry * x1 * x1;
        let k = (num / den).sqrt() * if large == sweep { -1.0 } else { 1.0 };
        let (cx1, cy1) = (k * rx * y1 / ry, -k * ry * x1 / rx);
        let (cx, cy) = (
            cos * cx1 - sin * cy1 + (from.0 + to.0) / 2.0,
            sin * cx1 + cos * cy1 + (from.1 + to.1) / 2.0,
        );
        let angle = |ux: f64, uy: f64| uy.atan2(ux);
        let theta = angle((x1 - cx1) / rx, (y1 - cy1) / ry);
        let mut delta = angle((-x1 - cx1) / rx, (-y1 - cy1) / ry) - theta;
        if sweep && delta < 0.0 {
            delta += std::f64::consts::TAU;
        } else if !sweep && delta > 0.0 {
            delta -= std::f64::consts::TAU;
        }
        (0..=64)
            .map(|i| {
                let t = theta + delta * f64::from(i) / 64.0;
                let (x, y) = (rx * t.cos(), ry * t.sin());
                (cos * x - sin * y + cx, sin * x + cos * y + cy)
            })
            .collect()
    }

    struct Scanner<'a> {
        bytes: &'a [u8],
        at: usize,
    }

    impl Scanner<'_> {
        fn skip_separators(&mut self) {
            while self.at < self.bytes.len()
                && (self.bytes[self.at].is_ascii_whitespace() || self.bytes[self.at] == b',')
            {
                self.at += 1;
            }
        }

        fn number(&mut self) -> Result<f64, String> {
            self.skip_separators();
            let start = self.at;
            let digits = |s: &mut Self| {
                let from = s.at;
                while s.at < s.bytes.len() && s.bytes[s.at].is_ascii_digit() {
                    s.at += 1;
                }
                s.at - from
            };
            if self.at < self.bytes.len() && matches!(self.bytes[self.at], b'+' | b'-') {
                self.at += 1;
            }
            let mut count = digits(self);
            if self.at < self.bytes.len() && self.bytes[self.at] == b'.' {
                self.at += 1;
                count += digits(self);
            }
            if count == 0 {
                return Err(format!("expected a number at byte {start}"));
            }
            if self.at < self.bytes.len() && matches!(self.bytes[self.at], b'e' | b'E') {
                self.at += 1;
                if self.at < self.bytes.len() && matches!(self.bytes[self.at], b'+' | b'-') {
                    self.at += 1;
                }
                if digits(self) == 0 {
                    return Err(format!("bad exponent at byte {start}"));
                }
            }
            let text = std::str::from_utf8(&self.bytes[start..self.at]).map_err(|e| e.to_string())?;
            text.parse().map_err(|e| format!("{text:?}: {e}"))
        }

        fn pair(&mut self, base: (f64, f64)) -> Result<(f64, f64), String> {
            Ok((base.0 + self.number()?, base.1 + self.number()?))
        }

        fn flag(&mut self) -> Result<bool, String> {
            self.skip_separators();
            let flag = match self.bytes.get(self.at) {
                Some(b'0') => false,
                Some(b'1') => true,
                _ => return Err(format!("expected an arc flag at byte {}", self.at)),
            };
            self.at += 1;
            Ok(flag)
        }
    }
}
