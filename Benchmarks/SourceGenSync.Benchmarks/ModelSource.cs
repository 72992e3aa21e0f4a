using System.Globalization;
using System.Text;

namespace SourceGenSync.Benchmarks;

/// <summary>Writes the in-memory model files the generator benchmarks compile: one class per file, as users write them.</summary>
internal static class ModelSource
{
    /// <summary>
    /// Model <paramref name="index"/> of <paramref name="count"/>: scalars, an index, a link to the next model (a ring),
    /// the backlink from the previous one, collections, a counter, and one ordinary method whose body the
    /// incremental scenario edits. <paramref name="bodyVersion"/> changes only that method body.
    /// </summary>
    public static string Model(int index, int count, int bodyVersion = 0)
    {
        var next = (index + 1) % count;
        var previous = (index + count - 1) % count;
        var text = new StringBuilder();
        text.AppendLine("using System;");
        text.AppendLine("using System.Collections.Generic;");
        text.AppendLine("using System.Linq;");
        text.AppendLine("using SourceGenSync;");
        text.AppendLine();
        text.AppendLine("namespace Bench.Models;");
        text.AppendLine();
        text.AppendLine("[RealmObject]");
        text.AppendLine(CultureInfo.InvariantCulture, $"public partial class Model{index}");
        text.AppendLine("{");
        text.AppendLine("    [PrimaryKey, MapTo(\"_id\")] public partial ObjectId Id { get; set; }");
        text.AppendLine("    public partial string Name { get; set; }");
        text.AppendLine("    [Indexed] public partial int Rank { get; set; }");
        text.AppendLine("    public partial double Score { get; set; }");
        text.AppendLine("    public partial bool IsActive { get; set; }");
        text.AppendLine("    public partial DateTimeOffset? UpdatedAt { get; set; }");
        text.AppendLine("    public partial Guid? ExternalId { get; set; }");
        text.AppendLine(CultureInfo.InvariantCulture, $"    public partial Model{next}? Next {{ get; set; }}");
        text.AppendLine("    public partial IList<string> Tags { get; }");
        text.AppendLine("    public partial IDictionary<string, long> Totals { get; }");
        text.AppendLine("    public partial RealmInteger<long> Views { get; set; }");
        text.AppendLine(CultureInfo.InvariantCulture, $"    [Backlink(nameof(Model{previous}.Next))] public partial IQueryable<Model{previous}> Previous {{ get; }}");
        text.AppendLine(CultureInfo.InvariantCulture, $"    public int Compute() => Rank * {bodyVersion + 2};");
        text.AppendLine("}");
        return text.ToString();
    }
}
