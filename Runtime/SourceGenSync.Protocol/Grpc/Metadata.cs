using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace SourceGenSync.Grpc;

/// <summary>Call metadata (request headers, response headers, trailers). Keys are lower-case ASCII
/// (<c>0-9 a-z - _ .</c>); keys ending in <c>-bin</c> carry bytes (base64 on the wire), other keys ASCII text.
/// Keys may repeat. Not thread-safe; a <see cref="IsReadOnly"/> instance cannot change.</summary>
public sealed class Metadata : IReadOnlyList<Metadata.Entry>
{
    public const string BinaryHeaderSuffix = "-bin";

    /// <summary>An empty, read-only instance.</summary>
    public static readonly Metadata Empty = new Metadata().Freeze();

    private readonly List<Entry> _entries = new();

    public bool IsReadOnly { get; private set; }

    public int Count => _entries.Count;

    public Entry this[int index] => _entries[index];

    public Metadata Add(string key, string value)
    {
        Add(new Entry(key, value));
        return this;
    }

    public Metadata Add(string key, byte[] valueBytes)
    {
        Add(new Entry(key, valueBytes));
        return this;
    }

    public void Add(Entry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ThrowIfReadOnly();
        _entries.Add(entry);
    }

    /// <summary>Removes every entry with this key; returns how many were removed.</summary>
    public int Remove(string key)
    {
        ThrowIfReadOnly();
        var normalized = Entry.NormalizeKey(key);
        return _entries.RemoveAll(e => e.Key == normalized);
    }

    /// <summary>The last entry with this key, or null.</summary>
    public Entry? Get(string key)
    {
        var normalized = Entry.NormalizeKey(key);
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (_entries[i].Key == normalized)
            {
                return _entries[i];
            }
        }

        return null;
    }

    public IEnumerable<Entry> GetAll(string key)
    {
        var normalized = Entry.NormalizeKey(key);
        return _entries.Where(e => e.Key == normalized);
    }

    /// <summary>The text value of the last entry with this (non-binary) key, or null.</summary>
    public string? GetValue(string key) => Get(key)?.Value;

    /// <summary>The bytes of the last entry with this <c>-bin</c> key, or null.</summary>
    public byte[]? GetValueBytes(string key) => Get(key)?.ValueBytes;

    public Metadata Freeze()
    {
        IsReadOnly = true;
        return this;
    }

    public IEnumerator<Entry> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private void ThrowIfReadOnly()
    {
        if (IsReadOnly)
        {
            throw new InvalidOperationException("This metadata is read-only.");
        }
    }

    /// <summary>One key/value pair.</summary>
    public sealed class Entry
    {
        private readonly string? _value;
        private readonly byte[]? _valueBytes;

        public Entry(string key, string value)
        {
            ArgumentNullException.ThrowIfNull(value);
            Key = NormalizeKey(key);
            if (IsBinaryKey(Key))
            {
                throw new ArgumentException($"Metadata key '{Key}' ends with '-bin': give its value as bytes.", nameof(key));
            }

            foreach (var c in value)
            {
                // HTTP/2 header values: printable ASCII (and space); anything else must use a -bin key.
                if (c < 0x20 || c > 0x7E)
                {
                    throw new ArgumentException($"Metadata value for '{Key}' contains a non-printable or non-ASCII character: use a '-bin' key for binary data.", nameof(value));
                }
            }

            _value = value;
        }

        public Entry(string key, byte[] valueBytes)
        {
            ArgumentNullException.ThrowIfNull(valueBytes);
            Key = NormalizeKey(key);
            if (!IsBinaryKey(Key))
            {
                throw new ArgumentException($"Metadata key '{Key}' carries bytes, so it must end with '-bin'.", nameof(key));
            }

            _valueBytes = valueBytes;
        }

        public string Key { get; }

        public bool IsBinary => _valueBytes is not null;

        /// <summary>The text value (for a binary entry, its base64 without padding, as sent on the wire).</summary>
        public string Value => _value ?? Convert.ToBase64String(_valueBytes!).TrimEnd('=');

        /// <summary>The bytes of a binary entry (for a text entry, its ASCII bytes).</summary>
        public byte[] ValueBytes => _valueBytes ?? System.Text.Encoding.ASCII.GetBytes(_value!);

        public override string ToString() => IsBinary ? $"{Key}: <{_valueBytes!.Length} bytes>" : $"{Key}: {_value}";

        internal static bool IsBinaryKey(string key) => key.EndsWith(BinaryHeaderSuffix, StringComparison.Ordinal);

        internal static string NormalizeKey(string key)
        {
            ArgumentException.ThrowIfNullOrEmpty(key);
            var lower = key.ToLowerInvariant();
            foreach (var c in lower)
            {
                if (!(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.'))
                {
                    throw new ArgumentException($"Metadata key '{key}' may only contain 0-9, a-z, '-', '_' and '.'.", nameof(key));
                }
            }

            return lower;
        }
    }
}
