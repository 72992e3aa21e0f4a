using System;

namespace SourceGenSync;

/// <summary>
/// Marks a partial class as a top-level object stored in its own table. Give it a <see cref="PrimaryKeyAttribute"/>
/// property: objects without one can be stored locally but never synced.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RealmObjectAttribute : Attribute;

/// <summary>Marks a partial class as an embedded object: owned by one parent, no primary key, deleted with its parent.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class EmbeddedObjectAttribute : Attribute;

/// <summary>Marks a partial class as an asymmetric object: written on the device, inserted on the server, never downloaded.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AsymmetricObjectAttribute : Attribute;
