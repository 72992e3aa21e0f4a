using System;
using System.IO;
using System.Linq;
using SourceGenSync.Runtime.Tests.Models;

namespace SourceGenSync.Runtime.Tests.Database;

public sealed class SmokeTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sgs-smoke-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private RealmConfiguration Config() => new(Path.Combine(_folder, "smoke.realm")) { Schema = [AllTypes.Schema] };

    [Fact]
    public void Scalar_object_round_trips_through_a_reopened_file()
    {
        var id = ObjectId.GenerateNewId();
        using (var realm = Realm.Open(Config()))
        {
            realm.Write(() => realm.Add(new AllTypes { Key = "a", Int = 42, Text = "hello", ObjectId = id, Date = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)), Decimal = 1.25m, Mixed = "mixed" }));
            var found = realm.Find<AllTypes>("a")!;
            Assert.Equal(42, found.Int);
            realm.Write(() => found.Int = 43);
            Assert.Equal(43, found.Int);
        }

        using (var realm = Realm.Open(Config()))
        {
            var found = realm.Find<AllTypes>("a")!;
            Assert.Equal(43, found.Int);
            Assert.Equal("hello", found.Text);
            Assert.Equal(id, found.ObjectId);
            Assert.Equal(TimeSpan.FromHours(2), found.Date.Offset);
            Assert.Equal(1.25m, found.Decimal);
            Assert.Equal("mixed", found.Mixed.AsString());
            Assert.Single(realm.All<AllTypes>());
            Assert.Equal(1, realm.All<AllTypes>().Count());
            Assert.Equal(43, realm.All<AllTypes>().Where(t => t.Int > 40).First().Int);
        }
    }
}
