namespace SourceGenSync;

/// <summary>The kind of value a <see cref="RealmValue"/> holds.</summary>
public enum RealmValueType : byte
{
    Null = 0,
    Int = 1,
    Bool = 2,
    String = 3,
    Data = 4,
    Date = 5,
    Float = 6,
    Double = 7,
    Decimal = 8,
    ObjectId = 9,
    Guid = 10,
    Object = 11,
}
