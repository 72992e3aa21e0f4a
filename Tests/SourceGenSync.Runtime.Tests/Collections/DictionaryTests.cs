using System;
using System.Collections.Generic;
using System.Linq;

namespace SourceGenSync.Runtime.Tests.Collections;

public sealed class DictionaryTests : IDisposable
{
    private readonly TempRealm _temp = new();
    private readonly Realm _realm;
    private readonly CollHolder _holder;

    public DictionaryTests()
    {
        _realm = _temp.Open();
        _holder = _realm.Write(() => _realm.Add(new CollHolder { Id = "h" }));
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Indexer_set_adds_a_new_key_and_replaces_an_existing_value()
    {
        _realm.Write(() => _holder.IntMap["a"] = 1);
        _realm.Write(() => _holder.IntMap["a"] = 2);

        Assert.Equal(2, _holder.IntMap["a"]);
        Assert.Single(_holder.IntMap);
        Assert.Equal(1, _temp.Count("SELECT count(*) FROM \"class_CollHolder.IntMap\""));
    }

    [Fact]
    public void Add_refuses_an_existing_key()
    {
        _realm.Write(() => _holder.IntMap.Add("a", 1));

        _realm.Write(() => Assert.Throws<ArgumentException>(() => _holder.IntMap.Add("a", 2)));
        Assert.Equal(1, _holder.IntMap["a"]);
    }

    [Fact]
    public void Null_keys_are_rejected()
    {
        _realm.Write(() =>
        {
            Assert.Throws<ArgumentNullException>(() => _holder.IntMap[null!] = 1);
            Assert.Throws<ArgumentNullException>(() => _holder.IntMap.Add(null!, 1));
        });
        Assert.Throws<ArgumentNullException>(() => _holder.IntMap.ContainsKey(null!));
    }

    [Fact]
    public void Missing_keys_throw_KeyNotFoundException_and_TryGetValue_reports_them()
    {
        Assert.Throws<KeyNotFoundException>(() => _holder.IntMap["nope"]);
        Assert.False(_holder.IntMap.TryGetValue("nope", out _));
        Assert.False(_holder.IntMap.ContainsKey("nope"));
    }

    [Fact]
    public void Remove_deletes_the_entry_and_reports_whether_it_existed()
    {
        _realm.Write(() =>
        {
            _holder.IntMap["a"] = 1;
            _holder.IntMap["b"] = 2;
        });

        Assert.True(_realm.Write(() => _holder.IntMap.Remove("a")));
        Assert.False(_realm.Write(() => _holder.IntMap.Remove("a")));
        Assert.False(_realm.Write(() => _holder.IntMap.Remove(new KeyValuePair<string, int>("b", 3))));
        Assert.True(_realm.Write(() => _holder.IntMap.Remove(new KeyValuePair<string, int>("b", 2))));
        Assert.Empty(_holder.IntMap);
    }

    [Fact]
    public void Entries_keys_and_values_come_in_ordinal_key_order()
    {
        _realm.Write(() =>
        {
            _holder.IntMap["b"] = 2;
            _holder.IntMap["a"] = 1;
            _holder.IntMap["C"] = 3;
        });

        Assert.Equal(["C", "a", "b"], _holder.IntMap.Keys);
        Assert.Equal([3, 1, 2], _holder.IntMap.Values);
        Assert.Equal([new("C", 3), new("a", 1), new KeyValuePair<string, int>("b", 2)], _holder.IntMap.ToList());
        Assert.Contains(new KeyValuePair<string, int>("a", 1), _holder.IntMap);
        Assert.DoesNotContain(new KeyValuePair<string, int>("a", 2), _holder.IntMap);
    }

    [Fact]
    public void Clear_removes_every_entry()
    {
        _realm.Write(() =>
        {
            _holder.StringMap["x"] = "1";
            _holder.StringMap["y"] = null;
        });
        _realm.Write(() => _holder.StringMap.Clear());

        Assert.Empty(_holder.StringMap);
    }

    [Fact]
    public void The_dictionary_is_also_a_read_only_dictionary()
    {
        _realm.Write(() => _holder.IntMap["k"] = 9);
        var readOnly = (IReadOnlyDictionary<string, int>)_holder.IntMap;

        Assert.Equal(9, readOnly["k"]);
        Assert.Equal(["k"], readOnly.Keys);
        Assert.Equal(9, readOnly.GetValueOrDefault("k"));
    }
}
