using System;
using System.Linq;
using SourceGenSync.Runtime.Tests.Models;

namespace SourceGenSync.Runtime.Tests.Sync;

/// <summary>Writes through the public API that together record every instruction kind on every kind of field.</summary>
internal static class SyncWorkload
{
    public static SyncItem NewItem(string id, string name) => new() { Id = id, Name = name };

    public static void CreateAll(Realm realm)
    {
        realm.Write(() =>
        {
            var full = new AllTypes
            {
                Key = "full", Flag = true, Byte = 200, Short = -3, Int = 42, Long = long.MinValue, Float = 1.25f, Double = double.NaN,
                Decimal = 1.500m, Text = "héllo", OptionalText = null, Data = [1, 2, 3], OptionalData = [],
                Date = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromMinutes(-150)),
                Timestamp = new DateTime(2023, 1, 2, 3, 4, 5, DateTimeKind.Local), Guid = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff"),
                ObjectId = ObjectId.Parse("0123456789abcdef01234567"), Color = Color.Blue, Mixed = RealmValue.Create(7.5m),
                OptionalFlag = false, OptionalInt = 5, OptionalLong = null, OptionalDouble = -0.25, OptionalDecimal = 0.10m,
                OptionalDate = DateTimeOffset.UnixEpoch, OptionalGuid = Guid.Empty, OptionalObjectId = null, OptionalColor = Color.Red,
                IntCounter = 3, LongCounter = 10,
            };
            full.Numbers.Add(1);
            full.Numbers.Add(2);
            full.MaybeStrings.Add(null);
            full.MaybeStrings.Add("x");
            full.Guids.Add(Guid.Parse("ffffffff-0000-0000-0000-000000000001"));
            full.Scores["a"] = 1.5;
            full.Attributes["int"] = 3;
            full.Attributes["text"] = "t";
            full.Attributes["date"] = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
            full.Attributes["null"] = RealmValue.Null;
            full.Attributes["bool"] = true;
            full.Attributes["guid"] = Guid.Parse("10000000-0000-0000-0000-000000000000");
            realm.Add(full);
            realm.Add(new AllTypes { Key = "empty", Text = "", Data = [] });

            var a = realm.Add(NewItem("a", "Ann"));
            var b = realm.Add(NewItem("b", "Bob"));
            var c = realm.Add(NewItem("c", "Cat"));
            a.Home = new SyncAddress { City = "Oslo", Geo = new SyncGeo { Lat = 59.9, Lon = 10.7 } };
            a.Home.Lines.Add("Karl Johans gate 1");
            for (var i = 0; i < 3; i++)
            {
                var address = new SyncAddress { City = "City" + i, Contact = i == 1 ? c : null };
                address.Lines.Add("line" + i);
                a.Addresses.Add(address);
            }

            a.Places["p"] = new SyncAddress { City = "P" };
            a.Places["r"] = new SyncAddress { City = "R" };
            a.Related.Add(b);
            a.Related.Add(c);
            a.Related.Add(c);
            a.Friends.Add(c);
            a.Friends.Add(b);
            a.Named["cat"] = c;
            a.Named["bob"] = b;
            a.Tags.Add("t1");
            a.Tags.Add("t2");
            a.Tags.Add("t3");
            a.Numbers.Add(1);
            a.Numbers.Add(2);
            a.Props["k"] = "v";
            a.Props["n"] = 1;
            b.Next = c;
            c.Next = a;

            realm.Add(new SyncNote { Id = ObjectId.Parse("000000000000000000000001"), Body = "the quick brown fox", Rank = 1 });
            realm.Add(new SyncNote { Id = ObjectId.Parse("000000000000000000000002"), Body = "lazy dog", Rank = 2 });
        });
    }

    public static void ModifyAll(Realm realm)
    {
        var a = realm.Find<SyncItem>("a")!;
        var b = realm.Find<SyncItem>("b")!;
        realm.Write(() =>
        {
            a.Name = "Anna";
            a.Count = 7;
            a.Score = 0.5;
            a.Hits.Increment(5);
            a.Next = b;
            a.Home!.Geo!.Lat = 1.5;
            a.Home.City = "Bergen";
            a.Home.Lines.Add("2nd line");
            a.Addresses[1].City = "Changed";
            a.Addresses[2].Lines.Add("more");
            a.Addresses[2].Geo = new SyncGeo { Lat = 2, Lon = 3 };
            a.Addresses.RemoveAt(0);
            a.Addresses.Insert(0, new SyncAddress { City = "Inserted" });
            a.Addresses[1] = new SyncAddress { City = "Replaced" };
            a.Places["p"]!.Geo = new SyncGeo { Lat = 4 };
            a.Places["p"]!.Lines.Add("pl");
            a.Places["q"] = null;
            a.Places.Remove("r");
            a.Tags.Move(0, 2);
            a.Tags[1] = "z";
            a.Numbers.Remove(1);
            a.Numbers.Add(9);
            a.Props["k"] = 2.5;
            a.Props.Remove("n");
            a.Score = null;
            b.Home = new SyncAddress { City = "Home of b", Geo = new SyncGeo { Lat = 5 } };
        });

        realm.Write(() =>
        {
            b.Home = new SyncAddress { City = "New home" }; // replaces (and deletes) the old one
            a.Hits.Increment(-2);
            a.Home!.Geo = null;
            b.Related.Add(a);
            b.Related.Clear();
            b.Tags.Add("x");
            b.Numbers.Add(3);
            b.Numbers.Clear();
            b.Props["m"] = "z";
            b.Props.Clear();

            var full = realm.Find<AllTypes>("full")!;
            full.IntCounter.Increment(4);
            full.LongCounter.Decrement(20);
            full.Numbers.Insert(0, 0);
            full.Numbers[2] = 22;
            full.MaybeStrings.RemoveAt(0);
            full.Guids.Clear();
            full.Scores["b"] = double.PositiveInfinity;
            full.Attributes["int"] = "now text";
            full.Mixed = RealmValue.Create(new byte[] { 9 });
            full.Timestamp = new DateTime(1999, 12, 31, 23, 59, 59, DateTimeKind.Utc);
            full.OptionalText = "set";

            var note = realm.Find<SyncNote>(ObjectId.Parse("000000000000000000000001"))!;
            note.Body = "the slow red fox";
            note.Rank = 10;
        });

        // Removing c clears the links to it first (recorded as their own instructions), then erases it.
        realm.Write(() =>
        {
            realm.Remove(realm.Find<SyncItem>("c")!);
            realm.Remove(realm.Find<SyncNote>(ObjectId.Parse("000000000000000000000002"))!);
            realm.Add(NewItem("d", "Dan"));
        });
        realm.Write(() => realm.Remove(realm.Find<SyncItem>("d")!));
    }

    /// <summary>The names of the instruction types in a change log (to check a workload covers them all).</summary>
    public static string[] InstructionKinds(System.Collections.Generic.IEnumerable<SourceGenSync.Changesets.Changeset> log) =>
        log.SelectMany(c => c.Instructions).Select(i => i.GetType().Name).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToArray();
}
