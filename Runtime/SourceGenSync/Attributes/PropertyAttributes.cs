using System;

namespace SourceGenSync;

/// <summary>The property that identifies an object. Allowed types: long/int/short/byte (and nullable), string, ObjectId, Guid.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class PrimaryKeyAttribute : Attribute;

/// <summary>Kinds of index a property can have.</summary>
public enum IndexType
{
    None = 0,
    /// <summary>An ordinary index: speeds up equality and range queries.</summary>
    General = 1,
    /// <summary>A full-text index over a string property (tokenized search).</summary>
    FullText = 2,
}

/// <summary>Indexes a property for faster queries.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class IndexedAttribute : Attribute
{
    public IndexedAttribute()
        : this(IndexType.General)
    {
    }

    public IndexedAttribute(IndexType type) => Type = type;

    public IndexType Type { get; }
}

/// <summary>Stores a class or property under another name (for instance <c>_id</c>), keeping the C# name in code.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, Inherited = false)]
public sealed class MapToAttribute : Attribute
{
    public MapToAttribute(string mapping) => Mapping = mapping;

    public string Mapping { get; }
}

/// <summary>Excludes a property from the schema: it is neither stored nor synced.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class IgnoredAttribute : Attribute;

/// <summary>
/// Declares an <c>IQueryable&lt;T&gt;</c> property as the inverse of a link: it yields every <c>T</c> whose
/// link property (named by <see cref="Property"/>) points at this object.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class BacklinkAttribute : Attribute
{
    public BacklinkAttribute(string property) => Property = property;

    public string Property { get; }
}

/// <summary>
/// Makes a string or byte[] property (or the elements of a string/byte[] collection) non-nullable in the schema
/// when nullable reference types are disabled. With nullable annotations enabled, non-nullable types already
/// mean required.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class RequiredAttribute : Attribute;
