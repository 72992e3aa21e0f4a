using System;

namespace SourceGenSync.Changesets;

// The constants of the binary changeset format (docs/changesets.md is normative; keep the two in step).
// Opcode and tag numbers are wire values: never renumber or reuse one, only add new ones with a new format version.
internal static class ChangesetFormat
{
    /// <summary>"SGCS": SourceGenSync ChangeSet.</summary>
    public static ReadOnlySpan<byte> Magic => "SGCS"u8;

    public const byte Version = 1;

    /// <summary>Magic and format version byte.</summary>
    public const int HeaderLength = 5;

    public const int ChecksumLength = 4;

    /// <summary>Header, four one-byte varints (version, timestamp, string count, instruction count) and checksum.</summary>
    public const int MinimumLength = HeaderLength + 4 + ChecksumLength;

    /// <summary>Opcode, class index, primary key tag and path length: the smallest instruction.</summary>
    public const int MinimumInstructionLength = 4;

    /// <summary>Class, property and link class names: far above any schema's names, small enough to reject junk.</summary>
    public const int MaxNameByteLength = 1024;

    /// <summary>Distinct names one changeset may use.</summary>
    public const int MaxNameCount = 65_536;

    /// <summary>String and Data values and dictionary keys (Realm's own limit for strings and binary is 16 MiB).</summary>
    public const int MaxValueByteLength = 16 * 1024 * 1024;

    /// <summary>Steps from a top-level object to an embedded object.</summary>
    public const int MaxPathDepth = 255;

    /// <summary>Offsets allowed by DateTimeOffset: ±14 hours.</summary>
    public const int MaxOffsetMinutes = 14 * 60;

    public const byte PathHasIndex = 0x01;
    public const byte PathHasKey = 0x02;
}

internal enum OpCode : byte
{
    CreateObject = 0x01,
    EraseObject = 0x02,
    SetField = 0x03,
    AddCounter = 0x04,
    ListInsert = 0x05,
    ListSet = 0x06,
    ListErase = 0x07,
    SetInsert = 0x08,
    SetErase = 0x09,
    DictionarySet = 0x0A,
    DictionaryErase = 0x0B,
    CollectionClear = 0x0C,
}

// Independent of RealmValueType's numbering on purpose: reordering that enum must not change the wire format.
internal enum ValueTag : byte
{
    Null = 0x00,
    Int = 0x01,
    False = 0x02,
    True = 0x03,
    String = 0x04,
    Data = 0x05,
    Date = 0x06,
    Float = 0x07,
    Double = 0x08,
    Decimal = 0x09,
    ObjectId = 0x0A,
    Guid = 0x0B,

    // Payload-only tags: valid where a Payload is expected, never as a primary key.
    Link = 0x10,
    NewEmbedded = 0x11,
}
