using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using SourceGenSync.Schema;
using SourceGenSync.Testing;

namespace SourceGenSync.Generators.Tests.Behaviour;

/// <summary>
/// The behaviour models compiled with the generator and loaded into the test process (SourceGenSync itself is
/// shared with the tests, so generated objects can be driven through the real interfaces).
/// </summary>
internal static class GeneratedAssembly
{
    public const string Source = ModelShapes.Usings + """
        using System.Linq.Expressions;
        using SourceGenSync.Queries;

        namespace Behaviour;

        public enum Level { Low = 1, High = 2 }

        [RealmObject, MapTo("task")]
        public partial class TaskItem
        {
            [PrimaryKey, MapTo("_id")] public partial ObjectId Id { get; set; }
            [Indexed(IndexType.FullText)] public partial string Title { get; set; }
            public partial int Priority { get; set; }
            public partial Level Level { get; set; }
            public partial DateTimeOffset? Due { get; set; }
            [DateTimeKindPolicy(DateTimeKindPolicy.ConvertToUtc)] public partial DateTime Created { get; set; }
            public partial Project? Project { get; set; }
            public partial IList<string> Tags { get; }
            public partial IDictionary<string, int> Counts { get; }
            public partial ISet<Guid> Watchers { get; }
            public partial RealmInteger<long> Views { get; set; }
            [Backlink(nameof(Note.Task))] public partial IQueryable<Note> Notes { get; }
            [Ignored] public partial string? Draft { get; set; }
        }

        [RealmObject]
        public partial class Project
        {
            [PrimaryKey] public partial string Name { get; set; }
            [MapTo("owner_id")] public partial string? OwnerId { get; set; }
        }

        [RealmObject]
        public partial class Note
        {
            [PrimaryKey] public partial ObjectId Id { get; set; }
            public partial TaskItem? Task { get; set; }
        }

        public static class Queries
        {
            private static IQueryable<TaskItem> Tasks => Array.Empty<TaskItem>().AsQueryable();

            public static QueryNode Urgent() => FilterOf(Tasks.Where(f => f.Priority >= 3 & f.Title.Contains("x", caseSensitive: false)));

            public static QueryNode ThroughLink() => FilterOf(Tasks.Where(f => f.Project.OwnerId == "me"));

            public static QueryNode Collections() => FilterOf(Tasks.Where(f => f.Tags.Contains("red") | f.Notes.Count > 2));

            public static QueryNode EnumAndNullable() => FilterOf(Tasks.Where(f => f.Level == Level.High & f.Due.IsNull()));

            public static QueryNode FullText() => FilterOf(Tasks.Where(f => f.Title.MatchesAll("sync -realm")));

            public static SortClause LastSort() => SortOf(Tasks.OrderBy(f => f.Due).ThenByDescending(f => f.Views));

            private static QueryNode FilterOf(IQueryable<TaskItem> query) =>
                (QueryNode)((ConstantExpression)((MethodCallExpression)query.Expression).Arguments[1]).Value!;

            private static SortClause SortOf(IQueryable<TaskItem> query) =>
                (SortClause)((ConstantExpression)((MethodCallExpression)query.Expression).Arguments[1]).Value!;
        }
        """;

    private static readonly Lazy<Assembly> s_assembly = new(Load);

    public static Assembly Assembly => s_assembly.Value;

    public static Type Type(string name) => Assembly.GetType("Behaviour." + name, throwOnError: true)!;

    /// <summary>The schema the class exposes (its static <c>Schema</c>).</summary>
    public static ObjectSchema SchemaOf(string name) =>
        (ObjectSchema)Type(name).GetProperty("Schema", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    /// <summary>A new unmanaged instance, created through the schema's generated factory.</summary>
    public static IRealmObjectBase Create(string name) => SchemaOf(name).CreateInstance();

    public static object? Invoke(string type, string method) => Type(type).GetMethod(method)!.Invoke(null, null);

    private static Assembly Load()
    {
        var run = GeneratorRunner.Run(TestCompilation.Create([("Behaviour.cs", Source)], assemblyName: "Behaviour.Generated"));
        DiagnosticAssert.None(run.CompilationDiagnostics);
        using var stream = new MemoryStream();
        var result = run.OutputCompilation.Emit(stream);
        if (!result.Success)
        {
            throw new InvalidOperationException(string.Join("\n", result.Diagnostics));
        }

        stream.Position = 0;
        var assembly = new AssemblyLoadContext("SourceGenSync.Generators.Tests.Behaviour").LoadFromStream(stream);
        RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
        return assembly;
    }

    /// <summary>Sets a property through reflection (the generated types are only known at run time).</summary>
    public static void Set(object target, string property, object? value) =>
        target.GetType().GetProperty(property)!.SetValue(target, value);

    public static object? Get(object target, string property) =>
        target.GetType().GetProperty(property)!.GetValue(target);

    public static T Get<T>(object target, string property) => (T)Get(target, property)!;

    /// <summary>Every PropertyChanged raised by <paramref name="target"/> while it is watched.</summary>
    public static System.Collections.Generic.List<string?> Watch(IRealmObjectBase target)
    {
        var changes = new System.Collections.Generic.List<string?>();
        target.PropertyChanged += (_, e) => changes.Add(e.PropertyName);
        return changes;
    }

    public static string[] PropertyNames(ObjectSchema schema) => schema.Properties.Select(p => p.Name).ToArray();
}
