//! Where the services' tasks fit on the cluster's instances, and what a
//! different desired count would need.
//!
//! The placement imitates ECS's binpack strategy deterministically: tasks are
//! placed service by service in the file's order, each on the first instance
//! (1, 2, ...) with enough CPU units, memory and free static host ports. ECS
//! itself may pick differently among equally good instances; the number of
//! instances needed is the same. The instance's registered memory is taken as
//! the deployment file states it, though ECS registers a little less (the OS and
//! agent keep some).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::taskdef::TaskDefinition;
use crate::units::{cpu_units, memory_mib, vcpu_label, UNITS_PER_VCPU};
use crate::workspace::Analysis;

/// ECS's quota of tasks per service: larger counts are planned as this many,
/// which also bounds the work a typo'd count can cause.
pub const MAX_TASKS_PER_SERVICE: u32 = 5000;

/// What-if inputs; `None` and absent entries keep the deployment's values.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    /// Desired task count per service id.
    pub desired: BTreeMap<String, u32>,
    pub asg_desired: Option<u32>,
    pub asg_max: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Capacity {
    /// What one instance offers.
    pub instance: Resources,
    pub asg: AsgBounds,
    pub services: Vec<ServiceDemand>,
    /// The placement of the (possibly overridden) desired counts, on at most
    /// the Auto Scaling group's maximum number of instances.
    pub instances: Vec<Instance>,
    /// Instances the deployment's own desired counts need.
    pub needed_current: u32,
    /// Instances the desired counts with the overrides applied need.
    pub needed_desired: u32,
    /// Instances every service at its auto scaling maximum would need.
    pub needed_at_service_max: u32,
    /// Tasks that fit on no instance the Auto Scaling group may start.
    pub unplaceable: Vec<Unplaced>,
    /// Plain-language conclusions, most important first.
    pub findings: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Resources {
    pub cpu_units: u64,
    pub memory_mib: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AsgBounds {
    pub min: u32,
    pub desired: u32,
    pub max: u32,
}

/// One service's demand, as the placement read it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceDemand {
    pub service: String,
    pub name: String,
    pub family: String,
    /// The desired count the placement used (after overrides).
    pub desired: u32,
    /// One task's reservation; `None` when the task definition is not available.
    pub task: Option<TaskSize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TaskSize {
    pub cpu_units: u64,
    pub memory_mib: u64,
    /// Whether the figures are the task-level `cpu` / `memory` or the sums of
    /// the containers' values.
    pub cpu_from: SizeSource,
    pub memory_from: SizeSource,
    /// Host ports the task binds on the instance itself ("tcp/80").
    pub static_host_ports: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SizeSource {
    Task,
    Containers,
    /// Neither level states it: ECS reserves nothing.
    None,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Instance {
    /// 1-based, in the order the Auto Scaling group would start them.
    pub number: u32,
    /// True when the instance is beyond the group's desired count: cluster
    /// auto scaling must start it before its tasks can run.
    pub scale_out: bool,
    pub tasks: Vec<PlacedTask>,
    pub used: Resources,
    pub free: Resources,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlacedTask {
    pub service: String,
    pub family: String,
    pub cpu_units: u64,
    pub memory_mib: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unplaced {
    pub service: String,
    pub family: String,
    pub count: u32,
    pub reason: String,
}

pub fn capacity(analysis: &Analysis, overrides: &Overrides) -> Capacity {
    let d = &analysis.deployment;
    let instance = Resources {
        cpu_units: u64::from(d.cluster.instance.vcpu) * UNITS_PER_VCPU,
        memory_mib: u64::from(d.cluster.instance.memory_mib),
    };
    let group = &d.cluster.auto_scaling_group;
    let asg = AsgBounds {
        min: group.min,
        desired: overrides.asg_desired.unwrap_or(group.desired),
        max: overrides.asg_max.unwrap_or(group.max),
    };
    let services: Vec<ServiceDemand> = d
        .services
        .iter()
        .map(|s| ServiceDemand {
            service: s.id.clone(),
            name: s.name.clone(),
            family: s.task_definition.clone(),
            desired: overrides
                .desired
                .get(&s.id)
                .copied()
                .unwrap_or(s.desired_count)
                .min(MAX_TASKS_PER_SERVICE),
            task: analysis.task_definition(&s.task_definition).map(task_size),
        })
        .collect();

    let current: Vec<u32> = d
        .services
        .iter()
        .map(|s| s.desired_count.min(MAX_TASKS_PER_SERVICE))
        .collect();
    let desired: Vec<u32> = services.iter().map(|s| s.desired).collect();
    let at_max: Vec<u32> = d
        .services
        .iter()
        .zip(&desired)
        .map(|(s, &n)| {
            s.auto_scaling
                .as_ref()
                .map_or(n, |a| a.max.max(n).min(MAX_TASKS_PER_SERVICE))
        })
        .collect();
    let needed_current = place(&services, &current, instance, None).instances.len() as u32;
    let needed_at_service_max = place(&services, &at_max, instance, None).instances.len() as u32;
    let unbounded = place(&services, &desired, instance, None);
    let needed_desired = unbounded.instances.len() as u32;
    let bounded = place(&services, &desired, instance, Some(asg.max));

    let instances: Vec<Instance> = bounded
        .instances
        .iter()
        .enumerate()
        .map(|(i, bin)| {
            let used = Resources {
                cpu_units: bin.cpu_units,
                memory_mib: bin.memory_mib,
            };
            Instance {
                number: i as u32 + 1,
                scale_out: i as u32 >= asg.desired,
                tasks: bin.slots.iter().map(|t| t.placed.clone()).collect(),
                used,
                free: Resources {
                    cpu_units: instance.cpu_units.saturating_sub(used.cpu_units),
                    memory_mib: instance.memory_mib.saturating_sub(used.memory_mib),
                },
            }
        })
        .collect();
    let mut unplaceable = Vec::new();
    for (s, left) in services.iter().zip(&bounded.left_over) {
        if let Some(reason) = left {
            unplaceable.push(Unplaced {
                service: s.service.clone(),
                family: s.family.clone(),
                count: reason.0,
                reason: reason.1.clone(),
            });
        }
    }
    let mut capacity = Capacity {
        instance,
        asg,
        services,
        instances,
        needed_current,
        needed_desired,
        needed_at_service_max,
        unplaceable,
        findings: Vec::new(),
    };
    capacity.findings = findings(&capacity, overrides, &at_max);
    for s in &d.services {
        let requested = overrides.desired.get(&s.id).copied().unwrap_or(s.desired_count);
        if requested > MAX_TASKS_PER_SERVICE {
            capacity.findings.push(format!(
                "The {} service asks for {requested} tasks; ECS runs at most {MAX_TASKS_PER_SERVICE} per service, so {MAX_TASKS_PER_SERVICE} are planned.",
                s.name
            ));
        }
    }
    capacity
}

/// What ECS reserves for one task: the task-level values when present, else
/// the containers' sums (memoryReservation, the soft limit, where set, since
/// placement reserves that; else the hard limit).
pub fn task_size(task: &TaskDefinition) -> TaskSize {
    let task_cpu = task.cpu.as_deref().and_then(cpu_units);
    let task_memory = task.memory.as_deref().and_then(memory_mib);
    let container_cpu: Option<u64> = task
        .containers
        .iter()
        .filter_map(|c| c.cpu)
        .reduce(|a, b| a.saturating_add(b));
    let container_memory: Option<u64> = task
        .containers
        .iter()
        .filter_map(|c| c.memory_reservation.or(c.memory))
        .reduce(|a, b| a.saturating_add(b));
    let (cpu_units, cpu_from) = match (task_cpu, container_cpu) {
        (Some(n), _) => (n, SizeSource::Task),
        (None, Some(n)) if n > 0 => (n, SizeSource::Containers),
        _ => (0, SizeSource::None),
    };
    let (memory_mib, memory_from) = match (task_memory, container_memory) {
        (Some(n), _) => (n, SizeSource::Task),
        (None, Some(n)) if n > 0 => (n, SizeSource::Containers),
        _ => (0, SizeSource::None),
    };
    let mut static_host_ports = Vec::new();
    let mode = task.network_mode.as_deref().unwrap_or("bridge");
    // awsvpc gives each task its own interface, so no port is shared.
    if mode != "awsvpc" {
        for mapping in task.containers.iter().flat_map(|c| &c.port_mappings) {
            // In host mode the container port is the host port.
            let port = match mode {
                "host" => mapping.host_port.filter(|p| *p != 0).or(mapping.container_port),
                _ => mapping.host_port.filter(|p| *p != 0),
            };
            if let Some(port) = port {
                let protocol = mapping.protocol.as_deref().unwrap_or("tcp").to_ascii_lowercase();
                static_host_ports.push(format!("{protocol}/{port}"));
            }
        }
    }
    static_host_ports.sort();
    static_host_ports.dedup();
    TaskSize {
        cpu_units,
        memory_mib,
        cpu_from,
        memory_from,
        static_host_ports,
    }
}

#[derive(Debug, Clone)]
struct Slot {
    placed: PlacedTask,
    cpu_units: u64,
    memory_mib: u64,
    ports: Vec<String>,
}

/// One instance's tasks with running totals, so a fit is checked in
/// constant time however many tasks it holds.
#[derive(Debug, Clone, Default)]
struct Bin {
    slots: Vec<Slot>,
    cpu_units: u64,
    memory_mib: u64,
    ports: Vec<String>,
}

struct Placement {
    instances: Vec<Bin>,
    /// Per service: how many tasks were left over and why.
    left_over: Vec<Option<(u32, String)>>,
}

/// First fit over instances 1, 2, ...; `limit` caps how many may be started.
fn place(services: &[ServiceDemand], counts: &[u32], instance: Resources, limit: Option<u32>) -> Placement {
    let mut instances: Vec<Bin> = Vec::new();
    let mut left_over = Vec::new();
    for (s, &count) in services.iter().zip(counts) {
        let Some(size) = &s.task else {
            left_over.push(None);
            continue;
        };
        if size.cpu_units > instance.cpu_units || size.memory_mib > instance.memory_mib {
            let reason = format!(
                "One task reserves {} CPU units and {} MiB; an instance has {} and {}.",
                size.cpu_units, size.memory_mib, instance.cpu_units, instance.memory_mib
            );
            left_over.push((count > 0).then_some((count, reason)));
            continue;
        }
        let slot = Slot {
            placed: PlacedTask {
                service: s.service.clone(),
                family: s.family.clone(),
                cpu_units: size.cpu_units,
                memory_mib: size.memory_mib,
            },
            cpu_units: size.cpu_units,
            memory_mib: size.memory_mib,
            ports: size.static_host_ports.clone(),
        };
        let fits = |bin: &Bin| {
            bin.cpu_units + slot.cpu_units <= instance.cpu_units
                && bin.memory_mib + slot.memory_mib <= instance.memory_mib
                && !bin.ports.iter().any(|p| slot.ports.contains(p))
        };
        let mut missed = 0;
        for _ in 0..count {
            let index = match instances.iter().position(fits) {
                Some(index) => index,
                None if limit.is_none_or(|max| (instances.len() as u32) < max) => {
                    instances.push(Bin::default());
                    instances.len() - 1
                }
                None => {
                    missed += 1;
                    continue;
                }
            };
            let bin = &mut instances[index];
            bin.cpu_units += slot.cpu_units;
            bin.memory_mib += slot.memory_mib;
            bin.ports.extend(slot.ports.iter().cloned());
            bin.slots.push(slot.clone());
        }
        left_over.push((missed > 0).then(|| {
            let max = limit.unwrap_or(0);
            (
                missed,
                format!(
                    "No room left on the {max} instance{} the Auto Scaling group may start.",
                    plural(max)
                ),
            )
        }));
    }
    Placement { instances, left_over }
}

fn plural(n: u32) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn ordinal(n: u32) -> String {
    match n {
        1 => "first".into(),
        2 => "second".into(),
        3 => "third".into(),
        _ => {
            let suffix = match (n % 10, n % 100) {
                (_, 11..=13) => "th",
                (1, _) => "st",
                (2, _) => "nd",
                (3, _) => "rd",
                _ => "th",
            };
            format!("{n}{suffix}")
        }
    }
}

fn findings(c: &Capacity, overrides: &Overrides, at_max: &[u32]) -> Vec<String> {
    let mut out = Vec::new();
    for s in &c.services {
        if s.task.is_none() {
            out.push(format!(
                "The {} service's task definition ({}) could not be read, so its tasks are left out of this plan.",
                s.name, s.family
            ));
        }
    }
    let total_cpu = c.instance.cpu_units * (c.instances.len().max(1) as u64);
    let used_cpu: u64 = c.instances.iter().map(|i| i.used.cpu_units).sum();
    let tasks: Vec<&PlacedTask> = c.instances.iter().flat_map(|i| &i.tasks).collect();
    // "2 + 1 + 1" as the write-up counts, until that grows unreadable.
    let split: Vec<String> = if tasks.len() <= 8 {
        tasks.iter().map(|t| vcpu_label(t.cpu_units)).collect()
    } else {
        c.services
            .iter()
            .filter_map(|s| {
                let placed: Vec<&&PlacedTask> = tasks.iter().filter(|t| t.service == s.service).collect();
                let first = placed.first()?;
                Some(format!("{} × {}", placed.len(), vcpu_label(first.cpu_units)))
            })
            .collect()
    };
    let what = if overrides.desired.is_empty() {
        "The deployment".to_owned()
    } else {
        "With the new desired counts, the deployment".to_owned()
    };
    if !split.is_empty() {
        let mut line = format!(
            "{what} uses {used_cpu} of {total_cpu} CPU units ({} vCPU) on {} instance{}",
            split.join(" + "),
            c.instances.len(),
            plural(c.instances.len() as u32)
        );
        let sizes: Vec<&TaskSize> = c.services.iter().filter_map(|s| s.task.as_ref()).collect();
        let no_room = !c.instances.iter().any(|i| {
            sizes
                .iter()
                .any(|t| i.free.cpu_units >= t.cpu_units && i.free.memory_mib >= t.memory_mib)
        });
        let full = no_room && c.unplaceable.is_empty();
        if full {
            line.push_str(&format!(
                ": any new task needs a {} instance.",
                ordinal(c.instances.len() as u32 + 1)
            ));
        } else {
            line.push('.');
        }
        out.push(line);
        // ECS's default deployment (minimum healthy 100%, maximum 200%)
        // starts the new tasks before it stops the old ones.
        if full && (c.instances.len() as u32) < c.asg.max {
            out.push(
                "A rolling deployment starts new tasks before it stops old ones (minimum healthy percent 100, ECS's default), so with no room left every release waits for cluster auto scaling to start another instance.".to_owned(),
            );
        } else if full {
            out.push(format!(
                "A rolling deployment starts new tasks before it stops old ones (minimum healthy percent 100, ECS's default); with no room left and the Auto Scaling group at its maximum of {}, a release cannot start until the minimum healthy percent is lowered.",
                c.asg.max
            ));
        }
    }
    // Per-instance lines help while they can be read at a glance.
    for i in c.instances.iter().take_while(|_| c.instances.len() <= 8) {
        out.push(format!(
            "Instance {}: {} of {} CPU units and {} of {} MiB reserved, {} CPU units and {} MiB free.",
            i.number,
            i.used.cpu_units,
            c.instance.cpu_units,
            i.used.memory_mib,
            c.instance.memory_mib,
            i.free.cpu_units,
            i.free.memory_mib
        ));
    }
    if !overrides.desired.is_empty() && c.needed_desired != c.needed_current {
        out.push(format!(
            "The current desired counts need {} instance{}; the new ones need {}.",
            c.needed_current,
            plural(c.needed_current),
            c.needed_desired
        ));
    }
    let scale_out = c.instances.iter().filter(|i| i.scale_out).count() as u32;
    if scale_out > 0 {
        out.push(format!(
            "The Auto Scaling group runs {} instance{}: cluster auto scaling must start {scale_out} more (up to its maximum of {}) before every task can run.",
            c.asg.desired,
            plural(c.asg.desired),
            c.asg.max
        ));
    }
    for u in &c.unplaceable {
        let name = c
            .services
            .iter()
            .find(|s| s.service == u.service)
            .map_or(u.service.as_str(), |s| s.name.as_str());
        out.push(format!(
            "{} {name} task{} cannot be placed: {}",
            u.count,
            plural(u.count),
            u.reason
        ));
    }
    if c.needed_at_service_max > c.needed_desired {
        let maxima: Vec<String> = c
            .services
            .iter()
            .zip(at_max)
            .map(|(s, n)| format!("{} {n}", s.name))
            .collect();
        let verdict = if c.needed_at_service_max > c.asg.max {
            format!("more than the Auto Scaling group's maximum of {}", c.asg.max)
        } else if c.needed_at_service_max == c.asg.max {
            "exactly the Auto Scaling group's maximum".to_owned()
        } else {
            format!("within the Auto Scaling group's maximum of {}", c.asg.max)
        };
        out.push(format!(
            "At the services' auto scaling maximums ({}) the tasks need {} instances, {verdict}.",
            maxima.join(", "),
            c.needed_at_service_max
        ));
    }
    for s in &c.services {
        let Some(task) = &s.task else { continue };
        if task.cpu_from == SizeSource::None {
            out.push(format!(
                "{} tasks reserve no CPU units: ECS places them regardless of CPU, and they compete for whatever the instance has left.",
                s.family
            ));
        }
        if task.memory_from == SizeSource::None {
            out.push(format!(
                "{} tasks reserve no memory: ECS on EC2 requires a memory figure at the task or container level, so registering it fails.",
                s.family
            ));
        }
        if !task.static_host_ports.is_empty() {
            out.push(format!(
                "{} tasks bind static host port{} {}: at most one such task runs per instance.",
                s.family,
                if task.static_host_ports.len() == 1 { "" } else { "s" },
                task.static_host_ports.join(", ")
            ));
        }
    }
    if c.asg.desired > c.asg.max {
        out.push(format!(
            "The Auto Scaling group's desired count ({}) is above its maximum ({}); AWS rejects that.",
            c.asg.desired, c.asg.max
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference;
    use crate::workspace::{File, Workspace};

    fn reference_capacity(overrides: &Overrides) -> Capacity {
        capacity(&reference::workspace().analyze(), overrides)
    }

    fn desired(service: &str, count: u32) -> Overrides {
        Overrides {
            desired: [(service.to_owned(), count)].into_iter().collect(),
            ..Overrides::default()
        }
    }

    #[test]
    fn the_reference_capacity_is_stable() {
        insta::assert_json_snapshot!(reference_capacity(&Overrides::default()));
    }

    #[test]
    fn the_reference_fills_one_instance() {
        let c = reference_capacity(&Overrides::default());
        assert_eq!(c.needed_current, 1);
        assert_eq!(c.instances.len(), 1);
        assert_eq!(c.instances[0].free.cpu_units, 0);
        assert_eq!(
            c.findings[0],
            "The deployment uses 4096 of 4096 CPU units (2 + 1 + 1 vCPU) on 1 instance: any new task needs a second instance."
        );
    }

    #[test]
    fn a_third_backend_task_needs_a_second_instance() {
        let c = reference_capacity(&desired("svc-backend", 3));
        assert_eq!((c.needed_current, c.needed_desired), (1, 2));
        assert_eq!(c.instances.len(), 2);
        assert!(c.instances[1].scale_out);
        assert_eq!(c.instances[1].tasks.len(), 1);
        assert_eq!(c.instances[1].tasks[0].service, "svc-backend");
        assert!(c.unplaceable.is_empty());
        assert!(
            c.findings.iter().any(|f| f.contains("must start 1 more")),
            "{:#?}",
            c.findings
        );
    }

    #[test]
    fn tasks_beyond_the_group_maximum_are_unplaceable() {
        let c = reference_capacity(&desired("svc-backend", 9));
        assert_eq!(c.needed_desired, 3);
        assert_eq!(c.instances.len(), 2);
        assert_eq!(c.unplaceable.len(), 1);
        assert_eq!(c.unplaceable[0].service, "svc-backend");
        assert_eq!(c.unplaceable[0].count, 3);
        let raised = reference_capacity(&Overrides {
            asg_max: Some(3),
            ..desired("svc-backend", 9)
        });
        assert!(raised.unplaceable.is_empty());
    }

    #[test]
    fn a_task_larger_than_an_instance_is_never_placed() {
        let analysis = with_backend_task(&reference::BACKEND_TASK.replace("\"cpu\": \"1024\"", "\"cpu\": \"8192\""));
        let c = capacity(&analysis, &Overrides::default());
        assert_eq!(c.unplaceable.len(), 1);
        assert_eq!(c.unplaceable[0].count, 2);
        assert!(c.unplaceable[0].reason.contains("8192 CPU units"));
    }

    fn with_backend_task(text: &str) -> Analysis {
        let mut workspace: Workspace = reference::workspace();
        workspace.artifacts[1] = File::new("ecs-backend-task.describe.json", text);
        workspace.analyze()
    }

    #[test]
    fn tasks_without_cpu_reserve_none_and_still_fit() {
        let text = reference::BACKEND_TASK.replace("\"cpu\": \"1024\",", "");
        assert_ne!(text, reference::BACKEND_TASK);
        let analysis = with_backend_task(&text);
        let c = capacity(&analysis, &desired("svc-backend", 4));
        let backend = c.services.iter().find(|s| s.service == "svc-backend").unwrap();
        let size = backend.task.as_ref().unwrap();
        assert_eq!((size.cpu_units, size.cpu_from), (0, SizeSource::None));
        assert_eq!(c.needed_desired, 1);
        assert!(c.findings.iter().any(|f| f.contains("reserve no CPU units")));
    }

    #[test]
    fn container_sums_stand_in_for_missing_task_sizes() {
        let text = reference::BACKEND_TASK
            .replace("\"cpu\": \"1024\",", "")
            .replace("\"memory\": \"2048\",", "")
            .replacen(
                "\"cpu\": 0,",
                "\"cpu\": 512, \"memoryReservation\": 700, \"memory\": 900,",
                1,
            );
        let analysis = with_backend_task(&text);
        let size = task_size(analysis.task_definition("ecs-backend-task").unwrap());
        assert_eq!((size.cpu_units, size.cpu_from), (512, SizeSource::Containers));
        assert_eq!((size.memory_mib, size.memory_from), (700, SizeSource::Containers));
    }

    #[test]
    fn static_host_ports_allow_one_task_per_instance() {
        let text = reference::BACKEND_TASK.replace("\"hostPort\": 0", "\"hostPort\": 80");
        assert_ne!(text, reference::BACKEND_TASK);
        let c = capacity(&with_backend_task(&text), &Overrides::default());
        assert_eq!(c.needed_desired, 2);
        assert!(c
            .instances
            .iter()
            .all(|i| i.tasks.iter().filter(|t| t.service == "svc-backend").count() == 1));
        assert!(c.findings.iter().any(|f| f.contains("static host port tcp/80")));
    }

    #[test]
    fn absurd_counts_are_planned_at_the_service_quota() {
        let c = reference_capacity(&Overrides {
            asg_max: Some(u32::MAX),
            ..desired("svc-backend", u32::MAX)
        });
        let backend = c.services.iter().find(|s| s.service == "svc-backend").unwrap();
        assert_eq!(backend.desired, MAX_TASKS_PER_SERVICE);
        assert_eq!(c.needed_desired, 1251);
        assert!(c.findings.iter().any(|f| f.contains("at most 5000 per service")));
        assert!(
            c.findings[0].contains("(1 × 2 + 5000 × 1 vCPU) on 1251 instances"),
            "{}",
            c.findings[0]
        );
        assert_eq!(
            [1, 4, 11, 21, 22, 112, 123].map(ordinal),
            ["first", "4th", "11th", "21st", "22nd", "112th", "123rd"]
        );
    }

    #[test]
    fn a_missing_task_definition_is_left_out_not_fatal() {
        let mut workspace = reference::workspace();
        workspace.artifacts.remove(1);
        let c = capacity(&workspace.analyze(), &Overrides::default());
        assert!(c.findings[0].contains("could not be read"));
        assert_eq!(c.instances.len(), 1);
    }
}
