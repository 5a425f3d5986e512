use super::common::{describe_char, is_redacted};
use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports a container `image` that is not a valid image reference,
    /// `[registry/]repository[:tag][@digest]`: an uppercase or misplaced
    /// character in the repository, a bad tag, a digest other than sha256 with
    /// 64 hex digits, or more than 255 characters before the digest.
    ///
    /// # Why it matters
    /// ECS passes the string to Docker as it is. Some mistakes are rejected when
    /// registering; the others register fine and every task then stops with
    /// `CannotPullContainerError` and Docker's `invalid reference format`.
    ///
    /// # Example
    /// ```json
    /// "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/MyApp:v1 beta"
    /// ```
    /// The repository must be lowercase and a tag cannot contain a space.
    ///
    /// # Fix
    /// Copy the image URI from the registry (for ECR, the repository's URI plus
    /// `:tag` or `@sha256:...`). Repository path components are lowercase
    /// letters and digits joined by `.`, `_`, `__` or hyphens; a tag is up to
    /// 128 letters, digits, `_`, `.` and `-`, not starting with `.` or `-`.
    ///
    /// # References
    /// ContainerDefinition, parameter `image` (Amazon ECS API Reference): up
    /// to 255 characters, "The only supported hash function is sha256"; the
    /// reference grammar of the distribution/reference Go package, which
    /// Docker and the ECS agent use.
    pub static RULE = {
        id: "taskdef/invalid-image",
        severity: Error,
        summary: "A container image that is not a valid image reference",
    }
}

const MAX: usize = 255;
const MAX_TAG: usize = 128;
const FORM: &str = "An image is [registry/]repository[:tag][@digest], for example 123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1.4.2 or nginx@sha256:<64 hex digits>.";

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    for (index, container) in context.containers() {
        let Some(node) = container.value("image") else {
            continue;
        };
        let Some(image) = node.as_str() else {
            continue;
        };
        if is_redacted(image) {
            continue;
        }
        let Err(problem) = validate(image) else {
            continue;
        };
        let (message, help) = match problem {
            Problem::Empty => (
                "Container.image should not be null or empty.".to_owned(),
                format!("Name the image the container runs. {FORM}"),
            ),
            Problem::TooLong(length) => (
                format!("The image reference is {length} characters long; ECS allows at most {MAX} before any \"@\" digest."),
                "Shorten the registry or repository path, or the tag.".to_owned(),
            ),
            Problem::Digest(reason) => (
                format!("Invalid image digest in \"{image}\": {reason}."),
                "ECS supports only sha256 digests: @sha256: followed by exactly 64 hexadecimal digits.".to_owned(),
            ),
            Problem::Syntax(reason) => (
                format!("Invalid image reference \"{image}\": {reason}."),
                format!("Docker cannot pull it (\"invalid reference format\"), so the container never starts. {FORM}"),
            ),
        };
        let pointer = format!("/containerDefinitions/{index}/image");
        out.push(context.diagnostic(&RULE, node.span, &pointer, message).with_help(help));
    }
}

#[derive(Debug, PartialEq)]
enum Problem {
    Empty,
    TooLong(usize),
    Digest(String),
    Syntax(String),
}

fn syntax(reason: impl Into<String>) -> Problem {
    Problem::Syntax(reason.into())
}

fn validate(image: &str) -> Result<(), Problem> {
    if image.is_empty() {
        return Err(Problem::Empty);
    }
    if let Some(c) = image.chars().find(|c| c.is_whitespace() || c.is_control()) {
        return Err(syntax(format!("it contains {}", describe_char(c))));
    }
    let (name_tag, digest) = match image.split_once('@') {
        Some((name_tag, digest)) => (name_tag, Some(digest)),
        None => (image, None),
    };
    let length = name_tag.chars().count();
    if length > MAX {
        return Err(Problem::TooLong(length));
    }
    if let Some(digest) = digest {
        validate_digest(digest)?;
    }
    // A colon after the last slash starts the tag; one before it is a registry port.
    let last_slash = name_tag.rfind('/');
    let (name, tag) = match name_tag.rfind(':') {
        Some(colon) if last_slash.is_none_or(|slash| colon > slash) => {
            (&name_tag[..colon], Some(&name_tag[colon + 1..]))
        }
        _ => (name_tag, None),
    };
    if let Some(tag) = tag {
        validate_tag(tag)?;
    }
    validate_name(name)
}

fn validate_digest(digest: &str) -> Result<(), Problem> {
    let Some((algorithm, hex)) = digest.split_once(':') else {
        return Err(Problem::Digest(format!("\"{digest}\" is not algorithm:hex")));
    };
    if algorithm != "sha256" {
        return Err(Problem::Digest(format!("the algorithm is \"{algorithm}\", not sha256")));
    }
    if let Some(c) = hex.chars().find(|c| !c.is_ascii_hexdigit()) {
        return Err(Problem::Digest(format!(
            "{} is not a hexadecimal digit",
            describe_char(c)
        )));
    }
    let length = hex.chars().count();
    if length != 64 {
        return Err(Problem::Digest(format!("the sha256 value has {length} digits, not 64")));
    }
    Ok(())
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

fn validate_tag(tag: &str) -> Result<(), Problem> {
    let Some(first) = tag.chars().next() else {
        return Err(syntax("the tag after \":\" is empty"));
    };
    if !is_word_char(first) {
        return Err(syntax(format!(
            "the tag \"{tag}\" starts with {}",
            describe_char(first)
        )));
    }
    if let Some(c) = tag.chars().find(|c| !is_word_char(*c) && *c != '.' && *c != '-') {
        return Err(syntax(format!("the tag \"{tag}\" contains {}", describe_char(c))));
    }
    let length = tag.chars().count();
    if length > MAX_TAG {
        return Err(syntax(format!("the tag is {length} characters long, above {MAX_TAG}")));
    }
    Ok(())
}

fn validate_name(name: &str) -> Result<(), Problem> {
    if name.is_empty() {
        return Err(syntax("the repository name is empty"));
    }
    let components: Vec<&str> = name.split('/').collect();
    if components.iter().any(|c| c.is_empty()) {
        return Err(syntax(
            "the repository path has an empty part (a leading, trailing or doubled \"/\")",
        ));
    }
    // As Docker reads it: the first part names a registry when it has a dot or
    // a port, or is localhost; otherwise the image is on Docker Hub.
    let first = components[0];
    let path = if components.len() > 1 && (first.contains(['.', ':']) || first == "localhost") {
        validate_registry(first)?;
        &components[1..]
    } else {
        &components[..]
    };
    for component in path {
        validate_path_component(component)?;
    }
    Ok(())
}

fn validate_registry(registry: &str) -> Result<(), Problem> {
    let (host, port) = if let Some(rest) = registry.strip_prefix('[') {
        let Some((address, after)) = rest.split_once(']') else {
            return Err(syntax(format!("the registry \"{registry}\" has an unclosed \"[\"")));
        };
        if address.is_empty() || !address.chars().all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.') {
            return Err(syntax(format!("the registry \"{registry}\" is not an IPv6 address")));
        }
        match after {
            "" => (None, None),
            _ => match after.strip_prefix(':') {
                Some(port) => (None, Some(port)),
                None => return Err(syntax(format!("the registry \"{registry}\" is not host[:port]"))),
            },
        }
    } else {
        match registry.split_once(':') {
            Some((host, port)) => (Some(host), Some(port)),
            None => (Some(registry), None),
        }
    };
    if let Some(port) = port {
        if port.is_empty() || !port.chars().all(|c| c.is_ascii_digit()) {
            return Err(syntax(format!("the registry port \"{port}\" is not a number")));
        }
    }
    if let Some(host) = host {
        for label in host.split('.') {
            let valid = !label.is_empty()
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !label.starts_with('-')
                && !label.ends_with('-');
            if !valid {
                return Err(syntax(format!("the registry host \"{host}\" is not a valid host name")));
            }
        }
    }
    Ok(())
}

fn validate_path_component(component: &str) -> Result<(), Problem> {
    if component.chars().any(|c| c.is_ascii_uppercase()) {
        return Err(syntax(format!("repository name must be lowercase (\"{component}\")")));
    }
    if let Some(c) = component
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-')))
    {
        return Err(syntax(format!(
            "{} is not allowed in the repository name \"{component}\"",
            describe_char(c)
        )));
    }
    let alphanumeric = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit();
    let starts = component.chars().next().is_some_and(alphanumeric);
    let ends = component.chars().last().is_some_and(alphanumeric);
    if !starts || !ends {
        return Err(syntax(format!(
            "the repository name part \"{component}\" must start and end with a letter or digit"
        )));
    }
    // Between letters and digits: ".", "_", "__" or a run of hyphens.
    let separators_ok = component
        .split(alphanumeric)
        .filter(|s| !s.is_empty())
        .all(|separator| matches!(separator, "." | "_" | "__") || separator.chars().all(|c| c == '-'));
    if !separators_ok {
        return Err(syntax(format!(
            "the repository name part \"{component}\" joins words with something other than \".\", \"_\", \"__\" or hyphens"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{validate, Problem};
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{edited, hits, line_of, VALID};

    const ID: &str = "taskdef/invalid-image";
    const IMAGE: &str = "\"image\": \"123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1.4.2\"";

    fn with_image(image: &str) -> String {
        edited(IMAGE, &format!("\"image\": {image}"))
    }

    #[test]
    fn triggers_on_an_uppercase_repository() {
        let text = with_image("\"123456789012.dkr.ecr.us-east-1.amazonaws.com/MyApp:1.4.2\"");
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "Invalid image reference \"123456789012.dkr.ecr.us-east-1.amazonaws.com/MyApp:1.4.2\": repository name must be lowercase (\"MyApp\")."
        );
        assert_eq!(found[0].line, line_of(&text, "MyApp"));
        assert_eq!(found[0].pointer.as_deref(), Some("/containerDefinitions/0/image"));
        assert!(found[0].help.as_deref().unwrap().contains("invalid reference format"));
    }

    #[test]
    fn triggers_on_bad_tags_digests_and_lengths() {
        let found = hits(&with_image("\"nginx:v1 beta\""), ID);
        assert_eq!(
            found[0].message,
            "Invalid image reference \"nginx:v1 beta\": it contains a space."
        );
        let found = hits(&with_image("\"nginx@sha256:abc\""), ID);
        assert_eq!(
            found[0].message,
            "Invalid image digest in \"nginx@sha256:abc\": the sha256 value has 3 digits, not 64."
        );
        let found = hits(&with_image("\"\""), ID);
        assert_eq!(found[0].message, "Container.image should not be null or empty.");
        let long = format!("\"{}/app:1\"", "r".repeat(250));
        let found = hits(&with_image(&long), ID);
        assert_eq!(
            found[0].message,
            "The image reference is 256 characters long; ECS allows at most 255 before any \"@\" digest."
        );
    }

    #[test]
    fn reads_references_as_docker_does() {
        let valid = [
            "nginx",
            "nginx:1.25-alpine",
            "library/nginx:latest",
            "amazon/amazon-ecs-agent",
            "public.ecr.aws/nginx/nginx:1.25",
            "quay.io/assemblyline/ubuntu",
            "localhost:5000/app",
            "localhost/app",
            "registry.example.com:443/team/app__x/a-b--c.d_e:V1.0_rc-1",
            "[::1]:5000/app:1",
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/app@sha256:94afd1f2e64d908bc90dbca0035a5b56794afd1f2e64d908bc90dbca0035a5b5",
            "app:1@sha256:94AFD1F2E64D908BC90DBCA0035A5B56794AFD1F2E64D908BC90DBCA0035A5B5",
            "MY.REGISTRY.example.com/app",
        ];
        for image in valid {
            assert_eq!(validate(image), Ok(()), "{image}");
        }
        let invalid = [
            "Nginx",
            "MyOrg/app",
            "nginx:",
            "nginx:.hidden",
            "nginx:-x",
            "app#1",
            "/app",
            "app/",
            "a//b",
            "-app",
            "app-",
            "a..b",
            "a._b",
            "a___b",
            "registry.-bad.com/app",
            "registry.com:port/app",
            "[::1/app",
            "app@md5:abc",
            "app@sha256",
            "app@sha256:zz",
            "app@sha256:abc@def",
        ];
        for image in invalid {
            assert!(
                matches!(validate(image), Err(Problem::Syntax(_) | Problem::Digest(_))),
                "{image}"
            );
        }
        assert!(validate(&format!("app:{}", "t".repeat(129))).is_err());
        assert!(validate(&format!("app:{}", "t".repeat(128))).is_ok());
    }

    #[test]
    fn stays_quiet_on_valid_redacted_or_wrongly_typed_images() {
        assert!(hits(VALID, ID).is_empty());
        assert!(hits(BACKEND_TASK, ID).is_empty());
        assert!(hits(FRONTEND_TASK, ID).is_empty());
        for image in ["\"~~/backend-nginx:latest\"", "\"nginx:1.25\"", "42", "null"] {
            assert!(hits(&with_image(image), ID).is_empty(), "{image}");
        }
        // The limit counts only what precedes the digest.
        let digest = format!("\"{}/app@sha256:{}\"", "r".repeat(240), "a".repeat(64));
        assert!(hits(&with_image(&digest), ID).is_empty());
    }
}
