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

/// A deployment shaped like the reference but with `services` backend-like
/// services of `tasks_per_service` tasks each, one ALB target group per
/// service and enough instances in the Auto Scaling group to hold them: the
/// large input the benchmarks and the diagram's scale tests use.
pub fn generated_workspace(services: usize, tasks_per_service: u32) -> Workspace {
    let mut artifacts = Vec::new();
    let mut service_entries = Vec::new();
    let mut target_groups = Vec::new();
    let mut task_entries = Vec::new();
    let mut nginx_entries = Vec::new();
    for i in 0..services {
        let family = format!("svc{i}-task");
        let task_file = format!("{family}.json");
        let nginx_file = format!("svc{i}-nginx.conf");
        artifacts.push(File::new(&task_file, BACKEND_TASK.replace("ecs-backend-task", &family)));
        artifacts.push(File::new(&nginx_file, BACKEND_NGINX));
        target_groups.push(format!(
            r#"{{ "id": "tg-{i}", "name": "Service {i} targets", "targetType": "instance", "protocol": "HTTP", "port": 80, "healthCheckPath": "/" }}"#
        ));
        service_entries.push(format!(
            r#"{{ "id": "svc-{i}", "name": "service{i}", "taskDefinition": "{family}", "desiredCount": {tasks_per_service}, "loadBalancer": {{ "targetGroup": "tg-{i}", "containerName": "nginx", "containerPort": 80 }} }}"#
        ));
        task_entries.push(format!(r#"{{ "family": "{family}", "file": "{task_file}" }}"#));
        nginx_entries.push(format!(
            r#"{{ "id": "nginx-{i}", "file": "{nginx_file}", "taskDefinition": "{family}", "container": "nginx" }}"#
        ));
    }
    // The backend task reserves 2 vCPU; two fit on a 4 vCPU instance.
    let instances = (services as u64 * u64::from(tasks_per_service)).div_ceil(2).max(1);
    let atlas = format!(
        r#"{{
  "name": "generated",
  "network": {{
    "vpc": {{ "id": "vpc", "name": "VPC" }},
    "availabilityZones": [{{ "id": "az-a", "name": "AZ A" }}, {{ "id": "az-b", "name": "AZ B" }}],
    "subnets": [
      {{ "id": "public-a", "name": "Public A", "kind": "public", "availabilityZone": "az-a" }},
      {{ "id": "public-b", "name": "Public B", "kind": "public", "availabilityZone": "az-b" }},
      {{ "id": "private-a", "name": "Private A", "kind": "private", "availabilityZone": "az-a" }},
      {{ "id": "private-b", "name": "Private B", "kind": "private", "availabilityZone": "az-b" }}
    ],
    "internetGateway": {{ "id": "igw", "name": "Internet Gateway" }},
    "natGateways": [{{ "id": "nat", "name": "NAT gateway", "subnet": "public-a" }}]
  }},
  "dns": [{{ "id": "dns-api", "name": "api.example.com", "aliasTarget": "alb" }}],
  "loadBalancers": [{{
    "id": "alb", "name": "ALB", "scheme": "internet-facing", "subnets": ["public-a", "public-b"],
    "listeners": [{{ "port": 80, "protocol": "HTTP", "forwardTo": "tg-0" }}],
    "targetGroups": [{target_groups}]
  }}],
  "cluster": {{
    "id": "cluster", "name": "ECS cluster", "launchType": "EC2",
    "instance": {{ "vcpu": 4, "memoryMib": 16384, "ami": "ECS-optimized AMI" }},
    "autoScalingGroup": {{ "min": 1, "desired": {instances}, "max": {instances} }},
    "subnets": ["private-a", "private-b"]
  }},
  "services": [{service_entries}],
  "taskDefinitions": [{task_entries}],
  "nginxConfigs": [{nginx_entries}]
}}
"#,
        target_groups = target_groups.join(",\n      "),
        service_entries = service_entries.join(",\n    "),
        task_entries = task_entries.join(",\n    "),
        nginx_entries = nginx_entries.join(",\n    "),
    );
    Workspace {
        deployment: File::new("atlas.json", atlas),
        artifacts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    #[test]
    fn generated_workspaces_are_consistent_deployments() {
        for (services, tasks) in [(1, 10), (10, 10), (50, 10)] {
            let analysis = generated_workspace(services, tasks).analyze();
            assert_eq!(analysis.deployment.services.len(), services);
            assert_eq!(analysis.task_definitions.len(), services);
            // Only what the backend seed itself has: no deployment or
            // cross-file errors, whatever the size.
            let errors: Vec<_> = analysis
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error && (d.file == "atlas.json" || d.rule.starts_with("cross/")))
                .collect();
            assert!(errors.is_empty(), "{errors:#?}");
        }
    }
}
