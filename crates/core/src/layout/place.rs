//! Which instance each task is drawn on.
//!
//! A deliberately small stand-in for ECS's placement: the diagram only needs
//! a plausible, stable picture, and the capacity model decides the real
//! answer. Kept behind one function so it can be swapped for that model.

/// The instances and the tasks on them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Placement {
    /// For each task, in input order, the index of its instance.
    pub instance_of: Vec<usize>,
    /// CPU units reserved on each instance.
    pub reserved: Vec<u64>,
}

/// Next-fit by CPU units: tasks fill an instance in order until the next one
/// no longer fits, then move on. Linear, and keeps a service's tasks
/// together the way binpack placement would. A task larger than an instance
/// still gets one to itself, so every task appears somewhere. At least
/// `desired` instances exist (the Auto Scaling group runs them even when
/// idle), and never more than `max_instances`: past that, the last instance
/// takes the rest rather than the diagram growing without bound.
pub(super) fn place(task_cpu: &[u64], capacity: u64, desired: usize, max_instances: usize) -> Placement {
    let max_instances = max_instances.max(1);
    let mut reserved: Vec<u64> = Vec::new();
    let mut count_on: Vec<usize> = Vec::new();
    let mut instance_of = Vec::with_capacity(task_cpu.len());
    for &cpu in task_cpu {
        if reserved.is_empty() {
            reserved.push(0);
            count_on.push(0);
        }
        let mut current = reserved.len() - 1;
        let full = count_on[current] > 0 && reserved[current].saturating_add(cpu) > capacity;
        if full && reserved.len() < max_instances {
            reserved.push(0);
            count_on.push(0);
            current += 1;
        }
        reserved[current] = reserved[current].saturating_add(cpu);
        count_on[current] += 1;
        instance_of.push(current);
    }
    let wanted = desired.min(max_instances);
    if reserved.len() < wanted {
        reserved.resize(wanted, 0);
    }
    Placement { instance_of, reserved }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reference_tasks_fill_one_four_vcpu_instance() {
        let placed = place(&[2048, 1024, 1024], 4096, 1, 100);
        assert_eq!(placed.instance_of, [0, 0, 0]);
        assert_eq!(placed.reserved, [4096]);
    }

    #[test]
    fn tasks_that_do_not_fit_open_instances_beyond_desired() {
        let placed = place(&[2048, 2048, 2048], 4096, 1, 100);
        assert_eq!(placed.instance_of, [0, 0, 1]);
        assert_eq!(placed.reserved, [4096, 2048]);
    }

    #[test]
    fn idle_desired_instances_are_still_drawn() {
        assert_eq!(place(&[], 4096, 3, 100).reserved, [0, 0, 0]);
        assert_eq!(place(&[512], 4096, 2, 100).reserved, [512, 0]);
    }

    #[test]
    fn degenerate_capacity_gives_each_task_its_own_instance_up_to_the_cap() {
        assert_eq!(place(&[1, 1, 1], 0, 0, 100).instance_of, [0, 1, 2]);
        assert_eq!(place(&[1, 1, 1], 0, 0, 2).instance_of, [0, 1, 1]);
        assert_eq!(place(&[u64::MAX, u64::MAX], 4096, 0, 0).reserved, [u64::MAX]);
        assert!(place(&[], 0, 0, 0).reserved.is_empty());
    }
}
