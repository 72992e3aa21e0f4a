using System;
using System.Linq;
using System.Threading.Tasks;
using SourceGenSync.Sync.Tests.Models;

namespace SourceGenSync.Sync.Tests.Sessions;

internal static class SyncHelpers
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>Every realm uploads everything, then every realm downloads everything, then refreshes.</summary>
    public static async Task SyncAllAsync(params Realm[] realms)
    {
        foreach (var realm in realms)
        {
            Assert.True(await realm.SyncSession.WaitForUploadAsync(Deadline), $"upload of {realm.Config.DatabasePath} within {Deadline}");
        }

        foreach (var realm in realms)
        {
            Assert.True(await realm.SyncSession.WaitForDownloadAsync(Deadline), $"download of {realm.Config.DatabasePath} within {Deadline}");
            realm.Refresh();
        }
    }

    public static Item AddItem(Realm realm, string name, int quantity = 0) =>
        realm.Write(() => realm.Add(new Item { Id = ObjectId.GenerateNewId(), Name = name, Quantity = quantity }));

    public static Item? FindItem(Realm realm, ObjectId id) => realm.Find<Item>(id);

    public static string[] Names(Realm realm) => realm.All<Item>().ToList().Select(i => i.Name).Order(StringComparer.Ordinal).ToArray();
}
