using System.ComponentModel;
using SourceGenSync.Internal;
using SourceGenSync.Schema;

namespace SourceGenSync;

/// <summary>
/// Implemented by the source generator for every model class. An object is unmanaged (a plain in-memory object)
/// until it is added to a realm; then it is managed: reads come from its realm and writes need a write transaction.
/// </summary>
public interface IRealmObjectBase : INotifyPropertyChanged, IGeneratedObject
{
    /// <summary>The schema of this object's class.</summary>
    ObjectSchema ObjectSchema { get; }

    /// <summary>True once the object belongs to a realm.</summary>
    bool IsManaged { get; }

    /// <summary>False once a managed object was removed or its realm closed; unmanaged objects are always valid.</summary>
    bool IsValid { get; }
}

/// <summary>A top-level object: stored in its own table, addressed by its primary key.</summary>
public interface IRealmObject : IRealmObjectBase;

/// <summary>An object owned by exactly one parent object and deleted with it.</summary>
public interface IEmbeddedObject : IRealmObjectBase;

/// <summary>An insert-only object that sync uploads and the device never reads back.</summary>
public interface IAsymmetricObject : IRealmObjectBase;
