//! How wide a line of the diagram's text will be, without a font.
//!
//! The layout must size boxes before any browser draws them, and the result
//! must hold on every machine. The tables hold the advance width of each
//! printable ASCII character in the diagram's two styles (labels: 13 px,
//! bold; sublabels: 11.5 px), measured with DejaVu Sans, the font Debian
//! picks for `system-ui` and the widest of the common UI fonts: text set in
//! Segoe UI, San Francisco, Roboto or Noto comes out narrower and fits.
//! `scripts/measure_text_widths.mjs` regenerates them.
//!
//! Characters outside ASCII count as a full em: CJK and Hangul glyphs are
//! square, and most other scripts' letters are narrower, so a Korean label
//! fits too.

/// Which line of a box the text is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Label,
    Sublabel,
}

impl Style {
    fn font_size(self) -> f32 {
        match self {
            Style::Label => 13.0,
            Style::Sublabel => 11.5,
        }
    }
}

/// Estimated rendered width of `text` in `style`, in CSS pixels.
pub fn width(text: &str, style: Style) -> f32 {
    let table = match style {
        Style::Label => &LABEL,
        Style::Sublabel => &SUBLABEL,
    };
    text.chars()
        .map(|c| match c {
            ' '..='~' => table[c as usize - 32],
            _ => style.font_size(),
        })
        .sum()
}

pub(super) const LABEL: [f32; 95] = [
    4.6, 6.0, 6.8, 10.9, 9.1, 13.1, 11.4, 4.0, 6.0, 6.0, 6.8, 10.9, 5.0, 5.4, 5.0, 4.8, 9.1, 9.1, 9.1, 9.1, 9.1, 9.1,
    9.1, 9.1, 9.1, 9.1, 5.2, 5.2, 10.9, 10.9, 10.9, 7.6, 13.0, 10.1, 10.0, 9.6, 10.8, 8.9, 8.9, 10.7, 10.9, 4.9, 4.9,
    10.1, 8.3, 13.0, 10.9, 11.1, 9.6, 11.1, 10.1, 8.9, 9.2, 10.6, 10.1, 14.4, 10.1, 9.5, 9.5, 6.0, 4.8, 6.0, 10.9, 6.5,
    6.5, 8.8, 9.4, 7.8, 9.4, 8.9, 5.3, 9.4, 9.3, 4.5, 4.5, 8.7, 4.5, 13.6, 9.3, 9.0, 9.4, 9.4, 6.5, 7.8, 6.3, 9.3, 8.5,
    12.1, 8.4, 8.5, 7.6, 9.3, 4.8, 9.3, 10.9,
];
pub(super) const SUBLABEL: [f32; 95] = [
    3.7, 4.7, 5.3, 9.7, 7.4, 11.0, 9.0, 3.2, 4.5, 4.5, 5.8, 9.7, 3.7, 4.2, 3.7, 3.9, 7.4, 7.4, 7.4, 7.4, 7.4, 7.4, 7.4,
    7.4, 7.4, 7.4, 3.9, 3.9, 9.7, 9.7, 9.7, 6.2, 11.5, 8.2, 7.9, 8.1, 8.9, 7.3, 6.7, 9.0, 8.7, 3.4, 3.4, 7.6, 6.5,
    10.0, 8.7, 9.1, 7.0, 9.1, 8.0, 7.3, 6.9, 8.5, 7.9, 11.4, 7.9, 7.1, 7.9, 4.5, 3.9, 4.5, 9.7, 5.8, 5.8, 7.1, 7.3,
    6.4, 7.3, 7.1, 4.0, 7.3, 7.3, 3.2, 3.2, 6.7, 3.2, 11.3, 7.3, 7.1, 7.3, 7.3, 4.6, 6.0, 4.6, 7.3, 6.9, 9.5, 6.9, 6.9,
    6.1, 7.4, 3.9, 7.4, 9.7,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_letters_count_wider_than_narrow_ones() {
        assert!(width("WWW", Style::Label) > width("iii", Style::Label) * 2.0);
        assert!(width("abc", Style::Label) > width("abc", Style::Sublabel));
        assert_eq!(width("", Style::Label), 0.0);
    }

    #[test]
    fn other_scripts_count_a_full_em() {
        assert_eq!(width("한국", Style::Label), 26.0);
        assert_eq!(width("\u{1F600}", Style::Sublabel), 11.5);
    }

    #[test]
    fn the_reference_labels_measure_as_debian_draws_them() {
        // Widths Chromium gave for DejaVu Sans Bold 13 px, rounded up.
        assert!(width("Amazon ECR", Style::Label) >= 91.0);
        assert!(width("www.inforum.me", Style::Label) >= 125.0);
    }
}
