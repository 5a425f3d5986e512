use super::common::REDACTION;
use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::rules::taskdef::Context;

declare_rule! {
    /// Reports a container `image` with the `:latest` tag or with no tag at
    /// all (which Docker reads as `:latest`). An image pinned by digest
    /// (`@sha256:…`) or by any other tag is fine.
    ///
    /// # Why it matters
    /// A tag is a pointer that moves. Whenever the tag is resolved anew (a
    /// new deployment, a standalone task, a rollback to this revision) the
    /// task gets whatever `latest` points at then: the task definition no
    /// longer says which code runs, a rollback does not roll the code back,
    /// and a bad push reaches production without a deployment.
    ///
    /// # Example
    /// ```json
    /// "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:latest"
    /// ```
    ///
    /// # Fix
    /// Pin the image to a version or digest: push each build with its own
    /// tag (a release number or the commit SHA; ECR can make tags immutable)
    /// and register a new revision naming it, or use `repository@sha256:…`.
    ///
    /// # References
    /// ContainerDefinition, parameter `image` (Amazon ECS API Reference);
    /// "Amazon ECS task definition" best practices on container image tags,
    /// and ECR's tag immutability (Amazon ECR User Guide).
    pub static RULE = {
        id: "taskdef/unpinned-image",
        severity: Warning,
        summary: "A container image on :latest or without a tag",
    }
}

#[derive(Debug, PartialEq)]
enum Pin {
    Latest,
    NoTag,
    Pinned,
}

pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    for (index, container) in context.containers() {
        let Some(node) = container.value("image") else {
            continue;
        };
        let Some(image) = node.as_str() else {
            continue;
        };
        let message = match pin(image) {
            Some(Pin::Latest) => {
                format!("Image '{image}' uses the :latest tag; pin the image to a version or digest")
            }
            Some(Pin::NoTag) => {
                format!("Image '{image}' has no tag, so it runs :latest; pin the image to a version or digest")
            }
            _ => continue,
        };
        out.push(
            context
                .diagnostic(
                    &RULE,
                    node.span,
                    &format!("/containerDefinitions/{index}/image"),
                    message,
                )
                .with_help(
                    "Each new deployment, standalone task or rollback gets whatever :latest points at then, so this \
                     revision does not say which code runs. Push each build with its own tag (a version or commit \
                     SHA) and name it here, or use repository@sha256:<digest>.",
                ),
        );
    }
}

/// How the image is pinned, or `None` when it cannot be read: empty, with
/// spaces (the image rule's business), or with the tag redacted.
fn pin(image: &str) -> Option<Pin> {
    if image.is_empty() || image.chars().any(char::is_whitespace) {
        return None;
    }
    if image.contains('@') {
        return Some(Pin::Pinned);
    }
    // A registry's ":port" comes before the last slash; a tag only after it.
    let last = image.rsplit('/').next().unwrap_or(image);
    match last.rsplit_once(':') {
        Some((_, tag)) if tag.is_empty() || tag.contains(REDACTION) => None,
        Some((_, "latest")) => Some(Pin::Latest),
        Some(_) => Some(Pin::Pinned),
        None if last.is_empty() || last.contains(REDACTION) => None,
        None => Some(Pin::NoTag),
    }
}

#[cfg(test)]
mod tests {
    use super::{pin, Pin};
    use crate::reference::{BACKEND_TASK, FRONTEND_TASK};
    use crate::rules::taskdef::fixtures::{edited, hits, line_of, VALID};

    const ID: &str = "taskdef/unpinned-image";

    #[test]
    fn triggers_on_every_seed_image_despite_the_redaction() {
        for (text, images) in [
            (
                BACKEND_TASK,
                ["~~/backend-springboot:latest", "~~/backend-nginx:latest"],
            ),
            (FRONTEND_TASK, ["~~/front-next:latest", "~~/front-nginx:latest"]),
        ] {
            let found = hits(text, ID);
            assert_eq!(found.len(), 2);
            for (index, (diagnostic, image)) in found.iter().zip(images).enumerate() {
                assert_eq!(
                    diagnostic.message,
                    format!("Image '{image}' uses the :latest tag; pin the image to a version or digest")
                );
                assert_eq!(diagnostic.line, line_of(text, image));
                assert_eq!(
                    diagnostic.pointer.as_deref(),
                    Some(&*format!("/containerDefinitions/{index}/image"))
                );
            }
        }
    }

    #[test]
    fn triggers_on_an_image_without_a_tag() {
        let text = edited(
            "\"123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1.4.2\"",
            "\"localhost:5000/app\"",
        );
        let found = hits(&text, ID);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "Image 'localhost:5000/app' has no tag, so it runs :latest; pin the image to a version or digest"
        );
    }

    #[test]
    fn stays_quiet_on_pinned_or_unreadable_images() {
        assert!(hits(VALID, ID).is_empty());
        for image in [
            "nginx:1.25",
            "nginx@sha256:0000000000000000000000000000000000000000000000000000000000000000",
            "nginx:latest@sha256:0000000000000000000000000000000000000000000000000000000000000000",
            "localhost:5000/app:2",
        ] {
            assert_eq!(pin(image), Some(Pin::Pinned), "{image}");
        }
        for image in ["", "~~", "~~/app:~~", "nginx:", "nginx latest"] {
            assert_eq!(pin(image), None, "{image}");
        }
        assert_eq!(pin("nginx"), Some(Pin::NoTag));
        assert_eq!(pin("~~:latest"), Some(Pin::Latest));
    }
}
