//! Synthetic deployments of any size, shaped like the reference one: services
//! behind load balancers, tasks of an nginx container linked to an app
//! container, private subnets spread over availability zones.

use atlas_core::deployment::{
    AutoScalingGroup, AvailabilityZone, Cluster, Deployment, DnsRecord, InstanceSpec, Listener, LoadBalancer,
    LoadBalancerBinding, Named, NatGateway, Network, PipelineStage, Protocol, Scheme, Service, StageKind, Subnet,
    SubnetKind, TargetGroup, TargetType, Vpc,
};
use atlas_core::taskdef::{Container, PortMapping, TaskDefinition};
use atlas_core::workspace::Analysis;

#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub services: usize,
    pub tasks: usize,
    pub zones: usize,
    /// One NAT gateway per zone instead of one for the whole VPC.
    pub nat_per_zone: bool,
    pub vcpu: u32,
    pub desired_instances: u32,
}

impl Shape {
    pub fn new(services: usize, tasks: usize) -> Shape {
        Shape {
            services,
            tasks,
            zones: 2,
            nat_per_zone: false,
            vcpu: 4,
            desired_instances: 1,
        }
    }
}

/// Services share load balancers four to one, as teams often do.
const SERVICES_PER_BALANCER: usize = 4;

pub fn analysis(shape: Shape) -> Analysis {
    let zones: Vec<AvailabilityZone> = (0..shape.zones)
        .map(|z| Named {
            id: format!("az-{z}"),
            name: format!("Availability Zone {z}"),
        })
        .collect();
    let mut subnets = Vec::new();
    for (kind, prefix) in [(SubnetKind::Public, "public"), (SubnetKind::Private, "private")] {
        for z in 0..shape.zones {
            subnets.push(Subnet {
                id: format!("{prefix}-{z}"),
                name: format!("{prefix} subnet {z}"),
                kind,
                availability_zone: format!("az-{z}"),
            });
        }
    }
    let nat_count = match (shape.zones, shape.nat_per_zone) {
        (0, _) => 0,
        (_, true) => shape.zones,
        (_, false) => 1,
    };
    let nat_gateways = (0..nat_count)
        .map(|z| NatGateway {
            id: format!("nat-{z}"),
            name: format!("NAT gateway {z}"),
            subnet: format!("public-{z}"),
        })
        .collect();
    let services = shape.services;
    let balancers = services.div_ceil(SERVICES_PER_BALANCER);
    let load_balancers = (0..balancers)
        .map(|b| {
            let members = (b * SERVICES_PER_BALANCER)..services.min((b + 1) * SERVICES_PER_BALANCER);
            LoadBalancer {
                idle_timeout_seconds: None,
                security_groups: Vec::new(),
                id: format!("alb-{b}"),
                name: format!("Load balancer {b}"),
                scheme: Scheme::InternetFacing,
                subnets: (0..shape.zones).map(|z| format!("public-{z}")).collect(),
                listeners: vec![Listener {
                    port: 80,
                    protocol: Protocol::Http,
                    certificate: None,
                    forward_to: format!("tg-{}", b * SERVICES_PER_BALANCER),
                }],
                target_groups: members
                    .map(|s| TargetGroup {
                        id: format!("tg-{s}"),
                        name: format!("Targets of {}", service_name(s)),
                        target_type: TargetType::Instance,
                        protocol: Protocol::Http,
                        port: 80,
                        health_check_path: "/".into(),
                    })
                    .collect(),
            }
        })
        .collect();
    let dns = (0..balancers)
        .map(|b| DnsRecord {
            id: format!("dns-{b}"),
            name: format!("app{b}.example.com"),
            alias_target: format!("alb-{b}"),
        })
        .collect();
    let mut task_definitions = Vec::new();
    let service_list = (0..services)
        .map(|s| {
            let family = format!("task-{s}");
            task_definitions.push((family.clone(), task_definition(&family, s)));
            let tasks = shape.tasks / services + usize::from(s < shape.tasks % services);
            Service {
                id: format!("svc-{s}"),
                name: service_name(s),
                task_definition: family,
                desired_count: tasks as u32,
                auto_scaling: None,
                calls: Vec::new(),
                load_balancer: Some(LoadBalancerBinding {
                    target_group: format!("tg-{s}"),
                    container_name: "nginx".into(),
                    container_port: 80,
                }),
            }
        })
        .collect();
    let stages = [
        ("github", "GitHub repository", StageKind::Source),
        ("github-actions", "GitHub Actions", StageKind::GithubActions),
        ("ecr", "Amazon ECR", StageKind::Ecr),
        ("codepipeline", "AWS CodePipeline", StageKind::CodePipeline),
        ("ecs-deploy", "ECS rolling deployment", StageKind::EcsDeploy),
    ];
    let deployment = Deployment {
        name: "generated".into(),
        network: Network {
            security_groups: Vec::new(),
            vpc: Vpc {
                id: "vpc".into(),
                name: "VPC".into(),
                cidr: Some("10.0.0.0/16".into()),
            },
            availability_zones: zones,
            subnets,
            internet_gateway: Some(Named {
                id: "igw".into(),
                name: "Internet Gateway".into(),
            }),
            nat_gateways,
        },
        dns,
        load_balancers,
        cluster: Cluster {
            capacity_provider: None,
            security_groups: Vec::new(),
            id: "cluster".into(),
            name: "ECS cluster".into(),
            instance: InstanceSpec {
                vcpu: shape.vcpu,
                memory_mib: 16384,
                ami: "ECS-optimized AMI".into(),
            },
            auto_scaling_group: AutoScalingGroup {
                min: 1,
                desired: shape.desired_instances,
                // Room for every task, so the whole shape is drawn.
                max: (shape.tasks as u32).max(shape.desired_instances).max(1),
                launch_template: None,
            },
            subnets: (0..shape.zones).map(|z| format!("private-{z}")).collect(),
            ..Default::default()
        },
        services: service_list,
        pipeline: stages
            .into_iter()
            .map(|(id, name, kind)| PipelineStage {
                id: id.into(),
                name: name.into(),
                kind,
                action: String::new(),
            })
            .collect(),
        ..Default::default()
    };
    Analysis {
        deployment,
        task_definitions,
        diagnostics: Vec::new(),
    }
}

/// Names of mixed lengths, so box widths differ as they do in real clusters.
fn service_name(s: usize) -> String {
    match s % 3 {
        0 => format!("api{s}"),
        1 => format!("service-{s}"),
        _ => format!("a-rather-long-service-name-{s}"),
    }
}

fn task_definition(family: &str, s: usize) -> TaskDefinition {
    let app = if s % 2 == 0 { "app" } else { "application-server" };
    TaskDefinition {
        family: family.into(),
        revision: Some(s as u64 + 1),
        network_mode: Some("bridge".into()),
        cpu: Some(["256", "512", "1024", "2048"][s % 4].into()),
        memory: Some("1024".into()),
        requires_compatibilities: vec!["EC2".into()],
        containers: vec![
            Container {
                name: "nginx".into(),
                image: "nginx:1.27".into(),
                essential: true,
                links: vec![app.into()],
                port_mappings: vec![PortMapping {
                    container_port: Some(80),
                    host_port: Some(0),
                    protocol: Some("tcp".into()),
                    name: None,
                }],
                ..Default::default()
            },
            Container {
                name: app.into(),
                image: format!("{app}:1.0"),
                essential: true,
                ..Default::default()
            },
        ],
    }
}
