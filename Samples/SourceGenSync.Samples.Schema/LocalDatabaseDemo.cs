using System;
using System.IO;
using System.Linq;
using SchemaSample.Models;
using SourceGenSync;

namespace SchemaSample;

/// <summary>
/// The local database as an app uses it: open a realm file, add objects in a write transaction, watch a live
/// object and a live query, query with typed fields and with LINQ, and reopen the file. Runs in a temporary folder
/// that is deleted at the end.
/// </summary>
internal static class LocalDatabaseDemo
{
    public static void Run()
    {
        var folder = Path.Combine(Path.GetTempPath(), "sourcegensync-sample-" + Guid.NewGuid().ToString("N"));
        var config = new RealmConfiguration(Path.Combine(folder, "tasks.realm"));
        try
        {
            Console.WriteLine();
            Console.WriteLine($"Local database: {config.DatabasePath}");
            using (var realm = Realm.Open(config))
            {
                Populate(realm);
                WatchAndChange(realm);
                Query(realm);
            }

            using (var reopened = Realm.Open(config))
            {
                Console.WriteLine($"  reopened: {reopened.All<TaskItem>().Count()} tasks, {reopened.All<Project>().Count()} project(s) survived");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Populate(Realm realm)
    {
        var ada = new Person { Email = "ada@example.com", Name = "Ada" };
        var project = new Project { Id = ObjectId.GenerateNewId(), Name = "Launch", Office = new Address { Street = "1 Main St", City = "Springfield" } };
        project.Tags.Add("q3");
        realm.Write(() =>
        {
            // Adding the project adds every unmanaged object it reaches: its tasks and their assignee.
            for (var i = 1; i <= 5; i++)
            {
                project.Tasks.Add(new TaskItem { Id = ObjectId.GenerateNewId(), Title = $"Task {i}: write the docs", Priority = i, Assignee = i % 2 == 0 ? ada : null });
            }

            realm.Add(project);
        });
        Console.WriteLine($"  added 1 project with {project.Tasks.Count} tasks (managed: {project.IsManaged})");
    }

    private static void WatchAndChange(Realm realm)
    {
        var urgent = realm.All<TaskItem>().Where(f => f.Priority >= 4);
        using var token = urgent.AsRealmCollection().SubscribeForNotifications((sender, changes) =>
        {
            if (changes is not null)
            {
                Console.WriteLine($"  urgent tasks changed: {sender.Count} now; inserted [{string.Join(", ", changes.InsertedIndices)}], modified [{string.Join(", ", changes.NewModifiedIndices)}], deleted [{string.Join(", ", changes.DeletedIndices)}]");
            }
        });

        var first = realm.All<TaskItem>().OrderBy(f => f.Priority).First();
        first.PropertyChanged += (_, e) => Console.WriteLine($"  '{first.Title}' raised PropertyChanged({e.PropertyName}): priority {first.Priority}, views {first.Views}");
        realm.Write(() => first.Priority = 9);   // PropertyChanged and the query's notification follow the commit
        realm.Write(() => first.Views.Increment());
    }

    private static void Query(Realm realm)
    {
        var typed = realm.All<TaskItem>().Where(f => f.Priority >= 3 & f.Title.Contains("docs")).OrderByDescending(f => f.Priority);
        Console.WriteLine($"  typed query (priority >= 3, title contains 'docs'): {string.Join(", ", typed.ToList().Select(t => t.Title + " (" + t.Priority + ")"))}");

        var linq = realm.All<TaskItem>().Where(t => t.Assignee != null && t.Assignee.Name == "Ada").Select(t => t.Title).ToList();
        Console.WriteLine($"  LINQ (assigned to Ada): {string.Join(", ", linq)}");
        Console.WriteLine($"  average priority {realm.All<TaskItem>().Average(t => t.Priority):0.0}, views of all tasks {realm.All<TaskItem>().Sum(t => t.Views)}");
    }
}
