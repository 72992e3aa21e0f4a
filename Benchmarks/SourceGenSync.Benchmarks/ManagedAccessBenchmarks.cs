using BenchmarkDotNet.Attributes;
using SourceGenSync.Benchmarks.Models;

namespace SourceGenSync.Benchmarks;

/// <summary>Reading properties of a managed object (a state check and a field read) against an unmanaged one.</summary>
[MemoryDiagnoser]
public class ManagedGetBenchmarks
{
    private TempFolder _folder = null!;
    private Realm _realm = null!;
    private BenchItem _managed = null!;
    private BenchItem _unmanaged = null!;

    [GlobalSetup]
    public void Setup()
    {
        _folder = new TempFolder();
        _realm = Realm.Open(LocalData.Config(_folder.NewFile("get")));
        var data = new LocalData(1);
        _unmanaged = data.Item(0);
        _realm.Write(() => _realm.Add(data.Item(0)));
        _managed = _realm.Find<BenchItem>(data.Ids[0])!;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _realm.Dispose();
        _folder.Dispose();
    }

    [Benchmark(Baseline = true)]
    public long UnmanagedGetLong() => _unmanaged.Quantity;

    [Benchmark]
    public long ManagedGetLong() => _managed.Quantity;

    [Benchmark]
    public string ManagedGetString() => _managed.Name;

    [Benchmark]
    public ObjectId ManagedGetObjectId() => _managed.Id;
}

/// <summary>
/// Setting a property of a managed object inside a write transaction: a prepared UPDATE plus a SetField
/// instruction. Each iteration runs in its own transaction, rolled back after, so the recorder stays small.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(16_384)]
public class ManagedSetBenchmarks
{
    private TempFolder _folder = null!;
    private Realm _realm = null!;
    private BenchItem _managed = null!;
    private Transaction? _transaction;
    private long _value;

    [GlobalSetup]
    public void Setup()
    {
        _folder = new TempFolder();
        _realm = Realm.Open(LocalData.Config(_folder.NewFile("set")));
        var data = new LocalData(1);
        _realm.Write(() => _realm.Add(data.Item(0)));
        _managed = _realm.Find<BenchItem>(data.Ids[0])!;
    }

    [IterationSetup]
    public void BeginWrite() => _transaction = _realm.BeginWrite();

    [IterationCleanup]
    public void RollBack() => _transaction?.Dispose();

    [GlobalCleanup]
    public void Cleanup()
    {
        _realm.Dispose();
        _folder.Dispose();
    }

    [Benchmark]
    public void ManagedSetLong() => _managed.Quantity = ++_value;

    [Benchmark]
    public void ManagedSetString() => _managed.Name = (++_value & 1) == 0 ? "even" : "odd";
}
