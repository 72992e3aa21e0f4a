using System;
using SourceGenSync.Internal.Storage;

namespace SourceGenSync.Internal.Objects;

/// <summary>
/// Reads one row of a <see cref="TableMap.SelectList"/> result (a <see cref="RawStatement"/> stepped to the row) for
/// generated <c>ReadProperties</c>: property ordinals map to columns through the table map, and
/// links resolve through the realm's identity map. One instance per realm, re-pointed at each row.
/// </summary>
internal sealed class SqliteRowReader : IRowReader
{
    private readonly Realm _realm;
    private RawStatement _reader = null!;
    private TableMap _table = null!;
    private ManagedAccessor _owner = null!;

    public SqliteRowReader(Realm realm) => _realm = realm;

    public void Position(RawStatement reader, TableMap table, ManagedAccessor owner)
    {
        _reader = reader;
        _table = table;
        _owner = owner;
    }

    public bool IsNull(int index) => _reader.IsNull(Column(index).ReaderIndex);

    public bool GetBoolean(int index) => _reader.GetInt64(Column(index).ReaderIndex) != 0;

    public long GetInt64(int index) => _reader.GetInt64(Column(index).ReaderIndex);

    public float GetSingle(int index) => (float)ValueCodec.ReadDouble(_reader, Column(index).ReaderIndex);

    public double GetDouble(int index) => ValueCodec.ReadDouble(_reader, Column(index).ReaderIndex);

    public decimal GetDecimal(int index) => ValueCodec.DecimalFromText(_reader.GetString(Column(index).ReaderIndex));

    public string GetString(int index) => _reader.GetString(Column(index).ReaderIndex);

    public byte[] GetBytes(int index) => _reader.GetBytes(Column(index).ReaderIndex);

    public DateTimeOffset GetDateTimeOffset(int index)
    {
        var column = Column(index);
        var offset = TimeSpan.FromMinutes(_reader.GetInt64(column.ReaderIndex + 1));
        return new DateTimeOffset(_reader.GetInt64(column.ReaderIndex), TimeSpan.Zero).ToOffset(offset);
    }

    public DateTime GetDateTime(int index)
    {
        var column = Column(index);
        return new DateTime(_reader.GetInt64(column.ReaderIndex), (DateTimeKind)_reader.GetInt64(column.ReaderIndex + 1));
    }

    public Guid GetGuid(int index) => ValueCodec.GuidFromBytes(Fixed(Column(index).ReaderIndex));

    public ObjectId GetObjectId(int index) => ValueCodec.ObjectIdFromBytes(Fixed(Column(index).ReaderIndex));

    public RealmValue GetRealmValue(int index)
    {
        var column = Column(index);
        return ValueCodec.ReadMixed(_reader, column.ReaderIndex, column.ReaderIndex + 1);
    }

    public T? GetObject<T>(int index)
        where T : class, IRealmObjectBase
    {
        var column = Column(index);
        if (_reader.IsNull(column.ReaderIndex))
        {
            return null;
        }

        if (column.Encoding == ValueEncoding.Embedded)
        {
            return (T)_realm.ResolveEmbedded(column.Target!, _reader.GetInt64(column.ReaderIndex), _owner, index);
        }

        var identity = ValueCodec.ReadIdentity(_reader, column.ReaderIndex, column.Target!.IdentityEncoding);
        return (T)_realm.ResolveLink(column.Target!, identity);
    }

    private ColumnMap Column(int index) => _table.Column(index);

    // The blob read in place (no array): GUIDs and ObjectIds cost no allocation. (Through Microsoft.Data.Sqlite,
    // GetBytes opened a blob handle, a second statement per value, and GetValue allocated an array.)
    private ReadOnlySpan<byte> Fixed(int ordinal) => _reader.GetSpan(ordinal);
}
