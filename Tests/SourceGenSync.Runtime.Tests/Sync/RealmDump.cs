using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using SourceGenSync.Runtime.Tests.Models;

namespace SourceGenSync.Runtime.Tests.Sync;

/// <summary>
/// A canonical text form of a realm's content read through the public API (objects sorted by primary key, every
/// property, embedded objects inline, links by target key, set members sorted): two realms with equal dumps hold
/// the same data.
/// </summary>
internal static class RealmDump
{
    private static readonly HashSet<string> s_skipped = ["ObjectSchema", "IsManaged", "IsValid", "Realm", "IsFrozen"];

    public static string Of(Realm realm)
    {
        var text = new StringBuilder();
        Append<SyncItem>(realm, text, o => o.Id);
        Append<SyncNote>(realm, text, o => o.Id.ToString());
        Append<AllTypes>(realm, text, o => o.Key);
        return text.ToString();
    }

    private static void Append<T>(Realm realm, StringBuilder text, Func<T, string> key)
        where T : class, IRealmObject
    {
        foreach (var obj in realm.All<T>().ToList().OrderBy(key, StringComparer.Ordinal))
        {
            text.Append(typeof(T).Name).Append(' ').Append(key(obj)).Append(": ").Append(Object(obj)).Append('\n');
        }
    }

    private static string Object(object obj)
    {
        var parts = new List<string>();
        foreach (var property in obj.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        {
            if (s_skipped.Contains(property.Name) || property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            parts.Add(property.Name + "=" + Value(property.GetValue(obj)));
        }

        return "{" + string.Join(", ", parts) + "}";
    }

    private static string Value(object? value)
    {
        switch (value)
        {
            case null:
                return "null";
            case string s:
                return "\"" + s + "\"";
            case byte[] bytes:
                return "0x" + Convert.ToHexString(bytes);
            case IEmbeddedObject embedded:
                return Object(embedded);
            case IRealmObject linked:
                var pk = linked.ObjectSchema.PrimaryKey;
                return "->" + (pk is null ? "?" : Value(linked.GetType().GetProperty(pk.Name)!.GetValue(linked)));
            case RealmValue mixed:
                return mixed.Type + ":" + (mixed.IsNull ? "null" : Value(mixed.Type switch
                {
                    RealmValueType.Int => mixed.AsInt64(),
                    RealmValueType.Bool => mixed.AsBool(),
                    RealmValueType.String => mixed.AsString(),
                    RealmValueType.Data => mixed.AsData(),
                    RealmValueType.Date => mixed.AsDate(),
                    RealmValueType.Float => mixed.AsFloat(),
                    RealmValueType.Double => mixed.AsDouble(),
                    RealmValueType.Decimal => mixed.AsDecimal(),
                    RealmValueType.ObjectId => mixed.AsObjectId(),
                    RealmValueType.Guid => mixed.AsGuid(),
                    _ => mixed.ToString(),
                }));
            case DateTimeOffset date:
                return date.UtcTicks + "@" + date.Offset.TotalMinutes;
            case DateTime dateTime:
                return dateTime.Ticks + ":" + dateTime.Kind;
            case double d:
                return d.ToString("R", CultureInfo.InvariantCulture);
            case float f:
                return f.ToString("R", CultureInfo.InvariantCulture);
            case decimal m:
                return m.ToString(CultureInfo.InvariantCulture);
            case IFormattable formattable when value.GetType().IsPrimitive || value.GetType().IsEnum:
                return formattable.ToString(null, CultureInfo.InvariantCulture);
            case IDictionary dictionary:
                var entries = new List<string>();
                foreach (DictionaryEntry entry in dictionary)
                {
                    entries.Add(Value(entry.Key) + ":" + Value(entry.Value));
                }

                entries.Sort(StringComparer.Ordinal);
                return "{" + string.Join(", ", entries) + "}";
            case IEnumerable enumerable when IsDictionary(value):
                var pairs = new List<string>();
                foreach (var item in enumerable)
                {
                    var type = item!.GetType();
                    pairs.Add(Value(type.GetProperty("Key")!.GetValue(item)) + ":" + Value(type.GetProperty("Value")!.GetValue(item)));
                }

                pairs.Sort(StringComparer.Ordinal);
                return "{" + string.Join(", ", pairs) + "}";
            case IEnumerable enumerable:
                var items = enumerable.Cast<object?>().Select(Value).ToList();
                if (IsSet(value))
                {
                    items.Sort(StringComparer.Ordinal);
                }

                return "[" + string.Join(", ", items) + "]";
            default:
                return value.ToString() ?? "";
        }
    }

    private static bool IsSet(object value) =>
        value.GetType().GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ISet<>));

    private static bool IsDictionary(object value) =>
        value.GetType().GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
}
