//! The capacity view: how each instance's vCPU and memory are shared by the
//! tasks on it, and what-if controls for the services' desired counts and
//! the Auto Scaling group that re-place the tasks live.

use atlas_core::deployment::capacity::{Capacity, Instance};
use atlas_core::units::vcpu_label;
use leptos::prelude::*;

use crate::store::use_store;

/// Colour slot of a service, so one service has one colour in every bar.
fn slot(plan: &Capacity, service: &str) -> usize {
    plan.services.iter().position(|s| s.service == service).unwrap_or(0) % 8
}

#[component]
pub fn CapacityPanel() -> impl IntoView {
    let store = use_store();
    let plan = store.plan;
    let set_desired = move |service: String, value: u32| {
        store.overrides.update(|o| {
            o.desired.insert(service, value);
        });
    };
    let services = move || {
        plan.with(|p| {
            p.services
                .iter()
                .map(|s| {
                    let id = s.service.clone();
                    let (minus, plus, typed) = (id.clone(), id.clone(), id.clone());
                    let n = s.desired;
                    let size = s.task.as_ref().map_or("size unknown".to_owned(), |t| {
                        format!("{} vCPU, {} MiB each", vcpu_label(t.cpu_units), t.memory_mib)
                    });
                    let colour = format!("swatch svc-{}", slot(p, &s.service));
                    view! {
                        <li class="stepper" data-service=s.service.clone()>
                            <span class=colour aria-hidden="true"></span>
                            <label for=format!("desired-{id}")>{s.name.clone()} <small>{size}</small></label>
                            <button type="button" aria-label=format!("Fewer {} tasks", s.name)
                                on:click=move |_| set_desired(minus.clone(), n.saturating_sub(1))>"−"</button>
                            <input id=format!("desired-{id}") type="number" min="0" max="5000" inputmode="numeric"
                                prop:value=n.to_string()
                                on:change=move |ev| {
                                    if let Ok(v) = event_target_value(&ev).trim().parse::<u32>() {
                                        set_desired(typed.clone(), v.min(5000));
                                    }
                                } />
                            <button type="button" aria-label=format!("More {} tasks", s.name)
                                on:click=move |_| set_desired(plus.clone(), (n + 1).min(5000))>"+"</button>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let group = move || {
        let asg = plan.with(|p| p.asg);
        let field = move |label: &'static str,
                          id: &'static str,
                          value: u32,
                          set: fn(&mut atlas_core::deployment::capacity::Overrides, u32)| {
            view! {
                <li class="stepper" data-asg=id>
                    <label for=format!("asg-{id}")>{label}</label>
                    <button type="button" aria-label=format!("Lower the group's {id}")
                        on:click=move |_| store.overrides.update(|o| set(o, value.saturating_sub(1)))>"−"</button>
                    <input id=format!("asg-{id}") type="number" min="0" max="2000" prop:value=value.to_string()
                        on:change=move |ev| {
                            if let Ok(v) = event_target_value(&ev).trim().parse::<u32>() {
                                store.overrides.update(|o| set(o, v.min(2000)));
                            }
                        } />
                    <button type="button" aria-label=format!("Raise the group's {id}")
                        on:click=move |_| store.overrides.update(|o| set(o, (value + 1).min(2000)))>"+"</button>
                </li>
            }
        };
        view! {
            {field("Desired instances", "desired", asg.desired, |o, v| o.asg_desired = Some(v))}
            {field("Maximum instances", "max", asg.max, |o, v| o.asg_max = Some(v))}
        }
    };
    let summary = move || {
        plan.with(|p| {
            let needed = p.needed_desired;
            let running = p.asg.desired;
            let (class, text) = if !p.unplaceable.is_empty() {
                let count: u32 = p.unplaceable.iter().map(|u| u.count).sum();
                ("summary error", format!("{count} task{} cannot be placed.", if count == 1 { "" } else { "s" }))
            } else if needed > running {
                (
                    "summary warning",
                    format!(
                        "The tasks need {needed} instance{}; the group runs {running}. Cluster auto scaling must start {} more.",
                        if needed == 1 { "" } else { "s" },
                        needed - running
                    ),
                )
            } else {
                (
                    "summary ok",
                    format!("The tasks fit on {needed} of the group's {running} running instance{}.", if running == 1 { "" } else { "s" }),
                )
            };
            view! { <p class=class role="status">{text}</p> }
        })
    };
    let details = move || {
        plan.with(|p| {
            view! {
                <ul class="unplaced">
                    {p.unplaceable.iter().map(|u| view! {
                        <li>{format!("{} × {}: {}", u.count, u.family, u.reason)}</li>
                    }).collect_view()}
                </ul>
                <ul class="findings">
                    {p.findings.iter().map(|f| view! { <li>{f.clone()}</li> }).collect_view()}
                </ul>
            }
        })
    };
    let instances = move || plan.with(|p| p.instances.iter().map(|i| instance_bars(p, i)).collect_view());
    view! {
        <aside class="diagram-panel capacity" aria-label="Capacity">
            <h2>"Capacity"</h2>
            {summary}
            <h3>"Services"</h3>
            <ul class="steppers">{services}</ul>
            <h3>"Auto Scaling group"</h3>
            <ul class="steppers">{group}</ul>
            <button type="button" class="reset" on:click=move |_| store.overrides.set(Default::default())>
                "Back to the deployment's counts"
            </button>
            {details}
            <h3>"Instances"</h3>
            <div class="instances">{instances}</div>
        </aside>
    }
}

fn instance_bars(plan: &Capacity, instance: &Instance) -> impl IntoView {
    let total = plan.instance;
    let bar = |what: &'static str,
               of: u64,
               used: u64,
               part: &dyn Fn(&atlas_core::deployment::capacity::PlacedTask) -> u64,
               label: String| {
        let segments = instance
            .tasks
            .iter()
            .map(|t| {
                let share = if of == 0 {
                    0.0
                } else {
                    part(t) as f64 * 100.0 / of as f64
                };
                view! {
                    <span class=format!("segment svc-{}", slot(plan, &t.service)) style:width=format!("{share:.3}%")
                        title=format!("{} ({})", t.family, t.service)></span>
                }
            })
            .collect_view();
        view! {
            <div class="bar-row" data-resource=what>
                <span class="bar-name">{what}</span>
                <span class="bar" role="img" aria-label=label.clone() data-used=used data-of=of>{segments}</span>
                <span class="bar-label">{label}</span>
            </div>
        }
    };
    let cpu_parts: Vec<String> = instance.tasks.iter().map(|t| vcpu_label(t.cpu_units)).collect();
    let cpu_label = format!(
        "{} of {} vCPU",
        if cpu_parts.is_empty() {
            "0".to_owned()
        } else {
            cpu_parts.join(" + ")
        },
        vcpu_label(total.cpu_units)
    );
    let memory_label = format!("{} of {} MiB", instance.used.memory_mib, total.memory_mib);
    view! {
        <section class="instance-bars" class:scale-out=instance.scale_out data-instance=instance.number>
            <h4>
                {format!("EC2 instance {}", instance.number)}
                {instance.scale_out.then(|| view! { <span class="tag">"needs a scale-out"</span> })}
            </h4>
            {bar("vCPU", total.cpu_units, instance.used.cpu_units, &|t| t.cpu_units, cpu_label)}
            {bar("Memory", total.memory_mib, instance.used.memory_mib, &|t| t.memory_mib, memory_label)}
        </section>
    }
}
