using System;
using System.Linq;
using SourceGenSync.Merge;

namespace SourceGenSync.Runtime.Tests.Sync;

/// <summary>
/// Random concurrent writes through the public API on two client files, then one client integrates the other's
/// uploads: its tables must equal the server order (base, the other's changes, its own transformed uploads) applied
/// to a fresh file, and the documents of the protocol's own merge must agree (TP1).
/// </summary>
public sealed class RandomConvergenceTests : IDisposable
{
    private readonly SyncTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    internal static void Seed(Realm realm) => realm.Write(() =>
    {
        for (var i = 0; i < 4; i++)
        {
            var item = realm.Add(SyncWorkload.NewItem("i" + i, "item " + i));
            item.Home = new SyncAddress { City = "home" + i };
            item.Addresses.Add(new SyncAddress { City = "addr" + i });
            item.Tags.Add("tag" + i);
            item.Numbers.Add(i);
            item.Props["p"] = i;
        }
    });

    internal static void RandomWrites(Realm realm, Random random, string who)
    {
        for (var t = 0; t < 4; t++)
        {
            realm.Write(() =>
            {
                for (var op = 0; op < 5; op++)
                {
                    var items = realm.All<SyncItem>().ToList();
                    if (items.Count == 0)
                    {
                        realm.Add(SyncWorkload.NewItem(who + t + op, "new"));
                        continue;
                    }

                    var item = items[random.Next(items.Count)];
                    var other = items[random.Next(items.Count)];
                    switch (random.Next(18))
                    {
                        case 0: item.Name = who + random.Next(100); break;
                        case 1: item.Count = random.Next(1000); break;
                        case 2: item.Hits.Increment(random.Next(1, 5)); break;
                        case 3: item.Tags.Insert(random.Next(item.Tags.Count + 1), who + random.Next(100)); break;
                        case 4 when item.Tags.Count > 0: item.Tags.RemoveAt(random.Next(item.Tags.Count)); break;
                        case 5 when item.Tags.Count > 0: item.Tags[random.Next(item.Tags.Count)] = who + "set"; break;
                        case 6: item.Numbers.Add(random.Next(6)); break;
                        case 7: item.Numbers.Remove(random.Next(6)); break;
                        case 8: item.Props["k" + random.Next(3)] = who + random.Next(10); break;
                        case 9: item.Props.Remove("k" + random.Next(3)); break;
                        case 10: item.Home = random.Next(3) == 0 ? null : new SyncAddress { City = who + "home" }; break;
                        case 11 when item.Home is not null: item.Home.City = who + "city"; break;
                        case 12: item.Addresses.Insert(random.Next(item.Addresses.Count + 1), new SyncAddress { City = who + "addr" }); break;
                        case 13 when item.Addresses.Count > 0: item.Addresses[random.Next(item.Addresses.Count)].City = who + "edit"; break;
                        case 14: item.Related.Add(other); break;
                        case 15: item.Next = other; break;
                        case 16: realm.Add(SyncWorkload.NewItem(who + t + "-" + op, who)); break;
                        case 17 when items.Count > 2: realm.Remove(other); break;
                        default: item.Score = random.NextDouble(); break;
                    }
                }
            });
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Random_concurrent_writes_converge(int seed)
    {
        var scenario = new SyncScenario(_files, Seed);
        var random = new Random(seed);
        scenario.WriteRemote(realm => RandomWrites(realm, random, "R"));
        scenario.WriteLocal(realm => RandomWrites(realm, random, "L"));
        if (seed % 2 == 0)
        {
            scenario.WriteRemote(realm => RandomWrites(realm, random, "S"));
        }

        var local = SyncScenario.Uploads(scenario.Local);
        var download = scenario.RemoteUploadsAsDownload(out var remote);

        var result = scenario.Local.Integrate([download]);

        var (clientDocuments, pending) = scenario.Oracle(local, remote);
        var uploads = SyncScenario.Uploads(scenario.Local);
        Assert.Equal(pending.Select(p => p.Changeset.Instructions.ToList()), uploads.Select(u => u.Instructions.ToList()));
        Assert.Equal(0, result.InstructionsSkipped);
        var server = scenario.BaseDocuments();
        foreach (var changeset in remote.Concat(uploads))
        {
            Assert.Equal(0, InstructionApplier.Apply(changeset, server).Skipped);
        }

        Assert.True(server.Equals(clientDocuments), server.Dump() + "\n----\n" + clientDocuments.Dump());
        Assert.Equal(0, _files.ApplyTo("server", scenario.Base.Concat(remote).Concat(uploads).SelectMany(c => c.Instructions)));
        Assert.Equal(_files.Dump("server"), _files.Dump("local"));
    }
}
