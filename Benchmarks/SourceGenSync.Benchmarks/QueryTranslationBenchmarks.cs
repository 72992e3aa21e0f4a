using System;
using System.Linq;
using System.Linq.Expressions;
using BenchmarkDotNet.Attributes;
using SourceGenSync.Benchmarks.Models;
using SourceGenSync.Internal.Queries;
using SourceGenSync.Internal.Storage;
using SourceGenSync.Queries;

namespace SourceGenSync.Benchmarks;

/// <summary>
/// Query translation without execution: a LINQ expression to a query model (LinqTranslator) and to SQL
/// (SqlQueryCompiler), and a typed-field filter to SQL.
/// </summary>
[MemoryDiagnoser]
public class QueryTranslationBenchmarks
{
    private readonly BenchItem.Fields<BenchItem> _fields = new(PropertyPath.Empty);
    private TempFolder _folder = null!;
    private Realm _realm = null!;
    private StorageLayout _layout = null!;
    private Expression _linq = null!;
    private QueryModel _model = null!;

    [GlobalSetup]
    public void Setup()
    {
        _folder = new TempFolder();
        _realm = Realm.Open(LocalData.Config(_folder.NewFile("translate")));
        _layout = _realm.Layout;

        // Built by hand: Queryable.Where on realm results translates at once and keeps only the resulting query.
        var root = _realm.All<BenchItem>().Expression;
        Expression<Func<BenchItem, bool>> filter = x => x.Quantity > 5 && x.Name.StartsWith("item") || x.IsActive;
        Expression<Func<BenchItem, double>> order = x => x.Price;
        var where = Expression.Call(typeof(Queryable), nameof(Queryable.Where), [typeof(BenchItem)], root, Expression.Quote(filter));
        _linq = Expression.Call(typeof(Queryable), nameof(Queryable.OrderByDescending), [typeof(BenchItem), typeof(double)], where, Expression.Quote(order));
        _model = Translate().Model;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _realm.Dispose();
        _folder.Dispose();
    }

    // Results are returned as object/string: the query types are internal to the runtime.
    [Benchmark]
    public object LinqToModel() => Translate();

    [Benchmark]
    public string LinqToSql() => SqlQueryCompiler.CompileSelect(_layout, Translate().Model).Text;

    [Benchmark]
    public string ModelToSql() => SqlQueryCompiler.CompileSelect(_layout, _model).Text;

    [Benchmark]
    public string TypedFieldsToSql()
    {
        var filter = (_fields.Quantity > 5 & _fields.Name.StartsWith("item")) | _fields.IsActive == true;
        return SqlQueryCompiler.CompileSelect(_layout, QueryModel.All(BenchItem.Schema.Name).Where(filter.Node)).Text;
    }

    private TranslatedQuery Translate() => LinqTranslator.Translate(_layout, _linq);
}
