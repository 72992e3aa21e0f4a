using System;

namespace SourceGenSync;

/// <summary>The base of every exception the database throws. Messages say what happened and what to do.</summary>
public class RealmException : Exception
{
    public RealmException(string message)
        : base(message)
    {
    }

    public RealmException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// A write was attempted outside a write transaction, a write transaction was begun inside another one, or a
/// transaction was used after it ended.
/// </summary>
public sealed class RealmInvalidTransactionException : RealmException
{
    public RealmInvalidTransactionException(string message)
        : base(message)
    {
    }
}

/// <summary>An object with the same primary key already exists and <c>Add(obj, update: false)</c> was used.</summary>
public sealed class RealmDuplicatePrimaryKeyValueException : RealmException
{
    public RealmDuplicatePrimaryKeyValueException(string className, string primaryKey)
        : base($"An object of class '{className}' with primary key {primaryKey} already exists. Use Add(obj, update: true) to update it, or choose another key.")
    {
        ClassName = className;
        PrimaryKey = primaryKey;
    }

    public string ClassName { get; }

    public string PrimaryKey { get; }
}

/// <summary>An object managed by one realm was added to another realm.</summary>
public sealed class RealmObjectManagedByAnotherRealmException : RealmException
{
    public RealmObjectManagedByAnotherRealmException(string message)
        : base(message)
    {
    }
}

/// <summary>A removed object, an object of a closed realm, or a collection of one, was used.</summary>
public sealed class RealmInvalidObjectException : RealmException
{
    public RealmInvalidObjectException(string message)
        : base(message)
    {
    }
}

/// <summary>The file at a realm's path is not a realm (not SQLite, or damaged). The file is left untouched.</summary>
public sealed class RealmCorruptFileException : RealmException
{
    public RealmCorruptFileException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

/// <summary>The realm's file could not be opened or created (permissions, missing folder, read-only media).</summary>
public sealed class RealmFileAccessErrorException : RealmException
{
    public RealmFileAccessErrorException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// The schema in the file differs from the configured schema in a way that needs a migration (a removed or changed
/// property or class), or the file was written by a newer schema version. Names the class and property.
/// </summary>
public sealed class RealmMigrationNeededException : RealmException
{
    public RealmMigrationNeededException(string message)
        : base(message)
    {
    }
}

/// <summary>A user's migration callback threw; the file is left as it was before the migration.</summary>
public sealed class RealmMigrationException : RealmException
{
    public RealmMigrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A write was attempted on a realm opened read-only, or on a frozen realm or object.</summary>
public sealed class RealmReadOnlyException : RealmException
{
    public RealmReadOnlyException(string message)
        : base(message)
    {
    }
}
