using System;
using System.ComponentModel;

namespace SourceGenSync.Internal;

/// <summary>Conversions generated code uses for values RealmValue has no direct form for.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ValueConversions
{
    /// <summary>A DateTime as a query argument: its ticks read as a UTC instant, matching how DateTime columns are compared.</summary>
    public static RealmValue FromDateTime(DateTime value) => new DateTimeOffset(value.Ticks, TimeSpan.Zero);

    public static RealmValue FromDateTime(DateTime? value) => value.HasValue ? FromDateTime(value.Value) : RealmValue.Null;

    /// <summary>
    /// Change detection for DateTime: DateTime's own equality ignores Kind, but PreserveKind stores it, so a value
    /// with the same ticks and another Kind is a real change.
    /// </summary>
    public static bool SameDateTime(DateTime left, DateTime right) => left.Ticks == right.Ticks && left.Kind == right.Kind;

    public static bool SameDateTime(DateTime? left, DateTime? right) =>
        left.HasValue ? right.HasValue && SameDateTime(left.Value, right.Value) : !right.HasValue;
}
