using System.ComponentModel;

namespace SourceGenSync.Internal;

/// <summary>
/// The contract between generated model code and the runtime. Generated classes implement it explicitly, so it
/// stays out of IntelliSense on user types; only the store calls it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IGeneratedObject
{
    /// <summary>The store's handle on this object's row, or null while the object is unmanaged.</summary>
    ObjectAccessor? Accessor { get; }

    /// <summary>
    /// Makes the object managed. The store first copies the unmanaged values out with <see cref="WriteProperties"/>;
    /// afterwards collection properties return the accessor's managed collections.
    /// </summary>
    void SetManagedAccessor(ObjectAccessor accessor);

    /// <summary>
    /// Loads every stored property from a row into the object's fields, typed and without boxing. With
    /// <paramref name="raiseChanged"/>, raises PropertyChanged once for each property whose value changed
    /// (how managed objects are refreshed in place after a commit).
    /// </summary>
    void ReadProperties(IRowReader reader, bool raiseChanged);

    /// <summary>Writes every stored property, collections included, to a row writer, typed and without boxing.</summary>
    void WriteProperties(IRowWriter writer);

    /// <summary>Raises PropertyChanged for a property (the store uses it for changes it detects itself).</summary>
    void RaisePropertyChanged(string propertyName);
}
