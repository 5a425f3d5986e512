//! The reference artifacts must stay byte-for-byte what the team's write-up
//! printed. The originals sit in ../shared/seed beside the repository wherever
//! the project is developed and tested.

use std::path::Path;

#[test]
fn reference_artifacts_equal_the_originals() {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seed");
    assert!(seed.is_dir(), "the originals are expected at {}", seed.display());
    for (name, ours) in [
        ("ecs-backend-task.describe.json", atlas_core::reference::BACKEND_TASK),
        ("ecs-front-task.describe.json", atlas_core::reference::FRONTEND_TASK),
        ("backend-nginx.conf", atlas_core::reference::BACKEND_NGINX),
        ("frontend-nginx.conf", atlas_core::reference::FRONTEND_NGINX),
    ] {
        let original = std::fs::read_to_string(seed.join(name)).unwrap();
        assert_eq!(ours, original, "{name} differs from the original");
    }
}
