//! nginx's parsers for numbers, sizes and times (src/core/ngx_parse.c and
//! ngx_atoi in ngx_string.c), byte for byte, for a 64-bit build: the value
//! checks must accept exactly what nginx accepts. None is nginx's NGX_ERROR.

const MAX: i64 = i64::MAX;

/// `ngx_atoi`: decimal digits only, no sign, no overflow.
pub fn atoi(text: &[u8]) -> Option<i64> {
    if text.is_empty() {
        return None;
    }
    let mut value: i64 = 0;
    for &b in text {
        if !b.is_ascii_digit() {
            return None;
        }
        value = value.checked_mul(10)?.checked_add(i64::from(b - b'0'))?;
    }
    Some(value)
}

/// `ngx_parse_size`: a number with an optional `k`/`K` or `m`/`M`.
pub fn parse_size(text: &str) -> Option<i64> {
    scaled(text.as_bytes(), false)
}

/// `ngx_parse_offset`: as [`parse_size`], and `g`/`G` too.
pub fn parse_offset(text: &str) -> Option<i64> {
    scaled(text.as_bytes(), true)
}

fn scaled(text: &[u8], giga: bool) -> Option<i64> {
    let (&unit, rest) = text.split_last()?;
    let (digits, scale) = match unit {
        b'k' | b'K' => (rest, 1024),
        b'm' | b'M' => (rest, 1024 * 1024),
        b'g' | b'G' if giga => (rest, 1024 * 1024 * 1024),
        _ => (text, 1),
    };
    let value = atoi(digits)?;
    if value > MAX / scale {
        return None;
    }
    Some(value * scale)
}

/// `ngx_parse_time`: units `y M w d h m s` (and `ms` unless `is_sec`) in that
/// order, each at most once, a bare number meaning seconds (`1h30m`, `90`,
/// `1h 30m`). For milliseconds (`is_sec` false) nginx starts below months, so
/// `y` and `M` are errors there.
pub fn parse_time(text: &str, is_sec: bool) -> Option<i64> {
    #[derive(PartialEq, PartialOrd, Clone, Copy)]
    enum Step {
        Start,
        Year,
        Month,
        Week,
        Day,
        Hour,
        Min,
        Sec,
        Msec,
        Last,
    }
    let bytes = text.as_bytes();
    let mut step = if is_sec { Step::Start } else { Step::Month };
    let (mut value, mut total, mut valid) = (0i64, 0i64, false);
    let mut p = 0;
    while p < bytes.len() {
        let c = bytes[p];
        p += 1;
        if c.is_ascii_digit() {
            value = value.checked_mul(10)?.checked_add(i64::from(c - b'0'))?;
            valid = true;
            continue;
        }
        const MINUTE: i64 = 60;
        const HOUR: i64 = 60 * MINUTE;
        const DAY: i64 = 24 * HOUR;
        let (next, mut scale, at_most) = match c {
            b'y' => (Step::Year, 365 * DAY, Step::Start),
            b'M' => (Step::Month, 30 * DAY, Step::Year),
            b'w' => (Step::Week, 7 * DAY, Step::Month),
            b'd' => (Step::Day, DAY, Step::Week),
            b'h' => (Step::Hour, HOUR, Step::Day),
            b'm' if bytes.get(p) == Some(&b's') => {
                if is_sec {
                    return None;
                }
                p += 1;
                (Step::Msec, 1, Step::Sec)
            }
            b'm' => (Step::Min, MINUTE, Step::Hour),
            b's' => (Step::Sec, 1, Step::Min),
            b' ' => (Step::Last, 1, Step::Min),
            _ => return None,
        };
        // Each unit must come after the previous one (`y` only first).
        if step > at_most {
            return None;
        }
        step = next;
        let mut max = MAX / scale;
        if step != Step::Msec && !is_sec {
            scale *= 1000;
            max /= 1000;
        }
        if value > max {
            return None;
        }
        value *= scale;
        if total > MAX - value {
            return None;
        }
        total += value;
        value = 0;
        while bytes.get(p) == Some(&b' ') {
            p += 1;
        }
    }
    if !valid {
        return None;
    }
    if !is_sec {
        value = value.checked_mul(1000)?;
    }
    if total > MAX - value {
        return None;
    }
    Some(total + value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("10"), Some(10));
        assert_eq!(parse_size("10k"), Some(10240));
        assert_eq!(parse_size("1M"), Some(1 << 20));
        assert_eq!(parse_size("1g"), None);
        assert_eq!(parse_offset("1G"), Some(1 << 30));
        for bad in ["", "k", "1.5m", "-1", "1 m", "10kb", "99999999999999999999"] {
            assert_eq!(parse_size(bad), None, "{bad}");
        }
        assert_eq!(parse_offset("9223372036854775807"), Some(i64::MAX));
        assert_eq!(parse_offset("9007199254740992k"), None);
        assert_eq!(atoi(b"0012"), Some(12));
        assert_eq!(atoi(b"+1"), None);
    }

    #[test]
    fn times() {
        assert_eq!(parse_time("1h30m", true), Some(5400));
        assert_eq!(parse_time("90", true), Some(90));
        assert_eq!(parse_time("1h 30m", true), Some(5400));
        assert_eq!(parse_time("1y", true), Some(365 * 86400));
        assert_eq!(parse_time("500ms", false), Some(500));
        assert_eq!(parse_time("1s500ms", false), Some(1500));
        assert_eq!(parse_time("60", false), Some(60_000));
        assert_eq!(parse_time("1h30", true), Some(3630));
        for bad in ["", "s", "1x", "1m1h", "1s1s", "1ms", "1.5s", "-1"] {
            assert_eq!(parse_time(bad, true), None, "{bad}");
        }
        // Milliseconds start below months.
        assert_eq!(parse_time("1M", false), None);
        assert_eq!(parse_time("1y", false), None);
        assert_eq!(parse_time("1w", false), Some(7 * 86400 * 1000));
        assert_eq!(parse_time("1msx", false), None);
        assert_eq!(parse_time("1m30s", false), Some(90_000));
        assert_eq!(parse_time("1w2d", false), Some(9 * 86_400_000));
        for bad in ["30s1m", "1m1m", "5ms1s", "99999999999999999999"] {
            assert_eq!(parse_time(bad, false), None, "{bad}");
        }
        assert_eq!(parse_time("\u{e9}", false), None);
    }
}
