//! Support types shared by every generated module: the tri-state `Nullable`, the Edm
//! primitives that JSON cannot carry exactly, flag sets, the reader and writer of the JSON
//! objects of the generated structs and the helpers that polymorphic types use to dispatch on
//! `@odata.type`.

use ::serde::de::{Deserialize, Deserializer, Error as _};
use ::serde::ser::{Serialize, Serializer};
use ::std::fmt;
use ::std::string::String;
use ::std::vec::Vec;

/// A property that can be absent, `null`, or a value: a PATCH body must tell the three apart
/// (leave alone, clear, set), and a round trip keeps which one it was.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Nullable<T> {
    /// Not in the JSON object.
    #[default]
    Absent,
    /// Present as `null`.
    Null,
    /// Present with a value.
    Value(T),
}

impl<T> Nullable<T> {
    pub fn is_absent(&self) -> bool {
        matches!(self, Nullable::Absent)
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Nullable::Null)
    }

    /// The value, when there is one.
    pub fn value(&self) -> Option<&T> {
        match self {
            Nullable::Value(v) => Some(v),
            _ => None,
        }
    }

    pub fn into_value(self) -> Option<T> {
        match self {
            Nullable::Value(v) => Some(v),
            _ => None,
        }
    }
}

impl<T> From<T> for Nullable<T> {
    fn from(value: T) -> Self {
        Nullable::Value(value)
    }
}

impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Value(v) => v.serialize(serializer),
            Nullable::Absent | Nullable::Null => serializer.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    /// A present field is `Null` or `Value`; `Absent` comes from `#[serde(default)]`.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match Option::<T>::deserialize(deserializer)? {
            Some(v) => Nullable::Value(v),
            None => Nullable::Null,
        })
    }
}

/// `Edm.Double` and `Edm.Single`: a JSON number kept exactly as read, or one of the special
/// values that OData writes as the strings `"NaN"`, `"INF"` and `"-INF"`.
#[derive(Debug, Clone, PartialEq)]
pub enum Double {
    Number(::serde_json::Number),
    NaN,
    Infinity,
    NegativeInfinity,
}

impl Double {
    pub fn to_f64(&self) -> f64 {
        match self {
            Double::Number(n) => n.as_f64().unwrap_or(f64::NAN),
            Double::NaN => f64::NAN,
            Double::Infinity => f64::INFINITY,
            Double::NegativeInfinity => f64::NEG_INFINITY,
        }
    }
}

impl Default for Double {
    fn default() -> Self {
        Double::Number(::serde_json::Number::from(0))
    }
}

impl From<f64> for Double {
    fn from(value: f64) -> Self {
        if value.is_nan() {
            Double::NaN
        } else if value == f64::INFINITY {
            Double::Infinity
        } else if value == f64::NEG_INFINITY {
            Double::NegativeInfinity
        } else {
            ::serde_json::Number::from_f64(value).map_or(Double::NaN, Double::Number)
        }
    }
}

impl Serialize for Double {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Double::Number(n) => n.serialize(serializer),
            Double::NaN => serializer.serialize_str("NaN"),
            Double::Infinity => serializer.serialize_str("INF"),
            Double::NegativeInfinity => serializer.serialize_str("-INF"),
        }
    }
}

impl<'de> Deserialize<'de> for Double {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match ::serde_json::Value::deserialize(deserializer)? {
            ::serde_json::Value::Number(n) => Ok(Double::Number(n)),
            ::serde_json::Value::String(s) => match s.as_str() {
                "NaN" => Ok(Double::NaN),
                "INF" | "Infinity" => Ok(Double::Infinity),
                "-INF" | "-Infinity" => Ok(Double::NegativeInfinity),
                _ => match s.parse::<f64>() {
                    Ok(v) if v.is_finite() => Ok(Double::from(v)),
                    _ => Err(D::Error::custom(format_args!("`{s}` is not a Double"))),
                },
            },
            other => Err(D::Error::custom(format_args!("expected a Double, found {other}"))),
        }
    }
}

/// `Edm.Decimal`: the decimal text, kept exactly. Graph sends a JSON number, or a string when
/// asked for `IEEE754Compatible=true`; either is written back the way it came.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Decimal {
    text: String,
    quoted: bool,
}

impl Decimal {
    /// A decimal from its text; `None` when the text is not a decimal number.
    pub fn new(text: &str) -> Option<Self> {
        let digits = text.strip_prefix('-').unwrap_or(text);
        let (int, frac) = digits.split_once('.').unwrap_or((digits, "0"));
        let ok = !int.is_empty()
            && int.bytes().all(|b| b.is_ascii_digit())
            && !frac.is_empty()
            && frac.bytes().all(|b| b.is_ascii_digit());
        ok.then(|| Decimal {
            text: text.to_string(),
            quoted: false,
        })
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.quoted {
            return serializer.serialize_str(&self.text);
        }
        match ::serde_json::from_str::<::serde_json::Number>(&self.text) {
            Ok(n) => n.serialize(serializer),
            Err(_) => serializer.serialize_str(&self.text),
        }
    }
}

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match ::serde_json::Value::deserialize(deserializer)? {
            ::serde_json::Value::Number(n) => Ok(Decimal {
                text: n.to_string(),
                quoted: false,
            }),
            ::serde_json::Value::String(s) => Ok(Decimal {
                text: s,
                quoted: true,
            }),
            other => Err(D::Error::custom(format_args!("expected a Decimal, found {other}"))),
        }
    }
}

macro_rules! text_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        ///
        /// The text is kept exactly as Graph sent it, so precision and formatting survive a
        /// round trip.
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
        pub struct $name(pub String);

        impl $name {
            pub fn new(text: impl Into<String>) -> Self {
                $name(text.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                String::deserialize(deserializer).map($name)
            }
        }
    };
}

text_type! {
    /// `Edm.DateTimeOffset`: an RFC 3339 timestamp such as `2024-08-01T10:30:00.1234567Z`.
    DateTimeOffset
}
text_type! {
    /// `Edm.Date`: a calendar date such as `2024-08-01`.
    Date
}
text_type! {
    /// `Edm.TimeOfDay`: a time such as `10:30:00.0000000`.
    TimeOfDay
}
text_type! {
    /// `Edm.Duration`: an ISO 8601 duration such as `PT1H30M`.
    Duration
}
text_type! {
    /// `Edm.Guid`: a GUID such as `5b603771-3771-5b60-7137-605b7137605b`, in the letter case
    /// it was sent in.
    Guid
}

/// `Edm.Stream`: the value of a stream property as it appears in a JSON payload.
#[derive(Debug, Clone, PartialEq, Default, ::serde::Serialize, ::serde::Deserialize)]
#[serde(transparent)]
pub struct Stream(pub ::serde_json::Value);

/// `Edm.Binary`: bytes, carried in JSON as base64. Both the standard and the URL-safe alphabet
/// are read, with or without padding, and written back the way they were read.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Binary {
    pub bytes: Vec<u8>,
    url_safe: bool,
    unpadded: bool,
}

const STANDARD: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const URL_SAFE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

impl Binary {
    pub fn new(bytes: Vec<u8>) -> Self {
        Binary {
            bytes,
            url_safe: false,
            unpadded: false,
        }
    }

    /// Decodes base64 in either alphabet; `None` when the text is not base64.
    pub fn from_base64(text: &str) -> Option<Self> {
        let url_safe = text.contains(['-', '_']);
        let trimmed = text.trim_end_matches('=');
        let unpadded = trimmed.len() == text.len() && text.len() % 4 != 0;
        if text.len() - trimmed.len() > 2 || trimmed.len() % 4 == 1 {
            return None;
        }
        let mut bytes = Vec::with_capacity(trimmed.len() * 3 / 4);
        let mut buffer = 0u32;
        let mut bits = 0;
        for c in trimmed.bytes() {
            let value = match c {
                b'A'..=b'Z' => c - b'A',
                b'a'..=b'z' => c - b'a' + 26,
                b'0'..=b'9' => c - b'0' + 52,
                b'+' | b'-' => 62,
                b'/' | b'_' => 63,
                _ => return None,
            };
            buffer = (buffer << 6) | u32::from(value);
            bits += 6;
            if bits >= 8 {
                bits -= 8;
                bytes.push((buffer >> bits) as u8);
            }
        }
        Some(Binary {
            bytes,
            url_safe,
            unpadded,
        })
    }

    pub fn to_base64(&self) -> String {
        let alphabet = if self.url_safe { URL_SAFE } else { STANDARD };
        let mut out = String::with_capacity(self.bytes.len().div_ceil(3) * 4);
        for chunk in self.bytes.chunks(3) {
            let n = chunk.iter().fold(0u32, |acc, &b| (acc << 8) | u32::from(b)) << (8 * (3 - chunk.len()));
            for i in 0..=chunk.len() {
                out.push(alphabet[((n >> (18 - 6 * i)) & 63) as usize] as char);
            }
            if !self.unpadded {
                for _ in chunk.len()..3 {
                    out.push('=');
                }
            }
        }
        out
    }
}

impl Serialize for Binary {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_base64())
    }
}

impl<'de> Deserialize<'de> for Binary {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Binary::from_base64(&text).ok_or_else(|| D::Error::custom("invalid base64 in an Edm.Binary value"))
    }
}

/// An enum type of the schema whose members are known by name. Every generated enum keeps a
/// member it does not know as `Other(String)`, so a newer schema never breaks a reader.
pub trait OpenEnum: Sized {
    /// The member's name on the wire.
    fn as_str(&self) -> &str;
    /// The member named `name`, or `Other(name)`.
    fn from_name(name: &str) -> Self;
}

/// Serializes an open enum as its member name.
pub fn serialize_enum<E: OpenEnum, S: Serializer>(value: &E, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(value.as_str())
}

/// Deserializes an open enum from its member name.
pub fn deserialize_enum<'de, E: OpenEnum, D: Deserializer<'de>>(deserializer: D) -> Result<E, D::Error> {
    let name = <::std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
    Ok(E::from_name(&name))
}

/// The value of an `IsFlags` enum: a set of members, written `"a,b"`. Members keep the order
/// they were read in, and unknown members are kept.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Flags<E>(Vec<E>);

impl<E> Default for Flags<E> {
    fn default() -> Self {
        Flags(Vec::new())
    }
}

impl<E: OpenEnum + PartialEq> Flags<E> {
    pub fn new() -> Self {
        Flags(Vec::new())
    }

    pub fn contains(&self, member: &E) -> bool {
        self.0.contains(member)
    }

    /// Adds a member; false when it was already there.
    pub fn insert(&mut self, member: E) -> bool {
        if self.0.contains(&member) {
            return false;
        }
        self.0.push(member);
        true
    }

    pub fn remove(&mut self, member: &E) -> bool {
        let before = self.0.len();
        self.0.retain(|m| m != member);
        self.0.len() != before
    }

    pub fn iter(&self) -> impl Iterator<Item = &E> {
        self.0.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<E: OpenEnum + PartialEq> FromIterator<E> for Flags<E> {
    fn from_iter<I: IntoIterator<Item = E>>(iter: I) -> Self {
        let mut flags = Flags::new();
        for member in iter {
            flags.insert(member);
        }
        flags
    }
}

impl<E: OpenEnum> Serialize for Flags<E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let names: Vec<&str> = self.0.iter().map(OpenEnum::as_str).collect();
        serializer.serialize_str(&names.join(","))
    }
}

impl<'de, E: OpenEnum + PartialEq> Deserialize<'de> for Flags<E> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <::std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Ok(text
            .split(',')
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .map(E::from_name)
            .collect())
    }
}

/// The JSON object of a polymorphic value, read once so that `@odata.type` can pick the type.
pub type Object = ::serde_json::Map<String, ::serde_json::Value>;

/// The `@odata.type` of an object, without a leading `#` and in lower case, so that it can be
/// compared with the qualified type names of the schema.
pub fn odata_type(object: &Object) -> Option<String> {
    let name = object.get("@odata.type")?.as_str()?;
    Some(name.strip_prefix('#').unwrap_or(name).to_ascii_lowercase())
}

/// Deserializes an object that `@odata.type` identified as `T`.
pub fn from_object<T: ::serde::de::DeserializeOwned, E: ::serde::de::Error>(object: Object) -> Result<T, E> {
    ::serde_json::from_value(::serde_json::Value::Object(object)).map_err(E::custom)
}

/// A property of a generated struct, `Option` or `Nullable`: left out of the JSON object when
/// it is absent.
pub trait Property: Serialize {
    fn is_absent(&self) -> bool;
}

impl<T: Serialize> Property for Option<T> {
    fn is_absent(&self) -> bool {
        self.is_none()
    }
}

impl<T: Serialize> Property for Nullable<T> {
    fn is_absent(&self) -> bool {
        Nullable::is_absent(self)
    }
}

/// Writes the JSON object of a generated struct: each property that is not absent, then the
/// properties the schema does not declare.
pub struct ObjectWriter<M>(M);

impl<M: ::serde::ser::SerializeMap> ObjectWriter<M> {
    pub fn new<S: Serializer<SerializeMap = M>>(serializer: S) -> Result<Self, S::Error> {
        serializer.serialize_map(None).map(ObjectWriter)
    }

    pub fn put<T: Property>(&mut self, name: &str, value: &T) -> Result<(), M::Error> {
        if value.is_absent() {
            return Ok(());
        }
        self.0.serialize_entry(name, value)
    }

    pub fn end(mut self, undeclared: &Object) -> Result<M::Ok, M::Error> {
        for (name, value) in undeclared {
            self.0.serialize_entry(name, value)?;
        }
        self.0.end()
    }
}

/// Reads the JSON object of a generated struct: each declared property is taken out by name,
/// and what is left is what the schema does not declare.
pub struct ObjectReader(Object);

impl ObjectReader {
    pub fn new<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Object::deserialize(deserializer).map(ObjectReader)
    }

    /// The property `name`, or absent (`None`, `Nullable::Absent`) when the object has none.
    pub fn take<T, E>(&mut self, name: &str) -> Result<T, E>
    where
        T: ::serde::de::DeserializeOwned + Default,
        E: ::serde::de::Error,
    {
        match self.0.remove(name) {
            None => Ok(T::default()),
            Some(value) => T::deserialize(value)
                .map_err(|e| E::custom(format_args!("property `{name}`: {e}"))),
        }
    }

    /// The properties nobody took.
    pub fn undeclared(self) -> Object {
        self.0
    }
}
