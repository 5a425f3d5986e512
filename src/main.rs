//! The ecs-atlas web app: mounts the root component, nothing else.

mod app;
mod components;
mod download;
mod editing;
mod persist;
mod route;
mod rule_catalog;
mod store;
mod views;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
