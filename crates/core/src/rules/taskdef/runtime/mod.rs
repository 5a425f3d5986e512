//! Task definition rules: runtime. One rule per file; each file's check runs from `check` below.

use crate::diagnostic::Diagnostic;
use crate::rules::taskdef::Context;
use crate::rules::RuleMeta;

pub mod aws_access_key_in_environment;
mod common;
pub mod dangerous_capability;
pub mod duplicate_environment_variable;
pub mod execution_role_required;
pub mod fargate_unsupported_parameter;
pub mod host_namespace;
pub mod invalid_log_configuration;
pub mod missing_log_configuration;
pub mod plaintext_secret;
pub mod privileged_container;
pub mod root_user;
pub mod secret_name_conflict;
pub mod task_role_is_execution_role;
pub mod unpinned_image;
pub mod windows_unsupported_parameter;
pub mod writable_root_filesystem;

pub static RULES: &[&RuleMeta] = &[
    &missing_log_configuration::RULE,
    &invalid_log_configuration::RULE,
    &execution_role_required::RULE,
    &secret_name_conflict::RULE,
    &duplicate_environment_variable::RULE,
    &aws_access_key_in_environment::RULE,
    &plaintext_secret::RULE,
    &task_role_is_execution_role::RULE,
    &privileged_container::RULE,
    &root_user::RULE,
    &host_namespace::RULE,
    &dangerous_capability::RULE,
    &writable_root_filesystem::RULE,
    &unpinned_image::RULE,
    &fargate_unsupported_parameter::RULE,
    &windows_unsupported_parameter::RULE,
];

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    missing_log_configuration::check(context, out);
    invalid_log_configuration::check(context, out);
    execution_role_required::check(context, out);
    secret_name_conflict::check(context, out);
    duplicate_environment_variable::check(context, out);
    aws_access_key_in_environment::check(context, out);
    plaintext_secret::check(context, out);
    task_role_is_execution_role::check(context, out);
    privileged_container::check(context, out);
    root_user::check(context, out);
    host_namespace::check(context, out);
    dangerous_capability::check(context, out);
    writable_root_filesystem::check(context, out);
    unpinned_image::check(context, out);
    fargate_unsupported_parameter::check(context, out);
    windows_unsupported_parameter::check(context, out);
}
