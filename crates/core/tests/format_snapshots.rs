//! The formatter's output as reviewable snapshots: the flat frontend seed it
//! was written for, and a fixture with every awkward case (comments around
//! and inside directives, a map, raw Lua blocks, quoted and escaped tokens,
//! blank-line runs, an `if` whose closing parenthesis follows a quote).

mod common;

use atlas_core::reference::FRONTEND_NGINX;
use common::assert_formats_faithfully;

#[test]
fn frontend_seed_formatted() {
    insta::assert_snapshot!(assert_formats_faithfully("frontend-nginx.conf", FRONTEND_NGINX));
}

#[test]
fn mixed_fixture_formatted() {
    let text = include_str!("fixtures/format/mixed.conf");
    insta::assert_snapshot!(assert_formats_faithfully("mixed.conf", text));
}
