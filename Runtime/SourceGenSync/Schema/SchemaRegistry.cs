using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace SourceGenSync.Schema;

/// <summary>
/// Every generated schema in the process. Each assembly with models registers its schemas from one generated
/// <c>[ModuleInitializer]</c>, so registration happens when the assembly loads, before any of its code runs.
/// </summary>
public static class SchemaRegistry
{
    private static readonly Lock s_gate = new();
    private static readonly Dictionary<Type, ObjectSchema> s_byType = [];

    /// <summary>Called by generated module initializers. Registering the same type twice keeps the first schema.</summary>
    public static void Register(ObjectSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        lock (s_gate)
        {
            s_byType.TryAdd(schema.Type, schema);
        }
    }

    /// <summary>All registered schemas, ordered by stored class name (stable, so configurations are deterministic).</summary>
    public static IReadOnlyList<ObjectSchema> All
    {
        get
        {
            lock (s_gate)
            {
                return s_byType.Values.OrderBy(static s => s.Name, StringComparer.Ordinal).ToArray();
            }
        }
    }

    public static bool TryGet(Type type, out ObjectSchema schema)
    {
        lock (s_gate)
        {
            return s_byType.TryGetValue(type, out schema!);
        }
    }

    public static ObjectSchema Get<T>()
        where T : IRealmObjectBase =>
        TryGet(typeof(T), out var schema)
            ? schema
            : throw new InvalidOperationException(
                $"No schema is registered for '{typeof(T).FullName}'. Mark it [RealmObject], [EmbeddedObject] or [AsymmetricObject], make it partial, and fix any SGS diagnostics.");
}
