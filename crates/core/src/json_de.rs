//! serde deserialization straight from a [`Node`] tree, so a typed model is
//! read from the same parse that gives every span, and a type error names the
//! exact node. (serde_json would parse the text a second time, add its own
//! parser and float formatting to the wasm bundle, and report only a line and
//! column.) Written here because no crate deserializes from a span-carrying tree.

use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};

use crate::diagnostic::Span;
use crate::json_tree::{is_integer, Node, NodeKind, Prop};

/// A deserialization error and the node it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub message: String,
    /// The node being read when the error arose (a value, or the object that
    /// lacks a field); for an unknown field, the field's key.
    pub span: Option<Span>,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Error {
            message: message.to_string(),
            span: None,
        }
    }
}

impl Error {
    fn at(mut self, span: Span) -> Self {
        self.span.get_or_insert(span);
        self
    }
}

pub fn from_node<T: DeserializeOwned>(node: &Node) -> Result<T, Error> {
    T::deserialize(node)
}

impl<'de> de::Deserializer<'de> for &Node {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let result = match &self.kind {
            NodeKind::Null => visitor.visit_unit(),
            NodeKind::Bool(b) => visitor.visit_bool(*b),
            NodeKind::String(s) => visitor.visit_str(s),
            NodeKind::Number(n) => visit_number(n, visitor),
            NodeKind::Array(items) => visitor.visit_seq(Items { items: items.iter() }),
            NodeKind::Object(props) => visitor.visit_map(Props {
                props: props.iter(),
                value: None,
            }),
        };
        result.map_err(|e: Error| e.at(self.span))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.kind {
            NodeKind::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match &self.kind {
            NodeKind::String(s) => visitor.visit_enum(s.as_str().into_deserializer()),
            _ => Err(mismatch(self, &visitor)),
        }
        .map_err(|e: Error| e.at(self.span))
    }

    // Each typed entry point handles only its own JSON type, so the code serde
    // instantiates per visitor stays small (forwarding all to deserialize_any
    // doubled the wasm size of this module).
    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.kind {
            NodeKind::Bool(b) => visitor.visit_bool(b),
            _ => Err(mismatch(self, &visitor)),
        }
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match unsigned(self) {
            Some(n) => visitor.visit_u64(n).map_err(|e: Error| e.at(self.span)),
            None => Err(mismatch(self, &visitor)),
        }
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.kind {
            NodeKind::String(s) => visitor.visit_str(s).map_err(|e: Error| e.at(self.span)),
            _ => Err(mismatch(self, &visitor)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.kind {
            NodeKind::Array(items) => visitor.visit_seq(Items { items: items.iter() }),
            _ => Err(mismatch(self, &visitor)),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.kind {
            NodeKind::Object(props) => visitor
                .visit_map(Props {
                    props: props.iter(),
                    value: None,
                })
                .map_err(|e: Error| e.at(self.span)),
            _ => Err(mismatch(self, &visitor)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 u128 f32 f64 char
        bytes byte_buf unit unit_struct newtype_struct tuple
        tuple_struct
    }
}

fn visit_number<'de, V: Visitor<'de>>(number: &str, visitor: V) -> Result<V::Value, Error> {
    if is_integer(number) {
        if let Ok(n) = number.parse::<u64>() {
            return visitor.visit_u64(n);
        }
        if let Ok(n) = number.parse::<i64>() {
            return visitor.visit_i64(n);
        }
    }
    // The deployment model has no fractional fields: say so in serde's words.
    Err(de::Error::invalid_type(
        de::Unexpected::Other(&format!("number {number}")),
        &visitor,
    ))
}

fn unsigned(node: &Node) -> Option<u64> {
    match &node.kind {
        NodeKind::Number(n) if is_integer(n) => n.parse().ok(),
        _ => None,
    }
}

/// serde's "invalid type: X, expected Y", at the node.
fn mismatch(node: &Node, expected: &dyn de::Expected) -> Error {
    let unexpected = match &node.kind {
        NodeKind::Null => de::Unexpected::Unit,
        NodeKind::Bool(b) => de::Unexpected::Bool(*b),
        NodeKind::String(s) => de::Unexpected::Str(s),
        NodeKind::Number(n) => match n.parse::<i64>() {
            Ok(v) if v < 0 => de::Unexpected::Signed(v),
            Ok(v) => de::Unexpected::Unsigned(v as u64),
            Err(_) => de::Unexpected::Other("a number that is not a whole number in range"),
        },
        NodeKind::Array(_) => de::Unexpected::Seq,
        NodeKind::Object(_) => de::Unexpected::Map,
    };
    <Error as de::Error>::invalid_type(unexpected, expected).at(node.span)
}

struct Items<'a> {
    items: std::slice::Iter<'a, Node>,
}

impl<'de> SeqAccess<'de> for Items<'_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        match self.items.next() {
            Some(node) => seed.deserialize(node).map(Some).map_err(|e| e.at(node.span)),
            None => Ok(None),
        }
    }
}

struct Props<'a> {
    props: std::slice::Iter<'a, Prop>,
    value: Option<&'a Node>,
}

impl<'de> MapAccess<'de> for Props<'_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        match self.props.next() {
            Some(prop) => {
                self.value = Some(&prop.value);
                let key: de::value::StrDeserializer<Error> = prop.key.as_str().into_deserializer();
                seed.deserialize(key).map(Some).map_err(|e| e.at(prop.key_span))
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let node = self
            .value
            .take()
            .ok_or_else(|| de::Error::custom("a value without a key"))?;
        seed.deserialize(node).map_err(|e| e.at(node.span))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json_tree::parse;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    struct Sample {
        name: String,
        count: u16,
        #[serde(default)]
        tags: Vec<String>,
        mode: Mode,
        extra: Option<bool>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "lowercase")]
    enum Mode {
        Fast,
        Slow,
    }

    fn read(text: &str) -> (Result<Sample, Error>, String) {
        let root = parse(text).root.unwrap();
        (from_node(&root), text.to_owned())
    }

    fn at(result: &(Result<Sample, Error>, String)) -> &str {
        let span = result.0.as_ref().unwrap_err().span.unwrap();
        &result.1[span.start..span.end]
    }

    #[test]
    fn reads_a_typed_value() {
        let (sample, _) = read(r#"{"name": "a", "count": 3, "tags": ["x"], "mode": "slow", "extra": null}"#);
        assert_eq!(
            sample.unwrap(),
            Sample {
                name: "a".into(),
                count: 3,
                tags: vec!["x".into()],
                mode: Mode::Slow,
                extra: None
            }
        );
    }

    #[test]
    fn errors_point_at_the_node() {
        let wrong_type = read(r#"{"name": "a", "count": "3", "mode": "fast"}"#);
        assert_eq!(at(&wrong_type), "\"3\"");
        assert!(wrong_type
            .0
            .as_ref()
            .unwrap_err()
            .message
            .starts_with("invalid type: string \"3\", expected u16"));
        let too_big = read(r#"{"name": "a", "count": 70000, "mode": "fast"}"#);
        assert_eq!(at(&too_big), "70000");
        let unknown = read(r#"{"name": "a", "cuont": 1, "mode": "fast"}"#);
        assert_eq!(at(&unknown), "\"cuont\"");
        assert!(unknown
            .0
            .as_ref()
            .unwrap_err()
            .message
            .starts_with("unknown field `cuont`, expected one of"));
        let variant = read(r#"{"name": "a", "count": 1, "mode": "medium"}"#);
        assert_eq!(at(&variant), "\"medium\"");
        let missing = read(r#"{"name": "a", "mode": "fast"}"#);
        assert_eq!(at(&missing), r#"{"name": "a", "mode": "fast"}"#);
        assert_eq!(missing.0.unwrap_err().message, "missing field `count`");
        let fraction = read(r#"{"name": "a", "count": 1.5, "mode": "fast"}"#);
        assert_eq!(at(&fraction), "1.5");
    }
}
