//! Orthogonal connectors between two rectangles.
//!
//! Every route starts on a side of the first rectangle and ends on a side of
//! the second, with at most three axis-aligned segments; the caller picks the
//! sides and the coordinate of the middle segment (a "lane"), because only the
//! layout knows where free space runs.

use super::Rect;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    Top,
    Bottom,
    Left,
    Right,
}

impl Side {
    fn is_horizontal_edge(self) -> bool {
        matches!(self, Side::Top | Side::Bottom)
    }
}

/// A point on `side` of `r`, as close to `along` as the side allows.
fn port(r: Rect, side: Side, along: f32) -> (f32, f32) {
    match side {
        Side::Top => (clamp(along, r.x, r.right()), r.y),
        Side::Bottom => (clamp(along, r.x, r.right()), r.bottom()),
        Side::Left => (r.x, clamp(along, r.y, r.bottom())),
        Side::Right => (r.right(), clamp(along, r.y, r.bottom())),
    }
}

/// NaN-safe: a NaN `along` snaps to the side's start instead of leaking out.
fn clamp(value: f32, low: f32, high: f32) -> f32 {
    if value.is_nan() || value < low {
        low
    } else if value > high {
        high
    } else {
        value
    }
}

/// The middle of the overlap of two intervals, when they overlap: a straight
/// line between two boxes is only possible there.
pub(super) fn shared(a_low: f32, a_high: f32, b_low: f32, b_high: f32) -> Option<f32> {
    let low = a_low.max(b_low);
    let high = a_high.min(b_high);
    (low <= high).then_some((low + high) / 2.0)
}

/// One end of a route: the box, the side it leaves or enters by, and the
/// preferred coordinate along that side.
#[derive(Debug, Clone, Copy)]
pub(super) struct End {
    pub rect: Rect,
    pub side: Side,
    pub along: f32,
}

pub(super) fn end(rect: Rect, side: Side, along: f32) -> End {
    End { rect, side, along }
}

/// `lane` is the y of the middle segment when both ends are on top/bottom
/// sides, its x when both are on left/right sides, and unused for L-shapes.
pub(super) fn route(from: End, to: End, lane: f32) -> Vec<(f32, f32)> {
    let p = port(from.rect, from.side, from.along);
    let q = port(to.rect, to.side, to.along);
    let points = match (from.side.is_horizontal_edge(), to.side.is_horizontal_edge()) {
        (true, true) => vec![p, (p.0, lane), (q.0, lane), q],
        (false, false) => vec![p, (lane, p.1), (lane, q.1), q],
        (false, true) => vec![p, (q.0, p.1), q],
        (true, false) => vec![p, (p.0, q.1), q],
    };
    simplify(points)
}

/// Connects two boxes by the sides that face each other, for edges whose ends
/// may sit anywhere relative to each other (containers wrapped onto rows).
pub(super) fn connect(a: Rect, b: Rect) -> Vec<(f32, f32)> {
    let across_y = shared(a.y, a.bottom(), b.y, b.bottom());
    let across_x = shared(a.x, a.right(), b.x, b.right());
    if b.x >= a.right() {
        let (ya, yb) = across_y.map_or((a.cy(), b.cy()), |y| (y, y));
        route(end(a, Side::Right, ya), end(b, Side::Left, yb), (a.right() + b.x) / 2.0)
    } else if b.right() <= a.x {
        let (ya, yb) = across_y.map_or((a.cy(), b.cy()), |y| (y, y));
        route(end(a, Side::Left, ya), end(b, Side::Right, yb), (b.right() + a.x) / 2.0)
    } else if b.y >= a.bottom() {
        let (xa, xb) = across_x.map_or((a.cx(), b.cx()), |x| (x, x));
        route(
            end(a, Side::Bottom, xa),
            end(b, Side::Top, xb),
            (a.bottom() + b.y) / 2.0,
        )
    } else if b.bottom() <= a.y {
        let (xa, xb) = across_x.map_or((a.cx(), b.cx()), |x| (x, x));
        route(
            end(a, Side::Top, xa),
            end(b, Side::Bottom, xb),
            (b.bottom() + a.y) / 2.0,
        )
    } else {
        // Overlapping boxes (only on broken input): a vertical hop between
        // the two top sides, inside the shared columns.
        let x = across_x.unwrap_or(a.cx());
        route(end(a, Side::Top, x), end(b, Side::Top, x), a.y.min(b.y))
    }
}

/// Drops repeated points and the middle of three collinear points, so a
/// route that happens to be straight is one segment. Keeps both ends.
fn simplify(points: Vec<(f32, f32)>) -> Vec<(f32, f32)> {
    let mut out: Vec<(f32, f32)> = Vec::with_capacity(points.len());
    for p in points {
        if out.last() == Some(&p) {
            continue;
        }
        if out.len() >= 2 {
            let a = out[out.len() - 2];
            let b = out[out.len() - 1];
            if (a.0 == b.0 && b.0 == p.0) || (a.1 == b.1 && b.1 == p.1) {
                out.pop();
            }
        }
        out.push(p);
    }
    if out.len() == 1 {
        out.push(out[0]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(x: f32, y: f32, w: f32, h: f32) -> Rect {
        Rect { x, y, w, h }
    }

    #[test]
    fn aligned_boxes_get_a_straight_line() {
        let points = connect(rect(0.0, 0.0, 100.0, 40.0), rect(0.0, 100.0, 60.0, 40.0));
        assert_eq!(points, [(30.0, 40.0), (30.0, 100.0)]);
    }

    #[test]
    fn offset_boxes_get_an_elbow_through_the_lane() {
        let a = rect(0.0, 0.0, 50.0, 40.0);
        let b = rect(200.0, 100.0, 50.0, 40.0);
        let points = route(end(a, Side::Bottom, 25.0), end(b, Side::Top, 225.0), 70.0);
        assert_eq!(points, [(25.0, 40.0), (25.0, 70.0), (225.0, 70.0), (225.0, 100.0)]);
        let l = route(end(a, Side::Right, 20.0), end(b, Side::Top, 225.0), 0.0);
        assert_eq!(l, [(50.0, 20.0), (225.0, 20.0), (225.0, 100.0)]);
    }

    #[test]
    fn ports_stay_on_the_side_whatever_is_asked() {
        let a = rect(10.0, 10.0, 20.0, 20.0);
        let b = rect(100.0, 10.0, 20.0, 20.0);
        let points = route(end(a, Side::Right, f32::NAN), end(b, Side::Left, 1e9), 60.0);
        assert_eq!(points.first(), Some(&(30.0, 10.0)));
        assert_eq!(points.last(), Some(&(100.0, 30.0)));
    }

    #[test]
    fn overlapping_boxes_still_get_two_points() {
        let a = rect(0.0, 0.0, 100.0, 100.0);
        assert_eq!(connect(a, a).len(), 2);
        assert_eq!(connect(a, rect(10.0, 20.0, 10.0, 10.0)), [(15.0, 0.0), (15.0, 20.0)]);
    }
}
