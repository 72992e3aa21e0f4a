using System;

namespace SourceGenSync.Runtime.Tests.Database;

public sealed class ScratchTests
{
    [Fact]
    public void Scratch()
    {
        using var temp = new TempRealm();
        var realm = temp.Open();
        var local = new DateTime(2022, 1, 15, 10, 0, 0, DateTimeKind.Local);
        var node = new DbNode { Name = "n", When = local };
        realm.Write(() =>
        {
            realm.Add(node);
            Console.WriteLine("in write: " + node.When.Kind);
        });
        Console.WriteLine("after write: " + node.When.Kind);
        Assert.Fail("after write: " + node.When.Kind);
    }
}
