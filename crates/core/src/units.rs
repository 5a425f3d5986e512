//! ECS's CPU and memory notations.
//!
//! Task-level `cpu` is CPU units ("1024") or vCPU ("1 vCPU", "0.5 vcpu");
//! `memory` is MiB ("2048") or GB ("2 GB"), as RegisterTaskDefinition accepts.

/// CPU units in one vCPU.
pub const UNITS_PER_VCPU: u64 = 1024;

pub fn cpu_units(value: &str) -> Option<u64> {
    let value = value.trim();
    if let Some(vcpu) = strip_suffix_ignore_case(value, "vcpu") {
        return scaled(vcpu, UNITS_PER_VCPU as f64);
    }
    value.parse().ok()
}

pub fn memory_mib(value: &str) -> Option<u64> {
    let value = value.trim();
    if let Some(gb) = strip_suffix_ignore_case(value, "gb") {
        return scaled(gb, 1024.0);
    }
    value.parse().ok()
}

/// "1.5" × 1024 → 1536, when the product is a whole number.
fn scaled(number: &str, factor: f64) -> Option<u64> {
    let n: f64 = number.trim().parse().ok()?;
    let product = n * factor;
    (n.is_finite() && n >= 0.0 && product.fract() == 0.0 && product <= u64::MAX as f64).then_some(product as u64)
}

fn strip_suffix_ignore_case<'a>(value: &'a str, suffix: &str) -> Option<&'a str> {
    let split = value.len().checked_sub(suffix.len())?;
    let tail = value.get(split..)?;
    tail.eq_ignore_ascii_case(suffix).then(|| &value[..split])
}

/// 1024 → "1", 512 → "0.5", 1536 → "1.5".
pub fn vcpu_label(units: u64) -> String {
    let whole = units / UNITS_PER_VCPU;
    let rest = units % UNITS_PER_VCPU;
    if rest == 0 {
        return whole.to_string();
    }
    // Integer arithmetic: float formatting would cost more wasm than it is worth.
    let hundredths = (rest * 100 + UNITS_PER_VCPU / 2) / UNITS_PER_VCPU;
    let (whole, hundredths) = if hundredths == 100 {
        (whole + 1, 0)
    } else {
        (whole, hundredths)
    };
    let text = format!("{whole}.{hundredths:02}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_cpu_notations() {
        assert_eq!(cpu_units("1024"), Some(1024));
        assert_eq!(cpu_units("1 vCPU"), Some(1024));
        assert_eq!(cpu_units("0.5 vcpu"), Some(512));
        assert_eq!(cpu_units(" 2 VCPU "), Some(2048));
        assert_eq!(cpu_units("two"), None);
        assert_eq!(cpu_units("-1 vCPU"), None);
        assert_eq!(cpu_units("vCPU"), None);
        assert_eq!(cpu_units("가"), None);
    }

    #[test]
    fn reads_both_memory_notations() {
        assert_eq!(memory_mib("2048"), Some(2048));
        assert_eq!(memory_mib("2 GB"), Some(2048));
        assert_eq!(memory_mib("0.5GB"), Some(512));
        assert_eq!(memory_mib("NaN GB"), None);
    }

    #[test]
    fn labels_vcpu_without_noise() {
        assert_eq!(vcpu_label(4096), "4");
        assert_eq!(vcpu_label(512), "0.5");
        assert_eq!(vcpu_label(1536), "1.5");
        assert_eq!(vcpu_label(256), "0.25");
        assert_eq!(vcpu_label(100), "0.1");
        assert_eq!(vcpu_label(1023), "1");
    }
}
