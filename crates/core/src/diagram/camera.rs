//! The diagram's camera: which part of the scene the window shows. A zoom is
//! a scale (screen pixels per scene unit) and the scene point at the view's
//! top-left corner, so the SVG's `viewBox` follows directly and the state
//! fits in a link.

use crate::layout::Rect;
use crate::view::Zoom;

/// Space kept around the scene when fitting it.
const FIT_MARGIN: f32 = 16.0;

fn clamp_scale(scale: f32) -> f32 {
    if scale.is_finite() {
        scale.clamp(Zoom::MIN, Zoom::MAX)
    } else {
        1.0
    }
}

/// The whole scene, centred in a `view_w` × `view_h` window.
pub fn fit(scene_w: f32, scene_h: f32, view_w: f32, view_h: f32) -> Zoom {
    let (vw, vh) = (view_w.max(1.0), view_h.max(1.0));
    let scale =
        clamp_scale(((vw - 2.0 * FIT_MARGIN) / scene_w.max(1.0)).min((vh - 2.0 * FIT_MARGIN) / scene_h.max(1.0)));
    Zoom {
        scale,
        x: scene_w / 2.0 - vw / scale / 2.0,
        y: scene_h / 2.0 - vh / scale / 2.0,
    }
}

/// Zoomed by `factor`, keeping the scene point under screen point
/// (`px`, `py`) where it is: the wheel and pinch zoom towards the pointer.
pub fn zoom_at(zoom: Zoom, factor: f32, px: f32, py: f32) -> Zoom {
    let scale = clamp_scale(zoom.scale * factor);
    let (sx, sy) = (zoom.x + px / zoom.scale, zoom.y + py / zoom.scale);
    Zoom {
        scale,
        x: sx - px / scale,
        y: sy - py / scale,
    }
}

/// Moved by a drag of (`dx`, `dy`) screen pixels: the scene follows the pointer.
pub fn pan(zoom: Zoom, dx: f32, dy: f32) -> Zoom {
    Zoom {
        x: zoom.x - dx / zoom.scale,
        y: zoom.y - dy / zoom.scale,
        ..zoom
    }
}

/// The SVG `viewBox` for a window of `view_w` × `view_h` pixels.
pub fn view_box(zoom: Zoom, view_w: f32, view_h: f32) -> (f32, f32, f32, f32) {
    (
        zoom.x,
        zoom.y,
        view_w.max(1.0) / zoom.scale,
        view_h.max(1.0) / zoom.scale,
    )
}

/// The same zoom, moved just enough to show `rect` (centred on it when it
/// is out of view), so keyboard focus and a selected step are never hidden.
pub fn reveal(zoom: Zoom, rect: Rect, view_w: f32, view_h: f32) -> Zoom {
    let (x, y, w, h) = view_box(zoom, view_w, view_h);
    let inside = rect.x >= x && rect.y >= y && rect.right() <= x + w && rect.bottom() <= y + h;
    if inside {
        return zoom;
    }
    Zoom {
        x: rect.cx() - w / 2.0,
        y: rect.cy() - h / 2.0,
        ..zoom
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fitting_centres_the_scene_and_keeps_a_margin() {
        let z = fit(1000.0, 500.0, 532.0, 800.0);
        assert!((z.scale - 0.5).abs() < 1e-6);
        let (x, y, w, h) = view_box(z, 532.0, 800.0);
        assert!((x + w / 2.0 - 500.0).abs() < 1e-3 && (y + h / 2.0 - 250.0).abs() < 1e-3);
        let degenerate = fit(0.0, f32::NAN, 0.0, 0.0);
        assert!(degenerate.scale.is_finite());
    }

    #[test]
    fn zooming_keeps_the_point_under_the_pointer() {
        let z = Zoom {
            scale: 1.0,
            x: 100.0,
            y: 50.0,
        };
        let zoomed = zoom_at(z, 2.0, 40.0, 30.0);
        assert_eq!(zoomed.scale, 2.0);
        assert!((zoomed.x + 40.0 / 2.0 - 140.0).abs() < 1e-4);
        assert!((zoomed.y + 30.0 / 2.0 - 80.0).abs() < 1e-4);
        assert_eq!(zoom_at(z, 1e9, 0.0, 0.0).scale, Zoom::MAX);
        assert_eq!(zoom_at(z, 0.0, 0.0, 0.0).scale, Zoom::MIN);
    }

    #[test]
    fn dragging_moves_the_scene_with_the_pointer() {
        let z = pan(
            Zoom {
                scale: 2.0,
                x: 0.0,
                y: 0.0,
            },
            20.0,
            -10.0,
        );
        assert_eq!((z.x, z.y), (-10.0, 5.0));
    }

    #[test]
    fn revealing_moves_only_when_needed() {
        let z = Zoom {
            scale: 1.0,
            x: 0.0,
            y: 0.0,
        };
        let near = Rect {
            x: 10.0,
            y: 10.0,
            w: 50.0,
            h: 20.0,
        };
        assert_eq!(reveal(z, near, 400.0, 300.0), z);
        let far = Rect {
            x: 1000.0,
            y: 1000.0,
            w: 100.0,
            h: 100.0,
        };
        let moved = reveal(z, far, 400.0, 300.0);
        assert_eq!((moved.x, moved.y), (850.0, 900.0));
    }
}
