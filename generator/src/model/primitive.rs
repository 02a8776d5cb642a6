//! The Edm primitive types.

/// An `Edm.*` type. The abstract ones (`Edm.PrimitiveType`, `Edm.ComplexType`, …) and the
/// spatial ones are carried as untyped JSON by the emitter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Primitive {
    Binary,
    Boolean,
    Byte,
    Date,
    DateTimeOffset,
    Decimal,
    Double,
    Duration,
    Guid,
    Int16,
    Int32,
    Int64,
    SByte,
    Single,
    Stream,
    String,
    TimeOfDay,
    Untyped,
    /// `Edm.Geography*` and `Edm.Geometry*`: GeoJSON.
    Spatial,
    /// `Edm.PrimitiveType`, `Edm.ComplexType`, `Edm.EntityType`, `Edm.AnnotationPath`, …
    Abstract,
}

impl Primitive {
    /// The primitive named by `Edm.<name>`'s `<name>`.
    pub fn from_edm(name: &str) -> Option<Primitive> {
        use Primitive::*;
        Some(match name {
            "Binary" => Binary,
            "Boolean" => Boolean,
            "Byte" => Byte,
            "Date" => Date,
            "DateTimeOffset" => DateTimeOffset,
            "Decimal" => Decimal,
            "Double" => Double,
            "Duration" => Duration,
            "Guid" => Guid,
            "Int16" => Int16,
            "Int32" => Int32,
            "Int64" => Int64,
            "SByte" => SByte,
            "Single" => Single,
            "Stream" => Stream,
            "String" => String,
            "TimeOfDay" => TimeOfDay,
            "Untyped" => Untyped,
            "PrimitiveType"
            | "ComplexType"
            | "EntityType"
            | "AnnotationPath"
            | "PropertyPath"
            | "NavigationPropertyPath"
            | "AnyPropertyPath"
            | "ModelElementPath" => Abstract,
            n if n.starts_with("Geography") || n.starts_with("Geometry") => Spatial,
            _ => return None,
        })
    }

    /// The range of an enum's underlying integer type.
    pub fn integer_range(self) -> Option<(i64, i64)> {
        match self {
            Primitive::Byte => Some((0, u8::MAX as i64)),
            Primitive::SByte => Some((i8::MIN as i64, i8::MAX as i64)),
            Primitive::Int16 => Some((i16::MIN as i64, i16::MAX as i64)),
            Primitive::Int32 => Some((i32::MIN as i64, i32::MAX as i64)),
            Primitive::Int64 => Some((i64::MIN, i64::MAX)),
            _ => None,
        }
    }
}
