//! The panel beside the diagram: the selected box's details and problems,
//! the traced path's steps, or, with nothing chosen, what the deployment is.

use std::collections::HashMap;

use atlas_core::deployment::request_path::Entry;
use atlas_core::diagram::{details, file_view, trace, Badge, Details, SceneIndex, Traced};
use atlas_core::outline::outline;
use atlas_core::view::View;
use leptos::prelude::*;

use super::state::use_diagram;
use crate::store::use_store;

pub fn journey_title(journey: Entry) -> &'static str {
    match journey {
        Entry::Csr => "Client-side rendering",
        Entry::Ssr => "Server-side rendering",
        Entry::Deploy => "Deploy",
    }
}

#[component]
pub fn Panel(paths: Memo<Option<Traced>>, badges: Memo<HashMap<String, Badge>>) -> impl IntoView {
    let store = use_store();
    let state = use_diagram();
    let selected = Memo::new(move |_| state.address.with(|d| d.node.clone()));
    let details = Memo::new(move |_| {
        let id = selected.get()?;
        // Every journey, so the lines that govern a box are all listed
        // whichever path is traced.
        store.workspace.with(|w| {
            store.analysis.with(|a| {
                store.plan.with(|p| {
                    store.scene.with(|s| {
                        let index = SceneIndex::new(s);
                        let traced: Vec<Traced> = Entry::ALL.into_iter().map(|j| trace(a, w, &index, j)).collect();
                        details(a, w, p, &index, &traced, &id)
                    })
                })
            })
        })
    });
    view! {
        <aside class="diagram-panel" aria-label="Details" aria-live="polite">
            {move || paths.get().map(|traced| view! { <Steps traced=traced /> })}
            {move || match (selected.get(), details.get()) {
                (Some(_), Some(d)) => view! { <DetailsCard details=d badges=badges /> }.into_any(),
                (Some(id), None) => view! {
                    <p class="notice">"The diagram has no “" {id} "” now; it may have been renamed or removed."</p>
                }.into_any(),
                (None, _) if paths.with(Option::is_none) => view! { <Overview /> }.into_any(),
                _ => ().into_any(),
            }}
        </aside>
    }
}

/// The deployment in a paragraph, what the sources leave open, and how to read the diagram.
#[component]
fn Overview() -> impl IntoView {
    let store = use_store();
    let outline = Memo::new(move |_| store.analysis.with(outline));
    move || {
        let o = outline.get();
        view! {
            <section class="overview">
                <h2>{o.title}</h2>
                <p>{o.description}</p>
                <p class="hint">
                    "Click any box to learn what it is and how it is configured. Trace a request with the "
                    <strong>"CSR"</strong>", "<strong>"SSR"</strong>" and "<strong>"Deploy"</strong>
                    " buttons. Drag to pan, scroll or pinch to zoom, Tab through the boxes and press Enter to open one."
                </p>
                {(!o.notes.is_empty()).then(|| view! {
                    <h3>"What the sources leave open"</h3>
                    <ul class="notes">{o.notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                })}
                <Legend />
            </section>
        }
    }
}

#[component]
fn Legend() -> impl IntoView {
    use atlas_core::deployment::SubnetKind;
    use atlas_core::diagram::details::kind_label;
    use atlas_core::layout::{glyphs, BoxKind};
    let kinds = [
        BoxKind::Client,
        BoxKind::Dns,
        BoxKind::InternetGateway,
        BoxKind::LoadBalancer,
        BoxKind::TargetGroup,
        BoxKind::Vpc,
        BoxKind::AvailabilityZone,
        BoxKind::Subnet(SubnetKind::Public),
        BoxKind::Subnet(SubnetKind::Private),
        BoxKind::NatGateway,
        BoxKind::Cluster,
        BoxKind::Instance,
        BoxKind::Task,
        BoxKind::Container,
    ];
    let edges = [
        ("traffic", "Request traffic"),
        ("link", "Container link (bridge mode)"),
        ("egress", "Outbound via NAT"),
        ("dns", "DNS alias"),
        ("deploy", "Delivery"),
    ];
    view! {
        <section class="legend" aria-label="Legend">
            <h3>"Legend"</h3>
            <ul class="legend-kinds">
                {kinds.into_iter().map(|k| {
                    let g = glyphs::for_box(k);
                    view! {
                        <li>
                            <svg class="legend-glyph" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
                                {super::canvas::glyph_art(g)}
                            </svg>
                            {kind_label(k)}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <ul class="legend-edges">
                {edges.into_iter().map(|(kind, label)| view! {
                    <li>
                        <svg class="legend-edge" viewBox="0 0 28 8" width="28" height="8" aria-hidden="true">
                            <line class=format!("edge edge-{kind}") x1="1" y1="4" x2="27" y2="4" />
                        </svg>
                        {label}
                    </li>
                }).collect_view()}
                <li><span class="legend-badge" aria-hidden="true">"2"</span>"Errors or warnings in its files"</li>
                <li><span class="legend-planned" aria-hidden="true"></span>"Instance a scale-out would start"</li>
            </ul>
        </section>
    }
}

#[component]
fn Steps(traced: Traced) -> impl IntoView {
    let store = use_store();
    let state = use_diagram();
    let current = Memo::new(move |_| state.address.with(|d| d.step));
    // The current step is kept in view in the list, as its box is in the diagram.
    Effect::new(move |_| {
        let Some(n) = current.get() else { return };
        let selector = format!(".steps .step[data-step=\"{n}\"]");
        if let Ok(Some(step)) = document().query_selector(&selector) {
            let options = leptos::web_sys::ScrollIntoViewOptions::new();
            options.set_block(leptos::web_sys::ScrollLogicalPosition::Nearest);
            step.scroll_into_view_with_scroll_into_view_options(&options);
        }
    });
    let journey = traced.entry;
    view! {
        <section class="steps" aria-label="Path steps">
            <h2>{journey_title(journey)} " path"</h2>
            <ol class="step-list">
                {traced.hops.into_iter().zip(traced.boxes).enumerate().map(|(i, (hop, placed))| {
                    let n = i + 1;
                    let node = placed.clone();
                    let lines = hop.governing.into_iter().map(|g| {
                        let view = store.workspace.with_untracked(|w| {
                            store.analysis.with_untracked(|a| file_view(a, w, &g.file, g.line))
                        });
                        let label = format!("{}:{}", g.file, g.line);
                        view! {
                            <li class="governing">
                                {match view {
                                    Some(v) => view! { <a href=v.to_hash()>{label}</a> }.into_any(),
                                    None => view! { <span>{label}</span> }.into_any(),
                                }}
                                <code>{g.text}</code>
                            </li>
                        }
                    }).collect_view();
                    view! {
                        <li
                            class="step"
                            class:current=move || current.get() == Some(n)
                            class:missing=hop.kind == atlas_core::deployment::request_path::HopKind::Missing
                            data-step=n
                            data-node=placed.clone().unwrap_or_default()
                        >
                            <button
                                type="button"
                                class="step-button"
                                aria-pressed=move || (current.get() == Some(n)).to_string()
                                on:click=move |_| {
                                    let node = node.clone();
                                    state.go(move |d| {
                                        d.step = Some(n);
                                        if node.is_some() {
                                            d.node = node;
                                        }
                                    });
                                }
                            >
                                <span class="step-number">{n}</span>
                                <span class="step-label">{hop.label}</span>
                            </button>
                            <p class="step-about">{hop.about}</p>
                            <ul class="governing-lines">{lines}</ul>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}

#[component]
fn DetailsCard(details: Details, badges: Memo<HashMap<String, Badge>>) -> impl IntoView {
    let store = use_store();
    let state = use_diagram();
    let id = details.id.clone();
    let problems = Memo::new(move |_| {
        let indexes = badges.with(|b| b.get(&id).map(|b| b.diagnostics.clone()).unwrap_or_default());
        store.analysis.with(|a| {
            indexes
                .into_iter()
                .filter_map(|i| a.diagnostics.get(i).cloned())
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="details" data-node=details.id.clone()>
            <p class="details-kind">{details.kind_label}</p>
            <h2 class="details-title">{details.title.clone()}</h2>
            <button type="button" class="close" aria-label="Close details" on:click=move |_| state.select(None)>"×"</button>
            {move || {
                let list = problems.get();
                (!list.is_empty()).then(|| view! {
                    <section class="details-problems" aria-label="Problems">
                        <h3>"Problems"</h3>
                        <ul>
                            {list.into_iter().map(|d| {
                                let target = store.workspace.with_untracked(|w| {
                                    store.analysis.with_untracked(|a| file_view(a, w, &d.file, d.line))
                                });
                                let at = format!("{}:{}", d.file, d.line);
                                view! {
                                    <li class="diagnostic" data-severity=d.severity.as_str() data-rule=d.rule>
                                        <span class="severity">{d.severity.as_str()}</span>
                                        {match target {
                                            Some(v) => view! { <a class="position" href=v.to_hash()>{at}</a> }.into_any(),
                                            None => view! { <span class="position">{at}</span> }.into_any(),
                                        }}
                                        <span class="message">{d.message}</span>
                                        <a class="rule-id" href=View::Rules { rule: Some(d.rule.to_owned()) }.to_hash()>{d.rule}</a>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </section>
                })
            }}
            <p class="details-about">{details.about.clone()}</p>
            {(!details.facts.is_empty()).then(|| view! {
                <dl class="facts">
                    {details.facts.into_iter().map(|f| view! {
                        <div class="fact"><dt>{f.label}</dt><dd>{f.value}</dd></div>
                    }).collect_view()}
                </dl>
            })}
            {(!details.lines.is_empty()).then(|| view! {
                <h3>"Configured by"</h3>
                <ul class="governing-lines">
                    {details.lines.into_iter().map(|l| {
                        let label = format!("{}:{}", l.file, l.line);
                        view! {
                            <li class="governing">
                                {match l.view {
                                    Some(v) => view! { <a href=v.to_hash()>{label}</a> }.into_any(),
                                    None => view! { <span>{label}</span> }.into_any(),
                                }}
                                <code>{l.text}</code>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
            {details.opens.map(|v| {
                let name = match &v {
                    View::Deployment { .. } => "Open the deployment file".to_owned(),
                    View::TaskDefinitions { family, .. } => format!("Open task definition {}", family.clone().unwrap_or_default()),
                    View::Nginx { id, .. } => format!("Open nginx config {}", id.clone().unwrap_or_default()),
                    _ => "Open".to_owned(),
                };
                view! { <a class="open-file button" href=v.to_hash()>{name}</a> }
            })}
        </section>
    }
}
