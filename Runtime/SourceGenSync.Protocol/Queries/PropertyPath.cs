using System;
using System.Collections.Generic;

namespace SourceGenSync.Queries;

/// <summary>
/// A chain of stored (mapped) property names from a query's root class, e.g. <c>project.name</c>. The empty path
/// means "the element itself" inside a collection predicate.
/// </summary>
public sealed class PropertyPath : IEquatable<PropertyPath>
{
    private readonly string[] _segments;

    private PropertyPath(string[] segments) => _segments = segments;

    public static PropertyPath Empty { get; } = new([]);

    public IReadOnlyList<string> Segments => _segments;

    public bool IsEmpty => _segments.Length == 0;

    public static PropertyPath Of(params string[] segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        foreach (var segment in segments)
        {
            if (string.IsNullOrEmpty(segment))
            {
                throw new ArgumentException("A property path segment cannot be null or empty.", nameof(segments));
            }
        }

        return new PropertyPath((string[])segments.Clone());
    }

    /// <summary>Returns this path extended by one property; paths are immutable, so generated fields share prefixes.</summary>
    public PropertyPath Append(string segment)
    {
        ArgumentException.ThrowIfNullOrEmpty(segment);
        var segments = new string[_segments.Length + 1];
        _segments.CopyTo(segments, 0);
        segments[^1] = segment;
        return new PropertyPath(segments);
    }

    public bool Equals(PropertyPath? other) =>
        other is not null && _segments.AsSpan().SequenceEqual(other._segments);

    public override bool Equals(object? obj) => Equals(obj as PropertyPath);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var segment in _segments)
        {
            hash.Add(segment, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => _segments.Length == 0 ? "@self" : string.Join('.', _segments);
}
