//! The team's reference deployment, built into every binary as the default
//! workspace. The files live in `crates/core/reference/` (see PROVENANCE.md there).

use crate::workspace::{File, Workspace};

pub const ATLAS: &str = include_str!("../reference/atlas.json");
pub const BACKEND_TASK: &str = include_str!("../reference/ecs-backend-task.describe.json");
pub const FRONTEND_TASK: &str = include_str!("../reference/ecs-front-task.describe.json");
pub const BACKEND_NGINX: &str = include_str!("../reference/backend-nginx.conf");
pub const FRONTEND_NGINX: &str = include_str!("../reference/frontend-nginx.conf");

/// The reference deployment as a workspace: `atlas.json` and the four artifacts.
pub fn workspace() -> Workspace {
    Workspace {
        deployment: File::new("atlas.json", ATLAS),
        artifacts: vec![
            File::new("ecs-front-task.describe.json", FRONTEND_TASK),
            File::new("ecs-backend-task.describe.json", BACKEND_TASK),
            File::new("frontend-nginx.conf", FRONTEND_NGINX),
            File::new("backend-nginx.conf", BACKEND_NGINX),
        ],
    }
}
