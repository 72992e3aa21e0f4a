using System.Globalization;
using Spectre.Console;
using SyncDemo.Models;

namespace SyncDemo;

/// <summary>The fields the offline step touches, as each device sees them, shown side by side.</summary>
internal sealed record OfflineView(
    string TitleA, string TitleB, long ViewsA, long ViewsB, string StatusA, string StatusB,
    bool DeletedExistsA, bool DeletedExistsB, bool AddedExistsA, bool AddedExistsB)
{
    public long ViewsBefore { get; init; }

    public static OfflineView Of(Device a, Device b)
    {
        var conflictedA = a.Realm.Find<TodoItem>("todo-00001")!;
        var conflictedB = b.Realm.Find<TodoItem>("todo-00001")!;
        return new OfflineView(
            conflictedA.Title, conflictedB.Title, conflictedA.Views.Value, conflictedB.Views.Value,
            a.Realm.Find<TodoItem>("todo-00002")!.Status, b.Realm.Find<TodoItem>("todo-00002")!.Status,
            a.Realm.Find<TodoItem>("todo-00003") is not null, b.Realm.Find<TodoItem>("todo-00003") is not null,
            a.Realm.Find<TodoItem>("todo-from-a") is not null, b.Realm.Find<TodoItem>("todo-from-a") is not null);
    }

    public Table Table(string caption)
    {
        var table = Ui.NewTable("field", "device A", "device B");
        table.Caption(caption);
        Ui.Row(table, "todo-00001.Title (both edit it)", TitleA, TitleB);
        Ui.Row(table, "todo-00001.Views (counter: A +2, B +3)", ViewsA.ToString(CultureInfo.InvariantCulture), ViewsB.ToString(CultureInfo.InvariantCulture));
        Ui.Row(table, "todo-00002.Status (B marks done)", StatusA, StatusB);
        Ui.Row(table, "todo-00003 (A edits, B deletes)", Exists(DeletedExistsA), Exists(DeletedExistsB));
        Ui.Row(table, "todo-from-a (A adds)", Exists(AddedExistsA), Exists(AddedExistsB));
        return table;
    }

    private static string Exists(bool exists) => exists ? "exists" : "—";
}
