using System;

namespace SourceGenSync;

/// <summary>How a <see cref="DateTime"/> property keeps its <see cref="DateTime.Kind"/>.</summary>
public enum DateTimeKindPolicy
{
    /// <summary>Stores the ticks and the Kind; the value reads back exactly as written.</summary>
    PreserveKind = 0,
    /// <summary>Converts Local values to UTC on write (Unspecified is taken as UTC); values read back with Kind Utc.</summary>
    ConvertToUtc = 1,
}

/// <summary>
/// Chooses the <see cref="DateTimeKindPolicy"/> for DateTime properties of an assembly, a class or one property
/// (the nearest wins). Declaring it silences the warning that asks for an explicit choice.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Class | AttributeTargets.Property, Inherited = false)]
public sealed class DateTimeKindPolicyAttribute : Attribute
{
    public DateTimeKindPolicyAttribute(DateTimeKindPolicy policy) => Policy = policy;

    public DateTimeKindPolicy Policy { get; }
}
