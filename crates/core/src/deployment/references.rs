//! Every id the deployment file declares and every place it refers to one, with
//! the JSON pointer of each: what the duplicate and reference rules walk.

use super::Deployment;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    Vpc,
    AvailabilityZone,
    Subnet,
    InternetGateway,
    NatGateway,
    DnsRecord,
    LoadBalancer,
    TargetGroup,
    Cluster,
    Service,
    TaskDefinition,
    NginxConfig,
    PipelineStage,
    SecurityGroup,
}

impl IdKind {
    pub fn describe(self) -> &'static str {
        match self {
            IdKind::Vpc => "VPC",
            IdKind::AvailabilityZone => "availability zone",
            IdKind::Subnet => "subnet",
            IdKind::InternetGateway => "internet gateway",
            IdKind::NatGateway => "NAT gateway",
            IdKind::DnsRecord => "DNS record",
            IdKind::LoadBalancer => "load balancer",
            IdKind::TargetGroup => "target group",
            IdKind::Cluster => "cluster",
            IdKind::Service => "service",
            IdKind::TaskDefinition => "task definition family",
            IdKind::NginxConfig => "nginx config",
            IdKind::PipelineStage => "pipeline stage",
            IdKind::SecurityGroup => "security group",
        }
    }
}

/// An id of `kind` as declared or used, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdAt<'a> {
    pub kind: IdKind,
    pub id: &'a str,
    pub pointer: String,
}

impl Deployment {
    /// Every declared id, in file order. Task definitions are keyed by family.
    pub fn declared_ids<'a>(&'a self) -> Vec<IdAt<'a>> {
        let mut out = Vec::new();
        let mut add = |kind, id: &'a str, pointer: String| {
            out.push(IdAt { kind, id, pointer });
        };
        let network = &self.network;
        add(IdKind::Vpc, &network.vpc.id, "/network/vpc/id".into());
        for (i, az) in network.availability_zones.iter().enumerate() {
            add(
                IdKind::AvailabilityZone,
                &az.id,
                format!("/network/availabilityZones/{i}/id"),
            );
        }
        for (i, subnet) in network.subnets.iter().enumerate() {
            add(IdKind::Subnet, &subnet.id, format!("/network/subnets/{i}/id"));
        }
        if let Some(igw) = &network.internet_gateway {
            add(IdKind::InternetGateway, &igw.id, "/network/internetGateway/id".into());
        }
        for (i, nat) in network.nat_gateways.iter().enumerate() {
            add(IdKind::NatGateway, &nat.id, format!("/network/natGateways/{i}/id"));
        }
        for (i, group) in network.security_groups.iter().enumerate() {
            add(
                IdKind::SecurityGroup,
                &group.id,
                format!("/network/securityGroups/{i}/id"),
            );
        }
        for (i, record) in self.dns.iter().enumerate() {
            add(IdKind::DnsRecord, &record.id, format!("/dns/{i}/id"));
        }
        for (i, lb) in self.load_balancers.iter().enumerate() {
            add(IdKind::LoadBalancer, &lb.id, format!("/loadBalancers/{i}/id"));
            for (j, tg) in lb.target_groups.iter().enumerate() {
                add(
                    IdKind::TargetGroup,
                    &tg.id,
                    format!("/loadBalancers/{i}/targetGroups/{j}/id"),
                );
            }
        }
        add(IdKind::Cluster, &self.cluster.id, "/cluster/id".into());
        for (i, service) in self.services.iter().enumerate() {
            add(IdKind::Service, &service.id, format!("/services/{i}/id"));
        }
        for (i, file) in self.task_definitions.iter().enumerate() {
            add(
                IdKind::TaskDefinition,
                &file.family,
                format!("/taskDefinitions/{i}/family"),
            );
        }
        for (i, file) in self.nginx_configs.iter().enumerate() {
            add(IdKind::NginxConfig, &file.id, format!("/nginxConfigs/{i}/id"));
        }
        for (i, stage) in self.pipeline.iter().enumerate() {
            add(IdKind::PipelineStage, &stage.id, format!("/pipeline/{i}/id"));
        }
        out
    }

    /// Every place an id is used, in file order.
    pub fn references<'a>(&'a self) -> Vec<IdAt<'a>> {
        let mut out = Vec::new();
        let mut add = |kind, id: &'a str, pointer: String| {
            out.push(IdAt { kind, id, pointer });
        };
        for (i, subnet) in self.network.subnets.iter().enumerate() {
            add(
                IdKind::AvailabilityZone,
                &subnet.availability_zone,
                format!("/network/subnets/{i}/availabilityZone"),
            );
        }
        for (i, nat) in self.network.nat_gateways.iter().enumerate() {
            add(IdKind::Subnet, &nat.subnet, format!("/network/natGateways/{i}/subnet"));
        }
        for (i, record) in self.dns.iter().enumerate() {
            add(
                IdKind::LoadBalancer,
                &record.alias_target,
                format!("/dns/{i}/aliasTarget"),
            );
        }
        for (i, lb) in self.load_balancers.iter().enumerate() {
            for (j, subnet) in lb.subnets.iter().enumerate() {
                add(IdKind::Subnet, subnet, format!("/loadBalancers/{i}/subnets/{j}"));
            }
            for (j, listener) in lb.listeners.iter().enumerate() {
                add(
                    IdKind::TargetGroup,
                    &listener.forward_to,
                    format!("/loadBalancers/{i}/listeners/{j}/forwardTo"),
                );
            }
        }
        for (j, subnet) in self.cluster.subnets.iter().enumerate() {
            add(IdKind::Subnet, subnet, format!("/cluster/subnets/{j}"));
        }
        for (j, group) in self.cluster.security_groups.iter().enumerate() {
            add(IdKind::SecurityGroup, group, format!("/cluster/securityGroups/{j}"));
        }
        for (i, lb) in self.load_balancers.iter().enumerate() {
            for (j, group) in lb.security_groups.iter().enumerate() {
                add(
                    IdKind::SecurityGroup,
                    group,
                    format!("/loadBalancers/{i}/securityGroups/{j}"),
                );
            }
        }
        for (i, group) in self.network.security_groups.iter().enumerate() {
            for (j, rule) in group.ingress.iter().enumerate() {
                if let Some(from) = &rule.from_security_group {
                    add(
                        IdKind::SecurityGroup,
                        from,
                        format!("/network/securityGroups/{i}/ingress/{j}/fromSecurityGroup"),
                    );
                }
            }
        }
        for (i, service) in self.services.iter().enumerate() {
            add(
                IdKind::TaskDefinition,
                &service.task_definition,
                format!("/services/{i}/taskDefinition"),
            );
            if let Some(binding) = &service.load_balancer {
                add(
                    IdKind::TargetGroup,
                    &binding.target_group,
                    format!("/services/{i}/loadBalancer/targetGroup"),
                );
            }
            for (j, call) in service.calls.iter().enumerate() {
                add(
                    IdKind::DnsRecord,
                    &call.target,
                    format!("/services/{i}/calls/{j}/target"),
                );
            }
        }
        for (i, file) in self.nginx_configs.iter().enumerate() {
            add(
                IdKind::TaskDefinition,
                &file.task_definition,
                format!("/nginxConfigs/{i}/taskDefinition"),
            );
        }
        out
    }
}
