using System;
using System.Collections.Generic;
using System.IO;
using SourceGenSync.Schema;

namespace SourceGenSync;

/// <summary>Called once when a realm opens with a higher schema version than its file: move data from the old shape to the new.</summary>
/// <param name="migration">Old and new data, and the operations a migration may perform.</param>
/// <param name="oldSchemaVersion">The schema version the file had.</param>
public delegate void MigrationCallback(Migration migration, ulong oldSchemaVersion);

/// <summary>
/// Where a local realm lives and what it holds. Mirrors Realm .NET's <c>RealmConfiguration</c>: a path relative
/// to <see cref="DefaultBaseFolder"/> (or absolute), the schema (every registered class by default), a schema
/// version with a migration callback, and read-only opening.
/// </summary>
public class RealmConfiguration
{
    /// <summary>The file name used when no path is given.</summary>
    public const string DefaultFileName = "default.realm";

    private static string? s_defaultBaseFolder;
    private IReadOnlyList<ObjectSchema>? _schema;

    /// <summary>Creates a configuration for the realm at <paramref name="optionalPath"/> (default: <see cref="DefaultFileName"/>).</summary>
    /// <param name="optionalPath">A file path, relative to <see cref="DefaultBaseFolder"/> or absolute.</param>
    public RealmConfiguration(string? optionalPath = null)
    {
        DatabasePath = ResolvePath(optionalPath, DefaultBaseFolder);
    }

    /// <summary>For configurations that resolve their path themselves (a synced realm: relative to its App's base folder).</summary>
    /// <param name="resolvedPath">The full path of the realm file.</param>
    /// <param name="isResolved">Marks this overload; always true.</param>
    internal RealmConfiguration(string resolvedPath, bool isResolved)
    {
        System.Diagnostics.Debug.Assert(isResolved, "Only resolved paths are accepted here.");
        DatabasePath = Path.GetFullPath(resolvedPath);
    }

    /// <summary>
    /// The folder relative paths are resolved against: the current directory unless set (set it once at start-up,
    /// e.g. to the app's data folder).
    /// </summary>
    public static string DefaultBaseFolder
    {
        get => s_defaultBaseFolder ?? Directory.GetCurrentDirectory();
        set
        {
            ArgumentException.ThrowIfNullOrEmpty(value);
            s_defaultBaseFolder = Path.GetFullPath(value);
        }
    }

    /// <summary>The full path of the realm file.</summary>
    public string DatabasePath { get; }

    /// <summary>
    /// The classes this realm stores. Unset: every class registered by the generated module initializers of the
    /// loaded assemblies. Set it to a subset to keep a realm small or to open files written by another app.
    /// </summary>
    public IReadOnlyList<ObjectSchema> Schema
    {
        get => _schema ?? SchemaRegistry.All;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            _schema = value;
        }
    }

    /// <summary>Sets <see cref="Schema"/> from model types (each must be a generated model class).</summary>
    public IReadOnlyList<Type> ObjectClasses
    {
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            var schemas = new List<ObjectSchema>(value.Count);
            foreach (var type in value)
            {
                schemas.Add(SchemaRegistry.TryGet(type, out var schema)
                    ? schema
                    : throw new ArgumentException($"'{type.FullName}' is not a model class: mark it [RealmObject], [EmbeddedObject] or [AsymmetricObject] and make it partial.", nameof(value)));
            }

            _schema = schemas;
        }
    }

    /// <summary>The version of the schema in code; raise it and supply <see cref="MigrationCallback"/> when a class or property is removed, renamed or changes type.</summary>
    public ulong SchemaVersion { get; init; }

    /// <summary>Runs when the file's schema version is lower than <see cref="SchemaVersion"/>.</summary>
    public MigrationCallback? MigrationCallback { get; init; }

    /// <summary>
    /// When the file needs a migration that is not provided, delete it and start empty instead of throwing.
    /// For caches and development only: the data is lost.
    /// </summary>
    public bool ShouldDeleteIfMigrationNeeded { get; init; }

    /// <summary>Open without the ability to write; the file must exist.</summary>
    public bool IsReadOnly { get; init; }

    internal static string ResolvePath(string? path, string baseFolder)
    {
        if (string.IsNullOrEmpty(path))
        {
            return Path.Combine(baseFolder, DefaultFileName);
        }

        var full = Path.IsPathRooted(path) ? path : Path.Combine(baseFolder, path);
        if (full.EndsWith(Path.DirectorySeparatorChar) || Directory.Exists(full))
        {
            full = Path.Combine(full, DefaultFileName);
        }

        return Path.GetFullPath(full);
    }

    public override string ToString() => DatabasePath;
}
