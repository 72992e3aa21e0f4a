using System;
using System.Collections.Generic;

namespace SourceGenSync.Changesets;

/// <summary>
/// The instruction bytes, in chunks: growing never copies what was written (a bulk insert's changeset is megabytes),
/// and chunks after the first are large enough to live on the large-object heap, where the GC does not copy them
/// while the transaction runs. Truncation supports undoing a failed instruction.
/// </summary>
internal sealed class InstructionBuffer
{
    private const int ChunkSize = 128 * 1024;

    private readonly List<(byte[] Bytes, int Used)> _full = [];
    private byte[] _current = new byte[1024];
    private int _used;
    private int _fullLength;

    public int Length => _fullLength + _used;

    public void Truncate(int length)
    {
        while (length < _fullLength)
        {
            var (bytes, used) = _full[^1];
            _full.RemoveAt(_full.Count - 1);
            _fullLength -= used;
            _current = bytes;
            _used = used;
        }

        _used = length - _fullLength;
    }

    /// <summary>The buffer's bytes as consecutive chunks (<see cref="ChunkCount"/> of them), in order.</summary>
    public int ChunkCount => _full.Count + 1;

    public ReadOnlySpan<byte> Chunk(int index) =>
        index < _full.Count ? _full[index].Bytes.AsSpan(0, _full[index].Used) : _current.AsSpan(0, _used);

    public void CopyTo(Span<byte> destination)
    {
        foreach (var (bytes, used) in _full)
        {
            bytes.AsSpan(0, used).CopyTo(destination);
            destination = destination[used..];
        }

        _current.AsSpan(0, _used).CopyTo(destination);
    }

    public void WriteByte(byte value)
    {
        if (_used == _current.Length)
        {
            NewChunk(1);
        }

        _current[_used++] = value;
    }

    public void WriteVarUInt(ulong value)
    {
        if (_current.Length - _used < 10)
        {
            NewChunk(10);
        }

        var bytes = _current;
        var i = _used;
        while (value >= 0x80)
        {
            bytes[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        bytes[i++] = (byte)value;
        _used = i;
    }

    public void WriteVarInt(long value) => WriteVarUInt(ZigZag.Encode(value));

    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        _used += bytes.Length;
    }

    /// <summary>A span of exactly <paramref name="size"/> free bytes in one chunk; call <see cref="Advance"/> after filling it.</summary>
    public Span<byte> GetSpan(int size)
    {
        if (_current.Length - _used < size)
        {
            NewChunk(size);
        }

        return _current.AsSpan(_used, size);
    }

    public void Advance(int count) => _used += count;

    private void NewChunk(int size)
    {
        if ((long)Length + size > Array.MaxLength)
        {
            throw new InvalidOperationException($"The changeset is too large to encode: it would exceed {Array.MaxLength} bytes. Commit large imports in smaller transactions.");
        }

        _full.Add((_current, _used));
        _fullLength += _used;
        // Small transactions stay in the first small chunk; a large one moves to large chunks after it.
        _current = GC.AllocateUninitializedArray<byte>(Math.Max(_full.Count == 1 ? 16 * 1024 : ChunkSize, size));
        _used = 0;
    }
}
