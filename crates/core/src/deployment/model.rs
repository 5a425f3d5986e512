//! Typed form of `atlas.json`. Field names are camelCase, as in AWS's own JSON.
//! Unknown fields are rejected so a typo is reported instead of silently ignored.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Deployment {
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// Facts the deployment's own sources leave open, and what was assumed.
    #[serde(default)]
    pub notes: Vec<String>,
    pub network: Network,
    #[serde(default)]
    pub dns: Vec<DnsRecord>,
    #[serde(default)]
    pub load_balancers: Vec<LoadBalancer>,
    pub cluster: Cluster,
    #[serde(default)]
    pub services: Vec<Service>,
    #[serde(default)]
    pub task_definitions: Vec<TaskDefinitionFile>,
    #[serde(default)]
    pub nginx_configs: Vec<NginxConfigFile>,
    #[serde(default)]
    pub pipeline: Vec<PipelineStage>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Network {
    pub vpc: Vpc,
    #[serde(default)]
    pub availability_zones: Vec<AvailabilityZone>,
    #[serde(default)]
    pub subnets: Vec<Subnet>,
    #[serde(default)]
    pub internet_gateway: Option<Named>,
    #[serde(default)]
    pub nat_gateways: Vec<NatGateway>,
    /// Security groups the load balancers and instances use, when the
    /// deployment describes them; the port checks stay silent without.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_groups: Vec<SecurityGroup>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SecurityGroup {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub ingress: Vec<IngressRule>,
}

/// Traffic a security group lets in: a port range from another security
/// group or from a CIDR block.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IngressRule {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_security_group: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cidr: Option<String>,
    pub from_port: u16,
    pub to_port: u16,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Vpc {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cidr: Option<String>,
}

/// Something with only an id and a display name.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Named {
    pub id: String,
    pub name: String,
}

pub type AvailabilityZone = Named;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum SubnetKind {
    Public,
    Private,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Subnet {
    pub id: String,
    pub name: String,
    pub kind: SubnetKind,
    /// Id of an availability zone.
    pub availability_zone: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NatGateway {
    pub id: String,
    pub name: String,
    /// Id of the public subnet the gateway sits in.
    pub subnet: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DnsRecord {
    pub id: String,
    /// The fully qualified domain name.
    pub name: String,
    /// Id of the load balancer the alias record points at.
    pub alias_target: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Scheme {
    InternetFacing,
    Internal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "UPPERCASE")]
pub enum Protocol {
    Http,
    Https,
}

impl Protocol {
    pub fn as_str(self) -> &'static str {
        match self {
            Protocol::Http => "HTTP",
            Protocol::Https => "HTTPS",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LoadBalancer {
    pub id: String,
    pub name: String,
    pub scheme: Scheme,
    /// Seconds an idle connection stays open (the ALB's default is 60). nginx
    /// behind it must keep connections open longer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idle_timeout_seconds: Option<u32>,
    /// Ids of its security groups.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_groups: Vec<String>,
    /// Ids of the subnets the load balancer's nodes live in.
    #[serde(default)]
    pub subnets: Vec<String>,
    pub listeners: Vec<Listener>,
    pub target_groups: Vec<TargetGroup>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Listener {
    pub port: u16,
    pub protocol: Protocol,
    /// The certificate an HTTPS listener presents (a description or ACM ARN).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate: Option<String>,
    /// Id of the target group the listener's default action forwards to.
    pub forward_to: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum TargetType {
    Instance,
    Ip,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TargetGroup {
    pub id: String,
    pub name: String,
    pub target_type: TargetType,
    pub protocol: Protocol,
    pub port: u16,
    pub health_check_path: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Cluster {
    pub id: String,
    pub name: String,
    pub launch_type: LaunchType,
    pub instance: InstanceSpec,
    pub auto_scaling_group: AutoScalingGroup,
    /// Ids of the subnets the instances are launched into.
    #[serde(default)]
    pub subnets: Vec<String>,
    /// The capacity provider that ties the services to the Auto Scaling
    /// group, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity_provider: Option<CapacityProvider>,
    /// Ids of the instances' security groups.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_groups: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CapacityProvider {
    pub name: String,
    /// Whether ECS scales the Auto Scaling group to fit the tasks (managed scaling).
    #[serde(default)]
    pub managed_scaling: bool,
    /// Managed scaling's target: the percentage of the instances' capacity
    /// the tasks may use; below 100 keeps spare room for new tasks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_capacity_percent: Option<u32>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "UPPERCASE")]
pub enum LaunchType {
    #[default]
    Ec2,
    Fargate,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InstanceSpec {
    pub vcpu: u32,
    pub memory_mib: u32,
    /// The machine image, e.g. "ECS-optimized Amazon Linux 2".
    pub ami: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AutoScalingGroup {
    pub min: u32,
    pub desired: u32,
    pub max: u32,
    /// Started from a launch template, managed by a capacity provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub launch_template: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Service {
    pub id: String,
    pub name: String,
    /// Family of the task definition the service runs.
    pub task_definition: String,
    pub desired_count: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_scaling: Option<ServiceAutoScaling>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub load_balancer: Option<LoadBalancerBinding>,
    /// Other parts of the deployment the service's containers call over the
    /// network, which neither the task definition nor nginx reveal (an API
    /// base URL lives in the application's own configuration).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub calls: Vec<ServiceCall>,
}

/// One outbound call a service makes, e.g. a server-side renderer fetching
/// from the API by its public domain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServiceCall {
    /// Name of the container in the service's task definition that makes the call.
    pub container: String,
    /// Id of the DNS record the call is addressed to.
    pub target: String,
    /// Why the call is made this way, in one sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServiceAutoScaling {
    pub min: u32,
    pub max: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LoadBalancerBinding {
    /// Id of the target group the service registers its tasks in.
    pub target_group: String,
    pub container_name: String,
    pub container_port: u16,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TaskDefinitionFile {
    pub family: String,
    /// File name, relative to `atlas.json`.
    pub file: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NginxConfigFile {
    /// Short id used in links (`#/nginx/<id>`).
    pub id: String,
    /// File name, relative to `atlas.json`.
    pub file: String,
    /// Family of the task definition whose container runs this config.
    pub task_definition: String,
    /// Name of that container.
    pub container: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum StageKind {
    Source,
    GithubActions,
    Ecr,
    CodePipeline,
    EcsDeploy,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PipelineStage {
    pub id: String,
    pub name: String,
    pub kind: StageKind,
    /// What the stage does, in one sentence.
    pub action: String,
}
