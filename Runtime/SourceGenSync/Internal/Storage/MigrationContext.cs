using System;
using System.Collections.Generic;
using Microsoft.Data.Sqlite;

namespace SourceGenSync.Internal.Storage;

/// <summary>What <see cref="SchemaMigrator"/> needs: the connection (inside the open transaction), both schemas, the differences, and a way to get the new realm the user's callback writes through.</summary>
internal sealed record MigrationContext(
    SqliteConnection Connection,
    StorageLayout NewLayout,
    IReadOnlyDictionary<string, StoredClass> OldSchema,
    SchemaDiff Diff,
    RealmConfiguration Configuration,
    ulong OldVersion,
    Func<Realm> OpenNewRealm);
