//! Conversion between the browser's text positions and the engine's.
//!
//! A textarea's `selectionStart` counts UTF-16 code units, while everything in
//! the engine (spans, tokens, replacements) is a UTF-8 byte offset. The two
//! agree on ASCII, which is nearly all of a config file, so the conversion
//! skips the ASCII prefix in one pass and only walks characters after the
//! first non-ASCII one.

use super::floor_boundary;

/// The byte offset of a UTF-16 position. Positions past the end clamp to the
/// end; one inside a surrogate pair goes to the char's start.
pub fn utf16_to_byte(text: &str, units: usize) -> usize {
    let ascii = ascii_prefix(text, units);
    if ascii == units || ascii == text.len() {
        return ascii;
    }
    let mut counted = ascii;
    for (at, c) in text[ascii..].char_indices() {
        let next = counted + c.len_utf16();
        if next > units {
            return ascii + at;
        }
        counted = next;
    }
    text.len()
}

/// The UTF-16 position of a byte offset. Offsets past the end clamp to the
/// end; one inside a char counts from that char's start.
pub fn byte_to_utf16(text: &str, byte: usize) -> usize {
    let byte = floor_boundary(text, byte);
    let ascii = ascii_prefix(text, byte);
    // Past the ASCII prefix, each char is one unit (counted at its first
    // byte) and those of four bytes (above U+FFFF) one more.
    let rest = text.as_bytes()[ascii..byte]
        .iter()
        .map(|&b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0))
        .sum::<usize>();
    ascii + rest
}

/// How many of the first `limit` bytes are ASCII before the first that is not.
fn ascii_prefix(text: &str, limit: usize) -> usize {
    let head = &text.as_bytes()[..limit.min(text.len())];
    if head.is_ascii() {
        head.len()
    } else {
        head.iter().position(|b| !b.is_ascii()).unwrap_or(head.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_positions_are_the_same_in_both_counts() {
        assert_eq!(utf16_to_byte("hello", 3), 3);
        assert_eq!(byte_to_utf16("hello", 3), 3);
        assert_eq!(utf16_to_byte("", 0), 0);
        assert_eq!(byte_to_utf16("", 0), 0);
    }

    #[test]
    fn two_and_three_byte_chars_are_one_unit() {
        let text = "aé€b";
        assert_eq!(utf16_to_byte(text, 2), 3);
        assert_eq!(utf16_to_byte(text, 3), 6);
        assert_eq!(utf16_to_byte(text, 4), 7);
        assert_eq!(byte_to_utf16(text, 6), 3);
        assert_eq!(byte_to_utf16(text, 7), 4);
    }

    #[test]
    fn chars_beyond_the_basic_plane_are_two_units() {
        let text = "a😀b";
        assert_eq!(utf16_to_byte(text, 3), 5);
        assert_eq!(byte_to_utf16(text, 5), 3);
        assert_eq!(byte_to_utf16(text, 6), 4);
    }

    #[test]
    fn a_position_inside_a_surrogate_pair_goes_to_the_chars_start() {
        assert_eq!(utf16_to_byte("a😀b", 2), 1);
    }

    #[test]
    fn a_byte_offset_inside_a_char_counts_from_its_start() {
        assert_eq!(byte_to_utf16("aé", 2), 1);
        assert_eq!(byte_to_utf16("a😀", 3), 1);
    }

    #[test]
    fn positions_past_the_end_clamp_to_the_end() {
        assert_eq!(utf16_to_byte("aé", 99), 3);
        assert_eq!(utf16_to_byte("abc", 99), 3);
        assert_eq!(byte_to_utf16("aé", 99), 2);
        assert_eq!(byte_to_utf16("a😀", usize::MAX), 3);
    }

    #[test]
    fn both_conversions_round_trip_on_every_char_boundary() {
        let text = "x: \"é€😀\"\r\n가";
        for (at, _) in text.char_indices().chain([(text.len(), ' ')]) {
            assert_eq!(utf16_to_byte(text, byte_to_utf16(text, at)), at);
        }
        let units = text.encode_utf16().count();
        for unit in 0..=units {
            let byte = utf16_to_byte(text, unit);
            assert!(byte_to_utf16(text, byte) <= unit);
        }
    }
}
