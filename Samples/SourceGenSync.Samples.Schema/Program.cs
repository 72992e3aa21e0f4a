using System;
using System.Globalization;
using System.Linq;
using SchemaSample.Models;
using SourceGenSync;
using SourceGenSync.Queries;
using SourceGenSync.Schema;

namespace SchemaSample;

/// <summary>
/// Prints the schema the generator produced for the models in Models/ (found through the registry the generated
/// module initializer filled, no reflection), then uses a few unmanaged objects and shows a typed query's text.
/// The generated code is in obj/&lt;configuration&gt;/net10.0/generated/.
/// </summary>
internal static class Program
{
    private static int Main()
    {
        PrintSchema();
        UseUnmanagedObjects();
        ShowTypedQuery();
        LocalDatabaseDemo.Run();
        return 0;
    }

    private static void PrintSchema()
    {
        var schemas = SchemaRegistry.All;
        Console.WriteLine($"Schema: {schemas.Count} classes (registered by the generated module initializer)");
        foreach (var schema in schemas)
        {
            Console.WriteLine();
            Console.WriteLine($"{schema.Kind} '{schema.Name}' ({schema.Type.FullName}), primary key: {schema.PrimaryKey?.Name ?? "none"}");
            Console.WriteLine($"  {"#",2}  {"property",-14} {"stored as",-14} {"type",-30} flags");
            foreach (var property in schema.Properties)
            {
                Console.WriteLine($"  {property.Index,2}  {property.Name,-14} {property.MappedName,-14} {Describe(property),-30} {Flags(property)}".TrimEnd());
            }
        }
    }

    private static string Describe(Property property)
    {
        var element = property.Type switch
        {
            PropertyType.Object when IsEmbedded(property.ObjectType) => $"embedded<{property.ObjectType}>",
            PropertyType.Object => $"link<{property.ObjectType}>",
            PropertyType.LinkingObjects => $"backlink<{property.ObjectType}.{property.LinkOriginProperty}>",
            PropertyType.Int when property.EnumType is not null => $"int (enum {property.EnumType.Split('.').Last()})",
            _ => property.Type.ToString().ToLowerInvariant(),
        };
        var nullable = property.IsNullable && property.Type != PropertyType.LinkingObjects ? "?" : string.Empty;
        return property.Collection switch
        {
            CollectionKind.List => $"list<{element}{nullable}>",
            CollectionKind.Set => $"set<{element}{nullable}>",
            CollectionKind.Dictionary => $"dictionary<string, {element}{nullable}>",
            _ => element + nullable,
        };
    }

    private static bool IsEmbedded(string? className) =>
        SchemaRegistry.All.Any(s => s.Name == className && s.Kind == ObjectSchemaKind.Embedded);

    private static string Flags(Property property)
    {
        string?[] flags =
        [
            property.IsPrimaryKey ? "primary key" : null,
            property.IndexType == IndexType.General ? "indexed" : null,
            property.IndexType == IndexType.FullText ? "full-text index" : null,
            property.IsCounter ? "counter" : null,
            property.IsComputed ? "computed" : null,
        ];
        return string.Join(", ", flags.Where(static f => f is not null));
    }

    private static void UseUnmanagedObjects()
    {
        Console.WriteLine();
        Console.WriteLine("Unmanaged objects (plain in-memory objects until added to a realm):");
        var alice = new Person { Email = "alice@example.com", Name = "Alice" };
        var task = new TaskItem { Id = ObjectId.GenerateNewId(), Title = "Write the sample", Priority = 2, Assignee = alice };
        task.Notes.Add(new Note { Text = "keep it short", CreatedAt = DateTimeOffset.UtcNow });
        var project = new Project { Id = ObjectId.GenerateNewId(), Name = "SourceGenSync", Office = new Address { Street = "1 Main St", City = "Springfield" } };
        project.Tasks.Add(task);
        project.Tags.Add("demo");
        project.Settings["theme"] = "dark";

        task.PropertyChanged += (_, e) => Console.WriteLine($"  PropertyChanged: {e.PropertyName}");
        task.State = TaskState.InProgress;
        task.State = TaskState.InProgress; // same value: no event
        task.Priority = 1;
        task.Views.Increment();
        task.Views.Increment(2);

        Console.WriteLine($"  task '{task.Title}' id {task.Id}: state {task.State}, priority {task.Priority}, views {task.Views}, managed: {task.IsManaged}");
        Console.WriteLine($"  project '{project.Name}' at {project.Office?.Street}: {project.Tasks.Count} task(s), tags [{string.Join(", ", project.Tags)}], settings {project.Settings.Count}");
        Console.WriteLine($"  {alice.Name} has {alice.AssignedTasks.Count()} assigned task(s) while unmanaged (backlinks fill in once stored)");
    }

    private static void ShowTypedQuery()
    {
        Console.WriteLine();
        Console.WriteLine("A typed query (fields are generated; a value of the wrong type does not compile):");
        var f = new TaskItem.Fields<TaskItem>(PropertyPath.Empty);
        var filter = (f.Priority >= 2 & f.Title.Contains("sample", caseSensitive: false)) | f.Assignee.Name == "Alice";
        var formatted = QueryText.Format(filter.Node);
        Console.WriteLine($"  text:      {formatted.Text}");
        Console.WriteLine($"  arguments: {string.Join(", ", formatted.Arguments.Select((a, i) => string.Create(CultureInfo.InvariantCulture, $"${i} = {a} ({a.Type})")))}");
    }
}
